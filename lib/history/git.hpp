#pragma once
// The few git operations the tool needs, through libgit2 (never a subprocess).
#include <filesystem>
#include <optional>
#include <string>

namespace actionplan {

// True when `dir` is inside a git work tree (searching upwards like git).
bool inside_git_repository(const std::filesystem::path& dir);

// `git init` of `dir` with initial branch main. Returns an error message on failure.
std::optional<std::string> init_git_repository(const std::filesystem::path& dir);

}  // namespace actionplan
