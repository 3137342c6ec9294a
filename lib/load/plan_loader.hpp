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

// Reads plan.yaml and every *.yaml/*.yml record of the four folders, in
// parallel on `threads` workers (0: all cores). Never throws for anything a
// file can contain; problems become diagnostics and the file is skipped.
// Diagnostics come out in a deterministic order whatever the thread count.
LoadResult load_plan(const std::filesystem::path& root, unsigned threads = 0);

// A plan file that is already in memory (e.g. a blob of a git revision).
struct PlanFileContent {
  std::string path;     // relative to the plan root: "plan.yaml", "activities/x.yaml"
  std::string content;
  std::string refusal;  // set when the entry is not a regular file (e.g. "a symbolic link")
};

// Loads a plan from files in memory with the same checks, parsing and
// decoding as load_plan (record files outside the four folders are ignored).
LoadResult load_plan_from_memory(const std::vector<PlanFileContent>& files);

}  // namespace actionplan
