#pragma once
// Shared by the fuzz targets: the small fixed plan they start from, turning an
// input into plan files, and the invariants they check. A failed check prints
// what broke on stderr and aborts, so libFuzzer (or the replay driver) stops
// on that input. Nothing here catches exceptions: the library promises not to
// throw for any file content, so an exception is a finding too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/plan_loader.hpp"
#include "model/diagnostic.hpp"
#include "model/records.hpp"

namespace actionplan::fuzz {

// Prints "fuzz check failed: WHAT" and DETAIL (shortened) on stderr, then aborts.
[[noreturn]] void fail(std::string_view what, std::string_view detail = {});
inline void require(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// The date every target analyses at (the base plan's records are dated 2026).
const Date& as_of();

// A small valid plan (the copy of tests/fixtures/minimal the seeds were made
// against): plan.yaml, objectives O1 and O2, task force TF1, activity
// soil-mapping, indicator I1.
const std::vector<PlanFileContent>& base_plan_files();

// Adds the file, or replaces the one with the same path.
void put_file(std::vector<PlanFileContent>& files, const std::string& path, std::string content);

// The value of the first top-level `id:` line when it is a plausible file
// name (letters, digits, '.', '_', '-'), else "fuzz": records then get their
// own file name, as in a real plan.
std::string record_id_guess(std::string_view text);

// A plan from an input of the plan target: lines "==> PATH" start a file
// (PATH relative to the plan root); text before the first such line is an
// activity record (activities/<its id>.yaml). With a plan.yaml among them the
// input is the whole plan; without, its files go into the base plan (added,
// or replacing the base's file of the same path).
struct InputPlan {
  std::vector<PlanFileContent> files;  // the input's own files
  bool whole = false;                  // it has plan.yaml: no base plan
};
InputPlan plan_from_input(std::string_view input);

// The base plan's files with `changes` added or replacing those of the same path.
std::vector<PlanFileContent> over_base(const std::vector<PlanFileContent>& changes);

// What load_plan_from_memory(over_base(changes)) gives, parsing only
// `changes`: the base plan is loaded once and its records reused (records
// are decoded file by file, so this is the same; fuzz/checks-selftest
// compares the two).
LoadResult load_over_base(const std::vector<PlanFileContent>& changes);

// Invariants. Each returns the problems found (empty: fine); check_* abort on any.
std::vector<std::string> markdown_problems(std::string_view markdown);
void check_markdown(std::string_view markdown, std::string_view what);
// One value per cell, the same number of cells in every record (RFC 4180 quoting).
std::vector<std::string> csv_problems(std::string_view csv);
void check_csv(std::string_view csv, std::string_view what);
// HTML report: no element the tool did not write (no script, no loading element, no
// event attribute), every <svg> closed, `charts` of them; valid UTF-8.
void check_html(std::string_view html, std::size_t charts, std::string_view what);
void check_json(std::string_view json, std::string_view what);
void check_utf8(std::string_view text, std::string_view what);

// Diagnostics of a load + check: paths are files of the plan (or its folders),
// lines lie inside the file, codes are kebab-case, every rendering (text,
// GitHub, JSON) has one line or entry per diagnostic and no control characters.
void check_diagnostics(const Diagnostics& diags, const std::vector<PlanFileContent>& files);

// The record as JSON (record show's view of it: every value, no positions;
// an activity's empty `budget: {}` counts as none, as in every analysis).
std::string record_json(const Activity& record);
std::string record_json(const Objective& record);
std::string record_json(const TaskForce& record);
std::string record_json(const Indicator& record);

// Emits the record, parses and decodes the YAML again and requires the same
// values (as JSON) and the same YAML when emitted once more. `what` names it.
void check_round_trip(const Activity& record, std::string_view what);
void check_round_trip(const Objective& record, std::string_view what);
void check_round_trip(const TaskForce& record, std::string_view what);
void check_round_trip(const Indicator& record, std::string_view what);

}  // namespace actionplan::fuzz
