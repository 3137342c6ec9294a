#pragma once
// Records as JSON, with the format's keys and typed values (dates as text).
#include <nlohmann/json_fwd.hpp>

#include "model/records.hpp"

namespace actionplan {

// A JSON document as text: two-space indent, a final newline, whole numbers
// without ".0" (250000, not 250000.0), invalid UTF-8 replaced.
std::string json_text(nlohmann::ordered_json document);

nlohmann::ordered_json objective_json(const Objective& objective);
nlohmann::ordered_json task_force_json(const TaskForce& task_force);
nlohmann::ordered_json activity_json(const Activity& activity);
nlohmann::ordered_json indicator_json(const Indicator& indicator);

}  // namespace actionplan
