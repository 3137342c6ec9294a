#pragma once
// What changed between two versions of a plan (a git revision and now):
// activities added, removed, moved between stages, status changes, secured
// money changes, and indicator values recorded since. Plain strings, so the
// result outlives both plans.
#include <string>
#include <vector>

#include "history/git.hpp"
#include "model/plan.hpp"

namespace actionplan {

struct ActivityRef {
  std::string id;
  std::string title;
};

struct ValueChange {  // stage moves and status changes
  ActivityRef activity;
  std::string from;
  std::string to;
};

struct SecuredChange {
  ActivityRef activity;
  std::string currency;
  double from = 0;
  double to = 0;
};

struct RecordedValue {
  std::string indicator;
  std::string title;
  std::string date;
  double value = 0;
  std::string unit;
};

// A change of an objective's or indicator's target, target year or baseline,
// in one commit (`report --since`: "Targets and baselines revised").
struct TargetRevision {
  RecordKind kind = RecordKind::indicator;
  std::string id, title;
  std::string field;     // "targets.2030", "baseline.value", as `list --format csv` names it
  std::string from, to;  // "" for none
  LineCommit commit;
};

// A value already published that was changed with a reason (`restated:`).
struct RestatedValue {
  std::string indicator, title, date;
  std::string from, to;  // the figures as people read them ("" for a value that was not there)
  std::string reason;
};

struct PlanChanges {
  std::string revision;  // as the user named it
  std::string commit;    // what it resolved to
  int errors_then =
      0;  // errors in the plan at the revision (its records that could not be read count as absent)
  std::vector<ActivityRef> added;
  std::vector<ActivityRef> removed;
  std::vector<ValueChange> stage_moves;     // stage names, from → to
  std::vector<ValueChange> status_changes;  // active, on-hold, cancelled
  std::vector<SecuredChange> secured;
  std::vector<RecordedValue> recorded;    // measurements not in the earlier version
  std::vector<RestatedValue> restated;    // by indicator, then date
  std::vector<TargetRevision> revisions;  // oldest first
  bool revisions_truncated = false;       // the history was longer than was read
  bool empty() const {
    return added.empty() && removed.empty() && stage_moves.empty() && status_changes.empty() &&
           secured.empty() && recorded.empty() && revisions.empty() && restated.empty();
  }
};

// Each list in natural order of ids (recorded values by indicator, then date).
// An id written twice (an error validate reports) counts once, as the plan's
// lookups see it: its first record.
PlanChanges diff_plans(const Plan& before, const Plan& after);

// The target and baseline changes in the record files' revisions (objectives
// and indicators), commit by commit, oldest first.
std::vector<TargetRevision> target_revisions(const std::vector<FileRevision>& revisions);

}  // namespace actionplan
