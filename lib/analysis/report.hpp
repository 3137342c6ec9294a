#pragma once
// The progress report's content, computed once from the plan and its gap
// analysis; the Markdown and JSON renderers both read this (no recomputing).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/changes.hpp"
#include "analysis/gaps.hpp"
#include "analysis/progress.hpp"
#include "model/plan.hpp"

namespace actionplan {

struct StageRow {
  const Stage* stage = nullptr;
  int projects = 0;
  int activities = 0;              // active work-plan activities (type: activity)
  std::vector<MoneyTotals> money;  // by currency, projects and activities
};

struct IndicatorRow {
  const Indicator* indicator = nullptr;
  IndicatorProgress progress;  // numeric indicators
  std::string milestone_status;  // milestones: "achieved", "overdue" or "due"
};

struct ObjectiveSection {
  const Objective* objective = nullptr;
  std::vector<const TaskForce*> task_forces;
  std::vector<IndicatorRow> indicators;       // measuring the objective or one of its activities
  std::vector<const Activity*> ongoing;       // active, not completed
  std::vector<const Activity*> completed;     // active, completed
  std::vector<const Activity*> inactive;      // on hold or cancelled
};

struct GoalSection {
  const Goal* goal = nullptr;  // nullptr: objectives without a (known) goal
  std::vector<ObjectiveSection> objectives;
};

struct ReportData {
  Date as_of;
  std::optional<int> year;
  int projects = 0;           // type project, active
  int projects_funded = 0;
  int work_activities = 0;    // type activity, active
  int inactive = 0;           // on hold or cancelled
  std::map<ProgressStatus, int> indicator_status;  // numeric indicators
  int numeric_indicators = 0;
  int milestones = 0, milestones_achieved = 0, milestones_overdue = 0;
  std::vector<StageRow> pipeline;     // projects by stage, in pipeline order
  std::vector<MoneyTotals> funding;   // all active activities, by currency
  std::vector<GoalSection> goals;
  GapAnalysis gaps;
  std::optional<PlanChanges> changes;  // with --since
};

// `year` names the report (its as-of date is then 31 December of that year).
ReportData build_report(const Plan& plan, const Date& as_of, std::optional<int> year, unsigned threads = 0);

}  // namespace actionplan
