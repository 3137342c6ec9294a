#pragma once
// Finds a plan's root and loads the whole plan directory.
#include <filesystem>
#include <optional>

#include "model/plan.hpp"

namespace actionplan {

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

}  // namespace actionplan
