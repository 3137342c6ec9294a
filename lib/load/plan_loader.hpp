#pragma once
// Finds a plan's root and loads the whole plan directory.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/plan.hpp"

namespace actionplan {

// True for the names of record files: *.yaml or *.yml (with a stem).
bool is_record_file_name(std::string_view name);

// Walks up from `start` (made absolute) to the first folder holding
// plan.yaml, like git finds .git. nullopt when there is none.
std::optional<std::filesystem::path> find_plan_root(const std::filesystem::path& start);

struct LoadResult {
  Plan plan;
  Diagnostics diags;  // file, YAML and decoding problems; sorted
};

// How much of one kind of record a command needs.
enum class Load {
  records,  // every file read, parsed and decoded
  names,    // the folder listed only: ids known from file names (Plan::has, Plan::ids)
  nothing,  // not even listed
};

struct LoadOptions {
  Load objectives = Load::records;
  Load task_forces = Load::records;
  Load activities = Load::records;
  Load indicators = Load::records;
  // For a kind loaded by names: this one record is read and decoded all the
  // same (found by its file name, ID.yaml or ID.yml).
  std::optional<std::pair<RecordKind, std::string>> also;
  unsigned threads = 0;  // workers; 0: one per core

  Load of(RecordKind kind) const;
};

// Reads plan.yaml and the *.yaml/*.yml records of the four folders that
// `options` asks for, in parallel on its `threads`. Never throws for anything
// a file can contain; problems become diagnostics and the file is skipped.
// Diagnostics come out in a deterministic order whatever the thread count.
LoadResult load_plan(const std::filesystem::path& root, const LoadOptions& options = {});

// Unknown keys are errors in a plan of a format this tool reads (a typo must
// not drop data silently; custom data goes in x- keys), and stay warnings in
// a plan of a newer format (check_plan says to update the tool).
void apply_unknown_key_rule(Diagnostics& diags, const PlanInfo& info);

// A plan file that is already in memory (e.g. a blob of a git revision).
struct PlanFileContent {
  std::string path;  // relative to the plan root: "plan.yaml", "activities/x.yaml"
  std::string content;
  std::string refusal;        // set when the entry is not a regular file (e.g. "a symbolic link")
  std::size_t too_large = 0;  // the size of a file over 1 MiB, whose content was not read
};

// Loads a plan from files in memory with the same checks, parsing and
// decoding as load_plan (record files outside the four folders are ignored).
LoadResult load_plan_from_memory(const std::vector<PlanFileContent>& files, unsigned threads = 0);

}  // namespace actionplan
