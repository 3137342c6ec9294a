#pragma once
// JSON Schemas (draft 2020-12) of the record kinds, and the key tables of
// docs/format.md, generated from the same field tables the decoder uses.
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

// The keys of the kind as Markdown tables (key, required, type, meaning), as
// docs/format.md shows them: the kind's table, then one per nested mapping
// (budget, person, measurement...), each under a `### name` heading.
std::string key_tables(RecordKind kind);

}  // namespace actionplan
