// What add-* blames: each problem names the option key (or --from line, or CSV
// cell) it came from, by the key the decoder and checks name (Diagnostic::key),
// never by reading the message.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "load/decode.hpp"
#include "write/add_record.hpp"
#include "write/import_csv.hpp"

using namespace actionplan;

namespace {

const std::map<std::string, std::string> k_files = {
    {"objectives/O1.yaml", "id: O1\ntitle: One\ngoal: G1\n"},
    {"taskforces/T1.yaml", "id: T1\nname: Soils\nobjectives: [O1]\n"},
};

ActivityOptions options(std::map<std::string, std::string> values) {
  ActivityOptions o;
  o.values = std::move(values);
  o.lists["objectives"] = {"O1"};
  return o;
}

// The one problem of a prepared record, which must be an error.
Diagnostic only_problem(const PreparedActivity& prepared) {
  REQUIRE(prepared.problems.items().size() == 1);
  return prepared.problems.items()[0];
}

}  // namespace

TEST_CASE("decoding names the top-level key of each problem, nested ones included") {
  Diagnostics diags;
  auto root = yaml::parse(
      "id: a\ntitle: A\nobjectives: [O1]\nstart: 2024-13\nbudget: {estimate: x}\ncolour: red\n"
      "lead: {organisation: FAO}\n",
      "a.yaml", diags);
  REQUIRE(root);
  decode_activity(*root, "a.yaml", diags);
  std::map<std::string, std::string> key_of;  // code → key
  for (const Diagnostic& d : diags.items())
    key_of[d.code + "@" + std::to_string(d.pos.line)] = d.key;
  CHECK(key_of["invalid-date@4"] == "start");
  CHECK(key_of["invalid-amount@5"] == "budget");  // a key of the budget: the budget's
  CHECK(key_of["unknown-key@6"] == "colour");
  CHECK(key_of["missing-key@7"] == "lead");  // the lead's required name
}

TEST_CASE("an option's value that does not parse is blamed on its option key") {
  auto r = test::load(k_files);
  const Diagnostic d =
      only_problem(prepare_activity(r.plan, options({{"title", "A"}, {"budget_estimate", "lots"}}),
                                    std::nullopt, Date{2026, 11, 21}, {}));
  CHECK(d.path.empty());
  CHECK(d.key == "budget_estimate");
  CHECK(d.message.rfind("'lots' is not an amount", 0) == 0);
}

TEST_CASE("a check of the new record is blamed on the option that gave the value") {
  auto r = test::load(k_files);
  const Diagnostic task_force =
      only_problem(prepare_activity(r.plan, options({{"title", "A"}, {"task_force", "T9"}}),
                                    std::nullopt, Date{2026, 11, 21}, {}));
  CHECK(task_force.key == "task_force");
  CHECK(task_force.code == "unknown-reference");
  // A nested key's check (the budget's currency) goes to the option of that key.
  const Diagnostic currency = only_problem(prepare_activity(
      r.plan, options({{"title", "A"}, {"budget_estimate", "100"}, {"budget_currency", "euro"}}),
      std::nullopt, Date{2026, 11, 21}, {}));
  CHECK(currency.key == "budget_currency");
  CHECK(currency.code == "invalid-currency");
}

TEST_CASE("a problem of the --from record is reported at its line there") {
  auto r = test::load(k_files);
  const RecordInput input{"new.yaml", "title: A\nobjectives: [O1]\ntask_force: T9\n"};
  const Diagnostic d = only_problem(prepare_activity(r.plan, {}, input, Date{2026, 11, 21}, {}));
  CHECK(d.path == "new.yaml");
  CHECK(d.pos == Position{3, 1});
  CHECK(d.key == "task_force");
}

TEST_CASE("import puts each problem at the cell of its column") {
  auto r = test::load(k_files);
  const ImportResult result =
      prepare_import(r.plan, RecordKind::activity, "p.csv",
                     "title,objectives,task_force,budget\nA,O1,T9,lots\n", Date{2026, 11, 21}, {});
  CHECK(test::lines(result.problems) ==
        std::vector<std::string>{
            "p.csv:2:3: error: unknown task force 'T9'; known task forces: T1; did you mean 'T1'? "
            "[unknown-reference]",
            "p.csv:2:4: error: 'lots' is not an amount; write 250000, 45000-90000, none or tbd "
            "[invalid-value]"});
  CHECK(result.problems.items()[0].key == "task_force");
}
