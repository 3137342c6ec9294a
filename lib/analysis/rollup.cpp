#include "analysis/rollup.hpp"

#include <unordered_map>

namespace actionplan {

const char* rollup_status_name(RollupStatus status) {
  switch (status) {
    case RollupStatus::achieved:
      return "achieved";
    case RollupStatus::on_track:
      return "on-track";
    case RollupStatus::at_risk:
      return "at-risk";
    case RollupStatus::off_track:
      return "off-track";
    case RollupStatus::no_data:
      return "no-data";
  }
  return "";
}

void StatusCounts::add(ProgressStatus status) {
  switch (status) {
    case ProgressStatus::achieved:
      ++achieved;
      ++good;
      break;
    case ProgressStatus::on_track:
      ++good;
      break;
    case ProgressStatus::at_risk:
      ++warning;
      break;
    case ProgressStatus::off_track:
    case ProgressStatus::missed:
      ++bad;
      break;
    case ProgressStatus::no_data:
    case ProgressStatus::not_assessable:
      ++unknown;
      break;
  }
}

void StatusCounts::add(MilestoneStatus status) {
  switch (status) {
    case MilestoneStatus::achieved:
      ++achieved;
      ++good;
      break;
    case MilestoneStatus::overdue:
      ++bad;
      break;
    case MilestoneStatus::due:
      ++open;
      break;
  }
}

void StatusCounts::add(RollupStatus status) {
  switch (status) {
    case RollupStatus::achieved:
      add(ProgressStatus::achieved);
      break;
    case RollupStatus::on_track:
      add(ProgressStatus::on_track);
      break;
    case RollupStatus::at_risk:
      add(ProgressStatus::at_risk);
      break;
    case RollupStatus::off_track:
      add(ProgressStatus::off_track);
      break;
    case RollupStatus::no_data:
      add(ProgressStatus::no_data);
      break;
  }
}

void StatusCounts::add(const Indicator& indicator, const IndicatorProgress& progress,
                       MilestoneStatus milestone) {
  if (indicator.type.value == IndicatorType::milestone)
    add(milestone);
  else
    add(progress.status);
}

RollupStatus rollup(const StatusCounts& c) {
  if (c.judged() == 0) return RollupStatus::no_data;
  if (2 * c.bad > c.judged()) return RollupStatus::off_track;
  if (c.warning + c.bad > 0) return RollupStatus::at_risk;
  if (c.achieved == c.total()) return RollupStatus::achieved;
  return RollupStatus::on_track;
}

std::vector<ObjectiveRollup> objective_rollups(const Plan& plan, const Date& as_of) {
  std::unordered_map<std::string, std::size_t> at;
  for (std::size_t k = 0; k < plan.objectives.size(); ++k) at[plan.objectives[k].id.value] = k;
  std::vector<ObjectiveRollup> rollups(plan.objectives.size());
  for (const Indicator& i : plan.indicators) {
    const std::vector<std::string> objectives = plan.objectives_measured(i);
    if (objectives.empty()) continue;
    IndicatorProgress progress;
    MilestoneStatus milestone = MilestoneStatus::due;
    if (i.type.value == IndicatorType::milestone)
      milestone = milestone_status(i, as_of);
    else
      progress = indicator_progress(i, plan.info.analysis, as_of);
    for (const std::string& o : objectives)
      if (auto it = at.find(o); it != at.end())
        rollups[it->second].counts.add(i, progress, milestone);
  }
  for (ObjectiveRollup& r : rollups) r.status = rollup(r.counts);
  return rollups;
}

StatusWords::StatusWords(const Plan& plan) {
  for (const char* key :
       {"on_track", "at_risk", "off_track", "achieved", "missed", "no_data", "not_assessable"})
    m_progress.push_back(plan.term(key));
  for (const char* key : {"milestone_achieved", "overdue", "due"})
    m_milestone.push_back(plan.term(key));
  for (const char* key : {"achieved", "on_track", "at_risk", "off_track", "no_data"})
    m_rollup.push_back(plan.term(key));
}

// The vectors follow the order of each enum's values.
const std::string& StatusWords::operator()(ProgressStatus status) const {
  return m_progress[static_cast<std::size_t>(status)];
}
const std::string& StatusWords::operator()(MilestoneStatus status) const {
  return m_milestone[static_cast<std::size_t>(status)];
}
const std::string& StatusWords::operator()(RollupStatus status) const {
  return m_rollup[static_cast<std::size_t>(status)];
}

}  // namespace actionplan
