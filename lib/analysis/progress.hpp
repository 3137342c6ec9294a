#pragma once
// Indicator progress: where an indicator stands on the as-of date, from
// what was known then (measurements dated after it are ignored). Pure; the
// one source of every status that gap-analysis, report and list show.
//
// Every date stands for the end of its period ("2024" is 31 Dec 2024, a
// target for 2030 is due 31 Dec 2030). The baseline is `baseline` (dated by
// its date, else by the first measurement's); without one the first
// measurement serves. The expected value at the latest measurement's date is
// read off the line through the baseline and the numeric targets in year
// order (2030 → 2050); after the last target it is the last target.
//   ratio = (latest − baseline) / (expected − baseline)
// A target whose date is on or before the as-of date has passed: it is
// achieved when the latest value known is at or beyond it in the
// indicator's direction, else missed. When every target has passed, the
// indicator's status is that of the last one (achieved or missed);
// otherwise the ratio decides (on track ≥ on_track > at risk ≥ at_risk > off
// track), and a value at or beyond the target it is measured against is on
// track. A latest value older than stale_after_months before the as-of date
// is stale: its status stands, and says how old it is.
//
// With `progress_method: growth-rate` (Open SDG's method, from Statistics
// Canada), the expected values lie on the curve of constant growth from the
// baseline to the target, and
//   ratio = CAGR(baseline → latest) / CAGR(baseline → target)
// where CAGR(a → b) = (b / a)^(1 / years) − 1 and a value of 0 counts as
// 0.001; on track from 0.95 (unless analysis.on_track says otherwise), at
// risk from at_risk; below 0 (moving away from the target) is off track.
// Values below 0 cannot be judged so (not assessable).
//
// A qualitative indicator is judged the same way (linear only) on the ranks of
// its levels on the plan's scale: 0 for the lowest, 1 for the next, ...
//
// A recurring target (`every: year`) is checked year by year instead: each
// target holds for every calendar year after the one before it (the first
// from the year after the baseline's, else from the first measurement's or
// target's year). A year's value is its periods added up (per-period) or its
// last value; the year is met when that reaches the target. Ended years are
// met or missed (no value: missed); the current year counts once met. When
// the last target's year has ended: achieved if every year was met, else
// missed; before: the latest year checked decides, met → on track (at risk if
// an earlier year was missed), missed → off track. No year checked: no data.
//
// A value is read as its indicator's `aggregation` says: a level or a
// cumulative total is compared with the line as it is; so is a per-period
// value, against targets that are per period too, and its periods are also
// added up (`total`). A ratio's value is its percentage (measured_value).
#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"

namespace actionplan {

enum class ProgressStatus {
  on_track,
  at_risk,
  off_track,
  achieved,
  missed,
  no_data,
  not_assessable
};

const char* progress_status_name(ProgressStatus status);  // "on-track", ..., "achieved", "missed"
// The words for people ("on track", "target achieved") are the plan's terms:
// StatusWords (analysis/rollup.hpp).

struct DatedNumber {
  Date date;
  double value = 0;
};

struct PassedTarget {
  int year = 0;
  double value = 0;
  bool achieved = false;
};

// One calendar year of a recurring target (`every: year`).
struct YearCheck {
  int year = 0;
  double target = 0;
  std::optional<double> value;  // the year's: its periods added up (per-period), else its last
  bool met = false;
};

struct IndicatorProgress {
  ProgressStatus status = ProgressStatus::no_data;
  std::string reason;  // for no_data and not_assessable: why, in words
  std::optional<DatedNumber> baseline;
  std::optional<DatedNumber> latest;
  std::optional<DatedNumber> next_target;  // the target the latest value is measured against
  std::optional<DatedNumber> upcoming;  // the first target after the as-of date, else the last one
  std::optional<double> expected;       // on the line, at the latest date
  // linear: (latest − baseline) / (expected − baseline); growth-rate: the growth
  // observed over the growth needed (Open SDG's R).
  std::optional<double> ratio;
  ProgressMethod method = ProgressMethod::linear;  // the one used
  // A per-period indicator's values known, added up; dated by the first of them.
  std::optional<DatedNumber> total;
  bool target_reached = false;       // the latest value is at or beyond next_target
  bool stale = false;                // the latest value is older than stale_after_months
  std::vector<PassedTarget> passed;  // targets due on or before the as-of date, in year order
  // `every: year`: each year checked, oldest first (ended ones, and the current
  // one once met); empty otherwise.
  std::vector<YearCheck> years;
};

IndicatorProgress indicator_progress(const Indicator& indicator, const AnalysisSettings& settings,
                                     const Date& as_of);

// The value the line expects at each measurement's date, in the order of
// `indicator.measurements`: nullopt for a measurement without a date, and for
// all without a baseline and a later target. Linear in the measurements.
// `method` is the one the indicator is judged by (IndicatorProgress::method),
// `scale` the plan's (qualitative indicators).
std::vector<std::optional<double>> expected_values(const Indicator& indicator,
                                                   ProgressMethod method,
                                                   const std::vector<std::string>& scale);

// Qualitative indicators: a level's rank on the plan's scale (0 = lowest), and
// back (the nearest level to a value on the line, e.g. an expected 1.4).
std::optional<double> rank(const std::vector<std::string>& scale, const std::string& level);
std::string level_at(const std::vector<std::string>& scale, double value);
// A measurement's value as progress reads it: a qualitative assessment's rank,
// else measured_value.
std::optional<double> progress_value(const Indicator& indicator, const Measurement& m,
                                     const std::vector<std::string>& scale);

// The method an indicator is judged by: its own, else the plan's.
ProgressMethod progress_method(const Indicator& indicator, const AnalysisSettings& settings);
// The ratio from which a value is on track: `analysis.on_track` when written, else
// the method's default (linear 0.9; growth-rate 0.95, Open SDG's).
double on_track_threshold(ProgressMethod method, const AnalysisSettings& settings);

// One part of a disaggregated indicator (measurements split `by:` a dimension).
struct PartProgress {
  std::string dimension;  // region, country, or a dimension of plan.yaml
  std::string part;       // africa
  IndicatorProgress progress;
};

// Each part's progress on `as_of`, in the order parts first appear. A part is
// judged like an indicator of its own: its values are the measurements' parts,
// its baseline the first of them, and its targets its own (`targets_by`), else
// the part's share of the indicator's targets (its first value over the value it
// is part of) for a count, the same targets for a share (unit `%`) or a ratio,
// which do not add up.
std::vector<PartProgress> part_progress(const Indicator& indicator,
                                        const AnalysisSettings& settings, const Date& as_of);

// A milestone on the as-of date: achieved (on or before it), overdue (its
// `due` date has passed), or due (later, or no due date).
enum class MilestoneStatus { achieved, overdue, due };
MilestoneStatus milestone_status(const Indicator& milestone, const Date& as_of);
const char* milestone_status_name(MilestoneStatus status);  // "achieved", "overdue", "due"

}  // namespace actionplan
