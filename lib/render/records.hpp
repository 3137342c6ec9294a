#pragma once
// Records as JSON, with the format's keys and typed values (dates as text).
#include <nlohmann/json.hpp>

#include "model/records.hpp"

namespace actionplan {

nlohmann::ordered_json activity_json(const Activity& activity);

}  // namespace actionplan
