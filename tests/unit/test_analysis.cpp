// Gap analysis and indicator progress on small hand-made plans. Every
// expected number is worked out by hand in the comments.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "analysis/gaps.hpp"
#include "analysis/overlap.hpp"
#include "helpers.hpp"
#include "load/decode.hpp"
#include "model/text.hpp"

using namespace actionplan;
using V = std::vector<std::string>;

namespace {

Indicator indicator(const std::string& yaml) {
  Diagnostics diags;
  auto root = yaml::parse("id: I\ntitle: t\nobjective: O1\n" + yaml, "i.yaml", diags);
  REQUIRE(root);
  Indicator i = decode_indicator(*root, "i.yaml", diags);
  REQUIRE(diags.items().empty());
  return i;
}

// As of 2029-12-31 unless said: before the 2030 targets of most cases, after their measurements.
IndicatorProgress progress(const std::string& yaml, Date as_of = {2029, 12, 31}) {
  return indicator_progress(indicator(yaml), {}, as_of);
}

}  // namespace

TEST_CASE("progress: a straight line from baseline to target") {
  // 2020-12-31 → 2030-12-31 is 3652 days; → 2025-12-31 is 1826 days: exactly half way.
  // expected = 0 + 100 × 1826/3652 = 50; ratio = (40 − 0) / (50 − 0) = 0.8 → at risk.
  auto p = progress(
      "baseline: {date: 2020, value: 0}\ntargets: {2030: 100}\n"
      "measurements:\n  - {date: 2025, value: 40}\n");
  CHECK(p.status == ProgressStatus::at_risk);
  CHECK(*p.expected == doctest::Approx(50));
  CHECK(*p.ratio == doctest::Approx(0.8));
  CHECK(p.next_target->value == 100);
  CHECK(p.next_target->date == Date{2030, 0, 0});
  CHECK_FALSE(p.target_reached);
}

TEST_CASE("progress: a ratio's value is its percentage, and is measured like any value") {
  // 36 of 90 = 40%: half way (50% expected in 2025), ratio 40 / 50 = 0.8 → at risk.
  auto p = progress(
      "unit: \"%\"\nbaseline: {date: 2020, value: 0}\ntargets: {2030: 100}\n"
      "measurements:\n  - {date: 2025, numerator: 36, denominator: 90}\n");
  CHECK(p.latest->value == doctest::Approx(40));
  CHECK(*p.ratio == doctest::Approx(0.8));
  CHECK(p.status == ProgressStatus::at_risk);
  Measurement zero;  // a whole of 0 gives no value (validate refuses it)
  zero.numerator = Located<double>{3, {}};
  zero.denominator = Located<double>{0, {}};
  CHECK_FALSE(measured_value(zero));
  zero.value = Located<double>{5, {}};  // a value written wins
  CHECK(measured_value(zero) == 5);
}

TEST_CASE("progress: per-period values add up; levels and cumulative totals do not") {
  const std::string series =
      "baseline: {date: 2020, value: 50}\ntargets: {2030: 150}\n"
      "measurements:\n  - {date: 2024, value: 100}\n  - {date: 2025, value: 120}\n"
      "  - {date: 2027, value: 130}\n";
  // As of 2026: the 2027 value is not known yet; 100 + 120 = 220 since 2024.
  const IndicatorProgress per_period =
      progress("aggregation: per-period\n" + series, Date{2026, 12, 31});
  REQUIRE(per_period.total);
  CHECK(per_period.total->value == 220);
  CHECK(per_period.total->date == Date{2024, 0, 0});
  CHECK(per_period.latest->value == 120);  // the latest period is still what the line judges
  CHECK_FALSE(progress("aggregation: cumulative\n" + series, Date{2026, 12, 31}).total);
  CHECK_FALSE(progress(series, Date{2026, 12, 31}).total);
}

TEST_CASE("progress: thresholds 0.9 and 0.6 decide the status") {
  auto at = [](int value) {
    return progress(
               "baseline: {date: 2020, value: 0}\ntargets: {2030: 100}\nmeasurements:\n  - {date: "
               "2025, value: " +
               std::to_string(value) + "}\n")
        .status;
  };
  CHECK(at(45) == ProgressStatus::on_track);   // 0.9
  CHECK(at(44) == ProgressStatus::at_risk);    // 0.88
  CHECK(at(30) == ProgressStatus::at_risk);    // 0.6
  CHECK(at(29) == ProgressStatus::off_track);  // 0.58
}

TEST_CASE("progress: direction decrease") {
  // expected = 100 − 50 × 0.5 = 75. latest 80: (80 − 100)/(75 − 100) = 0.8 → at risk.
  auto p = progress(
      "direction: decrease\nbaseline: {date: 2020, value: 100}\ntargets: {2030: 50}\n"
      "measurements:\n  - {date: 2025, value: 80}\n");
  CHECK(*p.expected == doctest::Approx(75));
  CHECK(*p.ratio == doctest::Approx(0.8));
  CHECK(p.status == ProgressStatus::at_risk);
  // latest 74: (74 − 100)/(75 − 100) = 1.04 → on track.
  auto q = progress(
      "direction: decrease\nbaseline: {date: 2020, value: 100}\ntargets: {2030: 50}\n"
      "measurements:\n  - {date: 2025, value: 74}\n");
  CHECK(*q.ratio == doctest::Approx(1.04));
  CHECK(q.status == ProgressStatus::on_track);
}

TEST_CASE("progress: a target already reached is on track") {
  auto p = progress(
      "baseline: {date: 2020, value: 0}\ntargets: {2030: 100}\nmeasurements:\n  - {date: 2022, "
      "value: 120}\n");
  CHECK(p.target_reached);
  CHECK(p.status == ProgressStatus::on_track);
}

TEST_CASE("progress: without a baseline the first measurement serves") {
  // Line from (2020, 10) to (2030, 110): at 2025 expected 60; ratio (30 − 10)/(60 − 10) = 0.4 → off
  // track.
  auto p = progress(
      "targets: {2030: 110}\nmeasurements:\n  - {date: 2020, value: 10}\n  - {date: 2025, value: "
      "30}\n");
  CHECK(p.baseline->value == 10);
  CHECK(*p.expected == doctest::Approx(60));
  CHECK(*p.ratio == doctest::Approx(0.4));
  CHECK(p.status == ProgressStatus::off_track);
}

TEST_CASE("progress: baseline equal to target") {
  CHECK(progress("baseline: {date: 2020, value: 50}\ntargets: {2030: 50}\nmeasurements:\n  - "
                 "{date: 2025, value: 50}\n")
            .status == ProgressStatus::on_track);
  auto below = progress(
      "baseline: {date: 2020, value: 50}\ntargets: {2030: 50}\nmeasurements:\n  - {date: 2025, "
      "value: 45}\n");
  CHECK(below.status == ProgressStatus::off_track);
  CHECK_FALSE(below.ratio);
}

TEST_CASE("progress: a target of 0") {
  // Decrease 10 → 0 by 2030: expected at 2025 is 5. Latest 8: (8 − 10)/(5 − 10) = 0.4.
  auto p = progress(
      "direction: decrease\nbaseline: {date: 2020, value: 10}\ntargets: {2030: 0}\n"
      "measurements:\n  - {date: 2025, value: 8}\n");
  CHECK(*p.expected == doctest::Approx(5));
  CHECK(*p.ratio == doctest::Approx(0.4));
  CHECK(p.status == ProgressStatus::off_track);
}

TEST_CASE("progress: a single measurement without baseline cannot be assessed") {
  auto p = progress("targets: {2030: 10}\nmeasurements:\n  - {date: 2025, value: 5}\n");
  CHECK(p.status == ProgressStatus::not_assessable);
  CHECK(p.reason == "a single measurement and no baseline: no trend yet");
  // With a baseline, one measurement is enough: expected 5, ratio 1 → on track.
  auto q = progress(
      "baseline: {date: 2020, value: 0}\ntargets: {2030: 10}\nmeasurements:\n  - {date: 2025, "
      "value: 5}\n");
  CHECK(q.status == ProgressStatus::on_track);
}

TEST_CASE("progress: measurements after the last target are measured against it") {
  // The 2025 target of 100 is past: expected = 100; latest 80 → ratio 0.8.
  auto p = progress(
      "baseline: {date: 2020, value: 0}\ntargets: {2025: 100}\nmeasurements:\n  - {date: 2026, "
      "value: 80}\n");
  CHECK(*p.expected == doctest::Approx(100));
  CHECK(*p.ratio == doctest::Approx(0.8));
  CHECK(p.next_target->date == Date{2025, 0, 0});
  // Its date has passed and 80 < 100: the target is missed, not "at risk".
  CHECK(p.status == ProgressStatus::missed);
  REQUIRE(p.passed.size() == 1);
  CHECK_FALSE(p.passed[0].achieved);
}

TEST_CASE("progress: a passed target is achieved or missed, a later one stays next") {
  const std::string yaml =
      "baseline: {date: 2020, value: 0}\ntargets: {2024: 40, 2030: 100}\n"
      "measurements:\n  - {date: 2024-06, value: 30}\n  - {date: 2025-06, value: 55}\n";
  // As of 2025-12-31: the 2024 target passed; 55 reaches 40, so achieved. The next target is 2030.
  auto p = progress(yaml, {2025, 12, 31});
  REQUIRE(p.passed.size() == 1);
  CHECK(p.passed[0].year == 2024);
  CHECK(p.passed[0].achieved);
  CHECK(p.upcoming->date.year == 2030);
  CHECK(p.status != ProgressStatus::achieved);
  // As of 2024-12-31 the 2025 value is not known yet: 30 against 40, missed at that date.
  auto then = progress(yaml, {2024, 12, 31});
  CHECK(then.latest->value == 30);
  CHECK_FALSE(then.passed[0].achieved);
  // Every target passed (as of 2031), the last one reached or not decides.
  CHECK(progress(yaml, {2031, 1, 1}).status == ProgressStatus::missed);
  CHECK(progress("baseline: {date: 2020, value: 0}\ntargets: {2024: 40}\nmeasurements:\n  - {date: "
                 "2024-06, value: 45}\n",
                 {2025, 1, 1})
            .status == ProgressStatus::achieved);
}

TEST_CASE("progress: old data keeps its status and is marked stale") {
  // 12 months (the default) after 2023-03-31 is 2024-03-31, before the as-of date.
  auto p = progress(
      "baseline: {date: 2020, value: 0}\ntargets: {2030: 100}\nmeasurements:\n  - {date: 2023-03, "
      "value: 40}\n",
      {2026, 6, 30});
  CHECK(p.stale);
  CHECK(p.status == ProgressStatus::on_track);
  CHECK_FALSE(progress("baseline: {date: 2020, value: 0}\ntargets: {2030: 100}\nmeasurements:\n  - "
                       "{date: 2026-03, value: 60}\n",
                       {2026, 6, 30})
                  .stale);
}

TEST_CASE("milestones: achieved only when known on the as-of date") {
  const Indicator m = indicator("type: milestone\ndue: 2025-06\nachieved: 2026-09-30\n");
  CHECK(milestone_status(m, {2026, 12, 31}) == MilestoneStatus::achieved);
  CHECK(milestone_status(m, {2025, 12, 31}) == MilestoneStatus::overdue);
  CHECK(milestone_status(m, {2025, 1, 1}) == MilestoneStatus::due);
}

TEST_CASE("progress: from one target to the next (2030 → 2050)") {
  // 2030-12-31 → 2050-12-31 is 7305 days, → 2040-12-31 is 3653 days.
  // expected = 100 + 200 × 3653/7305 = 200.0137; ratio = 150 / 200.0137 = 0.74995 → at risk.
  auto p = progress(
      "baseline: {date: 2020, value: 0}\ntargets: {2030: 100, 2050: 300}\n"
      "measurements:\n  - {date: 2040, value: 150}\n",
      {2045, 1, 1});
  CHECK(*p.expected == doctest::Approx(100 + 200.0 * 3653 / 7305));
  CHECK(*p.ratio == doctest::Approx(150 / (100 + 200.0 * 3653 / 7305)));
  CHECK(p.next_target->value == 300);
  CHECK(p.status == ProgressStatus::at_risk);
}

TEST_CASE("progress: no data, no target") {
  CHECK(progress("targets: {2030: 1}\n").status == ProgressStatus::no_data);
  auto p = progress("measurements:\n  - {date: 2025, value: 5}\n");
  CHECK(p.status == ProgressStatus::not_assessable);
  CHECK(p.reason == "no numeric target");
}

TEST_CASE("similarity words are normalised") {
  CHECK(similarity_words("Gestión de SUELOS en Perú, for the farms' soils!") ==
        V{"farm", "gestion", "peru", "soil", "suelo"});
  CHECK(similarity_words("Policies of authorities in countries for migratory species") ==
        V{"authority", "country", "migratory", "policy", "species"});
}

namespace {

// Regions africa and asia; O3 must cover asia only.
const std::map<std::string, std::string> k_gap_plan = {
    {"plan.yaml",
     "format: 1\ntitle: Gaps\ncurrency: EUR\nregions:\n  - {id: africa, name: Africa}\n"
     "  - {id: asia, name: Asia}\nanalysis: {stale_after_months: 12}\n"},
    {"objectives/O1.yaml", "id: O1\ntitle: One\n"},
    {"objectives/O2.yaml", "id: O2\ntitle: Two\n"},
    {"objectives/O3.yaml", "id: O3\ntitle: Three\nregions: [asia]\n"},
    {"taskforces/TF1.yaml",
     "id: TF1\nname: First\nobjectives: [O1]\nleaders: [Ana]\n"
     "representatives:\n  - {name: Kofi, region: africa}\n"},
    {"taskforces/TF2.yaml", "id: TF2\nname: Second\nobjectives: [O2]\n"},
    {"activities/a1.yaml",
     "id: a1\ntitle: Compost pilots\nobjectives: [O1]\nstage: agreement\nregions: [africa]\n"
     "budget: {estimate: [100, 200], secured: 50}\nend: 2025-12\nupdated: 2025-01\n"},
    {"activities/a2.yaml",
     "id: a2\ntitle: Soil carbon mapping for smallholder farms in Kenya\nobjectives: [O1, O2]\n"
     "stage: idea\nregions: [africa]\nbudget: {estimate: 300}\n"},
    {"activities/a3.yaml",
     "id: a3\ntitle: Mapping soil carbon on smallholder farms in Kenya\nobjectives: [O2]\n"
     "stage: concept\nregions: [africa]\n"},
    {"activities/a4.yaml",
     "id: a4\ntitle: Cancelled work\nobjectives: [O3]\nstatus: cancelled\nregions: [asia]\n"},
    {"activities/a5.yaml",
     "id: a5\ntitle: Finished survey\nobjectives: [O1]\nstage: completed\nregions: [asia]\n"
     "budget: {estimate: tbd}\nend: 2020\nupdated: 2020\n"},
    {"indicators/I1.yaml", "id: I1\ntitle: No data\nobjective: O1\n"},
    {"indicators/I2.yaml",
     "id: I2\ntitle: Behind\nobjective: O2\nbaseline: {date: 2020, value: 0}\n"
     "targets: {2030: 100}\nmeasurements:\n  - {date: 2025, value: 20}\n"},
    {"indicators/I3.yaml",
     "id: I3\ntitle: Old\nobjective: O1\nmeasurements:\n  - {date: 2024, value: 1}\n"},
    {"indicators/M1.yaml",
     "id: M1\ntitle: Law adopted\ntype: milestone\nobjective: O2\ndue: 2026-06\n"},
};

std::vector<std::string> summary(const GapAnalysis& a) {
  std::vector<std::string> out;
  for (const Finding& f : a.findings) {
    std::string subject;
    for (const std::string& s : f.subject) subject += " " + s;
    out.push_back(std::string(severity_name(f.severity)) + " " + f.code + subject);
  }
  return out;
}

}  // namespace

TEST_CASE("every rule on a hand-made plan") {
  auto r = test::load(k_gap_plan);
  REQUIRE(r.lines() == V{});
  const GapAnalysis a = analyse_gaps(r.plan, Date{2026, 11, 21});
  CHECK(summary(a) == V{
                          "high objective-without-activities O3",  // a4 is cancelled
                          "high indicator-off-track I2",           // ratio 0.4 < 0.6
                          "high milestone-overdue M1",             // due 2026-06, not achieved
                          "medium objective-unfunded O2",          // a2 idea, a3 concept
                          "medium objective-without-task-force O3",
                          "medium objective-without-indicators O3",
                          "medium task-force-without-leader TF2",
                          "medium indicator-no-data I1",
                          "medium activity-overdue a1",  // ended 2025-12, stage agreement
                          "medium funding-gap O1 EUR",
                          "medium funding-gap O2 EUR",
                          "low region-gap O2 asia",  // a5 (completed) covers O1 in asia
                          "low region-gap O3 asia",
                          "low task-force-missing-representative TF1 asia",
                          "low task-force-missing-representative TF2 africa asia",
                          "low indicator-stale I3",  // 2024-12-31 + 12 months < 2026-11-21
                          "low activity-stale a1",   // 2025-01-31 + 12 months < 2026-11-21
                          "low potential-overlap a2 a3",
                      });
}

TEST_CASE("the numbers of a hand-made plan") {
  auto r = test::load(k_gap_plan);
  const GapAnalysis a = analyse_gaps(r.plan, Date{2026, 11, 21});
  auto find = [&](const std::string& code, const std::string& first) -> const Finding& {
    for (const Finding& f : a.findings)
      if (f.code == code && f.subject[0] == first) return f;
    FAIL("no finding " << code << " " << first);
    throw 0;
  };
  const Finding& behind = find("indicator-off-track", "I2");
  CHECK(*behind.expected == doctest::Approx(50));  // half way from 0 to 100
  CHECK(*behind.actual == 20);
  CHECK(*behind.ratio == doctest::Approx(0.4));
  CHECK(behind.message ==
        "indicator I2 (Behind) is behind: 20 in 2025 against 50 expected on the way to 100 by 2030 "
        "(40% of the expected progress)");

  // O1 in EUR: a1 [100, 200] + a2 300 → 400–500; a5 tbd is unknown, not zero; secured 50.
  const Finding& o1 = find("funding-gap", "O1");
  CHECK(*o1.estimate_low == 400);
  CHECK(*o1.estimate_high == 500);
  CHECK(*o1.secured == 50);
  CHECK(*o1.gap_low == 350);
  CHECK(*o1.gap_high == 450);
  CHECK(*o1.unknown_estimates == 1);
  CHECK(o1.message ==
        "objective O1 ('One'): EUR 400–500 estimated, 50 secured: a gap of EUR 350–450, summed "
        "activity by "
        "activity; 1 more activity with "
        "no estimate yet (unknown, not zero)");
  // O2: a2 300 (also counted for O1) + a3 without budget.
  const Finding& o2 = find("funding-gap", "O2");
  CHECK(*o2.estimate_low == 300);
  CHECK(*o2.gap_high == 300);
  CHECK(*o2.unknown_estimates == 1);

  const Finding& overlap = find("potential-overlap", "a2");
  CHECK(*overlap.score == 1.0);  // same six words: carbon farm kenya mapping smallholder soil
  CHECK(overlap.shared_words == V{"carbon", "farm", "kenya", "mapping", "smallholder", "soil"});
  CHECK(overlap.objectives == V{"O2"});
  CHECK(*overlap.region == "africa");

  const FundingLine& line = a.funding[0];
  CHECK(line.objective == "O1");
  CHECK(line.activities == 3);
  CHECK(line.shared == 1);  // a2 serves O1 and O2
}

TEST_CASE("coverage matrix counts active activities per objective and region") {
  auto r = test::load(k_gap_plan);
  const GapAnalysis a = analyse_gaps(r.plan, Date{2026, 11, 21});
  CHECK(a.coverage.regions == V{"africa", "asia", "global"});
  REQUIRE(a.coverage.rows.size() == 3);
  CHECK(a.coverage.rows[0].counts == std::vector<int>{2, 1, 0});  // O1: a1 a2 | a5
  CHECK(a.coverage.rows[0].total == 3);
  CHECK(a.coverage.rows[1].counts == std::vector<int>{2, 0, 0});  // O2: a2 a3
  CHECK(a.coverage.rows[2].counts == std::vector<int>{0, 0, 0});  // O3: a4 cancelled
  CHECK(a.coverage.rows[2].required == std::vector<bool>{false, true, false});
}

TEST_CASE("filtering by objective keeps its findings, funding and coverage") {
  auto r = test::load(k_gap_plan);
  GapAnalysis a = analyse_gaps(r.plan, Date{2026, 11, 21});
  keep_objectives(a, {"O3"});
  CHECK(summary(a) == V{"high objective-without-activities O3",
                        "medium objective-without-task-force O3",
                        "medium objective-without-indicators O3", "low region-gap O3 asia"});
  CHECK(a.coverage.rows.size() == 1);
  CHECK(a.funding.empty());
}

TEST_CASE("overlaps match a brute force at every threshold, for short and long word sets") {
  // Titles of 1 to 14 words from 30, descriptions sometimes: the prefix and positional
  // filters must neither miss a pair nor add one, whatever the threshold.
  std::map<std::string, std::string> files = {{"plan.yaml", "format: 1\ntitle: T\n"},
                                              {"objectives/O1.yaml", "id: O1\ntitle: t\n"}};
  unsigned seed = 11;
  auto next = [&](unsigned n) { return seed = seed * 1103515245u + 12345u, (seed >> 16) % n; };
  for (int i = 0; i < 250; ++i) {
    std::string title, description;
    for (unsigned w = 0, n = 1 + next(14); w < n; ++w)
      title += "word" + std::to_string(next(30)) + " ";
    for (unsigned w = 0, n = next(3) == 0 ? next(8) : 0; w < n; ++w)
      description += "word" + std::to_string(next(30)) + " ";
    files["activities/a" + std::to_string(i) + ".yaml"] =
        "id: a" + std::to_string(i) + "\ntitle: " + title +
        (description.empty() ? "" : "\ndescription: " + description) + "\nobjectives: [O1]\n";
  }
  auto r = test::load(files);
  auto words_of = [](const Activity& a) {
    return similarity_words(a.title->value + (a.description ? "\n" + a.description->value : ""));
  };
  for (double threshold : {0.2, 0.35, 0.5, 0.6, 0.75, 0.9, 1.0}) {
    CAPTURE(threshold);
    std::set<std::pair<std::string, std::string>> expected, actual;
    for (const Activity& a : r.plan.activities)
      for (const Activity& b : r.plan.activities) {
        if (!natural_less(a.id.value, b.id.value)) continue;
        const V wa = words_of(a), wb = words_of(b);
        V shared;
        std::set_intersection(wa.begin(), wa.end(), wb.begin(), wb.end(),
                              std::back_inserter(shared));
        const double j = static_cast<double>(shared.size()) /
                         static_cast<double>(wa.size() + wb.size() - shared.size());
        if (j + 1e-12 >= threshold) expected.insert({a.id.value, b.id.value});
      }
    for (const Overlap& o : find_overlaps(r.plan, threshold, SIZE_MAX))
      actual.insert({o.a->id.value, o.b->id.value});
    CHECK(!expected.empty());
    CHECK(actual == expected);
  }
}

TEST_CASE("overlaps are found by index, not by comparing all pairs, and match a brute force") {
  // 300 activities over 3 objectives with random-ish titles from a small vocabulary:
  // the prefix-filtered search must find exactly the pairs a brute-force search finds.
  std::map<std::string, std::string> files = {{"plan.yaml", "format: 1\ntitle: T\n"},
                                              {"objectives/O1.yaml", "id: O1\ntitle: t\n"},
                                              {"objectives/O2.yaml", "id: O2\ntitle: t\n"}};
  const V words = {"soil",    "carbon", "farm",  "kenya",  "mapping",  "compost",
                   "grazing", "policy", "water", "forest", "training", "market"};
  unsigned seed = 7;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) % 12; };
  for (int i = 0; i < 300; ++i) {
    std::string title;
    for (int w = 0; w < 4; ++w) title += words[next()] + " ";
    files["activities/a" + std::to_string(i) + ".yaml"] =
        "id: a" + std::to_string(i) + "\ntitle: " + title + "\nobjectives: [O" +
        std::to_string(i % 2 + 1) + "]\nregions: [" + (i % 3 ? "x" : "y") + "]\n";
  }
  auto r = test::load(files);
  const double threshold = 0.5;
  const std::vector<Overlap> found = find_overlaps(r.plan, threshold, SIZE_MAX);
  std::set<std::pair<std::string, std::string>> expected;
  for (const Activity& a : r.plan.activities)
    for (const Activity& b : r.plan.activities) {
      if (!natural_less(a.id.value, b.id.value)) continue;
      if (a.objectives[0].value != b.objectives[0].value ||
          a.regions[0].value != b.regions[0].value)
        continue;
      const V wa = similarity_words(a.title->value), wb = similarity_words(b.title->value);
      V shared;
      std::set_intersection(wa.begin(), wa.end(), wb.begin(), wb.end(), std::back_inserter(shared));
      const double j = static_cast<double>(shared.size()) /
                       static_cast<double>(wa.size() + wb.size() - shared.size());
      if (j >= threshold) expected.insert({a.id.value, b.id.value});
    }
  std::set<std::pair<std::string, std::string>> actual;
  for (const Overlap& o : found) actual.insert({o.a->id.value, o.b->id.value});
  CHECK(expected.size() > 20);
  CHECK(actual == expected);

  // The cap keeps a pair only when it is among the 3 closest of one of its two activities.
  const std::vector<Overlap> capped = find_overlaps(r.plan, threshold);
  CHECK(capped.size() < found.size());
  CHECK(capped.size() <= 3 * r.plan.activities.size());
  std::map<std::string, std::vector<double>> scores;  // every activity's scores, best first
  for (const Overlap& o : found) {
    scores[o.a->id.value].push_back(o.score);
    scores[o.b->id.value].push_back(o.score);
  }
  for (auto& [id, list] : scores) std::sort(list.rbegin(), list.rend());
  auto third_best = [&](const std::string& id) {
    const auto& list = scores[id];
    return list.size() < 3 ? 0.0 : list[2];
  };
  for (const Overlap& o : capped)
    CHECK((o.score >= third_best(o.a->id.value) || o.score >= third_best(o.b->id.value)));

  // The same pairs, scores and words with one worker or many.
  auto text = [](const std::vector<Overlap>& overlaps) {
    std::string out;
    for (const Overlap& o : overlaps)
      out += o.a->id.value + " " + o.b->id.value + " " + std::to_string(o.score) + " " +
             o.objective + " " + o.region + " " + std::to_string(o.shared_words.size()) + "\n";
    return out;
  };
  CHECK(text(find_overlaps(r.plan, threshold, 3, 1)) ==
        text(find_overlaps(r.plan, threshold, 3, 7)));
  CHECK(text(find_overlaps(r.plan, threshold, 3, 1)) == text(capped));
}

TEST_CASE("an objective listed twice does not make an activity overlap itself") {
  auto r = test::load(
      {{"activities/a1.yaml",
        "id: a1\ntitle: Compost training for farmers\nobjectives: [O1, O1]\n"},
       {"activities/a2.yaml", "id: a2\ntitle: Compost training for farmers\nobjectives: [O1]\n"}});
  const std::vector<Overlap> found = find_overlaps(r.plan, 0.5);
  REQUIRE(found.size() == 1);
  CHECK(found[0].a->id.value == "a1");
  CHECK(found[0].b->id.value == "a2");
}

TEST_CASE("copies of one text are one group, and the pairs stay the same without grouping") {
  std::map<std::string, std::string> files;
  for (int i = 1; i <= 6; ++i)
    files[fmt::format("activities/c{}.yaml", i)] =
        fmt::format("id: c{}\ntitle: Compost training for farmers\nobjectives: [O1]\n", i);
  files["activities/d1.yaml"] =
      "id: d1\ntitle: Compost training for farmers and herders\nobjectives: [O1]\n";
  files["activities/e1.yaml"] =
      "id: e1\ntitle: Compost training for farmers\nobjectives: [O2]\n";  // another objective
  auto r = test::load(files);
  std::vector<Copies> copies;
  const std::vector<Overlap> pairs = find_overlaps(r.plan, 0.5, 3, 0, &copies);
  REQUIRE(copies.size() == 1);
  V members;
  for (const Activity* a : copies[0].members) members.push_back(a->id.value);
  CHECK(members == V{"c1", "c2", "c3", "c4", "c5", "c6"});
  CHECK(copies[0].objective == "O1");
  // The near copy is paired with the group's first member only, not with each copy.
  V found;
  for (const Overlap& o : pairs) found.push_back(o.a->id.value + " " + o.b->id.value);
  CHECK(found == V{"c1 d1"});
  // Without grouping, each keeps its three closest partners as before.
  const std::vector<Overlap> ungrouped = find_overlaps(r.plan, 0.5);
  CHECK(ungrouped.size() > 6);
  CHECK(std::none_of(ungrouped.begin(), ungrouped.end(),
                     [](const Overlap& o) { return o.b->id.value == "e1"; }));
}

TEST_CASE("money and quantities read like people write them") {
  CHECK(format_money(1250000) == "1,250,000");
  CHECK(format_money(999) == "999");
  CHECK(format_money(1000) == "1,000");
  CHECK(format_money(12500.5) == "12,500.50");
  CHECK(format_money(0) == "0");
}

TEST_CASE("a geographic task force needs representatives for its own regions only") {
  auto files = k_gap_plan;
  // TF2 works on O2 (all regions) but only in Asia: one missing region, not two.
  files["taskforces/TF2.yaml"] = "id: TF2\nname: Second\nobjectives: [O2]\nregions: [asia]\n";
  files["taskforces/TF1.yaml"] =
      "id: TF1\nname: First\nobjectives: [O1]\nregions: [africa]\nleaders: [Ana]\n"
      "representatives:\n  - {name: Kofi, region: africa}\n";
  auto r = test::load(files);
  REQUIRE(r.lines() == V{});
  const GapAnalysis a = analyse_gaps(r.plan, Date{2026, 11, 21});
  V missing;
  for (const std::string& line : summary(a))
    if (line.find("task-force-missing-representative") != std::string::npos)
      missing.push_back(line);
  CHECK(missing == V{"low task-force-missing-representative TF2 asia"});

  files["taskforces/TF2.yaml"] = "id: TF2\nname: Second\nobjectives: [O2]\nregions: [asai]\n";
  CHECK(test::load(files).lines() ==
        V{"taskforces/TF2.yaml:4:11: error: unknown region 'asai'; known regions: africa, asia, "
          "global; did you "
          "mean 'asia'? (regions are listed in plan.yaml) [unknown-reference]"});
}

TEST_CASE("a total whose estimates are all to be determined reads unknown, not 0") {
  // currency, estimate low/high, secured, gap low/high, unknown, none
  MoneyTotals only_tbd{"EUR", 0, 0, 0, 0, 0, 2, 0};
  CHECK(estimate_text(only_tbd) == "unknown");
  CHECK(gap_text(only_tbd) == "unknown");
  MoneyTotals some{"EUR", 1000, 2000, 500, 500, 1500, 1, 0};
  CHECK(estimate_text(some) == "1,000–2,000");
  CHECK(gap_text(some) == "500–1,500");
  MoneyTotals nothing_needed{"EUR", 0, 0, 0, 0, 0, 0, 3};
  CHECK(estimate_text(nothing_needed) == "0");
}

TEST_CASE("progress: the growth-rate method (Open SDG), against the linear one") {
  // Baseline 100 (2015), target 150 (2030), 112 measured in 2020.
  // Linear: expected 100 + 50 × 5/15 = 116.67; ratio 12 / 16.67 = 0.72 → at risk.
  // Growth-rate: CAGR observed 1.12^(1/5) − 1 = 0.022924, needed 1.5^(1/15) − 1 = 0.027399,
  // R = 0.8367 → at risk; the expected value is on the growth curve: 100 × 1.5^(5/15) = 114.47.
  // (Years are days / 365.2425 between the ends of the years: 5.0021 and 15.0010.)
  const std::string series =
      "baseline: {date: 2015, value: 100}\ntargets: {2030: 150}\n"
      "measurements:\n  - {date: 2020, value: 112}\n";
  const IndicatorProgress linear = progress(series, Date{2021, 6, 30});
  CHECK(linear.method == ProgressMethod::linear);
  CHECK(*linear.ratio == doctest::Approx(0.72).epsilon(0.001));
  CHECK(linear.status == ProgressStatus::at_risk);
  const IndicatorProgress growth =
      progress("progress_method: growth-rate\n" + series, Date{2021, 6, 30});
  CHECK(growth.method == ProgressMethod::growth_rate);
  CHECK(*growth.ratio == doctest::Approx(0.8367).epsilon(0.001));
  CHECK(*growth.expected == doctest::Approx(114.47).epsilon(0.001));
  CHECK(growth.status == ProgressStatus::at_risk);
  // The plan's method, and the method's own threshold: 0.95 unless on_track is written.
  AnalysisSettings plan;
  plan.progress_method = ProgressMethod::growth_rate;
  const Indicator fast = indicator(
      "baseline: {date: 2015, value: 100}\ntargets: {2030: 150}\n"
      "measurements:\n  - {date: 2020, value: 114}\n");  // R = 0.9677
  CHECK(indicator_progress(fast, plan, Date{2021, 6, 30}).status == ProgressStatus::on_track);
  plan.on_track = 0.97;
  plan.given["on_track"] = {};
  CHECK(indicator_progress(fast, plan, Date{2021, 6, 30}).status == ProgressStatus::at_risk);
}

TEST_CASE("progress: growth-rate edge cases: a target of 0, a decrease, a value below 0") {
  // A decrease to 0 (counted as 0.001): 100 → 50 in 5 of 15 years is
  // CAGR −0.1294 observed, (0.001/100)^(1/15) − 1 = −0.5358 needed: R = 0.2415 → off track.
  const IndicatorProgress to_zero = progress(
      "progress_method: growth-rate\ndirection: decrease\nbaseline: {date: 2015, value: 100}\n"
      "targets: {2030: 0}\nmeasurements:\n  - {date: 2020, value: 50}\n",
      Date{2021, 6, 30});
  CHECK(*to_zero.ratio == doctest::Approx(0.2415).epsilon(0.002));
  CHECK(to_zero.status == ProgressStatus::off_track);
  // Moving away from the target: R below 0, off track.
  const IndicatorProgress away = progress(
      "progress_method: growth-rate\nbaseline: {date: 2015, value: 100}\ntargets: {2030: 150}\n"
      "measurements:\n  - {date: 2020, value: 90}\n",
      Date{2021, 6, 30});
  CHECK(*away.ratio < 0);
  CHECK(away.status == ProgressStatus::off_track);
  const IndicatorProgress negative = progress(
      "progress_method: growth-rate\nbaseline: {date: 2015, value: -5}\ntargets: {2030: 10}\n"
      "measurements:\n  - {date: 2020, value: 1}\n",
      Date{2021, 6, 30});
  CHECK(negative.status == ProgressStatus::not_assessable);
  CHECK(negative.reason == "the growth-rate method needs values of 0 or more");
  // The target equal to the baseline: no growth needed, as with the linear method.
  const IndicatorProgress flat = progress(
      "progress_method: growth-rate\nbaseline: {date: 2015, value: 100}\ntargets: {2030: 100}\n"
      "measurements:\n  - {date: 2020, value: 90}\n",
      Date{2021, 6, 30});
  CHECK(flat.status == ProgressStatus::off_track);
  CHECK_FALSE(flat.ratio);
}

TEST_CASE("progress: a qualitative indicator is judged on the ranks of its levels") {
  // Scale: not started 0, planned 1, in progress 2, achieved 3. The line runs from
  // 0 at 2004-12-31 to 3 at 2007-12-31 (1095 days); 2006-12-31 is 730 days on:
  // expected 3 × 730/1095 = 2.
  AnalysisSettings settings;
  settings.scale = {"not started", "planned", "in progress", "achieved"};
  const std::string head =
      "type: qualitative\nbaseline: {date: 2004, level: not started}\ntargets: {2007: achieved}\n"
      "measurements:\n  - {date: 2005, level: planned}\n";
  // In progress at the end of 2006: ratio (2 − 0) / (2 − 0) = 1, on track.
  auto on = indicator_progress(indicator(head + "  - {date: 2006, level: in progress}\n"), settings,
                               Date{2007, 6, 30});
  CHECK(on.status == ProgressStatus::on_track);
  CHECK(*on.expected == doctest::Approx(2));
  CHECK(*on.ratio == doctest::Approx(1));
  CHECK(on.latest->value == 2);
  CHECK(level_at(settings.scale, on.latest->value) == "in progress");
  // Still planned at the end of 2006: ratio 1 / 2 = 0.5, below 0.6: off track.
  auto behind = indicator_progress(indicator(head + "  - {date: 2006, level: planned}\n"), settings,
                                   Date{2007, 6, 30});
  CHECK(behind.status == ProgressStatus::off_track);
  CHECK(*behind.ratio == doctest::Approx(0.5));
  // The target year has passed: achieved only when the latest level reached it.
  auto missed = indicator_progress(indicator(head + "  - {date: 2006, level: in progress}\n"),
                                   settings, Date{2008, 12, 31});
  CHECK(missed.status == ProgressStatus::missed);
  auto achieved = indicator_progress(indicator(head + "  - {date: 2007, level: achieved}\n"),
                                     settings, Date{2008, 12, 31});
  CHECK(achieved.status == ProgressStatus::achieved);
  // A level not on the scale (validate's unknown-level) is not a value: the one
  // before it is the latest.
  auto unknown = indicator_progress(indicator(head + "  - {date: 2006, level: done}\n"), settings,
                                    Date{2007, 6, 30});
  CHECK(unknown.latest->date == Date{2005, 0, 0});
  // Growth-rate does not apply to ranks: the method is linear whatever the plan says.
  settings.progress_method = ProgressMethod::growth_rate;
  CHECK(progress_method(indicator(head), settings) == ProgressMethod::linear);
  // The nearest level of a value between two: an expected 1.4 is "planned".
  CHECK(level_at(settings.scale, 1.4) == "planned");
  CHECK(level_at(settings.scale, 9) == "achieved");
  CHECK(indicator_value_text(indicator(head), 2, settings) == "in progress");
}

TEST_CASE("progress: a recurring target is checked year by year") {
  // "At least one meeting a year" from 2005 (after the 2004 baseline) to 2007: two
  // meetings in 2005 (added up: per-period), none in 2006, one in 2007.
  const std::string yaml =
      "every: year\naggregation: per-period\nbaseline: {date: 2004, value: 0}\n"
      "targets: {2007: 1}\nmeasurements:\n  - {date: 2005-03, value: 1}\n"
      "  - {date: 2005-10, value: 1}\n  - {date: 2007-02, value: 1}\n";
  // Mid-2006: 2005 met; 2006 has not ended and is not met yet, so it is not checked.
  auto early = progress(yaml, Date{2006, 6, 30});
  REQUIRE(early.years.size() == 1);
  CHECK(early.years[0].year == 2005);
  CHECK(*early.years[0].value == 2);
  CHECK(early.years[0].met);
  CHECK(early.status == ProgressStatus::on_track);
  // Mid-2007: 2006 ended with nothing recorded (missed); 2007 is met already: the
  // latest year is met but an earlier one was missed: at risk.
  auto mid = progress(yaml, Date{2007, 6, 30});
  REQUIRE(mid.years.size() == 3);
  CHECK_FALSE(mid.years[1].value);
  CHECK_FALSE(mid.years[1].met);
  CHECK(mid.years[2].met);
  CHECK(mid.status == ProgressStatus::at_risk);
  CHECK(mid.next_target->date.year == 2007);
  // After 2007: every year checked, one missed: the target is missed.
  CHECK(progress(yaml, Date{2008, 12, 31}).status == ProgressStatus::missed);
  // Without the 2006 gap, every year met: achieved.
  auto full = progress(
      "every: year\naggregation: per-period\nbaseline: {date: 2004, value: 0}\n"
      "targets: {2007: 1}\nmeasurements:\n  - {date: 2005, value: 1}\n  - {date: 2006, value: 3}\n"
      "  - {date: 2007, value: 1}\n",
      Date{2008, 12, 31});
  CHECK(full.status == ProgressStatus::achieved);
  // The latest year ended without meeting its target: off track.
  auto off = progress(
      "every: year\nbaseline: {date: 2004, value: 0}\ntargets: {2006: 50, 2009: 80}\n"
      "measurements:\n  - {date: 2005, value: 60}\n  - {date: 2006, value: 40}\n",
      Date{2007, 3, 31});
  REQUIRE(off.years.size() == 2);
  CHECK(off.years[0].target == 50);  // 2005 and 2006 against the 2006 target
  CHECK(off.years[1].target == 50);
  CHECK(off.status == ProgressStatus::off_track);
  CHECK(off.upcoming->value == 80);  // 2007 to 2009 against the 2009 target
  // A level (not per-period) reads the year's last value.
  auto level = progress(
      "every: year\ntargets: {2006: 10}\nmeasurements:\n  - {date: 2006-01, value: 12}\n"
      "  - {date: 2006-11, value: 8}\n",
      Date{2007, 1, 1});
  CHECK(*level.years.back().value == 8);
  CHECK(level.status == ProgressStatus::missed);
  // Before any year to check: no data.
  CHECK(progress("every: year\ntargets: {2030: 1}\n").status == ProgressStatus::no_data);
}

TEST_CASE("progress: each part of a split indicator against its share of the targets") {
  // 10 million in 2022, 4 of them in Africa (a share of 0.4: its 2030 target is
  // 0.4 × 50 = 20) and 4 in Asia (also 20). Each part's line runs from its first
  // value at 2022-12-31 to 20 at 2030-12-31 (2922 days); 2025-12-31 is 1096 days
  // on: expected 4 + 16 × 1096/2922 = 10.0014. Africa at 5: (5 − 4)/6.0014 = 0.167,
  // off track; Asia at 13: 9/6.0014 = 1.5, on track.
  const Indicator i = indicator(
      "unit: million people\naggregation: cumulative\nbaseline: {date: 2020, value: 0}\n"
      "targets: {2030: 50}\nmeasurements:\n"
      "  - {date: 2022, value: 10, by: {region: {africa: 4, asia: 4, europe: 2}, "
      "sex: {female: 4, male: 6}}}\n"
      "  - {date: 2025, value: 26, by: {region: {africa: 5, asia: 13, europe: 8}}}\n");
  const std::vector<PartProgress> parts = part_progress(i, {}, Date{2025, 12, 31});
  REQUIRE(parts.size() == 5);
  // Each dimension's parts together, in the order they first appear.
  CHECK(parts[0].part == "africa");
  CHECK(parts[2].part == "europe");
  CHECK(parts[3].dimension == "sex");
  const IndicatorProgress& africa = parts[0].progress;
  CHECK(africa.next_target->value == doctest::Approx(20));
  CHECK(*africa.expected == doctest::Approx(10.0014).epsilon(1e-4));
  CHECK(*africa.ratio == doctest::Approx(1 / 6.0014).epsilon(1e-3));
  CHECK(africa.status == ProgressStatus::off_track);
  CHECK(parts[1].progress.status == ProgressStatus::on_track);
  // One value only (2022): no trend yet.
  CHECK(parts[3].progress.status == ProgressStatus::not_assessable);
  // As of 2023, the 2025 parts are not known yet.
  CHECK(part_progress(i, {}, Date{2023, 12, 31})[0].progress.latest->value == 4);
  // A part's own targets replace its share: Africa 8 by 2030, a line from 4 to 8:
  // expected 4 + 4 × 1096/2922 = 5.5; (5 − 4)/1.5 = 0.67, at risk.
  Indicator own = i;
  own.targets_by.push_back({{"region", {}}, {"africa", {}}, {{{2030, {}}, 8.0, "8", true, {}}}});
  const PartProgress africa_own = part_progress(own, {}, Date{2025, 12, 31})[0];
  CHECK(africa_own.progress.next_target->value == 8);
  CHECK(*africa_own.progress.ratio == doctest::Approx(0.6667).epsilon(1e-3));
  CHECK(africa_own.progress.status == ProgressStatus::at_risk);
  // A share (unit %) does not add up: each part has the indicator's own targets.
  const Indicator share = indicator(
      "unit: \"%\"\ntargets: {2030: 80}\nmeasurements:\n"
      "  - {date: 2022, value: 40, by: {region: {africa: 20}}}\n");
  CHECK(part_progress(share, {}, Date{2023, 1, 1})[0].progress.upcoming->value == 80);
}

TEST_CASE("a recurring target's missed years: the latest five named, earlier ones counted") {
  // Nothing recorded from 2001 to 2010, each year against 1.
  const Indicator i =
      indicator("every: year\nbaseline: {date: 2000, value: 0}\ntargets: {2030: 1}\n");
  const IndicatorProgress p = indicator_progress(i, {}, Date{2011, 6, 30});
  REQUIRE(p.years.size() == 10);
  CHECK(missed_years_text(i, p, {}) ==
        "2006 (nothing recorded against 1), 2007 (nothing recorded against 1), 2008 (nothing "
        "recorded against 1), 2009 (nothing recorded against 1), 2010 (nothing recorded against "
        "1) and 5 earlier years");
  const IndicatorProgress two = indicator_progress(i, {}, Date{2002, 12, 31});
  CHECK(missed_years_text(i, two, {}) ==
        "2001 (nothing recorded against 1) and 2002 (nothing recorded against 1)");
}
