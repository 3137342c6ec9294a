#include "analysis/progress.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace actionplan {
namespace {

struct Point {
  long long day;
  double value;
  Date date;
};

Point point(const Date& date, double value) {
  return {day_number(date.last_day()), value, date};
}

// The measurements known on `as_of` (none dated after it).
std::vector<Point> measured(const Indicator& indicator, const std::vector<std::string>& scale,
                            const std::optional<Date>& as_of = std::nullopt) {
  std::vector<Point> out;
  for (const Measurement& m : indicator.measurements)
    if (const std::optional<double> value = progress_value(indicator, m, scale);
        m.date && value && !(as_of && is_after(m.date->value, *as_of)))
      out.push_back(point(m.date->value, *value));
  return out;
}

// A target as a number on the line: a numeric one's, a qualitative one's rank.
std::optional<double> target_value(const Indicator& indicator, const IndicatorTarget& target,
                                   const std::vector<std::string>& scale) {
  if (indicator.type.value == IndicatorType::qualitative) return rank(scale, target.text);
  return target.is_number ? target.number : std::nullopt;
}

bool reaches(const Indicator& indicator, double value, double target) {
  return indicator.direction == Direction::increase ? value >= target : value <= target;
}

// The baseline (explicit, else the first measurement), then the numeric
// targets after it in year order. Empty without a baseline.
std::vector<Point> expected_line(const Indicator& indicator, const std::vector<Point>& measurements,
                                 const std::vector<std::string>& scale) {
  std::vector<Point> line;
  const std::optional<double> base =
      !indicator.baseline ? std::nullopt
      : indicator.type.value == IndicatorType::qualitative && indicator.baseline->level
          ? rank(scale, indicator.baseline->level->value)
      : indicator.baseline->value ? std::optional<double>(indicator.baseline->value->value)
                                  : std::nullopt;
  if (base) {
    if (!indicator.baseline->date && measurements.empty()) return line;
    const Date date =
        indicator.baseline->date ? indicator.baseline->date->value : measurements.front().date;
    line.push_back(point(date, *base));
  } else if (!measurements.empty()) {
    line.push_back(measurements.front());
  } else {
    return line;
  }
  std::vector<Point> targets;
  for (const IndicatorTarget& t : indicator.targets)
    if (const std::optional<double> value = target_value(indicator, t, scale))
      targets.push_back(point(Date{t.year.value, 0, 0}, *value));
  std::sort(targets.begin(), targets.end(),
            [](const Point& a, const Point& b) { return a.day < b.day; });
  for (const Point& p : targets)
    if (p.day > line.back().day) line.push_back(p);
  return line;
}

// The segment of the line holding `day` (index of its end) and the value there.
std::pair<std::size_t, double> on_line(const std::vector<Point>& line, long long day) {
  std::size_t end = 1;
  while (end + 1 < line.size() && line[end].day < day) ++end;
  const Point& from = line[end - 1];
  const Point& to = line[end];
  if (day <= from.day) return {end, from.value};
  if (day >= to.day) return {end, to.value};
  const double done = static_cast<double>(day - from.day),
               span = static_cast<double>(to.day - from.day);
  const double value = from.value + (to.value - from.value) * done / span;
  // Near the limits of a double the form above overflows; this one cannot.
  return {end,
          std::isfinite(value) ? value : from.value * (1 - done / span) + to.value * (done / span)};
}

// Open SDG's growth-rate method counts a value of 0 as 0.001 (its model is exponential).
double growth_value(double value) {
  return value == 0 ? 0.001 : value;
}

constexpr double k_days_per_year = 365.2425;

// The segment holding `day` and the value there on the curve of constant growth
// between the line's points (straight where a point is below 0: no such curve).
std::pair<std::size_t, double> on_curve(const std::vector<Point>& line, long long day) {
  const auto [end, straight] = on_line(line, day);
  const Point& from = line[end - 1];
  const Point& to = line[end];
  if (day <= from.day || day >= to.day || from.value < 0 || to.value < 0) return {end, straight};
  const double done = static_cast<double>(day - from.day) / static_cast<double>(to.day - from.day);
  return {end, growth_value(from.value) *
                   std::pow(growth_value(to.value) / growth_value(from.value), done)};
}

std::pair<std::size_t, double> expected_at(const std::vector<Point>& line, long long day,
                                           ProgressMethod method) {
  return method == ProgressMethod::growth_rate ? on_curve(line, day) : on_line(line, day);
}

// Open SDG's ratio: the compound annual growth observed from the baseline to the
// latest value over the growth needed to reach the target on time; nullopt when
// no growth is needed (the target equals the baseline).
std::optional<double> growth_ratio(const Point& base, const Point& latest, const Point& target) {
  const double observed_years = static_cast<double>(latest.day - base.day) / k_days_per_year;
  const double needed_years = static_cast<double>(target.day - base.day) / k_days_per_year;
  if (observed_years <= 0 || needed_years <= 0) return std::nullopt;
  const double from = growth_value(base.value);
  const double observed = std::pow(growth_value(latest.value) / from, 1 / observed_years) - 1;
  const double needed = std::pow(growth_value(target.value) / from, 1 / needed_years) - 1;
  if (std::fabs(needed) < 1e-12) return std::nullopt;
  return observed / needed;
}

// `every: year`: each year from the first to the last target's, against the
// target that holds for it (see progress.hpp).
IndicatorProgress yearly_progress(const Indicator& indicator,
                                  const std::vector<Point>& measurements,
                                  const AnalysisSettings& settings, const Date& as_of) {
  const std::vector<std::string>& scale = settings.scale;
  IndicatorProgress out;
  if (!measurements.empty())
    out.latest = DatedNumber{measurements.back().date, measurements.back().value};
  out.stale =
      out.latest && add_months(out.latest->date.last_day(), settings.stale_after_months) < as_of;
  std::vector<std::pair<int, double>> targets;  // year, value: in year order
  for (const IndicatorTarget& t : indicator.targets)
    if (const std::optional<double> value = target_value(indicator, t, scale))
      targets.emplace_back(t.year.value, *value);
  std::sort(targets.begin(), targets.end());
  if (targets.empty()) {
    out.status = ProgressStatus::not_assessable;
    out.reason = "no target to check year by year";
    return out;
  }
  int first = targets.front().first;
  if (indicator.baseline && indicator.baseline->date)
    first = indicator.baseline->date->value.year + 1;
  else if (!measurements.empty())
    first = std::min(first, measurements.front().date.year);
  // Each year's value, in one pass: its periods added up, else its last value.
  std::map<int, double> by_year;
  for (const Point& m : measurements) {
    auto [it, added] = by_year.try_emplace(m.date.year, m.value);
    if (!added)
      it->second =
          indicator.aggregation == Aggregation::per_period ? it->second + m.value : m.value;
  }
  bool earlier_missed = false;
  std::size_t t = 0;
  for (int year = first; year <= targets.back().first; ++year) {
    while (targets[t].first < year) ++t;
    YearCheck check{year, targets[t].second, std::nullopt, false};
    if (auto it = by_year.find(year); it != by_year.end()) check.value = it->second;
    check.met = check.value && reaches(indicator, *check.value, check.target);
    const bool ended = !(as_of < Date{year, 12, 31});
    if (!ended && !check.met) break;  // the current year, not met yet; later ones
    if (!out.years.empty() && !out.years.back().met) earlier_missed = true;
    out.years.push_back(check);
    if (!ended) break;
  }
  for (const auto& [year, value] : targets)
    if (as_of < Date{year, 12, 31}) {
      out.upcoming = DatedNumber{Date{year, 0, 0}, value};
      break;
    }
  if (!out.upcoming)
    out.upcoming = DatedNumber{Date{targets.back().first, 0, 0}, targets.back().second};
  if (out.years.empty()) {
    out.status = ProgressStatus::no_data;
    out.reason = measurements.empty() ? "no measurements yet" : "no year to check yet";
    return out;
  }
  const YearCheck& last = out.years.back();
  out.next_target = DatedNumber{Date{last.year, 0, 0}, last.target};
  out.target_reached = last.met;
  const bool all_met =
      std::all_of(out.years.begin(), out.years.end(), [](const YearCheck& y) { return y.met; });
  if (last.year == targets.back().first && !(as_of < Date{last.year, 12, 31}))
    out.status = all_met ? ProgressStatus::achieved : ProgressStatus::missed;
  else if (!last.met)
    out.status = ProgressStatus::off_track;
  else
    out.status = earlier_missed ? ProgressStatus::at_risk : ProgressStatus::on_track;
  return out;
}

}  // namespace

ProgressMethod progress_method(const Indicator& indicator, const AnalysisSettings& settings) {
  if (indicator.type.value == IndicatorType::qualitative) return ProgressMethod::linear;
  return indicator.progress_method == ProgressMethod::plan ? settings.progress_method
                                                           : indicator.progress_method;
}

std::optional<double> rank(const std::vector<std::string>& scale, const std::string& level) {
  const auto it = std::find(scale.begin(), scale.end(), level);
  if (it == scale.end()) return std::nullopt;
  return static_cast<double>(it - scale.begin());
}

std::string level_at(const std::vector<std::string>& scale, double value) {
  if (scale.empty()) return "";
  const double at = std::clamp(std::round(value), 0.0, static_cast<double>(scale.size() - 1));
  return scale[static_cast<std::size_t>(at)];
}

std::optional<double> progress_value(const Indicator& indicator, const Measurement& m,
                                     const std::vector<std::string>& scale) {
  if (indicator.type.value == IndicatorType::qualitative)
    return m.level ? rank(scale, m.level->value) : std::nullopt;
  return measured_value(m);
}

double on_track_threshold(ProgressMethod method, const AnalysisSettings& settings) {
  if (method == ProgressMethod::growth_rate && !settings.given.count("on_track")) return 0.95;
  return settings.on_track;
}

std::vector<std::optional<double>> expected_values(const Indicator& indicator,
                                                   ProgressMethod method,
                                                   const std::vector<std::string>& scale) {
  std::vector<std::optional<double>> out(indicator.measurements.size());
  const std::vector<Point> line = expected_line(indicator, measured(indicator, scale), scale);
  if (line.size() < 2) return out;
  for (std::size_t k = 0; k < out.size(); ++k)
    if (const Measurement& m = indicator.measurements[k]; m.date)
      out[k] = expected_at(line, day_number(m.date->value.last_day()), method).second;
  return out;
}

const char* progress_status_name(ProgressStatus status) {
  switch (status) {
    case ProgressStatus::on_track:
      return "on-track";
    case ProgressStatus::at_risk:
      return "at-risk";
    case ProgressStatus::off_track:
      return "off-track";
    case ProgressStatus::achieved:
      return "achieved";
    case ProgressStatus::missed:
      return "missed";
    case ProgressStatus::no_data:
      return "no-data";
    case ProgressStatus::not_assessable:
      return "not-assessable";
  }
  return "";
}

IndicatorProgress indicator_progress(const Indicator& indicator, const AnalysisSettings& settings,
                                     const Date& as_of) {
  IndicatorProgress out;
  const std::vector<Point> measurements = measured(indicator, settings.scale, as_of);
  if (indicator.every.value == Recurrence::year)
    return yearly_progress(indicator, measurements, settings, as_of);
  if (measurements.empty()) {
    out.reason = "no measurements yet";
    return out;
  }
  const Point latest = measurements.back();
  out.latest = DatedNumber{latest.date, latest.value};
  if (indicator.aggregation == Aggregation::per_period) {  // the periods add up
    out.total = DatedNumber{measurements.front().date, 0};
    for (const Point& m : measurements) out.total->value += m.value;
  }
  out.stale = add_months(latest.date.last_day(), settings.stale_after_months) < as_of;
  const std::vector<Point> line = expected_line(indicator, measurements, settings.scale);
  const Point base = line.front();
  out.baseline = DatedNumber{base.date, base.value};
  if (line.size() < 2) {
    const bool any_target = std::any_of(
        indicator.targets.begin(), indicator.targets.end(),
        [&](const IndicatorTarget& t) { return target_value(indicator, t, settings.scale); });
    out.status = ProgressStatus::not_assessable;
    out.reason = any_target ? "no target after the baseline" : "no numeric target";
    return out;
  }
  const long long today = day_number(as_of);
  for (std::size_t k = 1; k < line.size(); ++k) {
    if (line[k].day <= today) {
      out.passed.push_back(
          {line[k].date.year, line[k].value, reaches(indicator, latest.value, line[k].value)});
    } else if (!out.upcoming) {
      out.upcoming = DatedNumber{line[k].date, line[k].value};
    }
  }
  if (!out.upcoming) out.upcoming = DatedNumber{line.back().date, line.back().value};

  out.method = progress_method(indicator, settings);
  const bool growth = out.method == ProgressMethod::growth_rate;
  const auto [end, expected] = expected_at(line, latest.day, out.method);
  const Point& to = line[end];
  out.expected = expected;
  out.next_target = DatedNumber{to.date, to.value};
  out.target_reached = reaches(indicator, latest.value, to.value);
  if (growth && (base.value < 0 || latest.value < 0 || to.value < 0)) {
    out.status = ProgressStatus::not_assessable;
    out.reason = "the growth-rate method needs values of 0 or more";
    return out;
  }
  const double denominator = expected - base.value;
  if (growth)
    out.ratio = growth_ratio(base, latest, to);
  else if (std::fabs(denominator) > 1e-12)
    out.ratio = (latest.value - base.value) / denominator;

  if (out.passed.size() == line.size() - 1) {  // every target has passed: achieved or missed
    out.status = out.passed.back().achieved ? ProgressStatus::achieved : ProgressStatus::missed;
  } else if (out.target_reached) {
    out.status = ProgressStatus::on_track;
  } else if (!out.ratio && latest.day > base.day) {
    out.status = ProgressStatus::off_track;  // a target equal to the baseline, and below it
    out.reason = "below a target that equals the baseline";
  } else if (!out.ratio) {
    out.status = ProgressStatus::not_assessable;
    out.reason = measurements.size() == 1 && !indicator.baseline
                     ? "a single measurement and no baseline: no trend yet"
                     : "the latest value is from the baseline date";
  } else if (*out.ratio >= on_track_threshold(out.method, settings)) {
    out.status = ProgressStatus::on_track;
  } else if (*out.ratio >= settings.at_risk) {
    out.status = ProgressStatus::at_risk;
  } else {
    out.status = ProgressStatus::off_track;
  }
  return out;
}

std::vector<PartProgress> part_progress(const Indicator& indicator,
                                        const AnalysisSettings& settings, const Date& as_of) {
  std::vector<PartProgress> out;
  if (indicator.type.value == IndicatorType::qualitative) return out;
  struct Series {
    std::string dimension, part;
    Indicator indicator;  // the part as an indicator of its own
    double share = 1;     // of the targets
  };
  std::vector<Series> series;
  std::map<std::pair<std::string, std::string>, std::size_t> at;  // (dimension, part) → series
  const bool additive = !(indicator.unit && indicator.unit->value == "%");
  for (const Measurement& m : indicator.measurements) {
    if (!m.date || is_after(m.date->value, as_of)) continue;
    for (const Breakdown& b : m.by)
      for (const Part& p : b.parts) {
        auto [found, added] = at.try_emplace({b.dimension.value, p.name.value}, series.size());
        if (added) {
          Series s{b.dimension.value, p.name.value, {}, 1};
          s.indicator.type = indicator.type;
          s.indicator.direction = indicator.direction;
          s.indicator.aggregation = indicator.aggregation;
          s.indicator.every = indicator.every;
          s.indicator.progress_method = indicator.progress_method;
          const std::optional<double> whole = measured_value(m);
          if (additive && !m.numerator && whole && *whole != 0) s.share = p.value.value / *whole;
          const auto own = std::find_if(
              indicator.targets_by.begin(), indicator.targets_by.end(), [&](const PartTargets& t) {
                return t.dimension.value == b.dimension.value && t.part.value == p.name.value;
              });
          s.indicator.targets =
              own != indicator.targets_by.end() ? own->targets : indicator.targets;
          if (own == indicator.targets_by.end())
            for (IndicatorTarget& t : s.indicator.targets)
              if (t.number) t.number = *t.number * s.share;
          series.push_back(std::move(s));
        }
        Measurement part;
        part.date = m.date;
        part.value = p.value;
        series[found->second].indicator.measurements.push_back(std::move(part));
      }
  }
  // Each dimension's parts together, dimensions in the order they first appear.
  std::map<std::string, std::size_t> first_seen;
  for (const Series& s : series) first_seen.try_emplace(s.dimension, first_seen.size());
  std::stable_sort(series.begin(), series.end(), [&](const Series& a, const Series& b) {
    return first_seen[a.dimension] < first_seen[b.dimension];
  });
  for (const Series& s : series)
    out.push_back({s.dimension, s.part, indicator_progress(s.indicator, settings, as_of)});
  return out;
}

MilestoneStatus milestone_status(const Indicator& milestone, const Date& as_of) {
  if (milestone.achieved && !is_after(milestone.achieved->value, as_of))
    return MilestoneStatus::achieved;
  if (milestone.due && milestone.due->value.last_day() < as_of) return MilestoneStatus::overdue;
  return MilestoneStatus::due;
}

const char* milestone_status_name(MilestoneStatus status) {
  switch (status) {
    case MilestoneStatus::achieved:
      return "achieved";
    case MilestoneStatus::overdue:
      return "overdue";
    case MilestoneStatus::due:
      return "due";
  }
  return "";
}

}  // namespace actionplan
