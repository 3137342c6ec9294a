#include "render/schema.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load/decode.hpp"

namespace actionplan {

std::string schema_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::plan:
      return "plan";
    case RecordKind::objective:
      return "objective";
    case RecordKind::task_force:
      return "taskforce";
    case RecordKind::activity:
      return "activity";
    case RecordKind::indicator:
      return "indicator";
  }
  return "";
}

std::optional<RecordKind> kind_from_schema_name(std::string_view name) {
  for (RecordKind kind : {RecordKind::plan, RecordKind::objective, RecordKind::task_force,
                          RecordKind::activity, RecordKind::indicator})
    if (schema_name(kind) == name || kind_info(kind).folder == name) return kind;
  return std::nullopt;
}

namespace {

using nlohmann::ordered_json;

ordered_json field_schema(const FieldDoc& field);

// A mapping of `fields`: required keys, each key's schema, `x-` keys allowed
// and no other (as validate refuses unknown keys).
ordered_json mapping_schema(const std::vector<FieldDoc>& fields) {
  ordered_json required = ordered_json::array();
  ordered_json properties = ordered_json::object();
  for (const FieldDoc& field : fields) {
    properties[std::string(field.info.key)] = field_schema(field);
    if (field.info.need == Need::required) required.push_back(field.info.key);
  }
  ordered_json schema = {{"type", "object"}};
  if (!required.empty()) schema["required"] = std::move(required);
  schema["properties"] = std::move(properties);
  schema["patternProperties"] = {{"^x-", ordered_json::object()}};
  schema["additionalProperties"] = false;
  return schema;
}

// An optional key may be written empty (`description:`), as validate reads it: absent.
void allow_null(ordered_json& schema) {
  if (schema.contains("type")) {
    ordered_json types =
        schema["type"].is_array() ? schema["type"] : ordered_json::array({schema["type"]});
    types.push_back("null");
    schema["type"] = std::move(types);
  } else if (schema.contains("enum")) {
    schema["enum"].push_back(nullptr);
  } else if (schema.contains("oneOf")) {
    schema["oneOf"].push_back({{"type", "null"}});
  }
}

ordered_json field_schema(const FieldDoc& field) {
  ordered_json schema;
  const ordered_json extra =
      field.schema.empty() ? ordered_json::object() : ordered_json::parse(field.schema);
  switch (field.shape) {
    case Shape::value:
      schema = extra;
      break;
    case Shape::mapping:
      schema = mapping_schema(field.nested);
      break;
    case Shape::mappings:
      schema = {{"type", "array"}, {"items", mapping_schema(field.nested)}};
      break;
    case Shape::person:
    case Shape::persons: {
      // A person is a name, or a mapping {name, org...}.
      ordered_json person = {
          {"oneOf", {{{"type", {"string", "number", "boolean"}}}, mapping_schema(field.nested)}}};
      schema = field.shape == Shape::person ? person
                                            : ordered_json{{"type", "array"}, {"items", person}};
      break;
    }
  }
  if (field.shape != Shape::value)
    for (const auto& [keyword, value] : extra.items()) schema[keyword] = value;
  // A required text may not be empty; an optional key may be left empty.
  const bool text =
      schema.contains("type") && schema["type"].is_array() && schema["type"][0] == "string";
  if (field.info.need == Need::required && text) schema["minLength"] = 1;
  if (field.info.need == Need::optional) allow_null(schema);
  std::string description(field.info.required_when);
  if (!description.empty() && !field.info.meaning.empty()) description += ": ";
  description += field.info.meaning;
  if (!description.empty()) schema["description"] = description;
  return schema;
}

// Rules across the keys of one record that validate checks (check/check.cpp), as
// JSON Schema says them.
ordered_json record_rules(RecordKind kind) {
  if (kind != RecordKind::indicator) return nullptr;
  auto given = [](const char* key) {  // the key written, with a value
    return ordered_json{{"required", {key}}, {"properties", {{key, {{"type", "string"}}}}}};
  };
  const ordered_json subject = {{"oneOf", {given("objective"), given("activity")}}};
  auto of_type = [](std::vector<std::string> types) {
    return ordered_json{{"properties", {{"type", {{"enum", std::move(types)}}}}},
                        {"required", {"type"}}};
  };
  ordered_json not_milestone;
  not_milestone["properties"]["due"] = false;
  not_milestone["properties"]["achieved"] = false;
  ordered_json numeric;
  numeric["properties"]["targets"]["additionalProperties"]["type"] = {"number", "null"};
  // A measurement: its value, or a ratio's two parts, each with the other
  // (missing-key); a ratio's whole above 0 (invalid-denominator); or a level.
  // The baseline: its value or its level. (Which levels is the plan's scale.)
  const ordered_json number = {{"type", "number"}};
  auto with = [&](const char* key) {  // the key written, a number
    return ordered_json{{"required", {key}}, {"properties", {{key, number}}}};
  };
  ordered_json item;
  item["anyOf"] = {with("value"), with("numerator"), given("level")};
  item["dependentSchemas"] = {{"numerator", with("denominator")},
                              {"denominator", with("numerator")}};
  item["properties"]["denominator"]["exclusiveMinimum"] = 0;
  ordered_json values;
  values["properties"]["measurements"]["items"] = std::move(item);
  values["properties"]["baseline"]["anyOf"] = {with("value"), given("level")};
  // A qualitative indicator gives levels, never numbers; the others never a level.
  ordered_json levels, no_levels;
  for (const char* key : {"value", "numerator", "denominator"})
    levels["properties"]["measurements"]["items"]["properties"][key] = false;
  levels["properties"]["baseline"]["properties"]["value"] = false;
  no_levels["properties"]["measurements"]["items"]["properties"]["level"] = false;
  no_levels["properties"]["baseline"]["properties"]["level"] = false;
  // indicator-subject: exactly one of objective and activity; milestone-only: due and
  // achieved; a numeric indicator's targets are numbers (a milestone's and a
  // qualitative indicator's are texts).
  return ordered_json::array(
      {subject,
       {{"if", {{"not", of_type({"milestone"})}}}, {"then", not_milestone}},
       {{"if", {{"not", of_type({"milestone", "qualitative"})}}}, {"then", numeric}},
       values,
       {{"if", of_type({"qualitative"})}, {"then", levels}, {"else", no_levels}}});
}

// The name of a nested mapping's section in the docs: "budget", "measurement", "person".
std::string section_of(const FieldDoc& field) {
  if (field.shape == Shape::person || field.shape == Shape::persons) return "person";
  std::string_view item = field.info.item;
  if (item.starts_with("a ")) item.remove_prefix(2);
  if (item.starts_with("an ")) item.remove_prefix(3);
  return std::string(item.empty() ? field.info.key : item);
}

std::string key_table(const std::vector<FieldDoc>& fields) {
  std::string out = "| key | required | type | meaning |\n|---|---|---|---|\n";
  for (const FieldDoc& f : fields) {
    const std::string required = !f.info.required_when.empty()   ? std::string(f.info.required_when)
                                 : f.info.need == Need::required ? "yes"
                                                                 : "no";
    std::string meaning(f.info.meaning);
    if (meaning.empty() && !f.nested.empty() && f.shape != Shape::person &&
        f.shape != Shape::persons)
      meaning = fmt::format("see [{0}](#{0})", section_of(f));
    out += fmt::format("| `{}` | {} | {} |{}{}|\n", f.info.key, required, f.type,
                       meaning.empty() ? "" : " " + meaning, " ");
  }
  return out;
}

}  // namespace

std::string key_tables(RecordKind kind) {
  const std::vector<FieldDoc> fields = field_docs(kind);
  std::string out = key_table(fields);
  std::vector<std::string> done;
  for (const FieldDoc& f : fields) {
    if (f.nested.empty()) continue;
    const std::string section = section_of(f);
    if (std::find(done.begin(), done.end(), section) != done.end()) continue;
    done.push_back(section);
    out += fmt::format("\n### {}\n\n{}", section,
                       key_table(section == "person" ? person_field_docs() : f.nested));
  }
  return out;
}

std::string json_schema(RecordKind kind) {
  const std::string name = schema_name(kind);
  ordered_json schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["$id"] = fmt::format("https://actionplan.example/schemas/{}.schema.json", name);
  schema["title"] = kind == RecordKind::plan
                        ? std::string("actionplan plan.yaml")
                        : fmt::format("actionplan {} record", kind_info(kind).singular);
  schema.update(mapping_schema(field_docs(kind)));
  if (ordered_json rules = record_rules(kind); !rules.is_null()) schema["allOf"] = std::move(rules);
  return schema.dump(2) + "\n";
}

}  // namespace actionplan
