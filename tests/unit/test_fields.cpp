// The field tables of model/fields.hpp drive decoding, the schemas, emitting,
// JSON, list's columns and import's: each kind's table is walked here, with a
// record that has a value for every key, and every consumer must cover the
// same keys.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "helpers.hpp"
#include "load/decode.hpp"
#include "model/fields.hpp"
#include "query/list.hpp"
#include "render/records.hpp"
#include "render/schema.hpp"
#include "write/emit.hpp"
#include "write/import_csv.hpp"

using namespace actionplan;

namespace {

// Gives every key of a record (and of its nested mappings) a value of its kind.
struct Fill {
  void operator()(const FieldInfo&, Located<std::string>& m) const { m = {"x1", {}}; }
  void operator()(const FieldInfo& f, Text& m) const {
    m = Located<std::string>{f.value == Value::url        ? "https://example.org/x"
                             : f.value == Value::currency ? "EUR"
                                                          : "x1",
                             {}};
  }
  void operator()(const FieldInfo& f, IdList& m) const {
    m = {{f.value == Value::countries ? "KE" : "x1", {}}};
  }
  void operator()(const FieldInfo& f, std::optional<IdList>& m) const {
    m = IdList{};
    (*this)(f, *m);
  }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(const FieldInfo&, E& m) const {
    m = static_cast<E>(1);  // not the default: written out
  }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(const FieldInfo& f, Located<E>& m) const { (*this)(f, m.value); }
  void operator()(const FieldInfo&, std::optional<Located<Date>>& m) const {
    m = Located<Date>{{2024, 5, 0}, {}};
  }
  void operator()(const FieldInfo&, std::optional<Located<double>>& m) const {
    m = Located<double>{3, {}};
  }
  void operator()(const FieldInfo&, std::optional<Located<Amount>>& m) const {
    m = Located<Amount>{{AmountKind::range, 1, 2}, {}};
  }
  void operator()(const FieldInfo&, std::vector<YearText>& m) const {
    m = {{{2030, {}}, {"done", {}}}};
  }
  void operator()(const FieldInfo&, std::vector<IndicatorTarget>& m) const {
    m = {{{2030, {}}, 5.0, "5", true, {}}};
  }
  void operator()(const FieldInfo&, std::vector<PartTargets>& m) const {
    m = {{{"region", {}}, {"africa", {}}, {{{2030, {}}, 5.0, "5", true, {}}}}};
  }
  void operator()(const FieldInfo&, std::vector<Breakdown>& m) const {
    m = {{{"region", {}}, {{{"africa", {}}, {3, {}}}}}};
  }
  template <HasFields M>
  void operator()(const FieldInfo&, std::optional<M>& m) const {
    m = M{};
    visit_fields(*m, *this);
  }
  template <HasFields M>
  void operator()(const FieldInfo& f, std::vector<M>& m) const {
    m = {M{}};
    visit_fields(m.front(), *this);
    if constexpr (std::is_same_v<M, Person>)
      if (f.value != Value::representatives) m.front().region.reset();
  }
};

template <class R>
R full_record() {
  R record{};
  visit_fields(record, Fill{});
  if constexpr (std::is_same_v<R, Activity>) record.lead->region.reset();  // representatives only
  return record;
}

template <class R>
std::vector<std::string> table_keys() {
  std::vector<std::string> keys;
  const R record{};
  visit_fields(record, [&](const FieldInfo& f, const auto&) { keys.emplace_back(f.key); });
  return keys;
}

template <class R>
void check_kind(RecordKind kind, std::string (*emit)(const R&),
                R (*decode)(const yaml::Node&, const std::string&, Diagnostics&),
                nlohmann::ordered_json (*to_json)(const R&), std::vector<R> Plan::*members) {
  CAPTURE(kind_info(kind).singular);
  const std::vector<std::string> keys = table_keys<R>();
  const R record = full_record<R>();

  // Decoding and the docs: the same keys.
  std::vector<std::string> documented;
  for (const FieldDoc& f : field_docs(kind)) documented.emplace_back(f.info.key);
  CHECK(documented == keys);

  // The schema: one property per key, in order.
  const auto schema = nlohmann::ordered_json::parse(json_schema(kind));
  std::vector<std::string> properties;
  for (const auto& [key, value] : schema["properties"].items()) properties.push_back(key);
  CHECK(properties == keys);

  // Emitting: every key written, in order, and read back by decoding, unchanged.
  const std::string yaml_text = emit(record);
  Diagnostics diags;
  const std::optional<yaml::Node> root = yaml::parse(yaml_text, "x.yaml", diags);
  REQUIRE(root);
  std::vector<std::string> written;
  for (const yaml::Key& key : root->keys) written.push_back(key.text);
  CHECK(written == keys);
  const R back = decode(*root, "x.yaml", diags);
  CHECK(test::lines(diags).empty());
  CHECK(json_text(to_json(back)) == json_text(to_json(record)));

  // JSON: every key.
  std::vector<std::string> shown;
  const nlohmann::ordered_json json = to_json(record);
  for (const auto& [key, value] : json.items()) shown.push_back(key);
  CHECK(shown == keys);

  // list: a column for every key (a nested key's dotted, a target year's too).
  Plan plan;
  (plan.*members).push_back(record);
  plan.index();
  const TextTable table = full_table(plan, kind, {0}, ListCells::escaped);
  std::set<std::string> listed;
  for (const std::string& column : table.columns) listed.insert(column.substr(0, column.find('.')));
  CHECK(listed == std::set<std::string>(keys.begin(), keys.end()));

  // import: every column list writes, but those the table says it cannot read back.
  std::set<std::string> imported;
  for (const std::string& column : import_columns(kind))
    imported.insert(column.substr(0, column.find('.')));
  std::set<std::string> expected;
  visit_fields(record, [&](const FieldInfo& f, const auto& member) {
    bool nested_imported = f.imported;
    if constexpr (requires { member->pos; })
      if constexpr (HasFields<std::remove_cvref_t<decltype(*member)>>)
        visit_fields(*member, [&](const FieldInfo& g, const auto&) {
          nested_imported = nested_imported || g.imported;
        });
    if (nested_imported) expected.insert(std::string(f.key));
  });
  CHECK(imported == expected);
}

}  // namespace

TEST_CASE("each field table covers decode, schema, emit, JSON, list and import alike") {
  check_kind<Objective>(RecordKind::objective, emit_objective, decode_objective, objective_json,
                        &Plan::objectives);
  check_kind<TaskForce>(RecordKind::task_force, emit_task_force, decode_task_force, task_force_json,
                        &Plan::task_forces);
  check_kind<Activity>(RecordKind::activity, emit_activity, decode_activity, activity_json,
                       &Plan::activities);
  check_kind<Indicator>(RecordKind::indicator, emit_indicator, decode_indicator, indicator_json,
                        &Plan::indicators);
}

TEST_CASE("add-* options and import columns come from the table") {
  std::vector<std::string> names;
  for (const AddOption& o : add_options(RecordKind::indicator)) names.push_back(o.names);
  CHECK(names == std::vector<std::string>{"--title", "--id", "--objective", "--activity", "--type",
                                          "--unit", "--direction", "--aggregation", "--every",
                                          "--progress-method", "--baseline-date", "--baseline",
                                          "--target", "--due", "--description", "--method",
                                          "--source"});
  const std::vector<AddOption> activity = add_options(RecordKind::activity);
  auto key_of = [&](std::string_view name) {
    for (const AddOption& o : activity)
      if (o.names == name) return o.key;
    return std::string();
  };
  CHECK(key_of("--budget") == "budget_estimate");
  CHECK(key_of("--lead-org") == "lead_org");
  CHECK(key_of("-O,--objective") == "objectives");
  CHECK(import_columns(RecordKind::objective) ==
        std::vector<std::string>{"id", "goal", "title", "description", "problem", "regions",
                                 "targets.YEAR"});
}
