#include "analysis/progress.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace actionplan {
namespace {

struct Point {
  long long day;
  double value;
  Date date;
};

Point point(const Date& date, double value) { return {day_number(date.last_day()), value, date}; }

std::vector<Point> measured(const Indicator& indicator) {
  std::vector<Point> out;
  for (const Measurement& m : indicator.measurements)
    if (m.date && m.value) out.push_back(point(m.date->value, m.value->value));
  return out;
}

// The baseline (explicit, else the first measurement), then the numeric
// targets after it in year order. Empty without a baseline.
std::vector<Point> expected_line(const Indicator& indicator, const std::vector<Point>& measurements) {
  std::vector<Point> line;
  if (indicator.baseline && indicator.baseline->value) {
    if (!indicator.baseline->date && measurements.empty()) return line;
    const Date date = indicator.baseline->date ? indicator.baseline->date->value : measurements.front().date;
    line.push_back(point(date, indicator.baseline->value->value));
  } else if (!measurements.empty()) {
    line.push_back(measurements.front());
  } else {
    return line;
  }
  std::vector<const IndicatorTarget*> targets;
  for (const IndicatorTarget& t : indicator.targets)
    if (t.is_number) targets.push_back(&t);
  std::sort(targets.begin(), targets.end(),
            [](const IndicatorTarget* a, const IndicatorTarget* b) { return a->year.value < b->year.value; });
  for (const IndicatorTarget* t : targets) {
    Point p = point(Date{t->year.value, 0, 0}, *t->number);
    if (p.day > line.back().day) line.push_back(p);
  }
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
  const double done = static_cast<double>(day - from.day), span = static_cast<double>(to.day - from.day);
  const double value = from.value + (to.value - from.value) * done / span;
  // Near the limits of a double the form above overflows; this one cannot.
  return {end, std::isfinite(value) ? value : from.value * (1 - done / span) + to.value * (done / span)};
}

}  // namespace

std::optional<double> expected_value(const Indicator& indicator, const Date& date) {
  const std::vector<Point> line = expected_line(indicator, measured(indicator));
  if (line.size() < 2) return std::nullopt;
  return on_line(line, day_number(date.last_day())).second;
}

const char* progress_status_name(ProgressStatus status) {
  switch (status) {
    case ProgressStatus::on_track: return "on-track";
    case ProgressStatus::at_risk: return "at-risk";
    case ProgressStatus::off_track: return "off-track";
    case ProgressStatus::no_data: return "no-data";
    case ProgressStatus::not_assessable: return "not-assessable";
  }
  return "";
}

IndicatorProgress indicator_progress(const Indicator& indicator, const AnalysisSettings& settings) {
  IndicatorProgress out;
  const std::vector<Point> measurements = measured(indicator);
  if (measurements.empty()) {
    out.reason = "no measurements yet";
    return out;
  }
  const Point latest = measurements.back();
  out.latest = DatedNumber{latest.date, latest.value};
  const std::vector<Point> line = expected_line(indicator, measurements);
  const Point base = line.front();
  out.baseline = DatedNumber{base.date, base.value};
  if (line.size() < 2) {
    const bool any_target = std::any_of(indicator.targets.begin(), indicator.targets.end(),
                                        [](const IndicatorTarget& t) { return t.is_number; });
    out.status = ProgressStatus::not_assessable;
    out.reason = any_target ? "no target after the baseline" : "no numeric target";
    return out;
  }
  const auto [end, expected] = on_line(line, latest.day);
  const Point& to = line[end];
  out.expected = expected;
  out.next_target = DatedNumber{to.date, to.value};

  const bool increase = indicator.direction == Direction::increase;
  out.target_reached = increase ? latest.value >= to.value : latest.value <= to.value;
  const double denominator = expected - base.value;
  if (std::fabs(denominator) > 1e-12) out.ratio = (latest.value - base.value) / denominator;

  if (out.target_reached) {
    out.status = ProgressStatus::on_track;
  } else if (!out.ratio && latest.day > base.day) {
    out.status = ProgressStatus::off_track;  // a target equal to the baseline, and below it
    out.reason = "below a target that equals the baseline";
  } else if (!out.ratio) {
    out.status = ProgressStatus::not_assessable;
    out.reason = measurements.size() == 1 && !indicator.baseline
                     ? "a single measurement and no baseline: no trend yet"
                     : "the latest value is from the baseline date";
  } else if (*out.ratio >= settings.on_track) {
    out.status = ProgressStatus::on_track;
  } else if (*out.ratio >= settings.at_risk) {
    out.status = ProgressStatus::at_risk;
  } else {
    out.status = ProgressStatus::off_track;
  }
  return out;
}

}  // namespace actionplan
