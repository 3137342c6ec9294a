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

}  // namespace

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
  std::vector<Point> measurements;
  for (const Measurement& m : indicator.measurements)
    if (m.date && m.value) measurements.push_back(point(m.date->value, m.value->value));
  if (measurements.empty()) {
    out.reason = "no measurements yet";
    return out;
  }
  const Point latest = measurements.back();
  out.latest = DatedNumber{latest.date, latest.value};

  std::optional<Point> base;
  if (indicator.baseline && indicator.baseline->value) {
    const Date date = indicator.baseline->date ? indicator.baseline->date->value : measurements.front().date;
    base = point(date, indicator.baseline->value->value);
  } else {
    base = measurements.front();
  }
  out.baseline = DatedNumber{base->date, base->value};

  std::vector<Point> line = {*base};
  std::vector<const IndicatorTarget*> targets;
  for (const IndicatorTarget& t : indicator.targets)
    if (t.is_number) targets.push_back(&t);
  std::sort(targets.begin(), targets.end(),
            [](const IndicatorTarget* a, const IndicatorTarget* b) { return a->year.value < b->year.value; });
  for (const IndicatorTarget* t : targets) {
    Point p = point(Date{t->year.value, 0, 0}, *t->number);
    if (p.day > line.back().day) line.push_back(p);
  }
  if (line.size() < 2) {
    out.status = ProgressStatus::not_assessable;
    out.reason = targets.empty() ? "no numeric target" : "no target after the baseline";
    return out;
  }

  // The segment of the line that holds the latest date, and its end target.
  std::size_t end = 1;
  while (end + 1 < line.size() && line[end].day < latest.day) ++end;
  const Point& from = line[end - 1];
  const Point& to = line[end];
  double expected;
  if (latest.day <= from.day) expected = from.value;
  else if (latest.day >= to.day) expected = to.value;
  else
    expected = from.value + (to.value - from.value) * static_cast<double>(latest.day - from.day) /
                                static_cast<double>(to.day - from.day);
  out.expected = expected;
  out.next_target = DatedNumber{to.date, to.value};

  const bool increase = indicator.direction == Direction::increase;
  out.target_reached = increase ? latest.value >= to.value : latest.value <= to.value;
  const double denominator = expected - base->value;
  if (std::fabs(denominator) > 1e-12) out.ratio = (latest.value - base->value) / denominator;

  if (out.target_reached) {
    out.status = ProgressStatus::on_track;
  } else if (!out.ratio && latest.day > base->day) {
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
