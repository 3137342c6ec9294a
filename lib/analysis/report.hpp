#pragma once
// The progress report's content, computed once from the plan as known on the
// as-of date (keep_known_on) and its gap analysis; the Markdown and JSON
// renderers both read this and never recompute a number. The rules of each
// figure are in docs/commands.md (report).
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/changes.hpp"
#include "analysis/gaps.hpp"
#include "analysis/progress.hpp"
#include "analysis/rollup.hpp"
#include "model/plan.hpp"

namespace actionplan {

// What the report covers and as of when.
struct ReportRequest {
  Date as_of;
  std::optional<int> year;               // names the report; as_of is then 31 December
  std::vector<std::string> objectives;   // --objective: only these (with --task-force: their union)
  std::vector<std::string> task_forces;  // --task-force: the objectives they work on
  LeftOut left_out;                      // what keep_known_on removed, for the reader
  unsigned threads = 0;  // workers (0: one per core); the result does not depend on it
};

// One indicator on the as-of date, and on the day the period began.
struct IndicatorRow {
  const Indicator* indicator = nullptr;
  IndicatorProgress progress;  // numeric indicators
  MilestoneStatus milestone = MilestoneStatus::due;
  std::string
      status;  // for people, in the plan's terms: "on track", "target missed", "overdue", ...
  std::string status_then;              // the same at the start of the period
  std::vector<std::string> objectives;  // those it counts for (Plan::objectives_measured), in scope
  std::vector<PartProgress> parts;      // measurements split `by` a dimension: each part
};

// Counts one indicator's status (analysis/rollup.hpp).
void count_status(StatusCounts& counts, const IndicatorRow& row);

struct ObjectiveSection {
  const Objective* objective = nullptr;
  const Goal* goal = nullptr;
  std::vector<const TaskForce*> task_forces;
  std::vector<std::size_t> indicators;     // rows of ReportData::indicators counting for it
  std::vector<const Activity*> ongoing;    // listed here: active, not completed
  std::vector<const Activity*> completed;  // listed here: active, completed
  std::vector<const Activity*> inactive;   // listed here: on hold or cancelled
  std::vector<const Activity*> also;       // serving it, listed under another objective
  std::vector<MoneyTotals> funding;        // active activities serving it (gap-analysis's lines)
  int active = 0;                          // active, not completed activities serving it
  StatusCounts status;                     // its indicators
  RollupStatus rollup = RollupStatus::no_data;  // from `status`
};

struct GoalSection {
  const Goal* goal = nullptr;                   // nullptr: objectives without a (known) goal
  std::vector<std::size_t> objectives;          // indices into ReportData::objectives
  StatusCounts status;                          // its indicators, each counted once
  StatusCounts objective_status;                // its objectives' roll-ups
  RollupStatus rollup = RollupStatus::no_data;  // from `objective_status`
  std::vector<MoneyTotals> funding;             // its objectives' activities, each counted once
  int active = 0;
};

struct StageRow {
  const Stage* stage = nullptr;
  int projects = 0;
  int activities = 0;              // active work-plan activities (type: activity)
  std::vector<MoneyTotals> money;  // by currency, projects and activities
};

// A decision the report asks for: one high or medium finding, in words.
struct Decision {
  const Finding* finding = nullptr;
  std::string text;  // naming the objective, project or indicator by title, in the plan's terms
  std::string who;   // who is responsible, as the plan names them; empty when nobody is
};

// An indicator whose status changed over the period.
struct StatusChange {
  std::size_t indicator = 0;  // row of ReportData::indicators
  std::string from, to;
};

struct ReportData {
  Date as_of;
  Date
      period_start;  // the day before the period: 31 Dec of the year before, else 12 months earlier
  std::optional<int> year;
  LeftOut left_out;
  std::vector<std::string> scope_task_forces;  // --task-force, as given
  bool scoped = false;                         // --objective or --task-force given
  int projects = 0;                            // type project, active
  int projects_funded = 0;
  int work_activities = 0;                         // type activity, active
  int inactive = 0;                                // on hold or cancelled
  int task_forces = 0;                             // working on an objective in scope
  StatusCounts status;                             // every indicator in scope
  StatusCounts objective_status;                   // the objectives' roll-ups
  std::map<ProgressStatus, int> indicator_status;  // numeric indicators
  int numeric_indicators = 0;
  int milestones = 0, milestones_achieved = 0, milestones_overdue = 0;
  int measurements_in_period = 0;            // dated after period_start, on or before as_of
  std::vector<StageRow> pipeline;            // projects by stage, in pipeline order
  std::vector<MoneyTotals> funding;          // active activities in scope, by currency
  std::vector<IndicatorRow> indicators;      // in scope, by id
  std::vector<ObjectiveSection> objectives;  // in scope, in goal then id order
  std::vector<GoalSection> goals;
  std::vector<const Activity*> activities;  // in scope, each once, in the order the body lists them
  std::unordered_map<const Activity*, std::string>
      listed_under;                       // the objective each is listed under
  std::vector<const TaskForce*> rosters;  // task forces in scope, by id
  std::vector<Decision> decisions;        // at most k_max_decisions, most severe first
  std::vector<StatusChange> status_changes;
  GapAnalysis gaps;                    // scoped to the objectives in scope
  std::optional<PlanChanges> changes;  // with --since
};

inline constexpr std::size_t k_max_decisions = 10;

// Which objectives a report covers: every objective, or those named and
// those the named task forces work on (unknown ids are left to the caller).
std::vector<std::string> report_objectives(const Plan& plan, const ReportRequest& request);

// `plan` is the plan as known on request.as_of (keep_known_on).
ReportData build_report(const Plan& plan, const ReportRequest& request);

}  // namespace actionplan
