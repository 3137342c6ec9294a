#include "analysis/report.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "model/parallel.hpp"
#include "model/text.hpp"

namespace actionplan {

void count_status(StatusCounts& counts, const IndicatorRow& row) {
  counts.add(*row.indicator, row.progress, row.milestone);
}

namespace {

// "on track", "on track, data from 2023-03", "overdue": the status as a reader sees it.
std::string status_words(const StatusWords& words_of, const Indicator& i,
                         const IndicatorProgress& p, MilestoneStatus milestone, bool with_age) {
  if (i.type.value == IndicatorType::milestone) return words_of(milestone);
  std::string words = words_of(p.status);
  if (with_age && p.stale && p.latest) words += ", data from " + p.latest->date.to_string();
  return words;
}

// Who answers for a task force's work: its leaders by name, else the task force itself.
std::string task_force_with_leaders(const TaskForce& t) {
  std::vector<std::string> leaders;
  for (const Person& p : t.leaders) leaders.push_back(p.name.value);
  return leaders.empty() ? name_of(t) : join(leaders);
}

class Builder {
 public:
  Builder(const Plan& plan, const ReportRequest& request, ReportData& r)
      : m_plan(plan), m_r(r), m_words(plan) {
    for (const std::string& id : report_objectives(plan, request)) m_scope.insert(id);
    m_activity = plan.term("activity", "activity");
    m_activities = plan.term("activities", "activities");
    m_task_force = plan.term("task_force", "task force");
    m_objective = plan.term("objective", "objective");
    m_indicator = plan.term("indicator", "indicator");
  }

  // Everything but what reads the gap analysis.
  void figures_and_sections() {
    activities_and_pipeline();
    indicators();
    sections();
    goals();
  }

  // What reads the gap analysis: per-objective funding, decisions.
  void after_gaps() {
    for (const FundingLine& line : m_r.gaps.funding)
      if (auto it = m_section_of.find(line.objective); it != m_section_of.end())
        m_r.objectives[it->second].funding.push_back(line.money);
    decisions();
  }

  bool in_scope(const std::string& objective) const {
    return !m_r.scoped || m_scope.count(objective);
  }

 private:
  bool serves_scope(const Activity& a) const {
    return std::any_of(a.objectives.begin(), a.objectives.end(),
                       [&](const auto& o) { return in_scope(o.value); });
  }

  void activities_and_pipeline() {
    const std::string currency = m_plan.info.default_currency();
    for (const Stage& s : m_plan.info.stages) m_r.pipeline.push_back({&s, 0, 0, {}});
    for (const Activity& a : m_plan.activities) {
      if (!serves_scope(a)) continue;
      // Listed once: under the first objective it names that the report covers.
      for (const auto& o : a.objectives) {
        if (!in_scope(o.value) || !m_plan.objective(o.value)) continue;
        if (m_r.listed_under.emplace(&a, o.value).second)
          m_listed[o.value].push_back(&a);
        else if (m_r.listed_under[&a] != o.value)
          m_also[o.value].push_back(&a);
      }
      if (a.status != ActivityStatus::active) {
        ++m_r.inactive;
        continue;
      }
      for (const auto& o : a.objectives)
        if (!m_plan.is_completed(a)) ++m_active_of[o.value];
      add_budget(m_r.funding, a, currency);
      const bool project = a.type == ActivityType::project;
      if (project) {
        ++m_r.projects;
        if (m_plan.is_funded(a)) ++m_r.projects_funded;
      } else {
        ++m_r.work_activities;
      }
      const Stage& stage = m_plan.stage_of(a);
      for (StageRow& row : m_r.pipeline)
        if (row.stage == &stage) {
          ++(project ? row.projects : row.activities);
          add_budget(row.money, a, currency);
        }
    }
    for (const TaskForce& t : m_plan.task_forces) {
      if (std::none_of(t.objectives.begin(), t.objectives.end(),
                       [&](const auto& o) { return in_scope(o.value); }))
        continue;
      m_r.rosters.push_back(&t);
      for (const auto& o : t.objectives) m_task_forces_of[o.value].push_back(&t);
    }
    m_r.task_forces = static_cast<int>(m_r.rosters.size());
  }

  void indicators() {
    const AnalysisSettings& settings = m_plan.info.analysis;
    for (const Indicator& i : m_plan.indicators) {
      IndicatorRow row;
      row.indicator = &i;
      for (const std::string& o : m_plan.objectives_measured(i))
        if (in_scope(o)) row.objectives.push_back(o);
      if (row.objectives.empty() && (m_r.scoped || !m_plan.objectives_measured(i).empty()))
        continue;
      IndicatorProgress then;
      MilestoneStatus milestone_then = MilestoneStatus::due;
      if (i.type.value == IndicatorType::milestone) {
        row.milestone = milestone_status(i, m_r.as_of);
        milestone_then = milestone_status(i, m_r.period_start);
        ++m_r.milestones;
        if (row.milestone == MilestoneStatus::achieved) ++m_r.milestones_achieved;
        if (row.milestone == MilestoneStatus::overdue) ++m_r.milestones_overdue;
      } else {
        row.progress = indicator_progress(i, settings, m_r.as_of);
        row.parts = part_progress(i, settings, m_r.as_of);
        then = indicator_progress(i, settings, m_r.period_start);
        ++m_r.numeric_indicators;
        ++m_r.indicator_status[row.progress.status];
      }
      for (const Measurement& m : i.measurements)
        if (m.date && is_after(m.date->value, m_r.period_start)) ++m_r.measurements_in_period;
      row.status = status_words(m_words, i, row.progress, row.milestone, true);
      row.status_then = status_words(m_words, i, then, milestone_then, false);
      const std::string now = status_words(m_words, i, row.progress, row.milestone, false);
      if (now != row.status_then)
        m_r.status_changes.push_back({m_r.indicators.size(), row.status_then, now});
      count_status(m_r.status, row);
      for (const std::string& o : row.objectives)
        m_indicators_of[o].push_back(m_r.indicators.size());
      m_r.indicators.push_back(std::move(row));
    }
  }

  ObjectiveSection section(const Objective& o, const Goal* goal) {
    ObjectiveSection s;
    s.objective = &o;
    s.goal = goal;
    const std::string& id = o.id.value;
    if (auto it = m_task_forces_of.find(id); it != m_task_forces_of.end())
      s.task_forces = it->second;
    if (auto it = m_indicators_of.find(id); it != m_indicators_of.end()) s.indicators = it->second;
    for (std::size_t row : s.indicators) count_status(s.status, m_r.indicators[row]);
    s.rollup = rollup(s.status);
    m_r.objective_status.add(s.rollup);
    if (auto it = m_listed.find(id); it != m_listed.end())
      for (const Activity* a : it->second) {
        if (a->status != ActivityStatus::active)
          s.inactive.push_back(a);
        else if (m_plan.is_completed(*a))
          s.completed.push_back(a);
        else
          s.ongoing.push_back(a);
      }
    if (auto it = m_also.find(id); it != m_also.end()) s.also = it->second;
    if (auto it = m_active_of.find(id); it != m_active_of.end()) s.active = it->second;
    for (const auto* list : {&s.ongoing, &s.completed, &s.inactive})
      m_r.activities.insert(m_r.activities.end(), list->begin(), list->end());
    return s;
  }

  void sections() {
    auto add = [&](const Objective& o, const Goal* goal) {
      m_section_of[o.id.value] = m_r.objectives.size();
      m_r.objectives.push_back(section(o, goal));
    };
    if (m_plan.info.goals)
      for (const Goal& g : *m_plan.info.goals) {
        GoalSection goal;
        goal.goal = &g;
        for (const Objective& o : m_plan.objectives)
          if (in_scope(o.id.value) && o.goal && o.goal->value == g.id.value) {
            goal.objectives.push_back(m_r.objectives.size());
            add(o, &g);
          }
        if (!m_r.scoped || !goal.objectives.empty()) m_r.goals.push_back(std::move(goal));
      }
    GoalSection rest;
    for (const Objective& o : m_plan.objectives) {
      const bool placed = m_plan.info.goals && o.goal &&
                          std::any_of(m_plan.info.goals->begin(), m_plan.info.goals->end(),
                                      [&](const Goal& g) { return g.id.value == o.goal->value; });
      if (!placed && in_scope(o.id.value)) {
        rest.objectives.push_back(m_r.objectives.size());
        add(o, nullptr);
      }
    }
    if (!rest.objectives.empty()) m_r.goals.push_back(std::move(rest));
  }

  // A goal's roll-up: its indicators and its activities, each counted once.
  void goals() {
    const std::string currency = m_plan.info.default_currency();
    for (GoalSection& g : m_r.goals) {
      std::set<std::size_t> rows;
      std::set<const Activity*> serving;
      std::set<std::string> ids;
      for (std::size_t k : g.objectives) {
        const ObjectiveSection& s = m_r.objectives[k];
        g.objective_status.add(s.rollup);
        rows.insert(s.indicators.begin(), s.indicators.end());
        ids.insert(s.objective->id.value);
      }
      for (std::size_t row : rows) count_status(g.status, m_r.indicators[row]);
      g.rollup = rollup(g.objective_status);
      for (const Activity& a : m_plan.activities) {
        if (a.status != ActivityStatus::active) continue;
        if (std::none_of(a.objectives.begin(), a.objectives.end(),
                         [&](const auto& o) { return ids.count(o.value); }))
          continue;
        add_budget(g.funding, a, currency);
        if (!m_plan.is_completed(a)) ++g.active;
      }
    }
  }

  // Who answers for an objective: the task forces working on it, with their leaders.
  std::string who_for_objective(const std::string& id) const {
    std::vector<std::string> names;
    if (auto it = m_task_forces_of.find(id); it != m_task_forces_of.end())
      for (const TaskForce* t : it->second) names.push_back(task_force_with_leaders(*t));
    return join(names, "; ");
  }

  std::string who_for_activity(const Activity& a) const {
    if (a.lead)
      return a.lead->org ? fmt::format("{} ({})", a.lead->name.value, a.lead->org->value)
                         : a.lead->name.value;
    std::vector<std::string> bodies;
    for (const auto& body : a.responsible) bodies.push_back(m_plan.actor_name(body.value));
    if (!bodies.empty()) return join(bodies);
    if (a.task_force)
      if (const TaskForce* t = m_plan.task_force(a.task_force->value))
        return task_force_with_leaders(*t);
    return a.objectives.empty() ? "" : who_for_objective(a.objectives.front().value);
  }

  std::string who_for_indicator(const Indicator& i) const {
    if (i.activity)
      if (const Activity* a = m_plan.activity(i.activity->value)) return who_for_activity(*a);
    return i.objective ? who_for_objective(i.objective->value) : "";
  }

  std::string objective_words(const std::string& id) const {
    const Objective* o = m_plan.objective(id);
    return o ? fmt::format("'{}' ({})", title_of(*o), id) : id;
  }

  const IndicatorRow* row_of(const std::string& id) const {
    for (const IndicatorRow& row : m_r.indicators)
      if (row.indicator->id.value == id) return &row;
    return nullptr;
  }

  std::optional<Decision> decision(const Finding& f) const {
    const std::string& id = f.subject.front();
    Decision d;
    d.finding = &f;
    if (f.code == "objective-without-activities") {
      d.text = fmt::format("No active {} serves {} {}: start one or review it.", m_activity,
                           m_objective, objective_words(id));
      d.who = who_for_objective(id);
    } else if (f.code == "objective-unfunded") {
      d.text = fmt::format("{} {}: its {} are not funded yet: seek funding.",
                           capitalised(m_objective), objective_words(id), m_activities);
      d.who = who_for_objective(id);
    } else if (f.code == "objective-without-task-force") {
      d.text = fmt::format("No {} works on {} {}: assign one.", m_task_force, m_objective,
                           objective_words(id));
    } else if (f.code == "objective-without-indicators") {
      d.text = fmt::format("No {} measures {} {}: agree on one.", m_indicator, m_objective,
                           objective_words(id));
      d.who = who_for_objective(id);
    } else if (f.code == "task-force-without-leader") {
      const TaskForce* t = m_plan.task_force(id);
      d.text = fmt::format("{} '{}' has no leader: appoint one.", capitalised(m_task_force),
                           t ? name_of(*t) : id);
    } else if (f.code == "indicator-part-behind") {
      const IndicatorRow* row = row_of(id);
      if (!row || !f.dimension || !f.part) return std::nullopt;
      d.text = fmt::format("'{}' is behind in {} while the whole is not: {} there.",
                           title_of(*row->indicator), m_plan.part_name(*f.dimension, *f.part),
                           f.actual ? "see what holds it back" : "get data");
      d.who = who_for_indicator(*row->indicator);
    } else if (f.code == "indicator-no-data" || f.code == "indicator-off-track" ||
               f.code == "milestone-overdue") {
      const IndicatorRow* row = row_of(id);
      if (!row) return std::nullopt;
      const Indicator& i = *row->indicator;
      const IndicatorProgress& p = row->progress;
      auto text = [&](double value) {
        return indicator_value_text(i, value, m_plan.info.analysis);
      };
      if (f.code == "indicator-no-data")
        d.text = fmt::format("'{}' has no data yet: record a first measurement.", title_of(i));
      else if (f.code == "milestone-overdue")
        d.text = fmt::format("'{}' was due {} and is not achieved: act, or set a new date.",
                             title_of(i), i.due ? i.due->value.to_string() : "");
      else if (!p.years.empty())  // every: year
        d.text = fmt::format("'{}' missed its yearly target in {}: review what is behind it.",
                             title_of(i), missed_years_text(i, p, m_plan.info.analysis));
      else if (p.status == ProgressStatus::missed)
        d.text =
            fmt::format("'{}' missed its {} target of {} ({} in {}): review what is behind it.",
                        title_of(i), p.next_target->date.year, text(p.next_target->value),
                        text(p.latest->value), p.latest->date.to_string());
      else
        d.text = fmt::format("'{}' is {}: {} in {} against {} expected on the way to {} by {}.",
                             title_of(i), m_words(p.status), text(p.latest->value),
                             p.latest->date.to_string(), text(*p.expected),
                             text(p.next_target->value), p.next_target->date.year);
      d.who = who_for_indicator(i);
    } else if (f.code == "activity-overdue") {
      const Activity* a = m_plan.activity(id);
      if (!a) return std::nullopt;
      const Stage& stage = m_plan.stage_of(*a);
      d.text = fmt::format(
          "{} '{}' was to end {} but is still at '{}': close it or set a new end date.",
          capitalised(m_activity), title_of(*a), a->end ? a->end->value.to_string() : "",
          stage.name ? stage.name->value : stage.id.value);
      d.who = who_for_activity(*a);
    } else if (f.code == "funding-gap") {
      d.text = fmt::format("{} {} still lacks {} {} (what each {} lacks, added up).",
                           capitalised(m_objective), objective_words(id), f.currency.value_or(""),
                           format_money_range(f.gap_low.value_or(0), f.gap_high.value_or(0)),
                           m_activity);
      d.who = who_for_objective(id);
    } else {
      return std::nullopt;
    }
    return d;
  }

  void decisions() {
    for (const Finding& f : m_r.gaps.findings) {
      if (m_r.decisions.size() == k_max_decisions) break;
      if (f.severity == FindingSeverity::low || f.subject.empty()) continue;
      if (std::optional<Decision> d = decision(f)) m_r.decisions.push_back(std::move(*d));
    }
  }

  const Plan& m_plan;
  ReportData& m_r;
  std::unordered_set<std::string> m_scope;
  std::string m_activity, m_activities, m_task_force, m_objective, m_indicator;
  StatusWords m_words;
  std::unordered_map<std::string, std::vector<const Activity*>> m_listed, m_also;
  std::unordered_map<std::string, std::vector<const TaskForce*>> m_task_forces_of;
  std::unordered_map<std::string, std::vector<std::size_t>> m_indicators_of;
  std::unordered_map<std::string, int> m_active_of;
  std::unordered_map<std::string, std::size_t> m_section_of;
};

}  // namespace

std::vector<std::string> report_objectives(const Plan& plan, const ReportRequest& request) {
  std::vector<std::string> out;
  auto wanted = [&](const std::string& id) {
    if (request.objectives.empty() && request.task_forces.empty()) return true;
    if (std::find(request.objectives.begin(), request.objectives.end(), id) !=
        request.objectives.end())
      return true;
    return std::any_of(request.task_forces.begin(), request.task_forces.end(),
                       [&](const std::string& tf) {
                         const TaskForce* t = plan.task_force(tf);
                         return t && std::any_of(t->objectives.begin(), t->objectives.end(),
                                                 [&](const auto& o) { return o.value == id; });
                       });
  };
  for (const Objective& o : plan.objectives)
    if (wanted(o.id.value)) out.push_back(o.id.value);
  return out;
}

ReportData build_report(const Plan& plan, const ReportRequest& request) {
  ReportData r;
  r.as_of = request.as_of;
  r.year = request.year;
  r.period_start = request.year ? Date{*request.year - 1, 12, 31} : add_months(request.as_of, -12);
  r.left_out = request.left_out;
  r.scope_task_forces = request.task_forces;
  r.scoped = !request.objectives.empty() || !request.task_forces.empty();
  Builder builder(plan, request, r);
  // The gap analysis (on all workers) runs beside the rest, which never reads r.gaps.
  parallel_for(2, request.threads, [&](std::size_t task) {
    if (task == 0) {
      r.gaps = analyse_gaps(plan, request.as_of, request.threads);
      if (r.scoped) keep_objectives(r.gaps, report_objectives(plan, request));
    } else {
      builder.figures_and_sections();
    }
  });
  builder.after_gaps();
  return r;
}

}  // namespace actionplan
