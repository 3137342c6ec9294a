#pragma once
// Roll-up: an objective's status from its indicators' statuses, a goal's from
// its objectives', by one rule at both levels, and the words a plan uses for
// every status (its `terms`).
//
// Each status counts in one of five classes: good (on track, target
// achieved, milestone achieved), warning (at risk), bad (off track, target
// missed, milestone overdue), open (milestone due later) and unknown (no
// data, not assessable). Of the good ones, those achieved are counted too.
// Over the judged ones (all but unknown; a milestone due later is judged as
// on track, since nothing is late), the roll-up is
//   no data          when none is judged;
//   off track        when more than half are bad;
//   at risk          when any is at risk or bad;
//   target achieved  when every status counted is an achievement;
//   on track         otherwise.
// An objective's roll-up counts in its goal as the same status would for an
// indicator.
#include <string>
#include <vector>

#include "analysis/progress.hpp"
#include "model/plan.hpp"

namespace actionplan {

enum class RollupStatus { achieved, on_track, at_risk, off_track, no_data };

const char* rollup_status_name(RollupStatus status);  // "achieved", "on-track", ...

struct StatusCounts {
  int good = 0;      // on track, target achieved, milestone achieved
  int warning = 0;   // at risk
  int bad = 0;       // off track, target missed, milestone overdue
  int open = 0;      // milestone due later
  int unknown = 0;   // no data, not assessable
  int achieved = 0;  // of the good: target or milestone achieved
  int total() const { return good + warning + bad + open + unknown; }
  int judged() const { return good + warning + bad + open; }
  void add(ProgressStatus status);
  void add(MilestoneStatus status);
  void add(RollupStatus status);
  // A numeric indicator by its progress, a milestone by its status.
  void add(const Indicator& indicator, const IndicatorProgress& progress,
           MilestoneStatus milestone);
};

RollupStatus rollup(const StatusCounts& counts);

// Each objective's roll-up on `as_of`, in the order of plan.objectives, from
// the indicators that count for it (Plan::objectives_measured).
struct ObjectiveRollup {
  StatusCounts counts;
  RollupStatus status = RollupStatus::no_data;
};
std::vector<ObjectiveRollup> objective_rollups(const Plan& plan, const Date& as_of);

// The words of a plan for each status: its `terms`, else the defaults.
class StatusWords {
 public:
  explicit StatusWords(const Plan& plan);
  const std::string& operator()(ProgressStatus status) const;
  const std::string& operator()(MilestoneStatus status) const;
  const std::string& operator()(RollupStatus status) const;

 private:
  std::vector<std::string> m_progress, m_milestone, m_rollup;
};

}  // namespace actionplan
