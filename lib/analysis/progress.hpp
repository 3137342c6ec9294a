#pragma once
// Indicator progress: where a numeric indicator stands against the straight
// line from its baseline to its targets. Pure; used by gap-analysis and report.
//
// Every date stands for the end of its period ("2024" is 31 Dec 2024, a
// target for 2030 is due 31 Dec 2030). The baseline is `baseline` (dated by
// its date, else by the first measurement's); without one the first
// measurement serves. The expected value at the latest measurement's date is
// read off the line through the baseline and the numeric targets in year
// order (2030 → 2050); after the last target it is the last target.
//   ratio = (latest − baseline) / (expected − baseline)
// The next target counts as reached (on track) when the latest value is at or
// beyond it in the indicator's direction.
#include <optional>
#include <string>

#include "model/records.hpp"

namespace actionplan {

enum class ProgressStatus { on_track, at_risk, off_track, no_data, not_assessable };

const char* progress_status_name(ProgressStatus status);  // "on-track", ...

struct DatedNumber {
  Date date;
  double value = 0;
};

struct IndicatorProgress {
  ProgressStatus status = ProgressStatus::no_data;
  std::string reason;  // for no_data and not_assessable: why, in words
  std::optional<DatedNumber> baseline;
  std::optional<DatedNumber> latest;
  std::optional<DatedNumber> next_target;  // the target the latest value is measured against
  std::optional<double> expected;          // on the line, at the latest date
  std::optional<double> ratio;
  bool target_reached = false;
};

IndicatorProgress indicator_progress(const Indicator& indicator, const AnalysisSettings& settings);

// The value the line expects at `date`; nullopt without a baseline and a later target.
std::optional<double> expected_value(const Indicator& indicator, const Date& date);

}  // namespace actionplan
