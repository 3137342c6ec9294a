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
