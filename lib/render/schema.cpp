#include "render/schema.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load/decode.hpp"

namespace actionplan {

std::string schema_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::plan: return "plan";
    case RecordKind::objective: return "objective";
    case RecordKind::task_force: return "taskforce";
    case RecordKind::activity: return "activity";
    case RecordKind::indicator: return "indicator";
  }
  return "";
}

std::optional<RecordKind> kind_from_schema_name(std::string_view name) {
  for (RecordKind kind : {RecordKind::plan, RecordKind::objective, RecordKind::task_force,
                          RecordKind::activity, RecordKind::indicator})
    if (schema_name(kind) == name || kind_info(kind).folder == name) return kind;
  return std::nullopt;
}

std::string json_schema(RecordKind kind) {
  using nlohmann::ordered_json;
  ordered_json schema;
  const std::string name = schema_name(kind);
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["$id"] = fmt::format("https://actionplan.example/schemas/{}.schema.json", name);
  schema["title"] = kind == RecordKind::plan
                        ? std::string("actionplan plan.yaml")
                        : fmt::format("actionplan {} record", kind_info(kind).singular);
  schema["type"] = "object";
  ordered_json required = ordered_json::array();
  ordered_json properties = ordered_json::object();
  for (const FieldDoc& field : field_docs(kind)) {
    ordered_json property = ordered_json::parse(field.schema);
    if (!field.meaning.empty()) property["description"] = field.meaning;
    properties[std::string(field.key)] = std::move(property);
    if (field.need == Need::required) required.push_back(field.key);
  }
  schema["required"] = std::move(required);
  schema["properties"] = std::move(properties);
  schema["patternProperties"] = {{"^x-", ordered_json::object()}};
  return schema.dump(2) + "\n";
}

}  // namespace actionplan
