// Emitted YAML reads back to exactly what was given.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "load/decode.hpp"
#include "model/text.hpp"
#include "write/emit.hpp"

using namespace actionplan;

namespace {
Activity read_back(const std::string& yaml_text) {
  Diagnostics diags;
  auto root = yaml::parse(yaml_text, "activities/a.yaml", diags);
  REQUIRE(root);
  Activity a = decode_activity(*root, "activities/a.yaml", diags);
  CHECK(test::lines(diags) == std::vector<std::string>{});
  return a;
}

const std::vector<std::string> k_tricky = {"yes",
                                           "no",
                                           "Yes",
                                           "null",
                                           "~",
                                           "true",
                                           "on",
                                           "y",
                                           "010",
                                           "0x1A",
                                           "1e3",
                                           "12",
                                           "-3",
                                           ".5",
                                           ".inf",
                                           "2024-01-01",
                                           "2024",
                                           "- x",
                                           "-x",
                                           "#x",
                                           "a #b",
                                           "a: b",
                                           "a:b",
                                           "ends with colon:",
                                           " leading",
                                           "trailing ",
                                           "[list]",
                                           "{map}",
                                           "a, b",
                                           "quote \"inside\"",
                                           "'single'",
                                           "back\\slash",
                                           "*star",
                                           "&amp",
                                           "!tag",
                                           "%percent",
                                           "@at",
                                           "`tick`",
                                           "|pipe",
                                           ">fold",
                                           "?q",
                                           "Gestión de suelos en Perú",
                                           "tab\there",
                                           "two\nlines",
                                           "two\nlines\n",
                                           "two\nlines\n\n",
                                           "\nleading newline",
                                           " indented\nsecond",
                                           "a\n \nb",
                                           "ok plain text",
                                           "line\xE2\x80\xA8separator",
                                           "para\xE2\x80\xA9graph\nnext",
                                           "Soil carbon mapping for smallholder farms in Kenya",
                                           "x-y_z.1"};
}  // namespace

TEST_CASE("every tricky string survives emit and read-back byte for byte") {
  for (const std::string& s : k_tricky) {
    CAPTURE(s);
    Activity a;
    a.id = {"a", {}};
    a.title = Located<std::string>{s, {}};
    a.objectives = {{"O1", {}}};
    a.description = Located<std::string>{s, {}};
    a.sponsors = {{s, {}}, {"second", {}}};
    a.lead = Person{
        {s, {}}, Located<std::string>{s, {}}, std::nullopt, std::nullopt, {}, std::nullopt, {}};
    const std::string yaml_text = emit_activity(a);
    const Activity back = read_back(yaml_text);
    CHECK(back.title->value == s);
    CHECK(back.description->value == s);
    CHECK(back.sponsors[0].value == s);
    CHECK(back.lead->name.value == s);
    CHECK(back.lead->org->value == s);
  }
}

TEST_CASE("plain where safe, quoted where YAML could misread") {
  CHECK(yaml_scalar("Soil carbon mapping") == "Soil carbon mapping");
  CHECK(yaml_scalar("yes") == "\"yes\"");
  CHECK(yaml_scalar("010") == "\"010\"");
  CHECK(yaml_scalar("2024-01-01") == "\"2024-01-01\"");
  CHECK(yaml_scalar("a: b") == "\"a: b\"");
  CHECK(yaml_scalar("- x") == "\"- x\"");
  CHECK(yaml_scalar("a\xE2\x80\xA8"
                    "b\xE2\x80\xA9") == "\"a\\Lb\\P\"");
  CHECK(yaml_text("a\xE2\x80\xA8\nb", 0) == "\"a\\L\\nb\"");
  CHECK(yaml_text("one\ntwo\n", 0) == "|\n  one\n  two");
  CHECK(yaml_text("one\ntwo", 0) == "|-\n  one\n  two");
}

TEST_CASE("an emitted activity keeps the format's key order and every value") {
  Activity a;
  a.id = {"soil-carbon-kenya", {}};
  a.title = Located<std::string>{"Soil carbon mapping", {}};
  a.type = ActivityType::activity;
  a.objectives = {{"O3", {}}, {"O10", {}}};
  a.task_force = Located<std::string>{"TF3", {}};
  a.stage = Located<std::string>{"concept", {}};
  a.status = ActivityStatus::on_hold;
  a.regions = {{"africa", {}}};
  a.countries = {{"KE", {}}};
  a.lead = Person{{"Amina Odhiambo", {}},
                  Located<std::string>{"KALRO", {}},
                  std::nullopt,
                  std::nullopt,
                  {},
                  std::nullopt,
                  {}};
  a.responsible = {{"secretariat", {}}};
  a.partners = {{"CIFOR", {}}};
  a.sponsors = {{"Example Foundation", {}}};
  a.budget = Budget{Located<std::string>{"EUR", {}},
                    Located<Amount>{{AmountKind::range, 250000, 400000}, {}},
                    Located<double>{50000, {}},
                    {},
                    {}};
  a.start = Located<Date>{{2026, 1, 0}, {}};
  a.end = Located<Date>{{2028, 12, 0}, {}};
  a.timeframe = Located<std::string>{"three years", {}};
  a.outputs = {{"Maps", {}}};
  a.methodology = Located<std::string>{"Two workshops", {}};
  a.outcome = Located<std::string>{"Better maps", {}};
  a.description = Located<std::string>{"Line one\nline two\n", {}};
  a.indicators = {{"I3-area", {}}};
  a.url = Located<std::string>{"https://example.org/p", {}};
  a.updated = Located<Date>{{2026, 11, 21}, {}};
  CHECK(emit_activity(a) ==
        "# yaml-language-server: $schema=../.actionplan/schemas/activity.schema.json\n"
        "id: soil-carbon-kenya\n"
        "title: Soil carbon mapping\n"
        "type: activity\n"
        "objectives: [O3, O10]\n"
        "task_force: TF3\n"
        "stage: concept\n"
        "status: on-hold\n"
        "regions: [africa]\n"
        "countries: [KE]\n"
        "lead:\n  name: Amina Odhiambo\n  org: KALRO\n"
        "responsible:\n  - secretariat\n"
        "partners:\n  - CIFOR\n"
        "sponsors:\n  - Example Foundation\n"
        "budget:\n  currency: EUR\n  estimate: [250000, 400000]\n  secured: 50000\n"
        "start: 2026-01\n"
        "end: 2028-12\n"
        "timeframe: three years\n"
        "outputs:\n  - Maps\n"
        "methodology: Two workshops\n"
        "outcome: Better maps\n"
        "description: |\n  Line one\n  line two\n"
        "indicators: [I3-area]\n"
        "url: https://example.org/p\n"
        "updated: 2026-11-21\n");
  const Activity back = read_back(emit_activity(a));
  CHECK(back.budget->estimate->value.min == 250000);
  CHECK(back.status == ActivityStatus::on_hold);
  CHECK(back.methodology->value == "Two workshops");
  CHECK(back.description->value == "Line one\nline two\n");
}

TEST_CASE("slugs: accents folded, words joined, cut at a word boundary") {
  CHECK(slug("Gestión de suelos en Perú") == "gestion-de-suelos-en-peru");
  CHECK(slug("  Soil carbon: mapping (Kenya) 2026! ") == "soil-carbon-mapping-kenya-2026");
  CHECK(slug("Ærøskøbing straße, Łódź") == "aeroskobing-strasse-lodz");
  CHECK(slug("土壌") == "");
  const std::string long_title =
      "Restoration of degraded rangelands through community grazing plans in the Sahel and beyond";
  const std::string s = slug(long_title);
  CHECK(s.size() <= 64);
  CHECK(s == "restoration-of-degraded-rangelands-through-community-grazing");
  CHECK(slug(std::string(80, 'a')) == std::string(64, 'a'));
  CHECK(is_valid_id(slug("Gestión de suelos en Perú")));
}

TEST_CASE("Windows reserved names") {
  CHECK(is_windows_reserved("CON"));
  CHECK(is_windows_reserved("con.yaml"));
  CHECK(is_windows_reserved("Lpt1"));
  CHECK_FALSE(is_windows_reserved("console"));
  CHECK_FALSE(is_windows_reserved("com10"));
}

TEST_CASE("a milestone's number-like target reads back as written, a number still") {
  auto read = [](const std::string& text) {
    Diagnostics diags;
    auto root = yaml::parse(text, "indicators/I1.yaml", diags);
    REQUIRE(root);
    return decode_indicator(*root, "indicators/I1.yaml", diags);
  };
  const Indicator before = read(
      "id: I1\ntitle: Sites\nobjective: O1\ntype: milestone\n"
      "targets: {2030: 400, 2040: \"450\", 2050: first sites}\n");
  const std::string yaml_text = emit_indicator(before);
  CHECK(yaml_text.find("  2030: 400\n") != std::string::npos);
  CHECK(yaml_text.find("  2040: \"450\"\n") != std::string::npos);
  const Indicator after = read(yaml_text);
  REQUIRE(after.targets.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(after.targets[i].is_number == before.targets[i].is_number);
    CHECK(after.targets[i].text == before.targets[i].text);
  }
}

TEST_CASE("every key of a task force and an indicator is written, by the field table") {
  auto parse = [](const std::string& text, auto decode) {
    Diagnostics diags;
    auto root = yaml::parse(text, "x.yaml", diags);
    REQUIRE(root);
    auto record = decode(*root, "x.yaml", diags);
    CHECK(diags.items().empty());
    return record;
  };
  const std::string task_force =
      "id: TF1\nname: Soils\nobjectives: [O1]\nregions: []\n"
      "leaders:\n  - Ana\n  - {name: Bo, org: \"Ministry, Kenya\", expertise: [radio]}\n"
      "representatives:\n  - {name: Cy, region: africa}\n"
      "milestones:\n  - {date: 2025-06, text: \"Toolkit: 6 languages\"}\n";
  const TaskForce t = parse(task_force, decode_task_force);
  const std::string written = emit_task_force(t);
  CHECK(written.find("leaders:\n  - Ana\n  - name: Bo\n    org: \"Ministry, Kenya\"\n"
                     "    expertise:\n      - radio\n") != std::string::npos);
  CHECK(written.find("representatives:\n  - name: Cy\n    region: africa\n") != std::string::npos);
  CHECK(written.find("milestones:\n  - {date: 2025-06, text: \"Toolkit: 6 languages\"}\n") !=
        std::string::npos);
  CHECK(written.find("regions: []\n") != std::string::npos);
  CHECK(emit_task_force(parse(written, decode_task_force)) == written);

  const std::string indicator =
      "id: I1\ntitle: Farms\nobjective: O1\nunit: ha\ndirection: decrease\n"
      "baseline: {date: 2020, value: 3}\ntargets: {2030: 1}\n"
      "measurements:\n  - {date: 2021, value: 2.5, source: \"survey, 2021\", note: rough}\n";
  const Indicator i = parse(indicator, decode_indicator);
  const std::string back = emit_indicator(i);
  CHECK(back.find("direction: decrease\nbaseline: {date: 2020, value: 3}\n") != std::string::npos);
  CHECK(back.find("measurements:\n  - {date: 2021, value: 2.5, source: \"survey, 2021\", note: "
                  "rough}\n") != std::string::npos);
  CHECK(emit_indicator(parse(back, decode_indicator)) == back);

  // The new kinds: recurring, parts' own targets, a measurement split by dimensions,
  // and a qualitative assessment.
  const std::string split =
      "id: I2\ntitle: Reach\nobjective: O1\nevery: year\ntargets: {2030: 10}\n"
      "targets_by:\n  region: {africa: {2030: 4, 2050: 8}, asia: {2030: 6}}\n"
      "measurements:\n  - {date: 2021, value: 5, by: {region: {africa: 2, asia: 3}, sex: "
      "{female: 5}}}\n";
  const std::string split_back = emit_indicator(parse(split, decode_indicator));
  CHECK(split_back.find("every: year\n") != std::string::npos);
  CHECK(split_back.find("targets_by:\n  region: {africa: {2030: 4, 2050: 8}, asia: {2030: 6}}\n") !=
        std::string::npos);
  CHECK(split_back.find("  - {date: 2021, value: 5, by: {region: {africa: 2, asia: 3}, sex: "
                        "{female: 5}}}\n") != std::string::npos);
  CHECK(emit_indicator(parse(split_back, decode_indicator)) == split_back);
  const std::string qualitative =
      "id: Q1\ntitle: MOUs\nobjective: O1\ntype: qualitative\n"
      "baseline: {date: 2004, level: not started}\ntargets: {2007: achieved}\n"
      "measurements:\n  - {date: 2005, level: in progress}\n";
  const std::string qualitative_back = emit_indicator(parse(qualitative, decode_indicator));
  CHECK(qualitative_back.find("targets:\n  2007: achieved\n") != std::string::npos);
  CHECK(qualitative_back.find("  - {date: 2005, level: in progress}\n") != std::string::npos);
  CHECK(emit_indicator(parse(qualitative_back, decode_indicator)) == qualitative_back);
}

TEST_CASE("money with three decimals is written so that it reads back, not as thousands") {
  CHECK(money_text(1.585) == "1.5850");
  CHECK(money_text(1585) == "1585");
  CHECK(money_text(0.585) == "0.585");  // no thousands start with 0
  CHECK(ambiguous_money(money_text(12.345)).empty());
  Activity a;
  a.id = {"a", {}};
  a.title = Located<std::string>{"A", {}};
  a.objectives = {{"O1", {}}};
  a.budget = Budget{};
  a.budget->estimate = Located<Amount>{{AmountKind::range, 1.585, 2.125}, {}};
  a.budget->secured = Located<double>{1.5, {}};
  const std::string yaml_text = emit_activity(a);
  CHECK(yaml_text.find("  estimate: [1.5850, 2.1250]\n") != std::string::npos);
  const Activity back = read_back(yaml_text);
  REQUIRE(back.budget);
  REQUIRE(back.budget->estimate);
  CHECK(back.budget->estimate->value.min == 1.585);
}
