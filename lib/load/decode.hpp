#pragma once
// Decodes the YAML tree of one file into a record struct, driven by one field
// table per kind. Reports wrong types, bad values, missing required keys and
// unknown keys (warnings; `x-` keys are user extensions and never reported).
// Cross-record rules (references, ids vs file names, dates) live in check/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/yaml_tree.hpp"
#include "model/fields.hpp"
#include "model/records.hpp"

namespace actionplan {

// The largest number a record may hold (money, measurements, targets): 10^15.
inline constexpr double k_max_number = 1e15;

// The shape of a key's value, for the JSON Schemas: a value (its `schema`
// says all), or built from the keys of `nested`: one mapping, a list of them,
// a person (a name, or a mapping) or a list of persons.
enum class Shape { value, mapping, mappings, person, persons };

// One key of a record kind, as the docs and the JSON Schemas describe it: for
// the record kinds, from the tables of model/fields.hpp; for plan.yaml, from
// its table here.
struct FieldDoc {
  FieldInfo info;      // key, need, meaning, ...
  std::string type;    // the docs' type: "list of objective refs"
  std::string schema;  // JSON Schema of the value; for other shapes, keywords added to it
  Shape shape = Shape::value;
  std::vector<FieldDoc> nested = {};  // the keys of the mapping(s), for other shapes
};

// The fields of a top-level record kind, in the order of FORMAT.md.
std::vector<FieldDoc> field_docs(RecordKind kind);
// The keys of a person, `region` (representatives only) included.
std::vector<FieldDoc> person_field_docs();

// Which record kind a file's top-level keys fit, when they fit another kind
// than `folder` clearly better (an activity saved in objectives/), or, with no
// folder, when they fit one kind at all (a record saved outside the record
// folders). `keys` gets the file's keys that only the guessed kind has, for the
// message. nullopt when the keys fit the folder's kind or no kind clearly.
std::optional<RecordKind> looks_like_kind(const yaml::Node& root, std::optional<RecordKind> folder,
                                          std::vector<std::string>* keys = nullptr);

PlanInfo decode_plan(const yaml::Node& root, const std::string& path, Diagnostics& diags);
Objective decode_objective(const yaml::Node& root, const std::string& path, Diagnostics& diags);
TaskForce decode_task_force(const yaml::Node& root, const std::string& path, Diagnostics& diags);
Activity decode_activity(const yaml::Node& root, const std::string& path, Diagnostics& diags);
Indicator decode_indicator(const yaml::Node& root, const std::string& path, Diagnostics& diags);

}  // namespace actionplan
