#pragma once
// JSON Schemas (draft 2020-12) of the record kinds, generated from the same
// field tables the decoder uses.
#include <optional>
#include <string>
#include <string_view>

#include "model/records.hpp"

namespace actionplan {

// "plan", "objective", "taskforce", "activity", "indicator".
std::string schema_name(RecordKind kind);
std::optional<RecordKind> kind_from_schema_name(std::string_view name);

// The schema as pretty-printed JSON with a trailing newline.
std::string json_schema(RecordKind kind);

}  // namespace actionplan
