// Fuzz target (a): one record file through the whole loader and validation.
// The input is placed in the base plan as a record of each of the four kinds
// (named after its `id:` line, as a real file would be), then as plan.yaml;
// each plan is loaded (byte checks, YAML, decoding) and checked as `validate`
// does. Checks: nothing throws or crashes; the diagnostics are well formed
// (check_diagnostics); every record decoded from the input emits YAML that
// reads back to the same values (for task forces and indicators: the values
// their emitters write, i.e. what add-task-force and add-indicator can set).
#include "check/check.hpp"
#include "fuzz_common.hpp"

using namespace actionplan;

namespace {

// The emitters of task forces and indicators write what add-task-force and
// add-indicator can set (see prepare_record), not every key a file may hold:
// the round trip is checked on that part.
TaskForce as_add_task_force_writes(TaskForce t) {
  t.representatives.clear();
  t.milestones.clear();
  for (std::vector<Person>* list : {&t.leaders, &t.members})
    for (Person& p : *list) p = Person{p.name, {}, {}, {}, {}, {}, p.pos};
  return t;
}

Indicator as_add_indicator_writes(Indicator i) {
  i.measurements.clear();
  if (i.baseline && !i.baseline->value) i.baseline.reset();
  return i;
}

// Loads `changes` into the base plan and checks it; round-trips the records
// read from the files named `input_name` (in any kind's folder).
void load_and_validate(const std::vector<PlanFileContent>& changes, const std::string& input_name) {
  const LoadResult loaded = fuzz::load_over_base(changes);
  Diagnostics diags = loaded.diags;
  diags.append(check_plan(loaded.plan, fuzz::as_of()));
  diags.sort();
  fuzz::check_diagnostics(diags, fuzz::over_base(changes));
  if (input_name.empty()) return;
  auto from_input = [&](const auto& record) {
    return record.source.path.ends_with("/" + input_name);
  };
  for (const Objective& r : loaded.plan.objectives)
    if (from_input(r)) fuzz::check_round_trip(r, "the record as an objective");
  for (const TaskForce& r : loaded.plan.task_forces)
    if (from_input(r))
      fuzz::check_round_trip(as_add_task_force_writes(r), "the record as a task force");
  for (const Activity& r : loaded.plan.activities)
    if (from_input(r)) fuzz::check_round_trip(r, "the record as an activity");
  for (const Indicator& r : loaded.plan.indicators)
    if (from_input(r))
      fuzz::check_round_trip(as_add_indicator_writes(r), "the record as an indicator");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::as_text(data, size);
  const std::string id = fuzz::record_id_guess(text);

  std::vector<PlanFileContent> as_records;
  for (RecordKind kind : record_kinds())
    as_records.push_back({std::string(kind_info(kind).folder) + "/" + id + ".yaml", text, ""});
  load_and_validate(as_records, id + ".yaml");
  load_and_validate({{"plan.yaml", text, ""}}, "");
  return 0;
}
