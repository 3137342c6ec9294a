#include "render/report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/fields.hpp"
#include "model/parallel.hpp"
#include "model/text.hpp"
#include "render/charts.hpp"
#include "render/gaps.hpp"
#include "render/html.hpp"
#include "render/markdown.hpp"
#include "render/records.hpp"

namespace actionplan {
namespace {

using nlohmann::ordered_json;

// "EUR 100,000–200,000; USD 50,000" for a list of totals, by a chosen amount.
template <class F>
std::string money_list(const std::vector<MoneyTotals>& totals, F amount) {
  std::vector<std::string> parts;
  for (const MoneyTotals& m : totals) {
    const std::string text = amount(m);
    if (!text.empty()) parts.push_back(fmt::format("{} {}", m.currency, text));
  }
  return join(parts, "; ");
}

// Money for a summary cell: 40k, 2.39M, 950 (exact figures are in the body).
std::string short_money(double amount) {
  auto trimmed = [](double v, int decimals) {
    std::string s = fmt::format("{:.{}f}", v, decimals);
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s;
  };
  if (amount >= 1e6) return trimmed(amount / 1e6, 2) + "M";
  if (amount >= 1e4) return trimmed(amount / 1e3, 1) + "k";
  return format_money(amount);
}

std::string short_range(double low, double high) {
  return low == high ? short_money(high) : short_money(low) + "–" + short_money(high);
}

std::string person(const Person& p, bool with_region, const Plan& plan) {
  std::vector<std::string> details;
  if (p.org) details.push_back(p.org->value);
  if (with_region && p.region) details.push_back(plan.region_name(p.region->value));
  return md_text(details.empty() ? p.name.value
                                 : fmt::format("{} ({})", p.name.value, join(details)));
}

std::string people(const std::vector<Person>& list, bool with_region, const Plan& plan) {
  std::vector<std::string> names;
  for (const Person& p : list) names.push_back(person(p, with_region, plan));
  return join(names);
}

std::string budget_text(const Activity& a, const Plan& plan) {
  if (!a.budget || !a.budget->estimate) return "";
  const std::string currency =
      a.budget->currency ? a.budget->currency->value : plan.info.default_currency();
  const Amount& amount = a.budget->estimate->value;
  std::string text;
  if (amount.kind == AmountKind::none)
    text = "no additional funds required";
  else if (amount.kind == AmountKind::tbd)
    text = "to be determined";
  else
    text = fmt::format("{} {}", currency, format_money_range(amount.min, amount.max));
  if (a.budget->secured && amount.kind != AmountKind::none)
    text += fmt::format(", {} secured", format_money(a.budget->secured->value));
  return md_text(text);
}

std::string stage_name(const Plan& plan, const Activity& a) {
  const Stage& s = plan.stage_of(a);
  return s.name ? s.name->value : s.id.value;
}

// The status counts of a summary cell: "✔ 3 · ▲ 1 · ✖ 2"; the legend says what each symbol means.
std::string status_cell(const StatusCounts& c) {
  std::vector<std::string> parts;
  if (c.good) parts.push_back(fmt::format("✔ {}", c.good));
  if (c.warning) parts.push_back(fmt::format("▲ {}", c.warning));
  if (c.bad) parts.push_back(fmt::format("✖ {}", c.bad));
  if (c.open) parts.push_back(fmt::format("○ {}", c.open));
  if (c.unknown) parts.push_back(fmt::format("? {}", c.unknown));
  return parts.empty() ? "none" : join(parts, " · ");
}

// The symbol of the first class counted: ✔ good, ▲ warning, ✖ bad, ○ open, ? unknown.
const char* status_symbol(const StatusCounts& c) {
  return c.good ? "✔" : c.warning ? "▲" : c.bad ? "✖" : c.open ? "○" : "?";
}

// The symbol of one indicator's status, before its words.
const char* status_symbol(const IndicatorRow& row) {
  StatusCounts c;
  count_status(c, row);
  return status_symbol(c);
}

// A roll-up with its symbol: "▲ at risk".
std::string rollup_text(const StatusWords& words, RollupStatus status) {
  StatusCounts c;
  c.add(status);
  return fmt::format("{} {}", status_symbol(c), md_text(words(status)));
}

std::string status_text(const IndicatorRow& row) {
  return fmt::format("{} {}", status_symbol(row), md_text(row.status));
}

std::string indicator_table(const Plan& plan, const ReportData& r,
                            const std::vector<std::size_t>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (std::size_t k : rows) {
    const IndicatorRow& row = r.indicators[k];
    const Indicator& i = *row.indicator;
    const std::string name = md_text(title_of(i));
    if (i.type.value == IndicatorType::milestone) {
      std::string target;
      for (const IndicatorTarget& t : i.targets)
        target = fmt::format("{}: {}", t.year.value, md_text(t.text));
      const std::string when = row.milestone == MilestoneStatus::achieved
                                   ? "achieved " + i.achieved->value.to_string()
                               : i.due ? "due " + i.due->value.to_string()
                                       : "";
      cells.push_back({name, "", md_text(when), target, "", status_text(row)});
      continue;
    }
    const IndicatorProgress& p = row.progress;
    auto with_unit = [&](double value, const Indicator& indicator) {
      return indicator_value_text(indicator, value, plan.info.analysis);
    };
    auto dated = [&](const std::optional<DatedNumber>& d) {
      return d ? md_text(fmt::format("{} ({})", with_unit(d->value, i), d->date.to_string()))
               : std::string();
    };
    // The latest value; with a ratio's parts ("42.22%, 38 of 90"), and a per-period
    // indicator's total ("120 (2025), 340 since 2021").
    auto latest = [&] {
      if (!p.latest) return std::string();
      std::string text = with_unit(p.latest->value, i);
      for (const Measurement& m : i.measurements)
        if (m.date && m.date->value == p.latest->date && m.numerator && m.denominator)
          text += fmt::format(", {} of {}", format_quantity(m.numerator->value),
                              format_quantity(m.denominator->value));
      text += fmt::format(" ({})", p.latest->date.to_string());
      if (p.total)
        text += fmt::format(", {} since {}", with_unit(p.total->value, i), p.total->date.year);
      return md_text(text);
    };
    std::string progress;
    const auto met =
        std::count_if(p.years.begin(), p.years.end(), [](const YearCheck& y) { return y.met; });
    if (!p.years.empty())  // every: year
      progress = fmt::format("{} of {} years met", met, p.years.size());
    else if (p.status == ProgressStatus::achieved || p.status == ProgressStatus::missed)
      progress = "";
    else if (p.target_reached)
      progress = "target reached";
    else if (p.ratio)
      progress = fmt::format("{:.0f}%", *p.ratio * 100);
    const std::string target =
        !p.upcoming ? ""
        : i.every.value == Recurrence::year
            ? md_text(fmt::format("{} each year to {}", with_unit(p.upcoming->value, i),
                                  p.upcoming->date.year))
            : md_text(
                  fmt::format("{} ({})", with_unit(p.upcoming->value, i), p.upcoming->date.year));
    cells.push_back({name, dated(p.baseline), latest(), target, progress, status_text(row)});
  }
  return md_table({"Indicator", "baseline", "latest", "target", "progress", "status"}, "llllrl",
                  cells);
}

// Under the indicator table, one line per indicator split by a dimension: each
// part's status and latest value ("*Farmers reached, by region*: Africa ✖ off
// track, 2.1 in 2025, 3.5 expected; Asia ✔ on track, 8 in 2025.").
std::string parts_lines(const Plan& plan, const ReportData& r,
                        const std::vector<std::size_t>& rows) {
  const StatusWords words(plan);
  std::string out;
  for (std::size_t k : rows) {
    const IndicatorRow& row = r.indicators[k];
    std::string dimension;
    std::vector<std::string> items;
    for (const PartProgress& part : row.parts) {
      if (part.dimension != dimension && !items.empty()) {
        out += fmt::format("*{}, by {}*: {}.\n\n", md_text(title_of(*row.indicator)),
                           md_text(plan.dimension_name(dimension)), join(items, "; "));
        items.clear();
      }
      dimension = part.dimension;
      const IndicatorProgress& p = part.progress;
      StatusCounts c;
      c.add(p.status);
      std::string item = fmt::format("{} {} {}", md_text(plan.part_name(dimension, part.part)),
                                     status_symbol(c), md_text(words(p.status)));
      auto text = [&](double v) {
        return indicator_value_text(*row.indicator, v, plan.info.analysis);
      };
      if (p.latest)
        item +=
            md_text(fmt::format(", {} in {}", text(p.latest->value), p.latest->date.to_string()));
      if (p.expected && p.ratio && !p.target_reached)
        item += md_text(fmt::format(", {} expected", text(*p.expected)));
      items.push_back(std::move(item));
    }
    if (!items.empty())
      out += fmt::format("*{}, by {}*: {}.\n\n", md_text(title_of(*row.indicator)),
                         md_text(plan.dimension_name(dimension)), join(items, "; "));
  }
  return out;
}

// The indicator's path: the baseline, every measurement and the next target
// when it lies after them, with the expected value at each. Nothing to draw
// without a baseline and a target, or with a negative value (bars from 0
// cannot show it honestly), or beyond what a double holds.
std::optional<TrendChart> trend_chart(const Plan& plan, const IndicatorRow& row) {
  const Indicator& i = *row.indicator;
  const IndicatorProgress& p = row.progress;
  if (i.type.value != IndicatorType::numeric || i.every.value != Recurrence::none || !p.baseline ||
      !p.upcoming || i.measurements.empty())
    return std::nullopt;
  TrendChart chart;
  chart.title = title_of(i);
  chart.unit = i.unit ? i.unit->value : "";
  const bool baseline_measured =
      i.measurements.front().date && i.measurements.front().date->value == p.baseline->date;
  if (!baseline_measured)
    chart.points.push_back({p.baseline->date, p.baseline->value, p.baseline->value});
  const std::vector<std::optional<double>> line =
      expected_values(i, p.method, plan.info.analysis.scale);
  for (std::size_t k = 0; k < i.measurements.size(); ++k) {
    const Measurement& m = i.measurements[k];
    const std::optional<double> value = measured_value(m);
    if (!m.date || !value) continue;
    const double on_line = line[k] ? std::round(*line[k] * 100) / 100 : *value;
    if (!std::isfinite(on_line) || *value < 0 || on_line < 0) return std::nullopt;
    chart.points.push_back({m.date->value, *value, on_line});
  }
  if (chart.points.empty() || p.baseline->value < 0 || p.upcoming->value < 0) return std::nullopt;
  if (p.upcoming->date.last_day() > p.latest->date.last_day()) {
    chart.points.push_back({p.upcoming->date, std::nullopt, p.upcoming->value});
    chart.ends_at_target = true;
  }
  return chart;
}

std::string trend_caption(const Plan& plan, const IndicatorRow& row) {
  return fmt::format("*{}*: target {}.{}\n\n", md_text(title_of(*row.indicator)),
                     md_text(indicator_value_text(*row.indicator, row.progress.upcoming->value,
                                                  plan.info.analysis)),
                     row.progress.method == ProgressMethod::growth_rate
                         ? " Judged by its growth rate (Open SDG's method): the path is the "
                           "curve of constant growth to the target."
                         : "");
}

// Projects (or, in a plan without projects, work-plan activities) per stage.
BarChart pipeline_chart(const ReportData& r) {
  const bool activities = r.projects == 0 && r.work_activities > 0;
  BarChart chart;
  chart.axis = activities ? "Work-plan activities" : "Projects";
  chart.title = chart.axis + " by stage";
  for (const StageRow& row : r.pipeline) {
    chart.labels.push_back(row.stage->name ? row.stage->name->value : row.stage->id.value);
    chart.fallbacks.push_back(row.stage->id.value);
    chart.values.push_back(activities ? row.activities : row.projects);
  }
  return chart;
}

std::string when_text(const Activity& a) {
  if (a.timeframe) return a.timeframe->value;
  if (a.start || a.end)
    return fmt::format("{}–{}", a.start ? a.start->value.to_string() : "",
                       a.end ? a.end->value.to_string() : "");
  return "";
}

std::string who_text(const Plan& plan, const Activity& a) {
  if (a.lead) return person(*a.lead, false, plan);
  std::vector<std::string> bodies;
  for (const auto& body : a.responsible) bodies.push_back(plan.actor_name(body.value));
  return md_text(join(bodies));
}

std::string heading_prefix(const Plan& plan) {
  return plan.info.goals ? "####" : "###";
}

// The objective's target for the first horizon after the as-of date (else its last).
const YearText* next_target(const Objective& o, const Date& as_of) {
  const YearText* out = nullptr;
  for (const YearText& t : o.targets)
    if (!out || (out->year.value < as_of.year && t.year.value > out->year.value) ||
        (t.year.value >= as_of.year && t.year.value < out->year.value))
      out = &t;
  return out;
}

// The body's view of one objective: its next target, its indicators and what
// is being done, in a few lines (who leads it is in the summary table). The
// numbers behind them are in the annexes.
std::string objective_section(const Plan& plan, const ReportData& r, const ObjectiveSection& s) {
  const Objective& o = *s.objective;
  std::string out =
      fmt::format("{} {}: {}\n\n", heading_prefix(plan), md_text(o.id.value), md_text(title_of(o)));
  if (!s.indicators.empty())
    out += fmt::format("**Status**: {}\n\n", rollup_text(StatusWords(plan), s.rollup));
  if (const YearText* t = next_target(o, r.as_of))
    out += fmt::format("**Target {}**: {}\n\n", t->year.value, md_text(t->text.value));
  if (s.indicators.empty())
    out += fmt::format("No {} measures it yet.\n\n", md_term(plan, "indicator", "indicator"));
  else
    out += indicator_table(plan, r, s.indicators) + "\n" + parts_lines(plan, r, s.indicators);
  std::vector<std::string> doing;
  for (const Activity* a : s.ongoing)
    doing.push_back(fmt::format("{} ({})", md_text(title_of(*a)), md_text(stage_name(plan, *a))));
  for (const Activity* a : s.completed)
    doing.push_back(fmt::format("{} (completed)", md_text(title_of(*a))));
  for (const Activity* a : s.inactive)
    doing.push_back(fmt::format("{} ({})", md_text(title_of(*a)),
                                a->status == ActivityStatus::on_hold ? "on hold" : "cancelled"));
  for (const Activity* a : s.also)
    doing.push_back(
        fmt::format("{} (see {})", md_text(title_of(*a)), md_text(r.listed_under.at(a))));
  const std::string activities = capitalised(md_term(plan, "activities", "activities"));
  out += doing.empty() ? fmt::format("**{}**: none yet.\n\n", activities)
                       : fmt::format("**{}**: {}.\n\n", activities, join(doing, "; "));
  return out;
}

// Annex: the chart of every indicator with a series, once each.
std::string charts_annex(const Plan& plan, const ReportData& r, const std::string& heading) {
  std::string out = fmt::format("## {}\n\n", heading);
  out +=
      "Measured values from 0, the first the baseline, and the path expected from it to the "
      "target.\n\n";
  std::string charts;
  for (const IndicatorRow& row : r.indicators)
    if (std::optional<TrendChart> chart = trend_chart(plan, row))
      charts += trend_caption(plan, row) + mermaid_chart(*chart);
  if (charts.empty())
    charts =
        fmt::format("No {} has a series to draw yet.\n\n", md_term(plan, "indicator", "indicator"));
  return out + charts;
}

// "Task force" or "Task forces" of a scoped report's title.
std::string scope_words(const Plan& plan, const ReportData& r) {
  std::vector<std::string> names;
  for (const std::string& id : r.scope_task_forces)
    if (const TaskForce* t = plan.task_force(id)) names.push_back(name_of(*t));
  if (!names.empty()) return join(names);
  std::vector<std::string> ids;
  for (const ObjectiveSection& s : r.objectives) ids.push_back(s.objective->id.value);
  return fmt::format("{} {}",
                     capitalised(plan.term(ids.size() == 1 ? "objective" : "objectives",
                                           ids.size() == 1 ? "objective" : "objectives")),
                     join(ids));
}

std::string title_of(const Plan& plan, const ReportData& r) {
  const std::string name = plan.info.title ? plan.info.title->value : "Plan";
  std::string report = r.year ? fmt::format("Progress report {}", *r.year) : "Progress report";
  if (r.scoped)
    report += ", " + scope_words(plan, r);  // "Progress report 2026, Task Force 13: Plan"
  return fmt::format("{}: {}", report, name);
}

// "Targets and baselines revised": each change with its commit, oldest first.
std::string revisions_table(const PlanChanges& c) {
  if (c.revisions.empty()) return "";
  std::vector<std::vector<std::string>> rows;
  for (const TargetRevision& r : c.revisions) {
    std::string what =
        r.field;  // "targets.2030" → "target 2030", "baseline.value" → "baseline value"
    if (what.starts_with("targets.")) what = "target " + what.substr(8);
    std::replace(what.begin(), what.end(), '.', ' ');
    rows.push_back({fmt::format("{} ({})", md_text(r.title), md_code(r.id)), md_text(what),
                    r.from.empty() ? "*(none)*" : md_text(r.from),
                    r.to.empty() ? "*(none)*" : md_text(r.to), r.commit.date,
                    md_text(r.commit.author), md_text(r.commit.message)});
  }
  std::string out = fmt::format(
      "**Targets and baselines revised** ({})\n\n{}\n", c.revisions.size(),
      md_table({"", "what", "before", "after", "date", "by", "why (the commit's message)"},
               "lllllll", rows));
  if (c.revisions_truncated)
    out += fmt::format(
        "*Only the oldest part of the history was read (at most {} commits, {} MiB of "
        "records): later revisions are not listed.*\n\n",
        k_max_audit_commits, k_max_audit_bytes >> 20);
  return out;
}

std::string changes_annex(const PlanChanges& c, const std::string& heading) {
  std::string out = fmt::format("## {}\n\n", heading);
  out += fmt::format("Compared with the plan as it was at {} (commit {}).", md_code(c.revision),
                     md_code(c.commit));
  if (c.errors_then > 0)
    out += fmt::format(
        " That version had {}: each id counts once, and records it could not read count as "
        "absent, so some of the changes below may come from those errors.",
        plural(c.errors_then, "error", "errors"));
  out += "\n\n";
  if (c.empty()) return out + "No changes to projects, activities or indicator values.\n\n";
  auto name = [](const ActivityRef& a) {
    return fmt::format("{} ({})", md_text(a.title), md_code(a.id));
  };
  auto list = [&](const char* title, const std::vector<ActivityRef>& refs) {
    if (refs.empty()) return;
    out += fmt::format("**{}** ({})\n\n", title, refs.size());
    for (const ActivityRef& a : refs) out += "- " + name(a) + "\n";
    out += "\n";
  };
  list("Added", c.added);
  list("Removed", c.removed);
  auto moves = [&](const char* title, const std::vector<ValueChange>& changes) {
    if (changes.empty()) return;
    std::vector<std::vector<std::string>> rows;
    for (const ValueChange& m : changes)
      rows.push_back({name(m.activity), md_text(m.from), md_text(m.to)});
    out += fmt::format("**{}** ({})\n\n{}\n", title, changes.size(),
                       md_table({"", "from", "to"}, "lll", rows));
  };
  moves("Moved between stages", c.stage_moves);
  moves("Status changed", c.status_changes);
  if (!c.secured.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const SecuredChange& s : c.secured)
      rows.push_back(
          {name(s.activity), md_text(s.currency), format_money(s.from), format_money(s.to)});
    out += fmt::format("**Secured funding changed** ({})\n\n{}\n", c.secured.size(),
                       md_table({"", "currency", "before", "now"}, "llrr", rows));
  }
  if (!c.recorded.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const RecordedValue& v : c.recorded)
      rows.push_back(
          {fmt::format("{} ({})", md_text(v.title), md_code(v.indicator)), v.date,
           md_text(v.unit.empty() || v.unit == "count" ? format_quantity(v.value)
                                                       : format_quantity(v.value) + " " + v.unit)});
    out += fmt::format("**Indicator values recorded** ({})\n\n{}\n", c.recorded.size(),
                       md_table({"", "date", "value"}, "llr", rows));
  }
  if (!c.restated.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const RestatedValue& v : c.restated)
      rows.push_back({fmt::format("{} ({})", md_text(v.title), md_code(v.indicator)), v.date,
                      v.from.empty() ? "*(none)*" : md_text(v.from), md_text(v.to),
                      md_text(v.reason)});
    out += fmt::format("**Values restated since the last report** ({})\n\n{}\n", c.restated.size(),
                       md_table({"", "date", "published", "now", "why"}, "lllll", rows));
  }
  out += revisions_table(c);
  return out;
}

// "3 added, 1 removed, 4 moved between stages, …": the changes in one line.
std::string changes_line(const PlanChanges& c) {
  std::vector<std::string> parts;
  auto part = [&](std::size_t n, const char* one, const char* many) {
    if (n) parts.push_back(plural(static_cast<int>(n), one, many));
  };
  part(c.added.size(), "added", "added");
  part(c.removed.size(), "removed", "removed");
  part(c.stage_moves.size(), "moved between stages", "moved between stages");
  part(c.status_changes.size(), "changed status", "changed status");
  part(c.secured.size(), "with new secured funding", "with new secured funding");
  part(c.recorded.size(), "indicator value recorded", "indicator values recorded");
  part(c.restated.size(), "published value restated", "published values restated");
  part(c.revisions.size(), "target or baseline revised", "targets or baselines revised");
  return parts.empty() ? "no changes" : join(parts);
}

// The plain-words heading of a finding code in the annex of gaps.
const char* finding_heading(const std::string& code) {
  static const std::vector<std::pair<std::string, const char*>> k_headings = {
      {"objective-without-activities", "Nothing under way"},
      {"objective-unfunded", "Not funded yet"},
      {"objective-without-task-force", "Nobody working on it"},
      {"objective-without-indicators", "Not measured"},
      {"region-gap", "Regions without activity"},
      {"task-force-without-leader", "Without a leader"},
      {"task-force-missing-representative", "Regions without a representative"},
      {"indicator-no-data", "Without data"},
      {"indicator-stale", "Old data"},
      {"indicator-off-track", "Behind target"},
      {"indicator-part-behind", "Behind in one region or group"},
      {"milestone-overdue", "Overdue milestones"},
      {"activity-stale", "Not reviewed for a long time"},
      {"activity-overdue", "Past their end date"},
      {"funding-gap", "Funding still to find"},
      {"potential-overlap", "Possible overlaps: candidates to connect"}};
  for (const auto& [c, heading] : k_headings)
    if (c == code) return heading;
  return "Other";
}

// What a finding is about, by name: an objective, indicator, activity or task force.
std::string subject_words(const Plan& plan, const Finding& f) {
  const std::string& id = f.subject.front();
  std::string name = id;
  if (const Objective* o = plan.objective(id); o && f.code.rfind("objective-", 0) == 0)
    name = title_of(*o);
  else if (const Indicator* i = plan.indicator(id); i && f.code.rfind("indicator-", 0) == 0)
    name = title_of(*i);
  else if (i && f.code == "milestone-overdue")
    name = title_of(*i);
  else if (const Activity* a = plan.activity(id); a && f.code.rfind("activity-", 0) == 0)
    name = title_of(*a);
  else if (const TaskForce* t = plan.task_force(id); t && f.code.rfind("task-force-", 0) == 0)
    name = name_of(*t);
  else if (const Objective* g = plan.objective(id); g && f.code == "funding-gap")
    return fmt::format("{} ({} {})", md_text(title_of(*g)), md_text(f.currency.value_or("")),
                       format_money_range(f.gap_low.value_or(0), f.gap_high.value_or(0)));
  return md_text(name);
}

std::string gaps_annex(const Plan& plan, const ReportData& r, const std::string& heading) {
  std::string out = fmt::format("## {}\n\n", heading);
  out += fmt::format(
      "High and medium gaps as of {} beyond the summary's decisions; `actionplan gap-analysis` "
      "gives their numbers.\n\n",
      r.as_of.to_string());
  int low = 0;
  bool any = false;
  for (FindingSeverity severity : {FindingSeverity::high, FindingSeverity::medium})
    for (const std::string& code : finding_codes()) {
      std::vector<std::string> items;
      for (const Finding& f : r.gaps.findings)
        if (f.severity == severity && f.code == code && !f.subject.empty() &&
            std::none_of(r.decisions.begin(), r.decisions.end(),
                         [&](const Decision& d) { return d.finding == &f; }))
          items.push_back(subject_words(plan, f));
      if (items.empty()) continue;
      out += fmt::format("- **{}** ({}): {}.\n", finding_heading(code), severity_name(severity),
                         join(items, "; "));
      any = true;
    }
  for (const Finding& f : r.gaps.findings) low += f.severity == FindingSeverity::low;
  out += any ? "\n" : "No other high or medium gaps.\n\n";
  out += fmt::format("{} low-severity findings are listed by `actionplan gap-analysis`.\n\n", low);
  return out;
}

std::string rosters_annex(const Plan& plan, const ReportData& r, const std::string& heading) {
  std::string out = fmt::format("## {}\n\n", heading);
  if (r.rosters.empty())
    return out + fmt::format("No {} yet.\n\n", md_term(plan, "task_forces", "task forces"));
  for (const TaskForce* t : r.rosters) {
    out += fmt::format("### {}\n\n", md_text(name_of(*t)));
    out += fmt::format("- Leaders: {}\n",
                       t->leaders.empty() ? "*none yet*" : people(t->leaders, false, plan));
    std::vector<std::string> reps;  // by region: the names are enough here
    for (const Person& p : t->representatives)
      reps.push_back(p.region ? fmt::format("{} ({})", md_text(p.name.value),
                                            md_text(plan.region_name(p.region->value)))
                              : md_text(p.name.value));
    if (!reps.empty() || plan.info.regions)
      out += fmt::format("- Representatives: {}\n", reps.empty() ? "*none yet*" : join(reps));
    if (!t->members.empty()) {
      std::vector<std::string> names;
      for (const Person& p : t->members) names.push_back(md_text(p.name.value));
      out += fmt::format("- Members: {}\n", join(names));
    }
    out += "\n";
  }
  return out;
}

// An activity's latest progress note (`notes` are oldest first), or nullptr.
const Note* latest_note(const Activity& a) {
  for (auto n = a.notes.rbegin(); n != a.notes.rend(); ++n)
    if (n->date && n->text) return &*n;
  return nullptr;
}

std::string details_annex(const Plan& plan, const ReportData& r, const std::string& heading) {
  std::string out = fmt::format("## {}\n\n", heading);
  out +=
      fmt::format("Each {} once, under the first {} it serves.\n\n",
                  md_term(plan, "activity", "activity"), md_term(plan, "objective", "objective"));
  for (const ObjectiveSection& s : r.objectives) {
    out += fmt::format("### {}\n\n", md_text(s.objective->id.value));
    if (!s.funding.empty())
      out += fmt::format(
          "Funding: {}.\n\n", md_text(money_list(s.funding, [](const MoneyTotals& m) {
            return fmt::format("{} needed, {} secured{}", estimate_text(m), format_money(m.secured),
                               m.gap_high > 0 || m.unknown ? ", gap " + gap_text(m) : "");
          })));
    std::vector<const Activity*> listed = s.ongoing;
    listed.insert(listed.end(), s.completed.begin(), s.completed.end());
    listed.insert(listed.end(), s.inactive.begin(), s.inactive.end());
    if (listed.empty()) {
      out += fmt::format("No {} listed here.\n\n", md_term(plan, "activities", "activities"));
      continue;
    }
    for (const Activity* a : listed) {
      std::vector<std::string> facts = {
          md_text(a->status == ActivityStatus::active    ? stage_name(plan, *a)
                  : a->status == ActivityStatus::on_hold ? "on hold"
                                                         : "cancelled")};
      auto fact = [&](const std::string& label, const std::string& text) {
        if (!text.empty())
          facts.push_back(label.empty() ? text : fmt::format("{}: {}", label, text));
      };
      std::vector<std::string> objectives, regions, sponsors, outputs;
      for (const auto& o : a->objectives) objectives.push_back(o.value);
      for (const auto& x : a->regions) regions.push_back(plan.region_name(x.value));
      for (const auto& c : a->countries) regions.push_back(c.value);
      for (const auto& x : a->sponsors) sponsors.push_back(x.value);
      for (const auto& x : a->outputs) outputs.push_back(x.value);
      fact("", a->lead ? md_text(a->lead->name.value) : who_text(plan, *a));
      fact("", md_text(when_text(*a)));
      fact("", budget_text(*a, plan));
      if (objectives.size() > 1) fact("serves", md_text(join(objectives)));
      fact("where", md_text(join(regions)));
      fact("sponsors", md_text(join(sponsors)));
      out += fmt::format("- **{}** ({}): {}.", md_text(title_of(*a)), md_code(a->id.value),
                         join(facts, "; "));
      if (a->methodology) out += fmt::format(" *Methodology*: {}", md_text(a->methodology->value));
      if (a->outcome) out += fmt::format(" *Expected outcome*: {}", md_text(a->outcome->value));
      if (!outputs.empty()) out += fmt::format(" *Outputs*: {}.", md_text(join(outputs, "; ")));
      if (a->budget && a->budget->note)
        out += fmt::format(" *Budget note*: {}", md_text(a->budget->note->value));
      if (const Note* n = latest_note(*a))
        out += fmt::format(" *Latest news* ({}): {}", n->date->value.to_string(),
                           md_text(n->text->value));
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

// **text**, or nothing for an empty cell (`****` would show as four stars).
std::string bold(const std::string& text) {
  return text.empty() ? text : "**" + text + "**";
}

// What each symbol stands for and how statuses roll up, in the plan's terms:
// "✔ on track or achieved · ▲ at risk · … *Status* of each objective from …".
std::string status_legend(const Plan& plan) {
  const StatusWords words(plan);
  auto w = [&](auto status) { return md_text(words(status)); };
  return fmt::format(
      "✔ {} or {} · ▲ {} · ✖ {}, {} or {} · ○ due later · ? {}. *Status* of each {} from its {}, "
      "of a goal from its {}: {} when more than half are ✖, {} when any is ▲ or ✖, {} when all "
      "are achieved, else {} (a milestone due later counts as {}); {} when none can be judged.",
      w(ProgressStatus::on_track), w(MilestoneStatus::achieved), w(ProgressStatus::at_risk),
      w(ProgressStatus::off_track), md_text(plan.term("missed", "missed")),
      w(MilestoneStatus::overdue), w(ProgressStatus::no_data),
      md_term(plan, "objective", "objective"), md_term(plan, "indicators", "indicators"),
      md_term(plan, "objectives", "objectives"), w(RollupStatus::off_track),
      w(RollupStatus::at_risk), w(RollupStatus::achieved), w(RollupStatus::on_track),
      w(RollupStatus::on_track), w(RollupStatus::no_data));
}

std::string summary_section(const Plan& plan, const ReportData& r,
                            const std::string& gaps_annex_title) {
  const std::string objective = md_term(plan, "objective", "objective");
  std::string out = "## Summary\n\n";
  // Status by objective, rolled up to goals.
  out += fmt::format("### Where each {} stands\n\n", objective);
  std::vector<std::vector<std::string>> rows;
  auto money = [](const std::vector<MoneyTotals>& totals, int column) {
    return md_text(money_list(totals, [&](const MoneyTotals& m) -> std::string {
      const bool unknown = m.estimate_high == 0 && m.unknown > 0;
      if (column == 0)
        return unknown               ? "unknown"
               : m.estimate_high > 0 ? short_range(m.estimate_low, m.estimate_high)
                                     : "";
      if (column == 1) return m.secured > 0 ? short_money(m.secured) : "";
      return unknown ? "unknown" : m.gap_high > 0 ? short_range(m.gap_low, m.gap_high) : "";
    }));
  };
  const StatusWords words(plan);
  for (const GoalSection& g : r.goals) {
    if (g.goal && r.goals.size() > 1)
      rows.push_back({bold(fmt::format("{}: {}", md_text(g.goal->id.value),
                                       md_text(g.goal->title ? g.goal->title->value : ""))),
                      "", bold(rollup_text(words, g.rollup)), bold(status_cell(g.status)),
                      bold(money(g.funding, 0)), bold(money(g.funding, 1)),
                      bold(money(g.funding, 2)), bold(std::to_string(g.active))});
    for (std::size_t k : g.objectives) {
      const ObjectiveSection& s = r.objectives[k];
      std::vector<std::string> leads;  // the leaders by name; a task force without one by its name
      for (const TaskForce* t : s.task_forces) {
        for (const Person& p : t->leaders) leads.push_back(md_text(p.name.value));
        if (t->leaders.empty()) leads.push_back(md_text(name_of(*t)) + " (no leader)");
      }
      rows.push_back(
          {fmt::format("{}: {}", md_text(s.objective->id.value), md_text(title_of(*s.objective))),
           leads.empty() ? "*nobody yet*" : join(leads, "; "), rollup_text(words, s.rollup),
           status_cell(s.status), money(s.funding, 0), money(s.funding, 1), money(s.funding, 2),
           std::to_string(s.active)});
    }
  }
  out += md_table({capitalised(objective), "led by", "status",
                   md_term(plan, "indicators", "indicators"), "needed", "secured", "gap", "active"},
                  "llllrrrr", rows);
  out += fmt::format(
      "\n{} *Active*: planned or under way. k: thousand, M: million; a gap adds up what each {} "
      "lacks.\n\n",
      status_legend(plan), md_term(plan, "activity", "activity"));

  // Decisions.
  out += "### Decisions needed\n\n";
  if (r.decisions.empty()) out += "None: no high or medium gap.\n\n";
  for (std::size_t i = 0; i < r.decisions.size(); ++i) {
    const Decision& d = r.decisions[i];
    out += fmt::format("{}. {} *Responsible*: {}.\n", i + 1, md_text(d.text),
                       d.who.empty() ? "nobody named in the plan" : md_text(d.who));
  }
  if (!r.decisions.empty()) {
    int more = 0;
    for (const Finding& f : r.gaps.findings) more += f.severity != FindingSeverity::low;
    more -= static_cast<int>(r.decisions.size());
    out += more > 0 ? fmt::format("\n{} more high or medium gaps are listed in {}.\n\n", more,
                                  gaps_annex_title.substr(0, gaps_annex_title.find(':')))
                    : "\n";
  }

  // Changes over the period.
  const Date start = r.period_start;
  out += r.year ? fmt::format("### Changes in {}\n\n", *r.year)
                : fmt::format("### Changes in the 12 months to {}\n\n", r.as_of.to_string());
  out += fmt::format("{} recorded after {}.",
                     capitalised(plural(r.measurements_in_period, "measurement", "measurements")),
                     start.to_string());
  if (r.status_changes.empty()) {
    out += fmt::format(" No {} changed status.\n\n", md_term(plan, "indicator", "indicator"));
  } else {
    out += "\n\n";
    std::vector<std::vector<std::string>> changes;
    for (const StatusChange& c : r.status_changes) {
      const IndicatorRow& row = r.indicators[c.indicator];
      changes.push_back({md_text(title_of(*row.indicator)), md_text(join(row.objectives)),
                         md_text(c.from), fmt::format("{} {}", status_symbol(row), md_text(c.to))});
    }
    out += md_table({capitalised(md_term(plan, "indicator", "indicator")), objective,
                     fmt::format("status on {}", start.to_string()),
                     fmt::format("on {}", r.as_of.to_string())},
                    "llll", changes) +
           "\n";
  }
  if (r.changes)
    out += fmt::format("Since {}: {} (details in the last annex).\n\n",
                       md_code(r.changes->revision), md_text(changes_line(*r.changes)));
  return out;
}

std::string pipeline_section(const ReportData& r) {
  const bool with_activities = r.work_activities > 0;
  std::string out = "## Pipeline and funding\n\n";
  std::vector<std::vector<std::string>> stages;
  for (const StageRow& row : r.pipeline) {
    const std::string name = row.stage->name ? row.stage->name->value : row.stage->id.value;
    std::vector<std::string> cells = {md_text(name), row.stage->funded ? "yes" : "",
                                      std::to_string(row.projects)};
    if (with_activities) cells.push_back(std::to_string(row.activities));
    cells.push_back(md_text(money_list(row.money, [](const MoneyTotals& m) {
      return m.estimate_high > 0 ? format_money_range(m.estimate_low, m.estimate_high)
                                 : std::string();
    })));
    cells.push_back(md_text(money_list(row.money, [](const MoneyTotals& m) {
      return m.secured > 0 ? format_money(m.secured) : std::string();
    })));
    stages.push_back(std::move(cells));
  }
  if (with_activities)
    out += md_table({"Stage", "funded", "projects", "work-plan activities", "estimated", "secured"},
                    "llrrrr", stages);
  else
    out += md_table({"Stage", "funded", "projects", "estimated", "secured"}, "llrrr", stages);
  const BarChart chart = pipeline_chart(r);
  out += fmt::format("\n*{}* (bars from 0).\n\n", chart.title) + mermaid_chart(chart);

  out +=
      "Active projects and activities, each counted once; ranges give low and high sums; *estimate "
      "unknown* "
      "counts budgets to be determined (never as zero); a surplus never hides another's "
      "shortfall.\n\n";
  std::vector<std::vector<std::string>> money;
  for (const MoneyTotals& m : r.funding)
    money.push_back({md_text(m.currency), estimate_text(m), format_money(m.secured), gap_text(m),
                     m.unknown ? std::to_string(m.unknown) : "",
                     m.none ? std::to_string(m.none) : ""});
  out +=
      md_table({"Currency", "estimated", "secured", "gap", "estimate unknown", "no funds needed"},
               "lrrrrr", money) +
      "\n";
  return out;
}

}  // namespace

std::string report_summary(const Plan& plan, const ReportData& r) {
  const std::string indicators = plan.term("indicators", "indicators");
  const StatusWords words(plan);
  std::vector<std::string> parts;
  parts.push_back(
      fmt::format("{}, {} funded", plural(r.projects, "project", "projects"), r.projects_funded));
  if (r.work_activities)
    parts.push_back(plural(r.work_activities, "work-plan activity", "work-plan activities"));
  if (r.status.total())
    parts.push_back(fmt::format(
        "{} of {} {} {} or {}, {} {}, {} {}, {} or {}", r.status.good, r.status.total(), indicators,
        words(ProgressStatus::on_track), words(MilestoneStatus::achieved), r.status.warning,
        words(ProgressStatus::at_risk), r.status.bad, words(ProgressStatus::off_track),
        plan.term("missed", "missed"), words(MilestoneStatus::overdue)));
  std::vector<std::string> gaps;
  for (const MoneyTotals& m : r.funding)
    if (m.gap_high > 0)
      gaps.push_back(fmt::format("{} {}", m.currency, format_money_range(m.gap_low, m.gap_high)));
  if (!gaps.empty()) parts.push_back("funding gap " + join(gaps, " and "));
  int high = 0;
  for (const Finding& f : r.gaps.findings) high += f.severity == FindingSeverity::high;
  parts.push_back(plural(high, "high-severity gap", "high-severity gaps"));
  return join(parts, "; ");
}

std::string render_report_markdown(const Plan& plan, const ReportData& r, unsigned threads) {
  const PlanInfo& info = plan.info;
  std::string out = fmt::format("# {}\n\n", md_text(title_of(plan, r)));
  std::vector<std::string> facts;
  if (info.period && info.period->start && info.period->end)
    facts.push_back(fmt::format("Plan period {}–{}", info.period->start->value.to_string(),
                                info.period->end->value.to_string()));
  facts.push_back(fmt::format("as of {}", r.as_of.to_string()));
  out += capitalised(join(facts, ", ")) + ".\n\n";
  if (info.vision && !r.scoped) out += fmt::format("> {}\n\n", md_text(info.vision->value));
  out += fmt::format("**In short**: {}.\n\n", md_text(report_summary(plan, r)));
  if (!r.left_out.empty())
    out += fmt::format("*{}.*\n\n", md_text(left_out_text(r.left_out, r.as_of)));

  // Annex titles, lettered in order.
  std::vector<std::string> annexes;
  auto annex = [&](const std::string& title) {
    annexes.push_back(
        fmt::format("Annex {}: {}", static_cast<char>('A' + annexes.size()), md_text(title)));
    return annexes.back();
  };
  const std::string gaps_title = annex("Gaps in detail");
  const std::string indicators_title =
      annex(capitalised(plan.term("indicator", "indicator")) + " charts");
  const std::string details_title =
      annex(capitalised(plan.term("activities", "activities")) + " and funding");
  const std::string rosters_title = annex(capitalised(plan.term("task_forces", "task forces")));
  const std::string coverage_title = annex("Regional coverage");
  const std::string changes_title =
      r.changes ? annex(fmt::format("Changes since {}", r.changes->revision)) : "";

  out += summary_section(plan, r, gaps_title);
  out += pipeline_section(r);

  // Goals and objectives: the objectives' sections (most of a large report), on all workers.
  out += info.goals
             ? fmt::format("## Goals and {}\n\n", md_term(plan, "objectives", "objectives"))
             : fmt::format("## {}\n\n", capitalised(md_term(plan, "objectives", "objectives")));
  std::vector<std::string> section_text(r.objectives.size());
  parallel_for(r.objectives.size(), threads, [&](std::size_t i) {
    section_text[i] = objective_section(plan, r, r.objectives[i]);
  });
  for (const GoalSection& g : r.goals) {
    if (g.goal) {
      out += fmt::format("### {}: {}\n\n", md_text(g.goal->id.value),
                         md_text(g.goal->title ? g.goal->title->value : ""));
      if (!g.objectives.empty())
        out += fmt::format(
            "**Status**: {}, from its {}: {}\n\n", rollup_text(StatusWords(plan), g.rollup),
            md_term(plan, "objectives", "objectives"), status_cell(g.objective_status));
    } else if (info.goals)
      out += fmt::format("### {} without a goal\n\n",
                         capitalised(md_term(plan, "objectives", "objectives")));
    if (g.objectives.empty())
      out += fmt::format("No {} yet.\n\n", md_term(plan, "objectives", "objectives"));
    for (std::size_t k : g.objectives) out += section_text[k];
  }

  out += gaps_annex(plan, r, gaps_title);
  out += charts_annex(plan, r, indicators_title);
  out += details_annex(plan, r, details_title);
  out += rosters_annex(plan, r, rosters_title);
  out += fmt::format("## {}\n\n", coverage_title) + md_coverage_table(plan, r.gaps.coverage);
  if (r.changes) out += "\n" + changes_annex(*r.changes, changes_title);
  return out;
}

}  // namespace actionplan

namespace actionplan {
namespace {

ordered_json money_json(const std::vector<MoneyTotals>& totals) {
  ordered_json list = ordered_json::array();
  for (const MoneyTotals& m : totals)
    list.push_back({{"currency", m.currency},
                    {"estimate_low", m.estimate_low},
                    {"estimate_high", m.estimate_high},
                    {"secured", m.secured},
                    {"gap_low", m.gap_low},
                    {"gap_high", m.gap_high},
                    {"unknown_estimates", m.unknown},
                    {"no_funds_needed", m.none}});
  return list;
}

ordered_json counts_json(const StatusCounts& c) {
  return {{"good", c.good}, {"warning", c.warning}, {"bad", c.bad},
          {"open", c.open}, {"unknown", c.unknown}, {"achieved", c.achieved}};
}

ordered_json dated_json(const std::optional<DatedNumber>& d) {
  return d ? ordered_json{{"date", d->date.to_string()}, {"value", d->value}}
           : ordered_json(nullptr);
}

ordered_json person_json(const Person& p) {  // names and organisations, never e-mail addresses
  ordered_json j = {{"name", p.name.value},
                    {"org", p.org ? ordered_json(p.org->value) : ordered_json(nullptr)}};
  if (p.region) j["region"] = p.region->value;
  return j;
}

ordered_json people_json(const std::vector<Person>& list) {
  ordered_json out = ordered_json::array();
  for (const Person& p : list) out.push_back(person_json(p));
  return out;
}

template <class T>
std::vector<std::string> values_of(const std::vector<Located<T>>& list) {
  std::vector<std::string> out;
  for (const auto& x : list) out.push_back(x.value);
  return out;
}

// `every: year`: each year checked.
ordered_json years_json(const IndicatorProgress& p) {
  ordered_json years = ordered_json::array();
  for (const YearCheck& y : p.years)
    years.push_back({{"year", y.year},
                     {"target", y.target},
                     {"value", y.value ? ordered_json(*y.value) : ordered_json(nullptr)},
                     {"met", y.met}});
  return years;
}

// Split `by` a dimension: each part's progress.
ordered_json parts_json(const IndicatorRow& row) {
  ordered_json parts = ordered_json::array();
  for (const PartProgress& part : row.parts) {
    const IndicatorProgress& p = part.progress;
    parts.push_back({{"dimension", part.dimension},
                     {"part", part.part},
                     {"status", progress_status_name(p.status)},
                     {"latest", dated_json(p.latest)},
                     {"expected", p.expected ? ordered_json(*p.expected) : ordered_json(nullptr)},
                     {"ratio", p.ratio ? ordered_json(*p.ratio) : ordered_json(nullptr)},
                     {"target", dated_json(p.upcoming)}});
  }
  return parts;
}

ordered_json indicator_row_json(const Plan& plan, const IndicatorRow& row) {
  const Indicator& i = *row.indicator;
  const bool milestone = i.type.value == IndicatorType::milestone;
  const bool qualitative = i.type.value == IndicatorType::qualitative;
  const std::vector<std::string>& scale = plan.info.analysis.scale;
  ordered_json item = {{"id", i.id.value},
                       {"title", title_of(i)},
                       {"type", k_indicator_types[static_cast<std::size_t>(i.type.value)]},
                       {"objectives", row.objectives},
                       {"status", milestone ? milestone_status_name(row.milestone)
                                            : progress_status_name(row.progress.status)},
                       {"status_words", row.status},
                       {"status_at_period_start", row.status_then}};
  ordered_json targets = ordered_json::object();
  for (const IndicatorTarget& t : i.targets)
    targets[std::to_string(t.year.value)] =
        t.is_number ? ordered_json(*t.number) : ordered_json(t.text);
  if (milestone) {
    item["due"] = i.due ? ordered_json(i.due->value.to_string()) : ordered_json(nullptr);
    item["achieved"] = row.milestone == MilestoneStatus::achieved
                           ? ordered_json(i.achieved->value.to_string())
                           : ordered_json(nullptr);
    item["targets"] = std::move(targets);
    return item;
  }
  const IndicatorProgress& p = row.progress;
  item["unit"] = i.unit ? i.unit->value : "";
  item["direction"] = i.direction == Direction::increase ? "increase" : "decrease";
  item["stale"] = p.stale;
  item["baseline"] = dated_json(p.baseline);
  item["latest"] = dated_json(p.latest);
  if (p.total) item["total"] = dated_json(p.total);
  item["target"] = dated_json(p.upcoming);
  item["next_target"] = dated_json(p.next_target);
  item["expected"] = p.expected ? ordered_json(*p.expected) : ordered_json(nullptr);
  item["ratio"] = p.ratio ? ordered_json(*p.ratio) : ordered_json(nullptr);
  if (p.method == ProgressMethod::growth_rate) item["progress_method"] = "growth-rate";
  item["target_reached"] = p.target_reached;
  ordered_json passed = ordered_json::array();
  for (const PassedTarget& t : p.passed)
    passed.push_back({{"year", t.year}, {"value", t.value}, {"achieved", t.achieved}});
  item["passed_targets"] = std::move(passed);
  if (!row.parts.empty()) item["parts"] = parts_json(row);
  if (i.every.value == Recurrence::year) {
    item["every"] = "year";
    item["years"] = years_json(p);
  }
  item["targets"] = std::move(targets);
  ordered_json series = ordered_json::array();
  if (qualitative) {  // the values above are ranks on the scale: 0 for its first level
    item["scale"] = scale;
    if (p.latest) item["latest"]["level"] = level_at(scale, p.latest->value);
  }
  const std::vector<std::optional<double>> line = expected_values(i, p.method, scale);
  for (std::size_t k = 0; k < i.measurements.size(); ++k) {
    const Measurement& m = i.measurements[k];
    const std::optional<double> value = progress_value(i, m, scale);
    if (!m.date || !value) continue;
    const std::optional<double>& e = line[k];
    ordered_json point = {
        {"date", m.date->value.to_string()},
        {"value", *value},
        {"expected", e && std::isfinite(*e) ? ordered_json(*e) : ordered_json(nullptr)}};
    if (m.level) point["level"] = m.level->value;
    if (m.numerator && m.denominator) {
      point["numerator"] = m.numerator->value;
      point["denominator"] = m.denominator->value;
    }
    if (m.source) point["source"] = m.source->value;
    series.push_back(std::move(point));
  }
  item["measurements"] = std::move(series);
  return item;
}

ordered_json latest_note_json(const Activity& a) {
  const Note* n = latest_note(a);
  if (!n) return nullptr;
  return {{"date", n->date->value.to_string()}, {"text", n->text->value}};
}

ordered_json activity_report_json(const Plan& plan, const Activity& a,
                                  const std::string& listed_under) {
  ordered_json budget = nullptr;
  if (a.budget && a.budget->estimate) {
    const Amount& m = a.budget->estimate->value;
    const bool number = m.kind == AmountKind::number || m.kind == AmountKind::range;
    budget = {
        {"currency", a.budget->currency ? a.budget->currency->value : plan.info.default_currency()},
        {"estimate", m.kind == AmountKind::none  ? "none"
                     : m.kind == AmountKind::tbd ? "tbd"
                                                 : "amount"},
        {"estimate_low", number ? ordered_json(m.min) : ordered_json(nullptr)},
        {"estimate_high", number ? ordered_json(m.max) : ordered_json(nullptr)},
        {"secured",
         a.budget->secured ? ordered_json(a.budget->secured->value) : ordered_json(nullptr)}};
  }
  const char* state = a.status != ActivityStatus::active ? "inactive"
                      : plan.is_completed(a)             ? "completed"
                                                         : "ongoing";
  std::vector<std::string> responsible;
  for (const auto& body : a.responsible) responsible.push_back(plan.actor_name(body.value));
  auto text = [](const Text& t) { return t ? ordered_json(t->value) : ordered_json(nullptr); };
  return {{"id", a.id.value},
          {"title", title_of(a)},
          {"type", a.type == ActivityType::project ? "project" : "activity"},
          {"objectives", values_of(a.objectives)},
          {"listed_under", listed_under},
          {"state", state},
          {"status", status_name(a.status)},
          {"stage", plan.stage_of(a).id.value},
          {"stage_name", stage_name(plan, a)},
          {"task_force", a.task_force ? ordered_json(a.task_force->value) : ordered_json(nullptr)},
          {"regions", values_of(a.regions)},
          {"countries", values_of(a.countries)},
          {"lead", a.lead ? person_json(*a.lead) : ordered_json(nullptr)},
          {"responsible", responsible},
          {"sponsors", values_of(a.sponsors)},
          {"partners", values_of(a.partners)},
          {"budget", std::move(budget)},
          {"start", a.start ? ordered_json(a.start->value.to_string()) : ordered_json(nullptr)},
          {"end", a.end ? ordered_json(a.end->value.to_string()) : ordered_json(nullptr)},
          {"timeframe", text(a.timeframe)},
          {"description", text(a.description)},
          {"methodology", text(a.methodology)},
          {"outcome", text(a.outcome)},
          {"outputs", values_of(a.outputs)},
          {"latest_note", latest_note_json(a)}};
}

ordered_json restated_json(const PlanChanges& c) {
  ordered_json out = ordered_json::array();
  for (const RestatedValue& v : c.restated)
    out.push_back({{"indicator", v.indicator},
                   {"date", v.date},
                   {"from", v.from},
                   {"to", v.to},
                   {"reason", v.reason}});
  return out;
}

ordered_json revisions_json(const PlanChanges& c) {
  ordered_json out = ordered_json::array();
  for (const TargetRevision& r : c.revisions)
    out.push_back({{"kind", kind_info(r.kind).singular},
                   {"id", r.id},
                   {"field", r.field},
                   {"from", r.from},
                   {"to", r.to},
                   {"commit", r.commit.commit},
                   {"date", r.commit.date},
                   {"author", r.commit.author},
                   {"message", r.commit.message}});
  return out;
}

ordered_json changes_json(const PlanChanges& c) {
  auto refs = [](const std::vector<ActivityRef>& list) {
    ordered_json out = ordered_json::array();
    for (const ActivityRef& a : list) out.push_back({{"id", a.id}, {"title", a.title}});
    return out;
  };
  auto moves = [](const std::vector<ValueChange>& list) {
    ordered_json out = ordered_json::array();
    for (const ValueChange& m : list)
      out.push_back({{"id", m.activity.id}, {"from", m.from}, {"to", m.to}});
    return out;
  };
  ordered_json secured = ordered_json::array();
  for (const SecuredChange& s : c.secured)
    secured.push_back(
        {{"id", s.activity.id}, {"currency", s.currency}, {"from", s.from}, {"to", s.to}});
  ordered_json recorded = ordered_json::array();
  for (const RecordedValue& v : c.recorded)
    recorded.push_back({{"indicator", v.indicator}, {"date", v.date}, {"value", v.value}});
  return {{"revision", c.revision},
          {"commit", c.commit},
          {"errors_then", c.errors_then},
          {"added", refs(c.added)},
          {"removed", refs(c.removed)},
          {"stage_moves", moves(c.stage_moves)},
          {"status_changes", moves(c.status_changes)},
          {"secured", std::move(secured)},
          {"recorded", std::move(recorded)},
          {"restated", restated_json(c)},
          {"revisions", revisions_json(c)},
          {"revisions_truncated", c.revisions_truncated}};
}

ordered_json goals_json(const ReportData& r, const StatusWords& words) {
  ordered_json goals = ordered_json::array();
  for (const GoalSection& g : r.goals) {
    std::vector<std::string> objectives;
    for (std::size_t k : g.objectives) objectives.push_back(r.objectives[k].objective->id.value);
    goals.push_back({{"id", g.goal ? ordered_json(g.goal->id.value) : ordered_json(nullptr)},
                     {"title", g.goal && g.goal->title ? g.goal->title->value : ""},
                     {"objectives", objectives},
                     {"status", rollup_status_name(g.rollup)},
                     {"status_words", words(g.rollup)},
                     {"objective_status_counts", counts_json(g.objective_status)},
                     {"status_counts", counts_json(g.status)},
                     {"funding", money_json(g.funding)},
                     {"active", g.active}});
  }
  return goals;
}

ordered_json objectives_json(const ReportData& r, const StatusWords& words) {
  ordered_json objectives = ordered_json::array();
  for (const ObjectiveSection& s : r.objectives) {
    const Objective& o = *s.objective;
    ordered_json targets = ordered_json::object();
    for (const YearText& y : o.targets) targets[std::to_string(y.year.value)] = y.text.value;
    std::vector<std::string> task_forces, indicators, listed, also;
    for (const TaskForce* t : s.task_forces) task_forces.push_back(t->id.value);
    for (std::size_t k : s.indicators) indicators.push_back(r.indicators[k].indicator->id.value);
    for (const auto* list : {&s.ongoing, &s.completed, &s.inactive})
      for (const Activity* a : *list) listed.push_back(a->id.value);
    for (const Activity* a : s.also) also.push_back(a->id.value);
    objectives.push_back({{"id", o.id.value},
                          {"title", title_of(o)},
                          {"goal", s.goal ? ordered_json(s.goal->id.value) : ordered_json(nullptr)},
                          {"description", o.description ? ordered_json(o.description->value)
                                                        : ordered_json(nullptr)},
                          {"targets", std::move(targets)},
                          {"task_forces", task_forces},
                          {"indicators", indicators},
                          {"status", rollup_status_name(s.rollup)},
                          {"status_words", words(s.rollup)},
                          {"status_counts", counts_json(s.status)},
                          {"funding", money_json(s.funding)},
                          {"active", s.active},
                          {"activities", listed},
                          {"also_serving", also}});
  }
  return objectives;
}

}  // namespace

std::string render_report_json(const Plan& plan, const ReportData& r) {
  const StatusWords words(plan);
  ordered_json doc;
  const PlanInfo& info = plan.info;
  doc["format_version"] = k_report_json_version;
  doc["title"] = title_of(plan, r);
  doc["as_of"] = r.as_of.to_string();
  doc["year"] = r.year ? ordered_json(*r.year) : ordered_json(nullptr);
  doc["period_start"] = r.period_start.to_string();
  doc["plan"] = {{"id", info.id ? info.id->value : ""},
                 {"title", info.title ? info.title->value : ""}};
  ordered_json scope = nullptr;
  if (r.scoped) {
    std::vector<std::string> objectives;
    for (const ObjectiveSection& s : r.objectives) objectives.push_back(s.objective->id.value);
    scope = {{"task_forces", r.scope_task_forces}, {"objectives", objectives}};
  }
  doc["scope"] = std::move(scope);
  doc["left_out"] = {{"measurements", r.left_out.measurements},
                     {"achievements", r.left_out.achievements},
                     {"notes", r.left_out.notes}};
  doc["summary"] = report_summary(plan, r);
  ordered_json statuses = ordered_json::object();
  for (ProgressStatus s :
       {ProgressStatus::on_track, ProgressStatus::at_risk, ProgressStatus::off_track,
        ProgressStatus::achieved, ProgressStatus::missed, ProgressStatus::no_data,
        ProgressStatus::not_assessable}) {
    auto it = r.indicator_status.find(s);
    statuses[progress_status_name(s)] = it == r.indicator_status.end() ? 0 : it->second;
  }
  doc["key_figures"] = {
      {"goals", r.goals.size() - (r.goals.empty() || r.goals.back().goal ? 0 : 1)},
      {"objectives", r.objectives.size()},
      {"task_forces", r.task_forces},
      {"projects", r.projects},
      {"projects_funded", r.projects_funded},
      {"work_activities", r.work_activities},
      {"inactive", r.inactive},
      {"numeric_indicators", r.numeric_indicators},
      {"indicator_status", std::move(statuses)},
      {"milestones", r.milestones},
      {"milestones_achieved", r.milestones_achieved},
      {"milestones_overdue", r.milestones_overdue},
      {"status_counts", counts_json(r.status)},
      {"objective_status_counts", counts_json(r.objective_status)},
      {"measurements_in_period", r.measurements_in_period}};
  ordered_json pipeline = ordered_json::array();
  for (const StageRow& row : r.pipeline)
    pipeline.push_back({{"stage", row.stage->id.value},
                        {"name", row.stage->name ? row.stage->name->value : row.stage->id.value},
                        {"funded", row.stage->funded},
                        {"projects", row.projects},
                        {"work_activities", row.activities},
                        {"money", money_json(row.money)}});
  doc["pipeline"] = std::move(pipeline);
  doc["funding"] = money_json(r.funding);
  ordered_json decisions = ordered_json::array();
  for (const Decision& d : r.decisions)
    decisions.push_back({{"text", d.text},
                         {"responsible", d.who},
                         {"code", d.finding->code},
                         {"severity", severity_name(d.finding->severity)},
                         {"subject", d.finding->subject}});
  doc["decisions"] = std::move(decisions);
  ordered_json changes = ordered_json::array();
  for (const StatusChange& c : r.status_changes)
    changes.push_back({{"indicator", r.indicators[c.indicator].indicator->id.value},
                       {"from", c.from},
                       {"to", c.to}});
  doc["status_changes"] = std::move(changes);
  doc["goals"] = goals_json(r, words);
  doc["objectives"] = objectives_json(r, words);
  ordered_json indicators = ordered_json::array();
  for (const IndicatorRow& row : r.indicators) indicators.push_back(indicator_row_json(plan, row));
  doc["indicators"] = std::move(indicators);
  ordered_json activities = ordered_json::array();
  for (const ObjectiveSection& s : r.objectives)
    for (const auto* list : {&s.ongoing, &s.completed, &s.inactive})
      for (const Activity* a : *list)
        activities.push_back(activity_report_json(plan, *a, s.objective->id.value));
  doc["activities"] = std::move(activities);
  ordered_json task_forces = ordered_json::array();
  for (const TaskForce* t : r.rosters)
    task_forces.push_back({{"id", t->id.value},
                           {"name", name_of(*t)},
                           {"objectives", values_of(t->objectives)},
                           {"leaders", people_json(t->leaders)},
                           {"representatives", people_json(t->representatives)},
                           {"members", people_json(t->members)}});
  doc["task_forces"] = std::move(task_forces);
  doc["changes"] = r.changes ? changes_json(*r.changes) : ordered_json(nullptr);
  // The gaps, as gap-analysis prints them in JSON.
  ordered_json gaps = ordered_json::parse(render_gaps(plan, r.gaps, GapFormat::json));
  doc["gaps"] = {
      {"summary", gaps["summary"]}, {"findings", gaps["findings"]}, {"funding", gaps["funding"]}};
  doc["coverage"] = gaps["coverage"];
  return json_text(std::move(doc));
}

}  // namespace actionplan

namespace actionplan {

std::vector<Chart> report_charts(const Plan& plan, const ReportData& r) {
  std::vector<Chart> out{pipeline_chart(r)};
  for (const IndicatorRow& row : r.indicators)
    if (std::optional<TrendChart> chart = trend_chart(plan, row)) out.push_back(std::move(*chart));
  return out;
}

std::string render_report_html(const Plan& plan, const ReportData& report, Paper paper,
                               unsigned threads) {
  return html_document(title_of(plan, report), render_report_markdown(plan, report, threads),
                       report_charts(plan, report), paper);
}

}  // namespace actionplan
