#pragma once
// Preparing a new activity record from command-line options and/or a YAML
// record (`--from`), with every check done before anything is written.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/plan.hpp"

namespace actionplan {

// Option values as given (unset: not given). Lists replace the record's list.
struct ActivityOptions {
  std::map<std::string, std::string> values;              // key of the format → text
  std::map<std::string, std::vector<std::string>> lists;  // key of the format → items
  std::map<std::string, std::string> option_names;        // key of the format → "--objective"
};

// A YAML record to start from: its text and the name to report it by.
struct RecordInput {
  std::string path;  // "new.yaml", or "-" shown as "<stdin>"
  std::string text;
};

struct PreparedActivity {
  Activity record;
  std::string rel_path;  // "activities/<id>.yaml"
  std::string yaml;      // the file content
  // Why it cannot be written, in the order found: a problem of the --from record
  // has its path and position; one of an option's value has no path and names
  // the option's key of ActivityOptions (`key`: "stage", "budget_estimate"),
  // for the caller to name as its option or CSV column; one of the whole
  // request has neither. A problem of an option's value may have no code.
  Diagnostics problems;
  bool ok() const { return !problems.has_errors(); }
};

// Builds the record (input first, options over it, id from the title when
// none is given, stage defaulting to the plan's first, `updated` = today),
// then checks it as `validate` would inside `plan`, and checks the id is
// free in `existing_ids` (record_file_names of activities/: "x.yaml", any case).
PreparedActivity prepare_activity(const Plan& plan, const ActivityOptions& options,
                                  const std::optional<RecordInput>& input, const Date& today,
                                  const std::vector<std::string>& existing_ids);

// The same for the other kinds, from options only. Options: objective —
// title, id, goal, description, problem, targets ("YEAR=TEXT"), regions;
// task force — title (its name), id, objectives, leaders, members, approach;
// indicator — title, id, objective, activity, type, unit, direction,
// baseline_value, baseline_date, targets ("YEAR=VALUE"), due, description,
// method, source.
PreparedActivity prepare_record(RecordKind kind, const Plan& plan, const ActivityOptions& options,
                                const Date& today, const std::vector<std::string>& existing_ids);

// An option of add-project (RecordKind::activity) or add-objective,
// add-task-force, add-indicator, from the kind's field table (model/fields.hpp):
// `--title` first, then in the format's key order.
struct AddOption {
  std::string names;  // "-O,--objective"
  std::string key;    // the key of ActivityOptions it fills (option_key)
  std::string help;
  std::string type;  // "ID"
  bool repeatable = false;
};
std::vector<AddOption> add_options(RecordKind kind);

// The names of the record files in a folder ("o3.yml"): the ids taken, with the
// extension kept for messages.
std::vector<std::string> record_file_names(const std::filesystem::path& folder);

}  // namespace actionplan
