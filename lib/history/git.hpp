#pragma once
// The few git operations the tool needs, through libgit2 (never a subprocess).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "load/plan_loader.hpp"

namespace actionplan {

// True when `dir` is inside a git work tree (searching upwards like git).
bool inside_git_repository(const std::filesystem::path& dir);

// `git init` of `dir` with initial branch main. Returns an error message on failure.
std::optional<std::string> init_git_repository(const std::filesystem::path& dir);

struct PlanAtRevision {
  std::vector<PlanFileContent> files;  // plan.yaml and the four folders' *.yaml / *.yml
  std::string commit;                  // the short id REV resolved to
  std::string error;                   // set when nothing could be read
};

// The plan files of the plan at `plan_root` as they were in revision `rev`
// (a tag, branch or commit, anything `git rev-parse` takes), read straight
// from the repository's objects: no checkout, no git subprocess. The plan may
// sit in a sub-folder of the repository. Symbolic links and other non-blob
// entries come back refused; blobs over 1 MiB come back with their size only
// (read from the object's header, never inflated) for the loader to refuse;
// a blob under several names is read once and the other names refused.
// Bounded: at most k_max_revision_bytes of records and k_max_revision_entries
// entries are read, else an error; an object missing from the repository (a
// shallow or blob-less clone) is an error that says to fetch the history.
inline constexpr std::size_t k_max_revision_bytes = 256u << 20;
inline constexpr std::size_t k_max_revision_entries = 250'000;
PlanAtRevision read_plan_at_revision(const std::filesystem::path& plan_root,
                                     const std::string& rev);

}  // namespace actionplan
