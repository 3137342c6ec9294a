#include <doctest/doctest.h>

#include "helpers.hpp"

using namespace actionplan;
using V = std::vector<std::string>;

namespace {
const std::string k_o1 = "id: O1\ntitle: Objective\ngoal: G1\n";
const std::string k_tf1 = "id: TF1\nname: Task force\nobjectives: [O1]\n";

std::string activity(const std::string& id, const std::string& extra) {
  return "id: " + id + "\ntitle: Activity\nobjectives: [O1]\n" + extra;
}
}  // namespace

TEST_CASE("a complete small plan is clean") {
  auto r = test::load(
      {{"objectives/O1.yaml", k_o1},
       {"taskforces/TF1.yaml", k_tf1},
       {"activities/a.yaml", activity("a",
                                      "task_force: TF1\nstage: idea\nregions: [africa, global]\n"
                                      "indicators: [I1]\nresponsible: [secretariat]\n")},
       {"indicators/I1.yaml", "id: I1\ntitle: I\nobjective: O1\n"}});
  CHECK(r.lines() == V{});
  CHECK(r.plan.objectives.size() == 1);
  CHECK(r.plan.activity("a") != nullptr);
}

TEST_CASE("id must equal the file name") {
  auto r = test::load({{"objectives/O1.yaml", "id: O2\ntitle: x\ngoal: G1\n"}});
  CHECK(r.lines() ==
        V{"objectives/O1.yaml:1:5: error: id 'O2' does not match the file name 'O1.yaml'; "
          "rename the file to 'O2.yaml' or change the id to 'O1' [id-mismatch]"});
}

TEST_CASE("duplicate ids and case clashes") {
  auto r = test::load({{"objectives/O1.yaml", k_o1},
                       {"objectives/O1.yml", k_o1},
                       {"activities/abc.yaml", activity("abc", "")},
                       {"activities/ABC.yaml", activity("ABC", "")}});
  CHECK(r.lines() ==
        V{"activities/abc.yaml:1:5: error: activity id 'abc' differs from 'ABC' "
          "(activities/ABC.yaml) "
          "only by letter case; the two files collide on Windows and macOS [id-case-clash]",
          "objectives/O1.yml:1:5: error: objective id 'O1' is already used by objectives/O1.yaml "
          "[duplicate-id]"});
}

TEST_CASE("every kind of reference resolves") {
  auto r = test::load(
      {{"objectives/O1.yaml", k_o1},
       {"objectives/O2.yaml", "id: O2\ntitle: x\ngoal: G2\nregions: [europe]\n"},
       {"taskforces/TF1.yaml",
        "id: TF1\nname: x\nobjectives: [O3]\n"
        "representatives:\n  - {name: A, region: mars}\n"},
       {"activities/a.yaml", activity("a", "task_force: TF2\nstage: draft\nindicators: [I2]\n")},
       {"indicators/I1.yaml", "id: I1\ntitle: I\nactivity: b\n"}});
  CHECK(
      r.lines() ==
      V{"activities/a.yaml:4:13: error: unknown task force 'TF2'; known task forces: TF1; did you "
        "mean 'TF1'? [unknown-reference]",
        "activities/a.yaml:5:8: error: unknown stage 'draft'; known stages: idea, concept, "
        "validated, "
        "interest, proposal, agreement, implementation, completed (stages are listed in plan.yaml) "
        "[unknown-reference]",
        "activities/a.yaml:6:14: error: unknown indicator 'I2'; known indicators: I1; did you mean "
        "'I1'? [unknown-reference]",
        "indicators/I1.yaml:3:11: error: unknown activity 'b'; known activities: a; did you mean "
        "'a'? [unknown-reference]",
        "objectives/O2.yaml:3:7: error: unknown goal 'G2'; known goals: G1; did you mean 'G1'? "
        "(goals are listed in plan.yaml) [unknown-reference]",
        "objectives/O2.yaml:4:11: error: unknown region 'europe'; known regions: africa, asia, "
        "global (regions are listed in plan.yaml) [unknown-reference]",
        "taskforces/TF1.yaml:3:14: error: unknown objective 'O3'; known objectives: O1, O2 "
        "[unknown-reference]",
        "taskforces/TF1.yaml:5:23: error: unknown region 'mars'; known regions: africa, asia, "
        "global (regions are listed in plan.yaml) [unknown-reference]"});
}

TEST_CASE("without a regions list any region is accepted; goals are required when defined") {
  auto r = test::load({{"plan.yaml", "format: 1\ntitle: T\n"},
                       {"objectives/O1.yaml", "id: O1\ntitle: x\nregions: [anywhere]\n"}});
  CHECK(r.lines() == V{});
  auto g = test::load({{"objectives/O1.yaml", "id: O1\ntitle: x\n"}});
  CHECK(g.lines() ==
        V{"objectives/O1.yaml:1:1: error: the objective is missing the key 'goal' (the "
          "plan has goals: G1) [missing-key]"});
}

TEST_CASE("dates, money and lists that cannot be") {
  auto r =
      test::load({{"objectives/O1.yaml", k_o1},
                  {"activities/a.yaml", activity("a",
                                                 "start: 2026-06\nend: 2026-05-31\n"
                                                 "budget: {estimate: [10, 20], secured: 21}\n")},
                  {"activities/b.yaml",
                   "id: b\ntitle: x\nobjectives: []\nstart: 2026-06\nend: 2026\n"
                   "budget: {estimate: tbd, secured: 99}\n"}});
  CHECK(r.lines() == V{"activities/a.yaml:5:6: error: 'end' 2026-05-31 is before 'start' 2026-06 "
                       "[end-before-start]",
                       "activities/a.yaml:6:39: error: secured 21 is more than the estimate's "
                       "maximum 20; raise the "
                       "estimate or correct the secured amount [secured-above-estimate]",
                       "activities/b.yaml:3:13: error: 'objectives' must name at least one "
                       "objective [empty-list]"});
}

TEST_CASE("measurements strictly increase and are not in the future") {
  auto r = test::load(
      {{"objectives/O1.yaml", k_o1},
       {"indicators/I1.yaml",
        "id: I1\ntitle: I\nobjective: O1\nmeasurements:\n"
        "  - {date: 2024, value: 1}\n  - {date: 2024-06, value: 2}\n  - {date: 2024-06, value: 3}\n"
        "  - {date: 2023, value: 4}\n  - {date: 2026-12, value: 5}\n"}});
  CHECK(
      r.lines() ==
      V{"indicators/I1.yaml:7:12: error: measurement dated 2024-06 does not come after the one "
        "before it (2024-06); list measurements oldest first, one per date "
        "[measurements-unordered]",
        "indicators/I1.yaml:8:12: error: measurement dated 2023 does not come after the one before "
        "it (2024-06); list measurements oldest first, one per date [measurements-unordered]",
        "indicators/I1.yaml:9:12: error: measurement date 2026-12 is after the as-of date "
        "2026-11-21; check the date [date-in-future]"});
  auto earlier = test::load({{"objectives/O1.yaml", k_o1},
                             {"indicators/I1.yaml",
                              "id: I1\ntitle: I\nobjective: O1\nmeasurements:\n"
                              "  - {date: 2026-11, value: 1}\n"}},
                            Date{2026, 10, 31});
  CHECK(earlier.lines().size() == 1);
}

TEST_CASE("indicator subject, milestone fields and target types") {
  auto r = test::load({{"objectives/O1.yaml", k_o1},
                       {"activities/a.yaml", activity("a", "")},
                       {"indicators/I1.yaml",
                        "id: I1\ntitle: I\nobjective: O1\nactivity: a\ndue: 2027\n"
                        "targets: {2030: Adopted}\n"},
                       {"indicators/I2.yaml", "id: I2\ntitle: I\n"},
                       {"indicators/M1.yaml",
                        "id: M1\ntitle: M\ntype: milestone\nobjective: O1\n"
                        "targets: {2030: Adopted}\ndue: 2026\nachieved: 2027-01\n"}});
  CHECK(
      r.lines() ==
      V{"indicators/I1.yaml:4:11: error: an indicator measures exactly one thing: give 'objective' "
        "or 'activity', not both [indicator-subject]",
        "indicators/I1.yaml:5:6: error: 'due' applies to milestone indicators only; add 'type: "
        "milestone' or remove it [milestone-only]",
        "indicators/I1.yaml:6:17: error: target for 2030 must be a number for a numeric indicator; "
        "got 'Adopted' [invalid-number]",
        "indicators/I2.yaml:1:1: error: the indicator is missing 'objective' or 'activity' (what "
        "it "
        "measures) [indicator-subject]",
        "indicators/M1.yaml:7:11: error: 'achieved' 2027-01 is after the as-of date 2026-11-21; "
        "check the date [date-in-future]"});
}

TEST_CASE("codes, URLs and actors") {
  auto r = test::load(
      {{"objectives/O1.yaml", k_o1},
       {"activities/a.yaml", activity("a",
                                      "countries: [KE, pe, ZZ]\nbudget: {currency: Euro}\n"
                                      "url: ftp://x\nresponsible: [secretariat, bureau]\n")},
       {"activities/b.yaml", activity("b", "url: \"https://\"\n")}});
  CHECK(
      r.lines() ==
      V{"activities/a.yaml:4:17: error: country 'pe' is not an ISO 3166-1 alpha-2 code; did you "
        "mean 'PE'? [invalid-country]",
        "activities/a.yaml:4:21: error: country 'ZZ' is not an ISO 3166-1 alpha-2 code (two "
        "capital "
        "letters, e.g. KE, PE, FR) [invalid-country]",
        "activities/a.yaml:5:20: error: currency 'Euro' is not an ISO 4217 code such as EUR or USD "
        "[invalid-currency]",
        "activities/a.yaml:6:6: error: 'url' must start with http:// or https://; got 'ftp://x' "
        "[invalid-url]",
        "activities/a.yaml:7:28: warning: responsible 'bureau' is not an actor of the plan; known "
        "actors: secretariat [unknown-actor]",
        "activities/b.yaml:4:6: error: 'url' is not a valid web address: 'https://' "
        "[invalid-url]"});
  CHECK(is_country_code("KE"));
  CHECK(is_country_code("XK"));
  CHECK_FALSE(is_country_code("UK"));
}

TEST_CASE("plan.yaml rules") {
  auto r = test::load({{"plan.yaml",
                        "format: 2\ntitle: T\ncurrency: usd\nperiod: {start: 2030, end: 2029}\n"
                        "regions:\n  - {id: global, name: World}\n"
                        "actors:\n  - {id: a, name: A}\n  - {id: a, name: B}\n"
                        "analysis: {on_track: 0.5, at_risk: 0.6}\n"}});
  CHECK(r.lines() ==
        V{"plan.yaml:1:9: warning: the plan is written in format 2, newer than this actionplan "
          "reads (format 1): "
          "update actionplan; until then keys it does not know are only warnings [newer-format]",
          "plan.yaml:3:11: error: currency 'usd' is not an ISO 4217 code such as EUR or USD "
          "[invalid-currency]",
          "plan.yaml:4:28: error: 'end' 2029 is before 'start' 2030 [end-before-start]",
          "plan.yaml:6:10: error: 'global' is reserved for activities that cover the whole world; "
          "choose another region id [reserved-id]",
          "plan.yaml:9:10: error: actor id 'a' is used twice (first at line 8) [duplicate-id]",
          "plan.yaml:10:36: error: 'analysis' at_risk (0.6) must not be above on_track (0.5) "
          "[invalid-value]"});
}

TEST_CASE("a broken plan.yaml does not cascade into reference errors") {
  auto r = test::load({{"plan.yaml", "format: 1\ntitle: [\n"},
                       {"objectives/O1.yaml", k_o1},
                       {"activities/a.yaml", activity("a", "stage: custom\nregions: [x]\n")}});
  CHECK(r.lines() == V{"plan.yaml:3:1: error: YAML syntax: the file ends where a value is "
                       "expected; is a closing ']' or '}' "
                       "missing? [yaml-syntax]"});
}

TEST_CASE("unknown keys: errors in a plan of a format this tool reads, warnings in a newer one") {
  const std::string activity = "id: a1\ntitle: A\nobjectives: [O1]\nbudjet: 5\nx-mine: 1\n";
  auto known = test::load({{"plan.yaml", "format: 1\ntitle: T\n"},
                           {"objectives/O1.yaml", "id: O1\ntitle: One\n"},
                           {"activities/a1.yaml", activity}});
  CHECK(known.lines() ==
        V{"activities/a1.yaml:4:1: error: unknown key 'budjet' in the activity; did you mean "
          "'budget'? (prefix your own keys with 'x-') [unknown-key]"});
  auto newer = test::load({{"plan.yaml", "format: 2\ntitle: T\n"},
                           {"objectives/O1.yaml", "id: O1\ntitle: One\n"},
                           {"activities/a1.yaml", activity}});
  CHECK(
      newer.lines() ==
      V{"activities/a1.yaml:4:1: warning: unknown key 'budjet' in the activity; did you mean "
        "'budget'? (prefix your own keys with 'x-') [unknown-key]",
        "plan.yaml:1:9: warning: the plan is written in format 2, newer than this actionplan reads "
        "(format 1): update actionplan; until then keys it does not know are only warnings "
        "[newer-format]"});
}

TEST_CASE("a ratio needs both parts, a whole above 0, and a value that is theirs") {
  auto r =
      test::load({{"objectives/O1.yaml", "id: O1\ntitle: x\ngoal: G1\n"},
                  {"indicators/I1.yaml",
                   "id: I1\ntitle: t\nobjective: O1\nmeasurements:\n"
                   "  - {date: 2021, numerator: 38, denominator: 90}\n"             // 42.22%: fine
                   "  - {date: 2022, value: 42, numerator: 38, denominator: 90}\n"  // rounded: fine
                   "  - {date: 2023, value: 43, numerator: 38, denominator: 90}\n"  // 0.78 off
                   "  - {date: 2024, denominator: 90}\n"
                   "  - {date: 2025, numerator: 1, denominator: -2}\n"
                   "  - {date: 2026}\n"}});
  CHECK(r.lines() ==
        V{"indicators/I1.yaml:7:25: error: value 43 is not 38 of 90 (42.2%); leave 'value' out (it "
          "is derived) or correct it [ratio-mismatch]",
          "indicators/I1.yaml:8:31: error: a measurement with a 'denominator' needs a 'numerator' "
          "too: a ratio is numerator of denominator, e.g. {numerator: 38, denominator: 90} "
          "[missing-key]",
          "indicators/I1.yaml:9:45: error: 'denominator' is -2: a ratio's whole must be more than "
          "0 [invalid-denominator]",
          "indicators/I1.yaml:10:5: error: a measurement is missing the required key 'value' (or "
          "'numerator' and 'denominator') [missing-key]"});
}

TEST_CASE("a cumulative indicator may not fall; a level may") {
  const std::string series =
      "measurements:\n  - {date: 2021, value: 33.2}\n  - {date: 2022, value: 3}\n"
      "  - {date: 2023, value: 3}\n";
  auto cumulative = test::load({{"objectives/O1.yaml", "id: O1\ntitle: x\ngoal: G1\n"},
                                {"indicators/I1.yaml",
                                 "id: I1\ntitle: t\nobjective: O1\n"
                                 "aggregation: cumulative\n" +
                                     series}});
  CHECK(cumulative.lines() ==
        V{"indicators/I1.yaml:7:25: warning: value 3 is below the one before it (33.2 on 2021): "
          "a cumulative indicator counts the total since its baseline and cannot fall; correct "
          "the value, or write 'aggregation: level' if it measures a state "
          "[cumulative-decrease]"});
  auto level = test::load({{"objectives/O1.yaml", "id: O1\ntitle: x\ngoal: G1\n"},
                           {"indicators/I1.yaml", "id: I1\ntitle: t\nobjective: O1\n" + series}});
  CHECK(level.lines() == V{});
}

TEST_CASE("parts by region: any region when plan.yaml lists none, the listed ones otherwise") {
  const std::string indicator =
      "id: I1\ntitle: T\nobjective: O1\nmeasurements:\n"
      "  - {date: 2024, value: 5, by: {region: {andes: 2, alps: 3}, sex: {female: 5}}}\n";
  auto r = test::load({{"plan.yaml", "format: 1\ntitle: T\n"},
                       {"objectives/O1.yaml", "id: O1\ntitle: O\n"},
                       {"indicators/I1.yaml", indicator}});
  // No regions list: any region; `sex` is not declared.
  REQUIRE(r.lines().size() == 1);
  CHECK(r.lines()[0].find("unknown dimension 'sex'") != std::string::npos);
  auto listed = test::load({{"plan.yaml",
                             "format: 1\ntitle: T\nregions:\n  - {id: andes, name: Andes}\n"
                             "dimensions:\n  - {id: sex, values: [female, male]}\n"},
                            {"objectives/O1.yaml", "id: O1\ntitle: O\n"},
                            {"indicators/I1.yaml", indicator}});
  REQUIRE(listed.lines().size() == 1);
  CHECK(listed.lines()[0].find("unknown region 'alps'; known regions: andes") != std::string::npos);
}

TEST_CASE("closed periods: a published value changed, added or removed needs a reason") {
  const std::string plan = test::k_plan_yaml + "closed_until: 2025-12-31\n";
  auto indicator = [](const std::string& measurements) {
    return "id: I1\ntitle: H\nobjective: O1\nmeasurements:\n" + measurements;
  };
  const std::map<std::string, std::string> base = {
      {"plan.yaml", plan},
      {"objectives/O1.yaml", "id: O1\ntitle: A\ngoal: G1\n"},
      {"indicators/I1.yaml",
       indicator("  - {date: 2024, value: 1}\n  - {date: 2025, value: 2}\n")}};
  const test::Loaded then = test::load(base);
  auto problems = [&](const std::string& measurements) {
    std::map<std::string, std::string> files = base;
    files["indicators/I1.yaml"] = indicator(measurements);
    return test::lines(check_closed_period(then.plan, test::load(files).plan));
  };
  CHECK(problems(
            "  - {date: 2024, value: 1}\n  - {date: 2025, value: 2}\n  - {date: 2026, value: 9}\n")
            .empty());  // a value after closed_until is not published yet
  const std::vector<std::string> changed =
      problems("  - {date: 2024, value: 1}\n  - {date: 2025, value: 3}\n");
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].starts_with(
      "indicators/I1.yaml:6:5: error: the value of I1 for 2025 was changed"));
  CHECK(problems("  - {date: 2024, value: 1}\n  - {date: 2025, value: 3, restated: corrected}\n")
            .empty());
  const std::vector<std::string> removed = problems("  - {date: 2025, value: 2}\n");
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].find("for 2024 was removed") != std::string::npos);
  std::map<std::string, std::string> open = base;
  open["plan.yaml"] = test::k_plan_yaml;  // no closed_until: nothing is closed
  open["indicators/I1.yaml"] = indicator("  - {date: 2025, value: 5}\n");
  CHECK(check_closed_period(then.plan, test::load(open).plan).items().empty());
}
