// Surgical edits keep every other byte of a hand-written file.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "load/yaml_tree.hpp"
#include "write/edit.hpp"
#include "write/record_edits.hpp"

using namespace actionplan;

namespace {
const std::vector<std::string_view> k_order = {"id",         "title",        "type",   "objectives",
                                               "task_force", "stage",        "status", "regions",
                                               "targets",    "measurements", "updated"};

yaml::Node tree(const std::string& text) {
  Diagnostics diags;
  auto root = yaml::parse(text, "f.yaml", diags);
  REQUIRE(root);
  return *root;
}

std::string set(const std::string& text, std::string_view key, std::string_view value) {
  EditResult r = set_top_level_scalar(text, tree(text), key, value, k_order);
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.text;
}

std::string append(const std::string& text, std::string_view item) {
  EditResult r = append_to_top_level_sequence(text, tree(text), "measurements", item, k_order);
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.text;
}

// A file a person wrote: comments everywhere, odd key order, odd spacing.
const std::string k_activity =
    "# Project sheet, kept by the task force\n"
    "\n"
    "title:   Soil labs   # the working title\n"
    "id: labs\n"
    "stage: 'concept'  # moved in March\n"
    "objectives: [O1]\n"
    "\n"
    "# --- money ---\n"
    "budget:\n"
    "  estimate: 100   # rough\n"
    "updated: 2025-01-01\n"
    "# end\n";
}  // namespace

TEST_CASE("a value is replaced in place; quotes, comments and spacing elsewhere stay") {
  CHECK(set(k_activity, "stage", "agreement") ==
        "# Project sheet, kept by the task force\n\ntitle:   Soil labs   # the working title\nid: "
        "labs\n"
        "stage: agreement  # moved in March\nobjectives: [O1]\n\n# --- money ---\nbudget:\n"
        "  estimate: 100   # rough\nupdated: 2025-01-01\n# end\n");
  CHECK(set(k_activity, "updated", "2026-11-21") ==
        "# Project sheet, kept by the task force\n\ntitle:   Soil labs   # the working title\nid: "
        "labs\n"
        "stage: 'concept'  # moved in March\nobjectives: [O1]\n\n# --- money ---\nbudget:\n"
        "  estimate: 100   # rough\nupdated: 2026-11-21\n# end\n");
}

TEST_CASE("a missing key is inserted after its predecessor in the format's order") {
  const std::string text =
      "id: a   # id\ntitle: T\nobjectives: [O1]\n# about the money\nbudget:\n  estimate: 1\n";
  CHECK(set(text, "stage", "idea") ==
        "id: a   # id\ntitle: T\nobjectives: [O1]\nstage: idea\n# about the money\nbudget:\n  "
        "estimate: 1\n");
  CHECK(set("id: a\ntitle: T", "updated", "2026-11-21") ==
        "id: a\ntitle: T\nupdated: 2026-11-21\n");
}

TEST_CASE("an empty value is filled, its comment kept") {
  CHECK(set("id: a\nstage:   # to decide\ntitle: T\n", "stage", "idea") ==
        "id: a\nstage: idea   # to decide\ntitle: T\n");
}

TEST_CASE("CRLF files stay CRLF") {
  CHECK(set("id: a\r\nstage: idea\r\ntitle: T\r\n", "stage", "concept") ==
        "id: a\r\nstage: concept\r\ntitle: T\r\n");
  CHECK(append("id: a\r\nmeasurements:\r\n  - {date: 2024, value: 1}\r\n",
               "{date: 2025, value: 2}") ==
        "id: a\r\nmeasurements:\r\n  - {date: 2024, value: 1}\r\n  - {date: 2025, value: 2}\r\n");
}

TEST_CASE("a measurement is appended after the last item, in the items' own indentation") {
  const std::string text =
      "id: I1   # area\n"
      "measurements:\n"
      "    # first survey\n"
      "    - date: 2024\n"
      "      value: 1\n"
      "      note: |\n"
      "        a block\n"
      "        note\n"
      "\n"
      "    # second\n"
      "    - {date: 2025, value: 2}   # late\n"
      "\n"
      "# the targets\n"
      "targets: {2030: 10}\n";
  CHECK(append(text, "{date: 2026, value: 3}") ==
        "id: I1   # area\nmeasurements:\n    # first survey\n    - date: 2024\n      value: 1\n    "
        "  note: |\n"
        "        a block\n        note\n\n    # second\n    - {date: 2025, value: 2}   # late\n"
        "    - {date: 2026, value: 3}\n\n# the targets\ntargets: {2030: 10}\n");
  CHECK(append("id: I1\nmeasurements:\n- {date: 2024, value: 1}\nunit: ha\n",
               "{date: 2025, value: 2}") ==
        "id: I1\nmeasurements:\n- {date: 2024, value: 1}\n- {date: 2025, value: 2}\nunit: ha\n");
}

TEST_CASE("a missing or empty list is created") {
  CHECK(append("id: I1\ntitle: T\ntargets: {2030: 1}\n", "{date: 2025, value: 2}") ==
        "id: I1\ntitle: T\ntargets: {2030: 1}\nmeasurements:\n  - {date: 2025, value: 2}\n");
  CHECK(append("id: I1\nmeasurements:   # none yet\nunit: ha\n", "{date: 2025, value: 2}") ==
        "id: I1\nmeasurements:   # none yet\n  - {date: 2025, value: 2}\nunit: ha\n");
}

TEST_CASE("edits that cannot be surgical are refused, not guessed") {
  const std::string flow = "id: I1\nmeasurements: [{date: 2024, value: 1}]\n";
  EditResult r = append_to_top_level_sequence(flow, tree(flow), "measurements",
                                              "{date: 2025, value: 2}", k_order);
  CHECK(r.error ==
        "'measurements' is written as [...] on one line; write it as a list with one '- ' per line "
        "to append to it");
  const std::string folded = "id: a\nstage: >\n  idea\n";
  EditResult s = set_top_level_scalar(folded, tree(folded), "stage", "concept", k_order);
  CHECK(s.error == "'stage' is written over several lines; edit it by hand");
}

TEST_CASE("set-stage and record check like validate, and keep a BOM") {
  test::TempDir dir;
  dir.write("plan.yaml", "format: 1\ntitle: T\n");
  dir.write("objectives/O1.yaml", "id: O1\ntitle: One\n");
  dir.write("activities/a.yaml", "\xEF\xBB\xBFid: a  # bom first\ntitle: A\nobjectives: [O1]\n");
  dir.write("indicators/I1.yaml",
            "id: I1\ntitle: I\nobjective: O1\nmeasurements:\n  - {date: 2025, value: 1}\n");
  LoadResult loaded = load_plan(dir.path());
  FileEdit moved = set_stage(loaded.plan, "a", "agreement", Date{2026, 11, 21});
  REQUIRE(moved.ok());
  CHECK(moved.text ==
        "\xEF\xBB\xBFid: a  # bom first\ntitle: A\nobjectives: [O1]\nstage: agreement\nupdated: "
        "2026-11-21\n");
  FileEdit same = set_stage(loaded.plan, "I1", "agreement", Date{2026, 11, 21});
  CHECK(same.problems.error_count() == 1);
  FileEdit recorded = record_measurement(
      loaded.plan, "I1", {"2.5", "", "", "", Date{2026, 6, 0}, std::string("Survey, round 2"), {}},
      Date{2026, 11, 21});
  REQUIRE(recorded.ok());
  CHECK(recorded.text ==
        "id: I1\ntitle: I\nobjective: O1\nmeasurements:\n  - {date: 2025, value: 1}\n"
        "  - {date: 2026-06, value: 2.5, source: \"Survey, round 2\"}\n");
  FileEdit old = record_measurement(loaded.plan, "I1", {"3", "", "", "", Date{2024, 0, 0}, {}, {}},
                                    Date{2026, 11, 21});
  // A problem of an option's value: no file, the option's key to blame.
  REQUIRE(old.problems.items().size() == 1);
  CHECK(old.problems.items()[0].path.empty());
  CHECK(old.problems.items()[0].key == "date");
  CHECK(old.problems.items()[0].message ==
        "2024 does not come after the last measurement of I1 (2025); measurements are "
        "kept oldest first, one per date");
  FileEdit future = record_measurement(
      loaded.plan, "I1", {"3", "", "", "", Date{2027, 1, 1}, {}, {}}, Date{2026, 11, 21});
  REQUIRE(future.problems.items().size() == 1);
  CHECK(future.problems.items()[0].key == "date");
  CHECK(future.problems.items()[0].message == "2027-01-01 is after today (2026-11-21)");
}

TEST_CASE("a null written as ~ or null is replaced, not followed by the new value") {
  CHECK(set("id: x\nstage: ~\n", "stage", "idea") == "id: x\nstage: idea\n");
  CHECK(set("id: x\nstage: null  # later\n", "stage", "idea") == "id: x\nstage: idea  # later\n");
  CHECK(set("id: x\nstage: NULL\r\n", "stage", "idea") == "id: x\nstage: idea\r\n");
  CHECK(set("id: x\nstage:   # later\n", "stage", "idea") == "id: x\nstage: idea   # later\n");
}

TEST_CASE("record appends a ratio's parts, and refuses half a ratio or a whole of 0") {
  test::TempDir dir;
  dir.write("plan.yaml", "format: 1\ntitle: T\n");
  dir.write("objectives/O1.yaml", "id: O1\ntitle: One\n");
  dir.write("indicators/I1.yaml",
            "id: I1\ntitle: I\nobjective: O1\nunit: \"%\"\nmeasurements:\n"
            "  - {date: 2025, numerator: 30, denominator: 90}\n");
  LoadResult loaded = load_plan(dir.path());
  const Date today{2026, 11, 21};
  FileEdit ratio =
      record_measurement(loaded.plan, "I1", {"", "38", "90", "", Date{2026, 0, 0}, {}, {}}, today);
  REQUIRE(ratio.ok());
  CHECK(ratio.text ==
        "id: I1\ntitle: I\nobjective: O1\nunit: \"%\"\nmeasurements:\n"
        "  - {date: 2025, numerator: 30, denominator: 90}\n"
        "  - {date: 2026, numerator: 38, denominator: 90}\n");
  FileEdit half =
      record_measurement(loaded.plan, "I1", {"", "38", "", "", Date{2026, 0, 0}, {}, {}}, today);
  REQUIRE(half.problems.items().size() == 1);
  CHECK(half.problems.items()[0].key == "denominator");
  FileEdit none =
      record_measurement(loaded.plan, "I1", {"", "", "", "", Date{2026, 0, 0}, {}, {}}, today);
  REQUIRE(none.problems.items().size() == 1);
  CHECK(none.problems.items()[0].key == "value");
  FileEdit zero =
      record_measurement(loaded.plan, "I1", {"", "3", "0", "", Date{2026, 0, 0}, {}, {}}, today);
  REQUIRE(zero.problems.items().size() == 1);
  CHECK(zero.problems.items()[0].message ==
        "'0' is not a whole to count of: give a number above 0");
  // A value beside the parts must be theirs: the edited file is checked as validate would.
  FileEdit mismatch = record_measurement(loaded.plan, "I1",
                                         {"50", "38", "90", "", Date{2026, 0, 0}, {}, {}}, today);
  REQUIRE(mismatch.edited_problems.items().size() == 1);
  CHECK(mismatch.edited_problems.items()[0].code == "ratio-mismatch");
}

namespace {
const std::vector<std::string_view> k_budget_order = {"currency", "estimate", "secured", "note"};
const std::vector<std::string_view> k_top_order = {"id", "title", "stage", "budget", "updated"};

// Sets parent.key, re-parses the edited text and checks that the value reads back as
// `reads`; returns the edited text (each test compares it whole: every other byte stays).
std::string nested(const std::string& text, std::string_view parent, std::string_view key,
                   std::string_view value, std::string_view reads) {
  EditResult r =
      set_nested_scalar(text, tree(text), parent, key, value, k_budget_order, k_top_order);
  REQUIRE_MESSAGE(r.ok(), r.error);
  const yaml::Node edited = tree(r.text);
  const yaml::Node* map = edited.find(parent);
  REQUIRE(map);
  REQUIRE(map->is_mapping());
  const yaml::Node* value_node = map->find(key);
  REQUIRE(value_node);
  CHECK(value_node->is_scalar());
  CHECK(value_node->text == reads);
  return r.text;
}

// The error of an edit that must be refused (and leaves no text).
std::string refused(const std::string& text, std::string_view parent, std::string_view key,
                    std::string_view value) {
  EditResult r =
      set_nested_scalar(text, tree(text), parent, key, value, k_budget_order, k_top_order);
  CHECK(r.text.empty());
  CHECK_FALSE(r.ok());
  return r.error;
}
}  // namespace

TEST_CASE("edit nested: a value in a {...} mapping is replaced, its neighbours kept") {
  CHECK(nested("id: a  # the id\nbudget: {currency: EUR, estimate: 5000, secured: 100}  # asked\n"
               "updated: 2025-01-01\n",
               "budget", "secured", "250", "250") ==
        "id: a  # the id\nbudget: {currency: EUR, estimate: 5000, secured: 250}  # asked\n"
        "updated: 2025-01-01\n");
  // Quoted neighbours holding ',', '}' and non-ASCII text; a quoted value; a range.
  CHECK(nested("budget: {note: \"Café, {phase 1}\", secured: '100', estimate: [4000, 6000]}\n",
               "budget", "secured", "\"1 250\"", "1 250") ==
        "budget: {note: \"Café, {phase 1}\", secured: \"1 250\", estimate: [4000, 6000]}\n");
  // Empty values: "~" gives way, a bare ':' or a bare key gets the value.
  CHECK(nested("budget: {estimate: 5, secured: ~ }\n", "budget", "secured", "7", "7") ==
        "budget: {estimate: 5, secured: 7 }\n");
  CHECK(nested("budget: {secured: , estimate: 5}\n", "budget", "secured", "7", "7") ==
        "budget: {secured: 7 , estimate: 5}\n");
  CHECK(nested("budget: {estimate: 5, secured}\n", "budget", "secured", "7", "7") ==
        "budget: {estimate: 5, secured: 7}\n");
}

TEST_CASE("edit nested: a new key of a {...} mapping goes after its predecessor, else at the end") {
  // In order: before the key that follows its predecessor.
  CHECK(nested("budget: {currency: EUR, estimate: 5000, note: rough}   # asked\n", "budget",
               "secured", "100", "100") ==
        "budget: {currency: EUR, estimate: 5000, secured: 100, note: rough}   # asked\n");
  // The predecessor is the last entry: at the end, inside the spacing before the '}'.
  CHECK(nested("budget: { currency: EUR, estimate: [4000, 6000] }\nupdated: 2025-01-01\n", "budget",
               "secured", "100", "100") ==
        "budget: { currency: EUR, estimate: [4000, 6000], secured: 100 }\nupdated: 2025-01-01\n");
  // No predecessor in `order`: at the end.
  CHECK(nested("budget: {estimate: 5000, note: rough}\n", "budget", "currency", "EUR", "EUR") ==
        "budget: {estimate: 5000, note: rough, currency: EUR}\n");
  // A trailing ',' is kept.
  CHECK(nested("budget: {estimate: 5000, }\n", "budget", "secured", "100", "100") ==
        "budget: {estimate: 5000, secured: 100 }\n");
  // A {...} over several lines is edited too (no line is added).
  CHECK(nested("budget: {\n  currency: EUR,\n  estimate: 5000\n}\nupdated: 2025-01-01\n", "budget",
               "secured", "100", "100") ==
        "budget: {\n  currency: EUR,\n  estimate: 5000, secured: 100\n}\nupdated: 2025-01-01\n");
  CHECK(nested("budget: {currency: EUR,\n  estimate: 5000, note: rough}\n", "budget", "secured",
               "100", "100") ==
        "budget: {currency: EUR,\n  estimate: 5000, secured: 100, note: "
        "rough}\n");
}

TEST_CASE("edit nested: an empty {} mapping gets its first key") {
  CHECK(nested("id: a\nbudget: {}   # to do\n", "budget", "secured", "100", "100") ==
        "id: a\nbudget: {secured: 100}   # to do\n");
  CHECK(nested("id: a\nbudget: { }\n", "budget", "secured", "100", "100") ==
        "id: a\nbudget: {secured: 100 }\n");
}

TEST_CASE("edit nested: a value in a block mapping is replaced in place") {
  const std::string text =
      "id: a\n"
      "budget:\n"
      "  estimate: 5000   # rough\n"
      "  secured: 100  # so far\n"
      "# the end\n"
      "updated: 2025-01-01\n";
  CHECK(nested(text, "budget", "secured", "250", "250") ==
        "id: a\nbudget:\n  estimate: 5000   # rough\n  secured: 250  # so far\n# the end\n"
        "updated: 2025-01-01\n");
  CHECK(nested("budget:\n    secured:   # to ask\n    note: x\n", "budget", "secured", "250",
               "250") == "budget:\n    secured: 250   # to ask\n    note: x\n");
  CHECK(nested("budget:\n  secured: null\n", "budget", "secured", "'250'", "250") ==
        "budget:\n  secured: '250'\n");
}

TEST_CASE("edit nested: a new key of a block mapping goes on its own line, in its indentation") {
  const std::string text =
      "id: a\n"
      "budget:\n"
      "    currency: EUR\n"
      "    estimate:          # a range\n"
      "      - 4000\n"
      "      - 6000\n"
      "\n"
      "    # the source's words\n"
      "    note: rough\n"
      "updated: 2025-01-01\n";
  CHECK(nested(text, "budget", "secured", "100", "100") ==
        "id: a\nbudget:\n    currency: EUR\n    estimate:          # a range\n      - 4000\n"
        "      - 6000\n    secured: 100\n\n    # the source's words\n    note: rough\n"
        "updated: 2025-01-01\n");
  // No predecessor in `order`: after the last key (and its comment-free tail).
  CHECK(nested("budget:\n  note: |\n    two\n    lines\n# money\nupdated: 2025-01-01\n", "budget",
               "currency", "EUR", "EUR") ==
        "budget:\n  note: |\n    two\n    lines\n  currency: EUR\n# money\nupdated: 2025-01-01\n");
  // The last line of the file, without a line break.
  CHECK(nested("budget:\n  estimate: 5", "budget", "secured", "1", "1") ==
        "budget:\n  estimate: 5\n  secured: 1\n");
}

TEST_CASE("edit nested: CRLF files stay CRLF") {
  CHECK(nested("id: a\r\nbudget:\r\n  estimate: 5000\r\nupdated: 2025-01-01\r\n", "budget",
               "secured", "100", "100") ==
        "id: a\r\nbudget:\r\n  estimate: 5000\r\n  secured: 100\r\nupdated: 2025-01-01\r\n");
  CHECK(nested("id: a\r\nbudget: {estimate: 5000}\r\n", "budget", "secured", "100", "100") ==
        "id: a\r\nbudget: {estimate: 5000, secured: 100}\r\n");
  CHECK(nested("id: a\r\nbudget:\r\n  secured: 1  # x\r\n", "budget", "secured", "2", "2") ==
        "id: a\r\nbudget:\r\n  secured: 2  # x\r\n");
  CHECK(nested("id: a\r\nupdated: 2025-01-01\r\n", "budget", "secured", "100", "100") ==
        "id: a\r\nbudget: {secured: 100}\r\nupdated: 2025-01-01\r\n");
}

TEST_CASE("edit nested: a missing or empty parent becomes parent: {key: value}") {
  CHECK(nested("id: a   # id\ntitle: T\nstage: idea\n# dates\nupdated: 2025-01-01\n", "budget",
               "secured", "100", "100") ==
        "id: a   # id\ntitle: T\nstage: idea\nbudget: {secured: 100}\n# dates\nupdated: "
        "2025-01-01\n");
  CHECK(nested("id: a\ntitle: T", "budget", "secured", "100", "100") ==
        "id: a\ntitle: T\nbudget: {secured: 100}\n");
  CHECK(nested("id: a\nbudget:   # later\nupdated: 2025-01-01\n", "budget", "secured", "100",
               "100") == "id: a\nbudget: {secured: 100}   # later\nupdated: 2025-01-01\n");
  CHECK(nested("id: a\nbudget: ~\n", "budget", "secured", "\"1,5\"", "1,5") ==
        "id: a\nbudget: {secured: \"1,5\"}\n");
}

TEST_CASE("edit nested: shapes that cannot be edited surgically are refused") {
  // The value is itself a mapping or a list.
  CHECK(refused("budget: {secured: {amount: 5}}\n", "budget", "secured", "1") ==
        "'budget.secured' is a mapping, not a single value; edit it by hand");
  CHECK(refused("budget:\n  secured:\n    amount: 5\n", "budget", "secured", "1") ==
        "'budget.secured' is a mapping, not a single value; edit it by hand");
  CHECK(refused("budget:\n  secured: [1, 2]\n", "budget", "secured", "1") ==
        "'budget.secured' is a list, not a single value; edit it by hand");
  // A value over several lines.
  CHECK(refused("budget:\n  secured: >\n    100\n", "budget", "secured", "1") ==
        "'budget.secured' is written over several lines; edit it by hand");
  CHECK(refused("budget: {secured: \"1\n  00\"}\n", "budget", "secured", "1") ==
        "'budget.secured' is written over several lines; edit it by hand");
  // A comment inside a {...} (over several lines): refused, even to replace a value.
  CHECK(refused("budget: {estimate: 5,  # rough\n  secured: 1}\n", "budget", "secured", "2") ==
        "'budget' has a comment inside its {...}; edit it by hand");
  // The parent is not a mapping.
  CHECK(refused("budget: 5000\n", "budget", "secured", "1") ==
        "'budget' is a single value, not a mapping of keys; edit it by hand");
  CHECK(refused("budget: [5000]\n", "budget", "secured", "1") ==
        "'budget' is a list, not a mapping of keys; edit it by hand");
  // A list at its key's own indentation: the line would land between the key and its
  // items; the edit is read back, found to change more, and refused.
  CHECK(
      refused("budget:\n  estimate:\n  - 4000\n  - 6000\n  note: x\n", "budget", "secured", "1") ==
      "setting 'budget.secured' here would change more than its value; edit it "
      "by hand");
  // A value not quoted for a {...} mapping (the caller's job) is caught the same way.
  CHECK(refused("budget: {estimate: 5}\n", "budget", "note", "a, b") ==
        "setting 'budget.note' here would change more than its value; edit it by hand");
}
