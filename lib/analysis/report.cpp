#include "analysis/report.hpp"

#include <algorithm>

#include "model/parallel.hpp"

namespace actionplan {

namespace {

// Everything of the report but the gap analysis.
void add_figures_and_sections(ReportData& r, const Plan& plan, const Date& as_of) {
  const std::string currency = plan.info.default_currency();

  for (const Stage& s : plan.info.stages) r.pipeline.push_back({&s, 0, 0, {}});
  for (const Activity& a : plan.activities) {
    if (a.status != ActivityStatus::active) {
      ++r.inactive;
      continue;
    }
    add_budget(r.funding, a, currency);
    const bool project = a.type == ActivityType::project;
    if (project) {
      ++r.projects;
      if (plan.is_funded(a)) ++r.projects_funded;
    } else {
      ++r.work_activities;
    }
    const Stage& stage = plan.stage_of(a);
    for (StageRow& row : r.pipeline)
      if (row.stage == &stage) {
        ++(project ? row.projects : row.activities);
        add_budget(row.money, a, currency);
      }
  }

  // Indicators, by the objective they measure (directly, or through an activity).
  std::map<std::string, std::vector<IndicatorRow>> indicators_of;
  for (const Indicator& i : plan.indicators) {
    IndicatorRow row{&i, {}, {}};
    if (i.type.value == IndicatorType::milestone) {
      ++r.milestones;
      if (i.achieved) {
        row.milestone_status = "achieved";
        ++r.milestones_achieved;
      } else if (i.due && i.due->value.last_day() < as_of) {
        row.milestone_status = "overdue";
        ++r.milestones_overdue;
      } else {
        row.milestone_status = "due";
      }
    } else {
      row.progress = indicator_progress(i, plan.info.analysis);
      ++r.numeric_indicators;
      ++r.indicator_status[row.progress.status];
    }
    if (i.objective) {
      indicators_of[i.objective->value].push_back(row);
    } else if (i.activity) {
      if (const Activity* a = plan.activity(i.activity->value))
        for (const auto& o : a->objectives) indicators_of[o.value].push_back(row);
    }
  }

  // One pass over the records: what serves, leads and measures each objective.
  std::map<std::string, std::vector<const Activity*>> activities_of;
  std::map<std::string, std::vector<const TaskForce*>> task_forces_of;
  for (const Activity& a : plan.activities)
    for (const auto& o : a.objectives) activities_of[o.value].push_back(&a);
  for (const TaskForce& t : plan.task_forces)
    for (const auto& o : t.objectives) task_forces_of[o.value].push_back(&t);

  auto section = [&](const Objective& o) {
    ObjectiveSection s;
    s.objective = &o;
    if (auto it = task_forces_of.find(o.id.value); it != task_forces_of.end()) s.task_forces = it->second;
    if (auto it = indicators_of.find(o.id.value); it != indicators_of.end()) s.indicators = it->second;
    if (auto it = activities_of.find(o.id.value); it != activities_of.end())
      for (const Activity* a : it->second) {
        if (a->status != ActivityStatus::active) s.inactive.push_back(a);
        else if (plan.is_completed(*a)) s.completed.push_back(a);
        else s.ongoing.push_back(a);
      }
    return s;
  };
  if (plan.info.goals)
    for (const Goal& g : *plan.info.goals) {
      GoalSection goal{&g, {}};
      for (const Objective& o : plan.objectives)
        if (o.goal && o.goal->value == g.id.value) goal.objectives.push_back(section(o));
      r.goals.push_back(std::move(goal));
    }
  GoalSection rest{nullptr, {}};
  for (const Objective& o : plan.objectives) {
    const bool placed = plan.info.goals && o.goal &&
                        std::any_of(plan.info.goals->begin(), plan.info.goals->end(),
                                    [&](const Goal& g) { return g.id.value == o.goal->value; });
    if (!placed) rest.objectives.push_back(section(o));
  }
  if (!rest.objectives.empty()) r.goals.push_back(std::move(rest));
}

}  // namespace

ReportData build_report(const Plan& plan, const Date& as_of, std::optional<int> year, unsigned threads) {
  ReportData r;
  r.as_of = as_of;
  r.year = year;
  // The gap analysis (on all workers) runs beside the rest, which never reads r.gaps.
  parallel_for(2, threads, [&](std::size_t task) {
    if (task == 0) r.gaps = analyse_gaps(plan, as_of, threads);
    else add_figures_and_sections(r, plan, as_of);
  });
  return r;
}

}  // namespace actionplan
