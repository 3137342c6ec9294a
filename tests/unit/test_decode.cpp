#include <doctest/doctest.h>

#include <algorithm>

#include "helpers.hpp"
#include "load/decode.hpp"

using namespace actionplan;

namespace {
template <class F>
auto decode(const std::string& text, F decoder, Diagnostics& diags) {
  auto root = yaml::parse(text, "f.yaml", diags);
  REQUIRE(root);
  return decoder(*root, "f.yaml", diags);
}
}  // namespace

TEST_CASE("plan.yaml decodes every key") {
  Diagnostics diags;
  PlanInfo p = decode(
      "format: 1\ntitle: \"4 per 1000\"\nid: p4\ndescription: d\nvision: v\nmission: m\n"
      "period: {start: 2020, end: 2050-12}\nhorizons: [2030, 2050]\ncurrency: EUR\n"
      "goals:\n  - {id: G1, title: Know, description: gd}\n"
      "regions:\n  - {id: africa, name: Africa}\n"
      "actors:\n  - {id: bureau, name: Bureau}\n"
      "stages:\n  - {id: idea, name: Idea}\n  - {id: funded, name: Funded, funded: true}\n"
      "terms: {task_force: Partnership Initiative}\n"
      "analysis: {stale_after_months: 6, on_track: 0.8, at_risk: 0.5, overlap_threshold: 0.4}\n",
      decode_plan, diags);
  CHECK(diags.items().empty());
  CHECK(p.format->value == 1);
  CHECK(p.title->value == "4 per 1000");
  CHECK(p.id->value == "p4");
  CHECK(p.vision->value == "v");
  CHECK(p.mission->value == "m");
  CHECK(p.period->start->value == Date{2020, 0, 0});
  CHECK(p.period->end->value == Date{2050, 12, 0});
  REQUIRE(p.horizons.size() == 2);
  CHECK(p.horizons[1].value == 2050);
  CHECK(p.default_currency() == "EUR");
  CHECK(p.goals->at(0).description->value == "gd");
  CHECK(p.regions->at(0).name->value == "Africa");
  CHECK(p.actors->at(0).id.value == "bureau");
  REQUIRE(p.stages.size() == 2);
  CHECK(p.stages_given);
  CHECK(p.stages[1].funded);
  CHECK_FALSE(p.stages[0].funded);
  CHECK(p.terms.at("task_force").value == "Partnership Initiative");
  CHECK(p.analysis.stale_after_months == 6);
  CHECK(p.analysis.on_track == 0.8);
  CHECK(p.analysis.at_risk == 0.5);
  CHECK(p.analysis.overlap_threshold == 0.4);
}

TEST_CASE("plan.yaml defaults: stages, currency, analysis") {
  Diagnostics diags;
  PlanInfo p = decode("format: 1\ntitle: T\n", decode_plan, diags);
  CHECK(diags.items().empty());
  CHECK(p.default_currency() == "USD");
  REQUIRE(p.stages.size() == 8);
  CHECK(p.stages[0].id.value == "idea");
  CHECK(p.stages[5].id.value == "agreement");
  CHECK(p.stages[5].funded);
  CHECK(p.analysis.stale_after_months == 12);
  CHECK(p.analysis.on_track == 0.9);
  CHECK(p.analysis.at_risk == 0.6);
  CHECK(p.analysis.overlap_threshold == 0.5);
}

TEST_CASE("objective decodes targets as year to text, keeping text as written") {
  Diagnostics diags;
  Objective o = decode(
      "id: O3\ntitle: yes\ngoal: G1\ndescription: 123\nproblem: 2024-01-01\n"
      "targets:\n  2030: Halt losses\n  2050: \"+4 per 1000\"\nregions: [africa, global]\n",
      decode_objective, diags);
  CHECK(diags.items().empty());
  CHECK(o.id.value == "O3");
  CHECK(o.id.pos == Position{1, 5});
  CHECK(o.title->value == "yes");
  CHECK(o.description->value == "123");
  CHECK(o.problem->value == "2024-01-01");
  CHECK(o.goal->value == "G1");
  REQUIRE(o.targets.size() == 2);
  CHECK(o.targets[0].year.value == 2030);
  CHECK(o.targets[1].text.value == "+4 per 1000");
  REQUIRE(o.regions);
  CHECK(o.regions->size() == 2);
}

TEST_CASE("task force decodes persons as mappings or names") {
  Diagnostics diags;
  TaskForce t = decode(
      "id: TF1\nname: Carbon\nobjectives: [O1, O2]\n"
      "leaders:\n  - {name: Ana, org: Embrapa, email: a@b.c, role: chair, expertise: [soils, "
      "MRV]}\n"
      "representatives:\n  - {name: Kofi, region: africa}\n"
      "members:\n  - Jane Doe\n  - {name: Li}\n"
      "approach: |\n  Two lines\n  of text\n"
      "milestones:\n  - {date: 2025-06, text: Plan agreed}\n",
      decode_task_force, diags);
  CHECK(diags.items().empty());
  CHECK(t.objectives.size() == 2);
  REQUIRE(t.leaders.size() == 1);
  CHECK(t.leaders[0].org->value == "Embrapa");
  CHECK(t.leaders[0].email->value == "a@b.c");
  CHECK(t.leaders[0].expertise.size() == 2);
  CHECK(t.representatives[0].region->value == "africa");
  REQUIRE(t.members.size() == 2);
  CHECK(t.members[0].name.value == "Jane Doe");
  CHECK_FALSE(t.members[0].org);
  CHECK(t.approach->value == "Two lines\nof text\n");
  CHECK(t.milestones[0].date->value == Date{2025, 6, 0});
  CHECK(t.milestones[0].text->value == "Plan agreed");
}

TEST_CASE("activity decodes every key") {
  Diagnostics diags;
  Activity a = decode(
      "id: soil-carbon-kenya\ntitle: Soil carbon mapping\ntype: activity\nobjectives: [O3]\n"
      "task_force: TF3\nstage: concept\nstatus: on-hold\nregions: [africa]\ncountries: [KE]\n"
      "lead: {name: Amina Odhiambo, org: KALRO}\nresponsible: [secretariat, Parties]\n"
      "partners: [CIFOR]\nsponsors: [Example Foundation]\n"
      "budget: {currency: EUR, estimate: [250000, 400000], secured: 50000, note: per training}\n"
      "start: 2026-01\nend: 2028-12\ntimeframe: ongoing\noutputs: [Maps, Report]\n"
      "methodology: Workshops\noutcome: Better maps\ndescription: Long\nindicators: [I3-area]\n"
      "url: https://example.org/p\nupdated: 2026-10-15\n",
      decode_activity, diags);
  CHECK(diags.items().empty());
  CHECK(a.type == ActivityType::activity);
  CHECK(a.status == ActivityStatus::on_hold);
  CHECK(a.task_force->value == "TF3");
  CHECK(a.stage->value == "concept");
  CHECK(a.countries[0].value == "KE");
  CHECK(a.lead->name.value == "Amina Odhiambo");
  CHECK(a.responsible.size() == 2);
  CHECK(a.partners[0].value == "CIFOR");
  CHECK(a.sponsors[0].value == "Example Foundation");
  CHECK(a.methodology->value == "Workshops");
  REQUIRE(a.budget);
  CHECK(a.budget->currency->value == "EUR");
  CHECK(a.budget->estimate->value.kind == AmountKind::range);
  CHECK(a.budget->estimate->value.min == 250000);
  CHECK(a.budget->estimate->value.max == 400000);
  CHECK(a.budget->note->value == "per training");
  CHECK(a.budget->secured->value == 50000);
  CHECK(a.start->value == Date{2026, 1, 0});
  CHECK(a.end->value == Date{2028, 12, 0});
  CHECK(a.timeframe->value == "ongoing");
  CHECK(a.outputs.size() == 2);
  CHECK(a.indicators[0].value == "I3-area");
  CHECK(a.url->value == "https://example.org/p");
  CHECK(a.updated->value == Date{2026, 10, 15});
}

TEST_CASE("activity defaults and amount forms") {
  Diagnostics diags;
  Activity a = decode("id: a\ntitle: t\nobjectives: [O1]\nbudget: {estimate: none}\n",
                      decode_activity, diags);
  CHECK(diags.items().empty());
  CHECK(a.type == ActivityType::project);
  CHECK(a.status == ActivityStatus::active);
  CHECK_FALSE(a.stage);
  CHECK(a.budget->estimate->value.kind == AmountKind::none);
  Activity b = decode("id: b\ntitle: t\nobjectives: [O1]\nbudget: {estimate: tbd}\n",
                      decode_activity, diags);
  CHECK(b.budget->estimate->value.kind == AmountKind::tbd);
  Activity c = decode("id: c\ntitle: t\nobjectives: [O1]\nbudget: {estimate: 250000}\n",
                      decode_activity, diags);
  CHECK(c.budget->estimate->value.kind == AmountKind::number);
  CHECK(c.budget->estimate->value.max == 250000);
  CHECK(diags.items().empty());
}

TEST_CASE("indicator decodes numeric and milestone forms") {
  Diagnostics diags;
  Indicator i = decode(
      "id: I1\ntitle: Area\nobjective: O1\nunit: ha\ndirection: decrease\n"
      "baseline: {date: 2020, value: 100}\ntargets: {2030: 50, 2050: 0}\n"
      "measurements:\n  - {date: 2022, value: 90, source: Survey, note: first}\n"
      "description: d\nmethod: m\nsource: FAO\n",
      decode_indicator, diags);
  CHECK(diags.items().empty());
  CHECK(i.type.value == IndicatorType::numeric);
  CHECK(i.direction == Direction::decrease);
  CHECK(i.baseline->value->value == 100);
  REQUIRE(i.targets.size() == 2);
  CHECK(i.targets[1].is_number);
  CHECK(*i.targets[1].number == 0);
  CHECK(i.measurements[0].source->value == "Survey");
  CHECK(i.measurements[0].note->value == "first");
  CHECK(i.source_text->value == "FAO");

  Indicator m = decode(
      "id: M1\ntitle: Policy\ntype: milestone\nactivity: a\ntargets: {2030: Adopted}\n"
      "due: 2027-06\nachieved: 2026-05-01\n",
      decode_indicator, diags);
  CHECK(diags.items().empty());
  CHECK(m.type.value == IndicatorType::milestone);
  CHECK(m.activity->value == "a");
  CHECK_FALSE(m.targets[0].is_number);
  CHECK(m.targets[0].text == "Adopted");
  CHECK(m.due->value == Date{2027, 6, 0});
  CHECK(m.achieved->value == Date{2026, 5, 1});
}

TEST_CASE("decoding reports types, values and keys exactly") {
  Diagnostics diags;
  decode(
      "id: a\ntitle:\nobjectives: O1\nstatus: done\nstart: 2024-02-30\n"
      "budget: {estimate: 45000-90000, secured: \"10\"}\nx-mine: 1\ntitel: x\nlead: [a]\n",
      decode_activity, diags);
  CHECK(
      test::lines(diags) ==
      std::vector<std::string>{
          "f.yaml:3:13: error: 'objectives' must be a list of objective ids, e.g. [O1, O3]; got a "
          "single value [wrong-type]",
          "f.yaml:4:9: error: 'status' must be one of active, on-hold, cancelled; got 'done' "
          "[invalid-value]",
          "f.yaml:5:8: error: 'start' must be a real date written YYYY, YYYY-MM or YYYY-MM-DD; got "
          "'2024-02-30' [invalid-date]",
          "f.yaml:6:20: error: 'estimate' must be an amount: a number, a range [min, max], none "
          "(no additional funds required) or tbd; got '45000-90000' [invalid-amount]",
          "f.yaml:6:42: error: 'secured' must be a decimal number; got '10' (remove the quotes) "
          "[invalid-number]",
          "f.yaml:8:1: warning: unknown key 'titel' in the activity; did you mean 'title'? (prefix "
          "your own keys with 'x-') [unknown-key]",
          "f.yaml:9:7: error: 'lead' must be a person: a name, or a mapping {name, org, email, "
          "role, expertise}; got a list [wrong-type]",
          "f.yaml:2:1: error: the activity has an empty 'title'; give it a value [missing-key]",
      });
}

TEST_CASE("missing required keys are named") {
  Diagnostics diags;
  decode("title: T\n", decode_indicator, diags);
  decode("x-only: 1\n", decode_task_force, diags);
  CHECK(test::lines(diags) ==
        std::vector<std::string>{
            "f.yaml:1:1: error: the indicator is missing the required key 'id' [missing-key]",
            "f.yaml:1:1: error: the task force is missing the required key 'id' [missing-key]",
            "f.yaml:1:1: error: the task force is missing the required key 'name' [missing-key]",
            "f.yaml:1:1: error: the task force is missing the required key 'objectives' "
            "[missing-key]",
        });
}

TEST_CASE("field docs list every key in format order") {
  auto keys = [](RecordKind kind) {
    std::vector<std::string> out;
    for (const FieldDoc& f : field_docs(kind)) out.emplace_back(f.info.key);
    return out;
  };
  CHECK(keys(RecordKind::objective) == std::vector<std::string>{"id", "title", "goal",
                                                                "description", "problem", "targets",
                                                                "regions"});
  CHECK(keys(RecordKind::activity).size() == 25);
  CHECK(keys(RecordKind::indicator).size() == 19);
  CHECK(keys(RecordKind::task_force).size() == 9);
  CHECK(keys(RecordKind::plan).size() == 18);
}

TEST_CASE("numbers above 10^15 are refused, so sums never overflow") {
  auto r =
      test::load({{"activities/a.yaml",
                   "id: a\ntitle: A\nobjectives: [O1]\nbudget: {estimate: 1e16, secured: 1e15}\n"},
                  {"indicators/i.yaml",
                   "id: i\ntitle: I\nobjective: O1\ntargets: {2030: -1.7e308}\n"
                   "measurements:\n  - {date: 2020, value: 999999999999999}\n"}});
  const std::vector<std::string> lines = test::lines(r.diags);
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
          return l.find("numbers may be at most 10^15") != std::string::npos;
        }) == 2);
  REQUIRE(r.plan.activity("a"));
  CHECK(r.plan.activity("a")->budget->secured->value == 1e15);  // the bound itself is accepted
  CHECK(r.plan.indicator("i")->measurements.size() == 1);
}
