// Roll-up: an objective's status from its indicators, a goal's from its
// objectives (analysis/rollup.hpp), and the plan's words for statuses.
#include <doctest/doctest.h>

#include "analysis/report.hpp"
#include "analysis/rollup.hpp"
#include "helpers.hpp"

using namespace actionplan;

namespace {

StatusCounts counts(std::initializer_list<ProgressStatus> statuses,
                    std::initializer_list<MilestoneStatus> milestones = {}) {
  StatusCounts c;
  for (ProgressStatus s : statuses) c.add(s);
  for (MilestoneStatus s : milestones) c.add(s);
  return c;
}

// A numeric indicator of objective O: baseline 0 in 2020, target 100 in 2030,
// `value` measured in 2025 (50 expected then: 45 and up is on track at 0.9,
// 30 and up at risk at 0.6).
std::string numeric(const std::string& id, const std::string& objective, int value) {
  return "id: " + id + "\ntitle: " + id + "\nobjective: " + objective +
         "\nbaseline: {date: 2020, value: 0}\ntargets: {2030: 100}\nmeasurements:\n"
         "  - {date: 2025, value: " +
         std::to_string(value) + "}\n";
}

}  // namespace

TEST_CASE("roll-up: the rule, with hand-worked counts") {
  using P = ProgressStatus;
  using M = MilestoneStatus;
  // Nothing judged: no data, whether nothing is counted or only unknowns.
  CHECK(rollup(counts({})) == RollupStatus::no_data);
  CHECK(rollup(counts({P::no_data, P::not_assessable})) == RollupStatus::no_data);
  // All good, not all achieved: on track; unknowns do not pull it down.
  CHECK(rollup(counts({P::on_track, P::achieved})) == RollupStatus::on_track);
  CHECK(rollup(counts({P::on_track, P::no_data})) == RollupStatus::on_track);
  // Every status an achievement: achieved; one still open or unknown: on track.
  CHECK(rollup(counts({P::achieved}, {M::achieved})) == RollupStatus::achieved);
  CHECK(rollup(counts({P::achieved}, {M::due})) == RollupStatus::on_track);
  CHECK(rollup(counts({P::achieved, P::no_data})) == RollupStatus::on_track);
  // A milestone due later is judged, as on track.
  CHECK(rollup(counts({}, {M::due})) == RollupStatus::on_track);
  // Any at risk or bad: at risk ...
  CHECK(rollup(counts({P::on_track, P::at_risk})) == RollupStatus::at_risk);
  CHECK(rollup(counts({P::on_track, P::on_track, P::off_track})) == RollupStatus::at_risk);
  // ... exactly half bad is not more than half: at risk.
  CHECK(rollup(counts({P::on_track, P::missed})) == RollupStatus::at_risk);
  // More than half bad: off track (missed and overdue count as bad).
  CHECK(rollup(counts({P::off_track, P::missed, P::on_track})) == RollupStatus::off_track);
  CHECK(rollup(counts({P::at_risk}, {M::overdue, M::overdue})) == RollupStatus::off_track);
  // Unknowns are not in the denominator: 1 bad of 1 judged.
  CHECK(rollup(counts({P::off_track, P::no_data, P::no_data})) == RollupStatus::off_track);
}

TEST_CASE("roll-up: an objective's status counts in its goal as an indicator's would") {
  StatusCounts goal;
  goal.add(RollupStatus::achieved);
  goal.add(RollupStatus::on_track);
  goal.add(RollupStatus::no_data);
  CHECK(goal.good == 2);
  CHECK(goal.achieved == 1);
  CHECK(goal.unknown == 1);
  CHECK(rollup(goal) == RollupStatus::on_track);
  goal.add(RollupStatus::off_track);
  goal.add(RollupStatus::off_track);
  CHECK(rollup(goal) == RollupStatus::at_risk);  // 2 bad of 4 judged
  goal.add(RollupStatus::off_track);
  CHECK(rollup(goal) == RollupStatus::off_track);  // 3 of 5
}

TEST_CASE("roll-up: objectives and goals in the report and objective_rollups agree") {
  // O1: 60 (on track), 40 (at risk), 10 (off track) -> at risk.
  // O2: 10, 20 (off track both) -> off track. O3: nothing -> no data.
  // G1 (O1, O2, O3): 1 at risk, 1 off track of 2 judged -> at risk.
  auto r = test::load({
      {"plan.yaml", "format: 1\ntitle: T\ngoals:\n  - {id: G1, title: Goal}\n"},
      {"objectives/O1.yaml", "id: O1\ntitle: One\ngoal: G1\n"},
      {"objectives/O2.yaml", "id: O2\ntitle: Two\ngoal: G1\n"},
      {"objectives/O3.yaml", "id: O3\ntitle: Three\ngoal: G1\n"},
      {"indicators/a.yaml", numeric("a", "O1", 60)},
      {"indicators/b.yaml", numeric("b", "O1", 40)},
      {"indicators/c.yaml", numeric("c", "O1", 10)},
      {"indicators/d.yaml", numeric("d", "O2", 10)},
      {"indicators/e.yaml", numeric("e", "O2", 20)},
  });
  REQUIRE(r.lines() == std::vector<std::string>{});
  ReportRequest request;
  request.as_of = Date{2026, 12, 31};
  const ReportData d = build_report(r.plan, request);
  REQUIRE(d.objectives.size() == 3);
  CHECK(d.objectives[0].rollup == RollupStatus::at_risk);
  CHECK(d.objectives[1].rollup == RollupStatus::off_track);
  CHECK(d.objectives[2].rollup == RollupStatus::no_data);
  REQUIRE(d.goals.size() == 1);
  CHECK(d.goals[0].objective_status.warning == 1);
  CHECK(d.goals[0].objective_status.bad == 1);
  CHECK(d.goals[0].objective_status.unknown == 1);
  CHECK(d.goals[0].rollup == RollupStatus::at_risk);
  CHECK(d.objective_status.total() == 3);

  const std::vector<ObjectiveRollup> rollups = objective_rollups(r.plan, request.as_of);
  REQUIRE(rollups.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) CHECK(rollups[k].status == d.objectives[k].rollup);
  CHECK(rollups[0].counts.good == 1);
  CHECK(rollups[0].counts.warning == 1);
  CHECK(rollups[0].counts.bad == 1);
}

TEST_CASE("status words: the plan's terms, else the defaults") {
  auto r = test::load({
      {"plan.yaml",
       "format: 1\ntitle: T\nterms:\n  on_track: on course\n  achieved: done\n"
       "  overdue: late\n"},
  });
  REQUIRE(r.lines() == std::vector<std::string>{});
  const StatusWords words(r.plan);
  CHECK(words(ProgressStatus::on_track) == "on course");
  CHECK(words(RollupStatus::on_track) == "on course");
  CHECK(words(ProgressStatus::achieved) == "done");
  CHECK(words(RollupStatus::achieved) == "done");
  CHECK(words(MilestoneStatus::overdue) == "late");
  CHECK(words(ProgressStatus::off_track) == "off track");
  CHECK(words(ProgressStatus::missed) == "target missed");
  CHECK(words(MilestoneStatus::achieved) == "achieved");
  CHECK(words(RollupStatus::no_data) == "no data");
}
