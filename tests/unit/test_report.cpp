// The report model, the plan diff and the escaping functions every renderer uses.
#include <doctest/doctest.h>

#include "analysis/changes.hpp"
#include "analysis/report.hpp"
#include "helpers.hpp"
#include "render/csv.hpp"
#include "render/markdown.hpp"

using namespace actionplan;
using V = std::vector<std::string>;

TEST_CASE("md_text keeps text literal in any Markdown position") {
  CHECK(md_text("a | b") == "a \\| b");
  CHECK(md_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(md_text("<!-- x -->") == "&lt;!-- x --&gt;");
  CHECK(md_text("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))");
  CHECK(md_text("`code` *b* _i_ ~s~ $m$ # h") ==
        "\\`code\\` \\*b\\* \\_i\\_ \\~s\\~ \\$m\\$ \\# h");
  CHECK(md_text("two\nlines\r\n") == "two lines");
  CHECK(md_text("AT&T") == "AT&amp;T");
  CHECK(md_text("Plan 2030 (draft) - v1.0!") ==
        "Plan 2030 (draft) - v1.0!");  // ordinary text stays readable
}

TEST_CASE("mermaid labels cannot break out of their quotes or carry directives") {
  CHECK(mermaid_label("Soil \"carbon\" [x] `y` %%{init}%%") == "Soil carbon x y % init %");
  CHECK(mermaid_label("Line\nbreak") == "Line break");
  CHECK(mermaid_label("Gestión de suelos") == "Gestión de suelos");
  CHECK(mermaid_label(std::string(50, 'a')) == std::string(39, 'a') + "…");
  CHECK(mermaid_label("ééééééééééééééééééééééééééééééééééééééééééé") ==
        "ééééééééééééééééééééééééééééééééééééééé…");
}

TEST_CASE("markdown tables and csv fields") {
  CHECK(md_table({"a", "b"}, "lr", {{"1", "2"}, {"3"}}) ==
        "| a | b |\n|---|---:|\n| 1 | 2 |\n| 3 |  |\n");
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_row({"a", "b,c"}) == "a,\"b,c\"\r\n");
  // Formulas are defused; numbers are not.
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("-5") == "-5");
  CHECK(csv_field("+3.5") == "+3.5");
  CHECK(csv_field("-cmd") == "'-cmd");
  CHECK(tsv_row({"a\tb", "c\nd\\"}) == "a\\tb\tc\\nd\\\\\n");
}

namespace {
const std::map<std::string, std::string> k_before = {
    {"plan.yaml", "format: 1\ntitle: T\ncurrency: EUR\n"},
    {"objectives/O1.yaml", "id: O1\ntitle: One\n"},
    {"activities/kept.yaml",
     "id: kept\ntitle: Kept\nobjectives: [O1]\nstage: concept\nbudget: {estimate: 100, secured: "
     "10}\n"},
    {"activities/gone.yaml", "id: gone\ntitle: Gone\nobjectives: [O1]\n"},
    {"indicators/I1.yaml",
     "id: I1\ntitle: Area\nobjective: O1\nunit: ha\nmeasurements:\n  - {date: 2024, value: 1}\n"},
};
}  // namespace

TEST_CASE("the diff of two plans lists every kind of change") {
  auto after_files = k_before;
  after_files.erase("activities/gone.yaml");
  after_files["activities/kept.yaml"] =
      "id: kept\ntitle: Kept\nobjectives: [O1]\nstage: agreement\nstatus: on-hold\nbudget: "
      "{estimate: 100, secured: 60}\n";
  after_files["activities/new.yaml"] = "id: new\ntitle: New\nobjectives: [O1]\n";
  after_files["indicators/I1.yaml"] =
      "id: I1\ntitle: Area\nobjective: O1\nunit: ha\nmeasurements:\n  - {date: 2024, value: 1}\n  "
      "- {date: 2025, value: 3}\n";
  auto before = test::load(k_before);
  auto after = test::load(after_files);
  const PlanChanges c = diff_plans(before.plan, after.plan);
  REQUIRE(c.added.size() == 1);
  CHECK(c.added[0].id == "new");
  REQUIRE(c.removed.size() == 1);
  CHECK(c.removed[0].id == "gone");
  REQUIRE(c.stage_moves.size() == 1);
  CHECK(c.stage_moves[0].from == "Concept note in preparation");
  CHECK(c.stage_moves[0].to == "Funding agreement signed");
  REQUIRE(c.status_changes.size() == 1);
  CHECK(c.status_changes[0].to == "on-hold");
  REQUIRE(c.secured.size() == 1);
  CHECK(c.secured[0].from == 10);
  CHECK(c.secured[0].to == 60);
  CHECK(c.secured[0].currency == "EUR");
  REQUIRE(c.recorded.size() == 1);
  CHECK(c.recorded[0].date == "2025");
  CHECK(c.recorded[0].value == 3);
  CHECK(diff_plans(before.plan, before.plan).empty());
}

TEST_CASE("the report model counts each activity once and splits the pipeline") {
  // Projects: p1 (idea, EUR [100, 200], 50 secured), p2 (agreement, USD 300, 300 secured),
  // p3 (completed, no budget: unknown), p4 on hold; one work-plan activity w1 (none).
  auto r = test::load({
      {"plan.yaml", "format: 1\ntitle: T\ncurrency: EUR\ngoals:\n  - {id: G1, title: Goal}\n"},
      {"objectives/O1.yaml", "id: O1\ntitle: One\ngoal: G1\n"},
      {"objectives/O2.yaml", "id: O2\ntitle: Two\ngoal: G1\n"},
      {"activities/p1.yaml",
       "id: p1\ntitle: P1\nobjectives: [O1, O2]\nbudget: {estimate: [100, 200], secured: 50}\n"},
      {"activities/p2.yaml",
       "id: p2\ntitle: P2\nobjectives: [O1]\nstage: agreement\nbudget: {currency: USD, estimate: "
       "300, secured: 300}\n"},
      {"activities/p3.yaml", "id: p3\ntitle: P3\nobjectives: [O2]\nstage: completed\n"},
      {"activities/p4.yaml", "id: p4\ntitle: P4\nobjectives: [O2]\nstatus: on-hold\n"},
      {"activities/w1.yaml",
       "id: w1\ntitle: W1\ntype: activity\nobjectives: [O1]\nbudget: {estimate: none}\n"},
  });
  REQUIRE(r.lines() == V{});
  ReportRequest request;
  request.as_of = Date{2026, 12, 31};
  request.year = 2026;
  const ReportData d = build_report(r.plan, request);
  CHECK(d.projects == 3);
  CHECK(d.projects_funded == 2);  // agreement and completed are funded stages
  CHECK(d.work_activities == 1);
  CHECK(d.inactive == 1);
  REQUIRE(d.funding.size() ==
          2);  // EUR then USD; p1 counted once although it serves two objectives
  CHECK(d.funding[0].currency == "EUR");
  CHECK(d.funding[0].estimate_low == 100);
  CHECK(d.funding[0].estimate_high == 200);
  CHECK(d.funding[0].secured == 50);
  CHECK(d.funding[0].unknown == 1);  // p3
  CHECK(d.funding[0].none == 1);     // w1
  CHECK(d.funding[1].secured == 300);
  CHECK(d.pipeline[0].projects == 1);  // idea: p1
  CHECK(d.pipeline[5].projects == 1);  // agreement: p2
  CHECK(d.pipeline[7].projects == 1);  // completed: p3
  REQUIRE(d.goals.size() == 1);
  REQUIRE(d.goals[0].objectives.size() == 2);
  // p1 serves O1 and O2: listed once, under O1 (its first), referenced from O2.
  const ObjectiveSection& o1 = d.objectives[d.goals[0].objectives[0]];
  const ObjectiveSection& o2 = d.objectives[d.goals[0].objectives[1]];
  CHECK(o1.ongoing.size() == 3);  // p1, p2, w1
  CHECK(o2.ongoing.empty());
  REQUIRE(o2.also.size() == 1);
  CHECK(o2.also[0]->id.value == "p1");
  CHECK(o2.completed.size() == 1);
  CHECK(o2.inactive.size() == 1);
  CHECK(d.activities.size() == 5);  // each once
}

TEST_CASE("report: a funding gap is summed project by project") {
  // p1 lacks 40 (100 estimated, 60 secured); p2 has 50 more than its estimate of 100.
  // Netted, the gap would be 0; summed per project it is 40.
  auto r = test::load({
      {"plan.yaml", "format: 1\ntitle: T\n"},
      {"objectives/O1.yaml", "id: O1\ntitle: One\n"},
      {"activities/p1.yaml",
       "id: p1\ntitle: P1\nobjectives: [O1]\nbudget: {estimate: 100, secured: 60}\n"},
      {"activities/p2.yaml",
       "id: p2\ntitle: P2\nobjectives: [O1]\nbudget: {estimate: [100, 150], secured: 150}\n"},
  });
  REQUIRE(r.lines() == V{});
  ReportRequest request;
  request.as_of = Date{2026, 12, 31};
  const ReportData d = build_report(r.plan, request);
  REQUIRE(d.funding.size() == 1);
  CHECK(d.funding[0].gap_low == 40);
  CHECK(d.funding[0].gap_high == 40);
  REQUIRE(d.objectives[0].funding.size() == 1);
  CHECK(d.objectives[0].funding[0].gap_low == 40);  // the gap-analysis line, the same number
}

TEST_CASE("report: as known on the as-of date") {
  auto r = test::load({
      {"plan.yaml", "format: 1\ntitle: T\n"},
      {"objectives/O1.yaml", "id: O1\ntitle: One\n"},
      {"indicators/I1.yaml",
       "id: I1\ntitle: I\nobjective: O1\nbaseline: {date: 2020, value: 0}\ntargets: {2030: 100}\n"
       "measurements:\n  - {date: 2024-06, value: 40}\n  - {date: 2025-01-03, value: 99}\n"},
      {"indicators/M1.yaml",
       "id: M1\ntitle: M\nobjective: O1\ntype: milestone\ndue: 2025-06\nachieved: 2025-02\n"},
  });
  REQUIRE(r.lines() == V{});
  const LeftOut left = keep_known_on(r.plan, Date{2024, 12, 31});
  CHECK(left.measurements == 1);
  CHECK(left.achievements == 1);
  ReportRequest request;
  request.as_of = Date{2024, 12, 31};
  request.year = 2024;
  const ReportData d = build_report(r.plan, request);
  REQUIRE(d.indicators.size() == 2);
  CHECK(d.indicators[0].progress.latest->value == 40);
  CHECK(d.indicators[1].milestone == MilestoneStatus::due);
}
