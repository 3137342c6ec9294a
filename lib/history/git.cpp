#include "history/git.hpp"

#include <git2.h>

#include "load/file_read.hpp"
#include "model/records.hpp"

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

namespace {

// Frees a libgit2 object at the end of a scope.
template <class T, void (*Free)(T*)>
class Owned {
 public:
  Owned() = default;
  ~Owned() {
    if (m_ptr) Free(m_ptr);
  }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  T** out() { return &m_ptr; }
  T* get() const { return m_ptr; }

 private:
  T* m_ptr = nullptr;
};

using Repository = Owned<git_repository, git_repository_free>;
using Object = Owned<git_object, git_object_free>;
using Tree = Owned<git_tree, git_tree_free>;
using TreeEntry = Owned<git_tree_entry, git_tree_entry_free>;
using Blob = Owned<git_blob, git_blob_free>;

// Adds one tree entry (a file of the plan) to `files`.
void add_entry(git_repository* repo, const git_tree_entry* entry, const std::string& path,
               std::vector<PlanFileContent>& files) {
  const git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode == GIT_FILEMODE_LINK) {
    files.push_back({path, "", "this is a symbolic link; plan records must be regular files"});
    return;
  }
  if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
    files.push_back({path, "", "this is not a regular file"});
    return;
  }
  Blob blob;
  if (git_blob_lookup(blob.out(), repo, git_tree_entry_id(entry)) != 0) {
    files.push_back({path, "", "its content is missing from the repository"});
    return;
  }
  const auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
  const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  // Over the limit: keep only the size's worth of evidence, the loader refuses it.
  files.push_back({path, size > k_max_file_bytes ? std::string(k_max_file_bytes + 1, ' ') : std::string(data, size), ""});
}

}  // namespace

PlanAtRevision read_plan_at_revision(const std::filesystem::path& plan_root, const std::string& rev) {
  Libgit2 lib;
  PlanAtRevision out;
  Repository repo;
  if (git_repository_open_ext(repo.out(), plan_root.c_str(), 0, nullptr) != 0) {
    out.error = fmt::format("{} is not in a git repository, so there is no history to compare with",
                            plan_root.string());
    return out;
  }
  const char* workdir = git_repository_workdir(repo.get());
  if (!workdir) {
    out.error = "the repository has no working folder (it is bare)";
    return out;
  }
  std::error_code ec;
  const std::filesystem::path root = std::filesystem::weakly_canonical(plan_root, ec);
  const std::filesystem::path top = std::filesystem::weakly_canonical(workdir, ec);
  std::string prefix = root.lexically_relative(top).generic_string();
  prefix = prefix == "." ? "" : prefix + "/";

  Object object;
  if (git_revparse_single(object.out(), repo.get(), rev.c_str()) != 0) {
    out.error = fmt::format("unknown revision '{}': no tag, branch or commit of that name", rev);
    return out;
  }
  Object commit;
  if (git_object_peel(commit.out(), object.get(), GIT_OBJECT_COMMIT) != 0) {
    out.error = fmt::format("revision '{}' is not a commit", rev);
    return out;
  }
  char id[10] = {};
  git_oid_tostr(id, sizeof id, git_object_id(commit.get()));
  out.commit = id;
  Tree tree;
  if (git_commit_tree(tree.out(), reinterpret_cast<git_commit*>(commit.get())) != 0) {
    out.error = fmt::format("cannot read the files of revision '{}': {}", rev, last_error());
    return out;
  }

  TreeEntry plan_entry;
  if (git_tree_entry_bypath(plan_entry.out(), tree.get(), (prefix + "plan.yaml").c_str()) != 0) {
    out.error = fmt::format("revision '{}' has no {}plan.yaml: the plan did not exist there yet", rev, prefix);
    return out;
  }
  add_entry(repo.get(), plan_entry.get(), "plan.yaml", out.files);
  for (RecordKind kind : record_kinds()) {
    const std::string folder = kind_info(kind).folder;
    TreeEntry folder_entry;
    if (git_tree_entry_bypath(folder_entry.out(), tree.get(), (prefix + folder).c_str()) != 0) continue;
    if (git_tree_entry_type(folder_entry.get()) != GIT_OBJECT_TREE) continue;
    Tree sub;
    if (git_tree_lookup(sub.out(), repo.get(), git_tree_entry_id(folder_entry.get())) != 0) continue;
    const std::size_t count = git_tree_entrycount(sub.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(sub.get(), i);
      const std::string name = git_tree_entry_name(entry);
      if (name.empty() || name[0] == '.' || !is_record_file_name(name)) continue;
      add_entry(repo.get(), entry, folder + "/" + name, out.files);
    }
  }
  return out;
}

}  // namespace actionplan
