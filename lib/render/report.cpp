#include "render/report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/parallel.hpp"
#include "model/text.hpp"
#include "render/gaps.hpp"
#include "render/markdown.hpp"
#include "render/records.hpp"

namespace actionplan {
namespace {

using nlohmann::ordered_json;

std::string plural(int n, const std::string& one, const std::string& many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

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

std::string with_unit(double value, const Indicator& i) {
  if (!i.unit || i.unit->value == "count") return format_quantity(value);
  if (i.unit->value == "%") return format_quantity(value) + "%";
  return format_quantity(value) + " " + md_text(i.unit->value);
}

std::string person(const Person& p, bool with_region, const Plan& plan) {
  std::vector<std::string> details;
  if (p.org) details.push_back(p.org->value);
  if (with_region && p.region) details.push_back(plan.region_name(p.region->value));
  return md_text(details.empty() ? p.name.value : fmt::format("{} ({})", p.name.value, join(details)));
}

std::string budget_text(const Activity& a, const Plan& plan) {
  if (!a.budget || !a.budget->estimate) return "";
  const std::string currency = a.budget->currency ? a.budget->currency->value : plan.info.default_currency();
  const Amount& amount = a.budget->estimate->value;
  std::string text;
  if (amount.kind == AmountKind::none) text = "no additional funds required";
  else if (amount.kind == AmountKind::tbd) text = "to be determined";
  else text = fmt::format("{} {}", currency, format_money_range(amount.min, amount.max));
  if (a.budget->secured && amount.kind != AmountKind::none)
    text += fmt::format(", {} secured", format_money(a.budget->secured->value));
  return md_text(text);
}

std::string stage_name(const Plan& plan, const Activity& a) {
  const Stage& s = plan.stage_of(a);
  return s.name ? s.name->value : s.id.value;
}

std::string status_text(const IndicatorRow& row) {
  if (row.indicator->type.value == IndicatorType::milestone) {
    if (row.milestone_status == "achieved") return "achieved";
    if (row.milestone_status == "overdue") return "**overdue**";
    return "due";
  }
  switch (row.progress.status) {
    case ProgressStatus::on_track: return "on track";
    case ProgressStatus::at_risk: return "*at risk*";
    case ProgressStatus::off_track: return "**off track**";
    case ProgressStatus::no_data: return "no data";
    case ProgressStatus::not_assessable: return "not assessable";
  }
  return "";
}

std::string indicator_table(const std::vector<IndicatorRow>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const IndicatorRow& row : rows) {
    const Indicator& i = *row.indicator;
    const std::string name = md_text(i.title ? i.title->value : i.id.value);
    if (i.type.value == IndicatorType::milestone) {
      std::string target;
      for (const IndicatorTarget& t : i.targets) target = fmt::format("{}: {}", t.year.value, md_text(t.text));
      const std::string when = i.achieved ? "achieved " + i.achieved->value.to_string()
                               : i.due    ? "due " + i.due->value.to_string()
                                          : "";
      cells.push_back({name, "milestone", "", when, target, "", status_text(row)});
      continue;
    }
    const IndicatorProgress& p = row.progress;
    auto dated = [&](const std::optional<DatedNumber>& d) {
      return d ? fmt::format("{} ({})", with_unit(d->value, i), d->date.to_string()) : std::string();
    };
    std::string progress;
    if (p.target_reached) progress = "target reached";
    else if (p.ratio) progress = fmt::format("{:.0f}%", *p.ratio * 100);
    cells.push_back({name, "numeric", dated(p.baseline), dated(p.latest),
                     p.next_target ? fmt::format("{} ({})", with_unit(p.next_target->value, i), p.next_target->date.year)
                                   : std::string(),
                     progress, status_text(row)});
  }
  return md_table({"Indicator", "type", "baseline", "latest", "next target", "progress vs. expected", "status"},
                  "lllllrl",
                  cells);
}

// A value for a Mermaid chart: xychart reads plain decimals only (not 1e-05 or 1e+20).
std::string chart_number(double value) {
  std::string text = format_number(value);
  if (text.find('e') == std::string::npos) return text;
  text = fmt::format("{:.6f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

// A line chart of measured values against the expected path (baseline → target).
std::string trend_chart(const IndicatorRow& row) {
  const Indicator& i = *row.indicator;
  const IndicatorProgress& p = row.progress;
  if (i.type.value != IndicatorType::numeric || i.measurements.size() < 2 || !p.next_target) return "";
  std::vector<std::string> dates, values, expected;
  for (const Measurement& m : i.measurements) {
    if (!m.date || !m.value) continue;
    const std::optional<double> e = expected_value(i, m.date->value);
    const double on_line = e ? std::round(*e * 100) / 100 : m.value->value;
    if (!std::isfinite(on_line)) return "";  // beyond what a double holds: no chart
    dates.push_back(fmt::format("\"{}\"", m.date->value.to_string()));
    values.push_back(chart_number(m.value->value));
    expected.push_back(chart_number(on_line));
  }
  return fmt::format(
      "*{}*: bars are the measured values, the line the expected path to the target of {} by {}.\n\n"
      "```mermaid\nxychart-beta\n  title \"{}\"\n"
      "  x-axis [{}]\n  y-axis \"{}\"\n  bar [{}]\n  line [{}]\n```\n",
      md_text(i.title ? i.title->value : i.id.value), with_unit(p.next_target->value, i), p.next_target->date.year,
      mermaid_label(i.title ? i.title->value : i.id.value), join(dates),
      mermaid_label(i.unit ? i.unit->value : "value"), join(values), join(expected));
}

std::string activity_table(const Plan& plan, const std::vector<const Activity*>& activities) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(activities.size());
  for (const Activity* a : activities) {
    std::vector<std::string> regions, sponsors;
    for (const auto& r : a->regions) regions.push_back(plan.region_name(r.value));
    for (const auto& s : a->sponsors) sponsors.push_back(s.value);
    // Who: the lead, else the responsible bodies by name (work-plan activities).
    std::string who;
    if (a->lead) {
      who = person(*a->lead, false, plan);
    } else {
      std::vector<std::string> bodies;
      for (const auto& body : a->responsible) bodies.push_back(plan.actor_name(body.value));
      who = md_text(join(bodies));
    }
    std::string when;
    if (a->timeframe) when = a->timeframe->value;
    else if (a->start || a->end)
      when = fmt::format("{}–{}", a->start ? a->start->value.to_string() : "", a->end ? a->end->value.to_string() : "");
    std::vector<std::string>& row = cells.emplace_back();  // moved in, not copied from a list
    row.reserve(8);
    row.push_back(md_text(a->title ? a->title->value : a->id.value));
    row.push_back(md_code(a->id.value));
    row.push_back(md_text(stage_name(plan, *a)));
    row.push_back(md_text(join(regions)));
    row.push_back(std::move(who));
    row.push_back(md_text(when));
    row.push_back(md_text(join(sponsors)));
    row.push_back(budget_text(*a, plan));
  }
  return md_table({"Title", "id", "stage", "regions", "lead or responsible", "when", "sponsors", "budget"}, "llllllll",
                  cells);
}

std::string objective_section(const Plan& plan, const ObjectiveSection& s) {
  const Objective& o = *s.objective;
  const std::string task_force = md_term(plan, "task_force", "task force");
  std::string out = fmt::format("{} {}: {}\n\n", plan.info.goals ? "####" : "###", md_text(o.id.value), md_text(o.title ? o.title->value : ""));
  if (o.description) out += md_text(o.description->value) + "\n\n";
  if (!o.targets.empty()) {
    out += "**Targets**\n\n";
    for (const YearText& t : o.targets) out += fmt::format("- {}: {}\n", t.year.value, md_text(t.text.value));
    out += "\n";
  }
  if (s.task_forces.empty()) {
    out += fmt::format("**{}**: none yet.\n\n", capitalised(task_force));
  }
  for (const TaskForce* t : s.task_forces) {
    out += fmt::format("**{}**: {}\n\n", capitalised(task_force), md_text(t->name ? t->name->value : t->id.value));
    std::vector<std::string> leaders, reps;
    for (const Person& p : t->leaders) leaders.push_back(person(p, false, plan));
    for (const Person& p : t->representatives) reps.push_back(person(p, true, plan));
    out += fmt::format("- Leaders: {}\n", leaders.empty() ? "*none yet*" : join(leaders));
    out += fmt::format("- Regional representatives: {}\n\n", reps.empty() ? "*none yet*" : join(reps));
  }
  const std::string indicators = capitalised(md_term(plan, "indicators", "indicators"));
  if (s.indicators.empty()) {
    out += fmt::format("**{}**: none measures this {} yet.\n\n", indicators, md_term(plan, "objective", "objective"));
  } else {
    out += fmt::format("**{}**\n\n{}\n", indicators, indicator_table(s.indicators));
    for (const IndicatorRow& row : s.indicators) out += trend_chart(row).empty() ? "" : trend_chart(row) + "\n";
  }
  const std::string activities = capitalised(md_term(plan, "activities", "activities"));
  if (s.ongoing.empty()) out += fmt::format("**{}**: none planned or under way.\n\n", activities);
  else out += fmt::format("**{} planned or under way**\n\n{}\n", activities, activity_table(plan, s.ongoing));
  if (!s.completed.empty()) out += fmt::format("**Completed**\n\n{}\n", activity_table(plan, s.completed));
  if (!s.inactive.empty()) {
    std::vector<std::string> names;
    for (const Activity* a : s.inactive)
      names.push_back(fmt::format("{} ({})", md_text(a->title ? a->title->value : a->id.value),
                                  a->status == ActivityStatus::on_hold ? "on hold" : "cancelled"));
    out += fmt::format("*On hold or cancelled*: {}.\n\n", join(names));
  }
  return out;
}

std::string changes_section(const PlanChanges& c) {
  std::string out = fmt::format("## Changes since {}\n\n", md_text(c.revision));
  out += fmt::format("Compared with the plan as it was at {} (commit {}).\n\n", md_code(c.revision), md_code(c.commit));
  if (c.empty()) return out + "No changes to projects, activities or indicator values.\n\n";
  auto name = [](const ActivityRef& a) { return fmt::format("{} ({})", md_text(a.title), md_code(a.id)); };
  if (!c.added.empty()) {
    out += fmt::format("**Added** ({})\n\n", c.added.size());
    for (const ActivityRef& a : c.added) out += "- " + name(a) + "\n";
    out += "\n";
  }
  if (!c.removed.empty()) {
    out += fmt::format("**Removed** ({})\n\n", c.removed.size());
    for (const ActivityRef& a : c.removed) out += "- " + name(a) + "\n";
    out += "\n";
  }
  auto moves = [&](const char* title, const std::vector<ValueChange>& list) {
    if (list.empty()) return;
    std::vector<std::vector<std::string>> rows;
    for (const ValueChange& m : list) rows.push_back({name(m.activity), md_text(m.from), md_text(m.to)});
    out += fmt::format("**{}** ({})\n\n{}\n", title, list.size(), md_table({"", "from", "to"}, "lll", rows));
  };
  moves("Moved between stages", c.stage_moves);
  moves("Status changed", c.status_changes);
  if (!c.secured.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const SecuredChange& s : c.secured)
      rows.push_back({name(s.activity), md_text(s.currency), format_money(s.from), format_money(s.to)});
    out += fmt::format("**Secured funding changed** ({})\n\n{}\n", c.secured.size(),
                       md_table({"", "currency", "before", "now"}, "llrr", rows));
  }
  if (!c.recorded.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const RecordedValue& v : c.recorded)
      rows.push_back({fmt::format("{} ({})", md_text(v.title), md_code(v.indicator)), v.date,
                      md_text(v.unit.empty() || v.unit == "count" ? format_quantity(v.value)
                                                                  : format_quantity(v.value) + " " + v.unit)});
    out += fmt::format("**Indicator values recorded** ({})\n\n{}\n", c.recorded.size(),
                       md_table({"", "date", "value"}, "llr", rows));
  }
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
    for (const ValueChange& m : list) out.push_back({{"id", m.activity.id}, {"from", m.from}, {"to", m.to}});
    return out;
  };
  ordered_json secured = ordered_json::array();
  for (const SecuredChange& s : c.secured)
    secured.push_back({{"id", s.activity.id}, {"currency", s.currency}, {"from", s.from}, {"to", s.to}});
  ordered_json recorded = ordered_json::array();
  for (const RecordedValue& v : c.recorded)
    recorded.push_back({{"indicator", v.indicator}, {"date", v.date}, {"value", v.value}});
  return {{"revision", c.revision}, {"commit", c.commit}, {"added", refs(c.added)}, {"removed", refs(c.removed)},
          {"stage_moves", moves(c.stage_moves)}, {"status_changes", moves(c.status_changes)},
          {"secured", std::move(secured)}, {"recorded", std::move(recorded)}};
}

std::string title_of(const Plan& plan, const ReportData& r) {
  const std::string name = plan.info.title ? plan.info.title->value : "Plan";
  return r.year ? fmt::format("Progress report {}: {}", *r.year, name) : fmt::format("Progress report: {}", name);
}

}  // namespace

std::string report_summary(const Plan& plan, const ReportData& r) {
  const std::string indicators = plan.term("indicators", "indicators");
  std::vector<std::string> parts;
  parts.push_back(fmt::format("{}, {} funded", plural(r.projects, "project", "projects"), r.projects_funded));
  if (r.work_activities)
    parts.push_back(plural(r.work_activities, "work-plan activity", "work-plan activities"));
  auto status = [&](ProgressStatus s) {
    auto it = r.indicator_status.find(s);
    return it == r.indicator_status.end() ? 0 : it->second;
  };
  if (r.numeric_indicators)
    parts.push_back(fmt::format("{} of {} {} on track, {} at risk, {} off track, {} without data",
                                status(ProgressStatus::on_track), r.numeric_indicators, indicators,
                                status(ProgressStatus::at_risk), status(ProgressStatus::off_track),
                                status(ProgressStatus::no_data)));
  if (r.milestones)
    parts.push_back(fmt::format("{} of {} milestones achieved, {} overdue", r.milestones_achieved, r.milestones,
                                r.milestones_overdue));
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
  if (info.vision) out += fmt::format("> {}\n\n", md_text(info.vision->value));
  out += fmt::format("**In short**: {}.\n\n", md_text(report_summary(plan, r)));

  // Key figures.
  out += "## Key figures\n\n";
  std::vector<std::vector<std::string>> figures;
  if (info.goals) figures.push_back({"Goals", std::to_string(info.goals->size())});
  figures.push_back({capitalised(md_term(plan, "objectives", "objectives")), std::to_string(plan.objectives.size())});
  figures.push_back({capitalised(md_term(plan, "task_forces", "task forces")), std::to_string(plan.task_forces.size())});
  figures.push_back({"Projects (active)", std::to_string(r.projects)});
  figures.push_back({"… in a funded stage", std::to_string(r.projects_funded)});
  if (r.work_activities) figures.push_back({"Work-plan activities (active)", std::to_string(r.work_activities)});
  if (r.inactive) figures.push_back({"On hold or cancelled", std::to_string(r.inactive)});
  figures.push_back({capitalised(md_term(plan, "indicators", "indicators")),
                     std::to_string(r.numeric_indicators + r.milestones)});
  for (const MoneyTotals& m : r.funding) {
    figures.push_back({fmt::format("Estimated need ({})", md_text(m.currency)), estimate_text(m)});
    figures.push_back({fmt::format("Secured ({})", md_text(m.currency)), format_money(m.secured)});
  }
  out += md_table({"", "figure"}, "lr", figures) + "\n";

  // Pipeline.
  // Work-plan activities get their own column when the plan has some; the
  // chart shows projects, or the activities of a plan that has no projects.
  const bool with_activities = r.work_activities > 0;
  const bool chart_activities = r.projects == 0 && with_activities;
  out += with_activities ? "## Pipeline of projects and work-plan activities\n\n" : "## Project pipeline\n\n";
  std::vector<std::vector<std::string>> stages;
  std::vector<std::string> labels, counts;
  for (const StageRow& row : r.pipeline) {
    const std::string name = row.stage->name ? row.stage->name->value : row.stage->id.value;
    std::vector<std::string> cells = {md_text(name), row.stage->funded ? "yes" : "", std::to_string(row.projects)};
    if (with_activities) cells.push_back(std::to_string(row.activities));
    cells.push_back(md_text(money_list(row.money, [](const MoneyTotals& m) {
      return m.estimate_high > 0 ? format_money_range(m.estimate_low, m.estimate_high) : std::string();
    })));
    cells.push_back(md_text(money_list(row.money, [](const MoneyTotals& m) {
      return m.secured > 0 ? format_money(m.secured) : std::string();
    })));
    stages.push_back(std::move(cells));
    labels.push_back(fmt::format("\"{}\"", mermaid_label(name)));
    counts.push_back(std::to_string(chart_activities ? row.activities : row.projects));
  }
  if (with_activities)
    out += md_table({"Stage", "funded", "projects", "work-plan activities", "estimated", "secured"}, "llrrrr", stages);
  else
    out += md_table({"Stage", "funded", "projects", "estimated", "secured"}, "llrrr", stages);
  out += "\n";
  const std::string what = chart_activities ? "Work-plan activities" : "Projects";
  out += fmt::format("```mermaid\nxychart-beta\n  title \"{} by stage\"\n  x-axis [{}]\n"
                     "  y-axis \"{}\"\n  bar [{}]\n```\n\n",
                     what, join(labels), what, join(counts));

  // Funding.
  out += "## Funding\n\n";
  out += "Active projects and activities, each counted once. Ranges give a low and a high sum; "
         "*estimate unknown* counts budgets still to be determined (never as zero).\n\n";
  std::vector<std::vector<std::string>> money;
  for (const MoneyTotals& m : r.funding)
    money.push_back({md_text(m.currency), estimate_text(m), format_money(m.secured), gap_text(m), m.unknown ? std::to_string(m.unknown) : "",
                     m.none ? std::to_string(m.none) : ""});
  out += md_table({"Currency", "estimated", "secured", "gap", "estimate unknown", "no funds needed"}, "lrrrrr",
                  money) +
         "\n";

  if (r.changes) out += changes_section(*r.changes);

  // Goals and objectives.
  out += info.goals ? fmt::format("## Goals and {}\n\n", md_term(plan, "objectives", "objectives"))
                    : fmt::format("## {}\n\n", capitalised(md_term(plan, "objectives", "objectives")));
  // The objectives' sections (their activity tables are most of a large report), on all workers.
  std::vector<const ObjectiveSection*> sections;
  for (const GoalSection& g : r.goals)
    for (const ObjectiveSection& s : g.objectives) sections.push_back(&s);
  std::vector<std::string> section_text(sections.size());
  parallel_for(sections.size(), threads, [&](std::size_t i) { section_text[i] = objective_section(plan, *sections[i]); });
  std::size_t next_section = 0;
  for (const GoalSection& g : r.goals) {
    if (g.goal)
      out += fmt::format("### {}: {}\n\n{}", md_text(g.goal->id.value),
                         md_text(g.goal->title ? g.goal->title->value : ""),
                         g.goal->description ? md_text(g.goal->description->value) + "\n\n" : "");
    else if (info.goals)
      out += fmt::format("### {} without a goal\n\n", capitalised(md_term(plan, "objectives", "objectives")));
    if (g.objectives.empty()) out += fmt::format("No {} yet.\n\n", md_term(plan, "objectives", "objectives"));
    for (std::size_t i = 0; i < g.objectives.size(); ++i) out += section_text[next_section++];
  }

  // Main gaps.
  out += "## Main gaps\n\n";
  int shown = 0, low = 0;
  for (const Finding& f : r.gaps.findings) {
    if (f.severity == FindingSeverity::low) {
      ++low;
      continue;
    }
    if (f.code == "region-gap") continue;  // in the coverage table below
    out += fmt::format("- **{}** {}: {}\n", severity_name(f.severity), md_code(f.code), md_text(f.message));
    ++shown;
  }
  if (shown == 0) out += "No high or medium gaps.\n";
  out += fmt::format("\n{} low-severity findings (region gaps, representatives, staleness, overlaps) are listed by "
                     "`actionplan gap-analysis`.\n\n",
                     low);

  // Regional coverage.
  out += "## Regional coverage\n\n" + md_coverage_table(plan, r.gaps.coverage);
  return out;
}

std::string render_report_json(const Plan& plan, const ReportData& r) {
  ordered_json doc;
  const PlanInfo& info = plan.info;
  doc["title"] = title_of(plan, r);
  doc["as_of"] = r.as_of.to_string();
  doc["year"] = r.year ? ordered_json(*r.year) : ordered_json(nullptr);
  doc["plan"] = {{"id", info.id ? info.id->value : ""}, {"title", info.title ? info.title->value : ""}};
  doc["summary"] = report_summary(plan, r);
  auto money_json = [](const std::vector<MoneyTotals>& totals) {
    ordered_json list = ordered_json::array();
    for (const MoneyTotals& m : totals)
      list.push_back({{"currency", m.currency}, {"estimate_low", m.estimate_low}, {"estimate_high", m.estimate_high},
                      {"secured", m.secured}, {"gap_low", m.gap_low()}, {"gap_high", m.gap_high()},
                      {"unknown_estimates", m.unknown}, {"no_funds_needed", m.none}});
    return list;
  };
  ordered_json statuses = ordered_json::object();
  for (ProgressStatus s : {ProgressStatus::on_track, ProgressStatus::at_risk, ProgressStatus::off_track,
                           ProgressStatus::no_data, ProgressStatus::not_assessable}) {
    auto it = r.indicator_status.find(s);
    statuses[progress_status_name(s)] = it == r.indicator_status.end() ? 0 : it->second;
  }
  doc["key_figures"] = {{"goals", info.goals ? info.goals->size() : 0},
                        {"objectives", plan.objectives.size()},
                        {"task_forces", plan.task_forces.size()},
                        {"projects", r.projects},
                        {"projects_funded", r.projects_funded},
                        {"work_activities", r.work_activities},
                        {"inactive", r.inactive},
                        {"numeric_indicators", r.numeric_indicators},
                        {"indicator_status", std::move(statuses)},
                        {"milestones", r.milestones},
                        {"milestones_achieved", r.milestones_achieved},
                        {"milestones_overdue", r.milestones_overdue}};
  ordered_json pipeline = ordered_json::array();
  for (const StageRow& row : r.pipeline)
    pipeline.push_back({{"stage", row.stage->id.value},
                        {"name", row.stage->name ? row.stage->name->value : row.stage->id.value},
                        {"funded", row.stage->funded},
                        {"projects", row.projects},
                        {"money", money_json(row.money)}});
  doc["pipeline"] = std::move(pipeline);
  doc["funding"] = money_json(r.funding);
  ordered_json goals = ordered_json::array();
  for (const GoalSection& g : r.goals) {
    ordered_json objectives = ordered_json::array();
    for (const ObjectiveSection& s : g.objectives) {
      ordered_json indicators = ordered_json::array();
      for (const IndicatorRow& row : s.indicators) {
        const Indicator& i = *row.indicator;
        ordered_json item = {{"id", i.id.value}, {"title", i.title ? i.title->value : ""},
                             {"type", i.type.value == IndicatorType::milestone ? "milestone" : "numeric"}};
        if (i.type.value == IndicatorType::milestone) {
          item["status"] = row.milestone_status;
          if (i.due) item["due"] = i.due->value.to_string();
          if (i.achieved) item["achieved"] = i.achieved->value.to_string();
        } else {
          const IndicatorProgress& p = row.progress;
          item["unit"] = i.unit ? i.unit->value : "";
          item["status"] = progress_status_name(p.status);
          auto dated = [](const std::optional<DatedNumber>& d) {
            return d ? ordered_json{{"date", d->date.to_string()}, {"value", d->value}} : ordered_json(nullptr);
          };
          item["baseline"] = dated(p.baseline);
          item["latest"] = dated(p.latest);
          item["next_target"] = dated(p.next_target);
          item["expected"] = p.expected ? ordered_json(*p.expected) : ordered_json(nullptr);
          item["ratio"] = p.ratio ? ordered_json(*p.ratio) : ordered_json(nullptr);
          item["target_reached"] = p.target_reached;
        }
        indicators.push_back(std::move(item));
      }
      auto person_json = [&](const Person& p) {  // names and organisations, never e-mail addresses
        ordered_json j = {{"name", p.name.value}, {"org", p.org ? ordered_json(p.org->value) : ordered_json(nullptr)}};
        if (p.region) j["region"] = p.region->value;
        return j;
      };
      auto activities_json = [&](const std::vector<const Activity*>& list, const char* state) {
        ordered_json out = ordered_json::array();
        for (const Activity* a : list) {
          std::vector<std::string> regions, sponsors;
          for (const auto& region : a->regions) regions.push_back(region.value);
          for (const auto& sp : a->sponsors) sponsors.push_back(sp.value);
          ordered_json budget = nullptr;
          if (a->budget && a->budget->estimate) {
            const Amount& m = a->budget->estimate->value;
            budget = {{"currency", a->budget->currency ? a->budget->currency->value : info.default_currency()},
                      {"estimate", m.kind == AmountKind::none ? "none"
                                   : m.kind == AmountKind::tbd ? "tbd"
                                                               : "amount"},
                      {"estimate_low", m.kind == AmountKind::number || m.kind == AmountKind::range ? ordered_json(m.min) : ordered_json(nullptr)},
                      {"estimate_high", m.kind == AmountKind::number || m.kind == AmountKind::range ? ordered_json(m.max) : ordered_json(nullptr)},
                      {"secured", a->budget->secured ? ordered_json(a->budget->secured->value) : ordered_json(nullptr)}};
          }
          out.push_back({{"id", a->id.value},
                         {"title", a->title ? a->title->value : ""},
                         {"state", state},
                         {"status", status_name(a->status)},
                         {"stage", plan.stage_of(*a).id.value},
                         {"regions", regions},
                         {"lead", a->lead ? person_json(*a->lead) : ordered_json(nullptr)},
                         {"sponsors", sponsors},
                         {"budget", std::move(budget)}});
        }
        return out;
      };
      ordered_json task_forces = ordered_json::array();
      for (const TaskForce* t : s.task_forces) {
        ordered_json leaders = ordered_json::array(), reps = ordered_json::array();
        for (const Person& p : t->leaders) leaders.push_back(person_json(p));
        for (const Person& p : t->representatives) reps.push_back(person_json(p));
        task_forces.push_back({{"id", t->id.value}, {"name", t->name ? t->name->value : ""},
                               {"leaders", std::move(leaders)}, {"representatives", std::move(reps)}});
      }
      ordered_json activities = activities_json(s.ongoing, "ongoing");
      for (auto& a : activities_json(s.completed, "completed")) activities.push_back(a);
      for (auto& a : activities_json(s.inactive, "inactive")) activities.push_back(a);
      objectives.push_back({{"id", s.objective->id.value},
                            {"title", s.objective->title ? s.objective->title->value : ""},
                            {"targets", [&] {
                               ordered_json t = ordered_json::object();
                               for (const YearText& y : s.objective->targets) t[std::to_string(y.year.value)] = y.text.value;
                               return t;
                             }()},
                            {"task_forces", std::move(task_forces)},
                            {"indicators", std::move(indicators)},
                            {"activities", std::move(activities)}});
    }
    goals.push_back({{"id", g.goal ? ordered_json(g.goal->id.value) : ordered_json(nullptr)},
                     {"title", g.goal && g.goal->title ? g.goal->title->value : ""},
                     {"objectives", std::move(objectives)}});
  }
  doc["goals"] = std::move(goals);
  doc["changes"] = r.changes ? changes_json(*r.changes) : ordered_json(nullptr);
  // The gaps, as gap-analysis prints them in JSON.
  ordered_json gaps = ordered_json::parse(render_gaps(plan, r.gaps, GapFormat::json));
  doc["gaps"] = {{"summary", gaps["summary"]}, {"findings", gaps["findings"]}};
  doc["coverage"] = gaps["coverage"];
  return json_text(std::move(doc));
}

}  // namespace actionplan
