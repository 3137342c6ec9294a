#include "history/git.hpp"

#include <git2.h>

#include <fmt/format.h>

namespace actionplan {
namespace {

// Keeps libgit2 initialised for the duration of a call.
class Libgit2 {
 public:
  Libgit2() { git_libgit2_init(); }
  ~Libgit2() { git_libgit2_shutdown(); }
  Libgit2(const Libgit2&) = delete;
  Libgit2& operator=(const Libgit2&) = delete;
};

std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

}  // namespace

bool inside_git_repository(const std::filesystem::path& dir) {
  Libgit2 lib;
  git_repository* repo = nullptr;
  const int rc = git_repository_open_ext(&repo, dir.c_str(), 0, nullptr);
  if (repo) git_repository_free(repo);
  return rc == 0;
}

std::optional<std::string> init_git_repository(const std::filesystem::path& dir) {
  Libgit2 lib;
  git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  options.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
  options.initial_head = "main";
  git_repository* repo = nullptr;
  if (git_repository_init_ext(&repo, dir.c_str(), &options) != 0)
    return fmt::format("cannot create a git repository: {}", last_error());
  git_repository_free(repo);
  return std::nullopt;
}

}  // namespace actionplan
