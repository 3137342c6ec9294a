// `diff`: two states of a plan compared as a reviewer reads them.
#include <doctest/doctest.h>

#include "analysis/changes.hpp"
#include "analysis/plan_diff.hpp"
#include "helpers.hpp"
#include "history/git.hpp"
#include "render/plan_diff.hpp"

using namespace actionplan;

namespace {

std::map<std::string, std::string> base_files() {
  return {
      {"objectives/O1.yaml", "id: O1\ntitle: Soils\ngoal: G1\nregions: [africa]\n"},
      {"activities/a1.yaml",
       "id: a1\ntitle: Labs\nobjectives: [O1]\nstage: concept\nregions: [africa]\n"
       "budget: {currency: EUR, estimate: 1000, secured: 100}\n"},
      {"indicators/I1.yaml",
       "id: I1\ntitle: Hectares\nobjective: O1\nbaseline: {date: 2020, value: 0}\n"
       "targets: {2030: 1000}\nmeasurements:\n  - {date: 2026-06, value: 600}\n"},
  };
}

PlanDiff diff_of(const test::Loaded& before, const test::Loaded& after) {
  return diff_plan_states(before.plan, before.diags, after.plan, after.diags, {2026, 11, 21});
}

}  // namespace

TEST_CASE("records added, removed and changed field by field; unchanged files are not compared") {
  std::map<std::string, std::string> files = base_files();
  const test::Loaded before = test::load(files);
  files["activities/a1.yaml"] =
      "id: a1\ntitle: Labs\nobjectives: [O1]\nstage: proposal\nregions: [africa]\n"
      "budget: {currency: EUR, estimate: 1000, secured: 400}\n";
  files["activities/a2.yaml"] = "id: a2\ntitle: New\nobjectives: [O1]\n";
  files.erase("indicators/I1.yaml");
  const PlanDiff d = diff_of(before, test::load(files));
  REQUIRE(d.records.size() == 3);
  CHECK(d.records[0].id == "a1");
  CHECK(d.records[0].change == RecordChangeKind::changed);
  REQUIRE(d.records[0].fields.size() == 2);
  CHECK(d.records[0].fields[0].key == "stage");
  CHECK(d.records[0].fields[0].to == "Full proposal submitted");
  CHECK(d.records[0].fields[1].key == "budget.secured");
  CHECK(d.records[0].fields[1].from == "100");
  CHECK(d.records[0].fields[1].to == "400");
  CHECK(d.records[1].id == "a2");
  CHECK(d.records[1].change == RecordChangeKind::added);
  CHECK(d.records[2].id == "I1");
  CHECK(d.records[2].change == RecordChangeKind::removed);
  CHECK(d.records[2].title == "Hectares");
}

TEST_CASE(
    "gaps opened and closed, numbers moved, statuses changed; a renamed objective moves none") {
  std::map<std::string, std::string> files = base_files();
  const test::Loaded before = test::load(files);
  files["objectives/O1.yaml"] = "id: O1\ntitle: Healthy soils\ngoal: G1\nregions: [africa]\n";
  const PlanDiff renamed = diff_of(before, test::load(files));
  CHECK(renamed.opened.empty());
  CHECK(renamed.closed.empty());
  CHECK(renamed.moved.empty());
  files["indicators/I1.yaml"] =
      "id: I1\ntitle: Hectares\nobjective: O1\nbaseline: {date: 2020, value: 0}\n"
      "targets: {2030: 1000}\nmeasurements:\n  - {date: 2026-06, value: 100}\n";
  files["activities/a1.yaml"] =
      "id: a1\ntitle: Labs\nobjectives: [O1]\nstage: concept\nregions: [africa]\n"
      "budget: {currency: EUR, estimate: 5000, secured: 100}\n";
  const PlanDiff d = diff_of(before, test::load(files));
  REQUIRE(d.statuses.size() == 1);
  CHECK(d.statuses[0].from_code == "on-track");
  CHECK(d.statuses[0].to_code == "off-track");
  bool off_track_opened = false, funding_moved = false;
  for (const Finding& f : d.opened) off_track_opened |= f.code == "indicator-off-track";
  for (const FindingMove& m : d.moved)
    funding_moved |=
        m.after.code == "funding-gap" && m.before.gap_high == 900 && m.after.gap_high == 4900;
  CHECK(off_track_opened);
  CHECK(funding_moved);
  const std::string md =
      render_diff_markdown(test::load(files).plan, d, {"base", "abc", "", "", {2026, 11, 21}});
  CHECK(md.find("gap 900 → 4,900") != std::string::npos);
  CHECK(md.find("on track → **off track**") != std::string::npos);
}

TEST_CASE("a validation problem is introduced only when the old state had none like it") {
  std::map<std::string, std::string> files = base_files();
  files["activities/bad.yaml"] = "id: bad\ntitle: B\nobjectives: [O9]\n";
  const test::Loaded before = test::load(files);
  files["activities/bad.yaml"] = "# moved down a line\nid: bad\ntitle: B\nobjectives: [O9]\n";
  files["activities/new.yaml"] = "id: new\ntitle: N\nobjectives: [O8]\n";
  const PlanDiff d = diff_of(before, test::load(files));
  REQUIRE(d.introduced.size() == 1);
  CHECK(d.introduced[0].path == "activities/new.yaml");
}

TEST_CASE("the Markdown stays under GitHub's limit for a comment and says what it left out") {
  const test::Loaded before = test::load(base_files());
  std::map<std::string, std::string> files = base_files();
  for (int n = 0; n < 3000; ++n)
    files["activities/x" + std::to_string(n) + ".yaml"] =
        "id: x" + std::to_string(n) + "\ntitle: A project with a long enough title number " +
        std::to_string(n) + "\nobjectives: [O1]\n";
  const test::Loaded after = test::load(files);
  const PlanDiff d = diff_of(before, after);
  const std::string md = render_diff_markdown(after.plan, d, {"base", "", "", "", {2026, 11, 21}});
  CHECK(md.size() < k_max_comment);
  CHECK(md.find("### Records added (3000)") != std::string::npos);
  CHECK(md.find("more lines left out to stay under GitHub's limit") != std::string::npos);
}

TEST_CASE("show --history: each value takes the latest commit of its lines; a new line wins") {
  const std::string text =
      "id: I1\ntitle: T\ntargets:\n  2030: 5\n  2050: 9\nmeasurements:\n  - {date: 2024, value: "
      "1}\n"
      "  - {date: 2025, value: 2}\n";
  FileHistory history;
  const LineCommit old_one{"aaa", "2026-01-01", "A", "first", 100},
      new_one{"bbb", "2026-02-01", "B", "second", 200};
  history.lines = {old_one, old_one, old_one, old_one, new_one, old_one, old_one, LineCommit{}};
  const std::vector<ValueOrigin> values = value_origins(text, history);
  REQUIRE(values.size() == 5);
  CHECK(values[2].key == "targets");
  CHECK(values[2].commit.commit == "bbb");  // its 2050 line is the latest
  CHECK(values[3].value == "{date: 2024, value: 1}");
  CHECK(values[3].commit.commit == "aaa");
  CHECK(values[4].line == 8);
  CHECK(values[4].commit.commit.empty());  // not committed yet
}

TEST_CASE("report --since: targets, target years and baselines revised, commit by commit") {
  const LineCommit who{"abc", "2026-06-01", "Ana", "Mid-term review", 1};
  const std::vector<FileRevision> revisions = {
      {"indicators/I1.yaml",
       "id: I1\ntitle: H\nobjective: O1\nbaseline: {date: 2020, value: 0}\ntargets: {2030: 10}\n",
       "id: I1\ntitle: H\nobjective: O1\nbaseline: {date: 2021, value: 0}\ntargets: {2035: 10}\n"
       "measurements:\n  - {date: 2024, value: 3}\n",
       who},
      {"objectives/O2.yaml", "", "id: O2\ntitle: New\ntargets: {2030: More}\n", who},
  };
  const std::vector<TargetRevision> changes = target_revisions(revisions);
  REQUIRE(changes.size() == 4);
  CHECK(changes[0].field == "baseline.date");
  CHECK(changes[0].from == "2020");
  CHECK(changes[0].to == "2021");
  CHECK(changes[1].field == "targets.2030");
  CHECK(changes[1].to.empty());
  CHECK(changes[2].field == "targets.2035");
  CHECK(changes[3].id == "O2");
  CHECK(changes[3].kind == RecordKind::objective);
  CHECK(changes[3].from.empty());
  CHECK(changes[3].to == "More");
  CHECK(changes[3].commit.author == "Ana");  // measurements added: not a revision
}
