#pragma once
// `diff`: what a change does to the plan, for the review of a pull request.
// Two states of the plan (a git revision and the working tree, or two
// revisions) compared as a reviewer reads them: records added, removed and
// changed field by field; gap-analysis findings opened, closed, or whose
// numbers moved; indicators whose status changed; validation problems the
// change introduces. Plain strings, so the result outlives both plans.
#include <string>
#include <vector>

#include "analysis/gaps.hpp"
#include "model/diagnostic.hpp"
#include "model/plan.hpp"

namespace actionplan {

// One key of a record that changed, its values as `list --format csv` shows
// them ("" for none), a stage by its name.
struct FieldChange {
  std::string key;  // "stage", "budget.secured", "targets.2030"
  std::string from, to;
};

enum class RecordChangeKind { added, removed, changed };

struct RecordChange {
  RecordKind kind;
  RecordChangeKind change;
  std::string id;
  std::string title;                // in the state that has it (the new one when both do)
  std::vector<FieldChange> fields;  // changed: each key that differs, in the format's order
};

// A finding present in both states whose message (so its numbers) differs.
struct FindingMove {
  Finding before, after;
};

struct IndicatorStatusChange {
  std::string indicator, title;
  std::string from, to;            // the plan's words ("on track"), in the new state's terms
  std::string from_code, to_code;  // "on-track", "off-track", "overdue"...
};

struct PlanDiff {
  std::vector<RecordChange>
      records;  // by kind (objectives, task forces, activities, indicators), then id
  std::vector<Finding> opened, closed;  // in gap-analysis order
  std::vector<FindingMove> moved;
  std::vector<IndicatorStatusChange> statuses;  // by indicator id
  std::vector<Diagnostic> introduced;  // problems of the new state the old one did not have
  bool empty() const {
    return records.empty() && opened.empty() && closed.empty() && moved.empty() &&
           statuses.empty() && introduced.empty();
  }
};

// Compares the two states as known on `as_of` (each analysed as `gap-analysis
// --as-of` would). `before_problems` and `after_problems` are each state's
// load and check diagnostics: a problem is introduced when the old state has
// none with the same file, code and message (lines move with edits).
PlanDiff diff_plan_states(const Plan& before, const Diagnostics& before_problems, const Plan& after,
                          const Diagnostics& after_problems, const Date& as_of);

}  // namespace actionplan
