#pragma once
// Writes records as tidy, stable YAML that reads back to exactly the same
// values: keys in the order of the format, strings quoted whenever YAML could
// misread them, multi-line text as literal blocks, a schema hint on top.
#include <string>
#include <string_view>

#include "model/records.hpp"

namespace actionplan {

// One scalar on one line: plain when YAML (1.1 or 1.2, by any tool) reads
// it back as this very string, else double-quoted.
std::string yaml_scalar(std::string_view text);

// The value part of `key: value` for a text: a scalar, or a literal block
// (`|`, `|-`, `|+`) indented by `indent` + 2 for multi-line text.
std::string yaml_text(std::string_view text, int indent);

// The file content of a record, schema hint first.
std::string emit_activity(const Activity& activity);
std::string emit_objective(const Objective& objective);
std::string emit_task_force(const TaskForce& task_force);
std::string emit_indicator(const Indicator& indicator);

}  // namespace actionplan
