#include "history/git.hpp"

#include <git2.h>

#include <unordered_map>

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

using Odb = Owned<git_odb, git_odb_free>;

// Reads the plan's files of one revision within the bounds, or says why not.
class RevisionReader {
 public:
  RevisionReader(git_repository* repo, git_odb* odb, std::string rev, PlanAtRevision& out)
      : m_repo(repo), m_odb(odb), m_rev(std::move(rev)), m_out(out) {}

  // Adds one tree entry (a file of the plan). False once reading must stop (m_out.error set).
  bool add(const git_tree_entry* entry, const std::string& path) {
    const git_filemode_t mode = git_tree_entry_filemode(entry);
    if (mode == GIT_FILEMODE_LINK) {
      m_out.files.push_back(
          {path, "", "this is a symbolic link; plan records must be regular files"});
      return true;
    }
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
      m_out.files.push_back({path, "", "this is not a regular file"});
      return true;
    }
    if (++m_entries > k_max_revision_entries)
      return stop(fmt::format(
          "the plan at '{}' has more than {} record files; the tool reads at most that many", m_rev,
          k_max_revision_entries));
    // The size from the object's header: a large blob is never inflated.
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, m_odb, git_tree_entry_id(entry)) != 0)
      return missing(path);
    if (size > k_max_file_bytes) {
      PlanFileContent refused{path, "", ""};
      refused.too_large = size;
      m_out.files.push_back(std::move(refused));
      return true;
    }
    // One blob under many names (a tree that repeats an entry, to amplify what is
    // read): read once; the other names are refused, since only one file name
    // can match the id inside.
    char oid[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(oid, sizeof oid, git_tree_entry_id(entry));
    if (const auto [first, inserted] = m_seen.emplace(oid, path); !inserted) {
      m_out.files.push_back({path, "",
                             fmt::format("the same content as {}, and only one file name can match "
                                         "the id inside",
                                         first->second)});
      return true;
    }
    m_bytes += size;
    if (m_bytes > k_max_revision_bytes)
      return stop(fmt::format(
          "the plan at '{}' holds more than {} MiB of records; the tool reads at most that much",
          m_rev, k_max_revision_bytes >> 20));
    Blob blob;
    if (git_blob_lookup(blob.out(), m_repo, git_tree_entry_id(entry)) != 0) return missing(path);
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    m_out.files.push_back(
        {path, std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get()))), ""});
    return true;
  }

  // A folder's tree, or nullopt: not there, or an error (m_out.error set).
  bool tree(Tree& sub, const git_tree_entry* folder, const std::string& path) {
    if (git_tree_lookup(sub.out(), m_repo, git_tree_entry_id(folder)) == 0) return true;
    return missing(path);
  }

 private:
  bool stop(std::string why) {
    m_out.error = std::move(why);
    m_out.files.clear();
    return false;
  }
  bool missing(const std::string& path) {
    return stop(fmt::format(
        "the content of {} at '{}' is not in this clone (a shallow or partial clone, such as "
        "actions/checkout's default depth of 1); fetch the history (git fetch --unshallow, or "
        "fetch-depth: 0) and run again",
        path, m_rev));
  }

  git_repository* m_repo;
  git_odb* m_odb;
  std::string m_rev;
  PlanAtRevision& m_out;
  std::size_t m_entries = 0;
  std::size_t m_bytes = 0;
  std::unordered_map<std::string, std::string> m_seen;  // blob id → the first path that had it
};

}  // namespace

PlanAtRevision read_plan_at_revision(const std::filesystem::path& plan_root,
                                     const std::string& rev) {
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
    out.error = fmt::format(
        "unknown revision '{}': no tag, branch or commit of that name{}", rev,
        git_repository_is_shallow(repo.get()) == 1
            ? " in this shallow clone; fetch the history (git fetch --unshallow --tags, or "
              "fetch-depth: 0 in actions/checkout) and run again"
            : "");
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
    out.error = fmt::format("revision '{}' has no {}plan.yaml: the plan did not exist there yet",
                            rev, prefix);
    return out;
  }
  Odb odb;
  if (git_repository_odb(odb.out(), repo.get()) != 0) {
    out.error = fmt::format("cannot read the objects of the repository: {}", last_error());
    return out;
  }
  RevisionReader reader(repo.get(), odb.get(), rev, out);
  if (!reader.add(plan_entry.get(), "plan.yaml")) return out;
  for (RecordKind kind : record_kinds()) {
    const std::string folder = kind_info(kind).folder;
    TreeEntry folder_entry;
    if (git_tree_entry_bypath(folder_entry.out(), tree.get(), (prefix + folder).c_str()) != 0)
      continue;
    if (git_tree_entry_type(folder_entry.get()) != GIT_OBJECT_TREE) continue;
    // A folder's tree is read whole: its size (about 40 bytes an entry) is checked first.
    std::size_t tree_size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&tree_size, &type, odb.get(), git_tree_entry_id(folder_entry.get())) ==
            0 &&
        tree_size > 128 * k_max_revision_entries) {
      out.error = fmt::format(
          "the plan at '{}' has more than {} record files in {}; the tool reads at most that many",
          rev, k_max_revision_entries, folder);
      return out;
    }
    Tree sub;
    if (!reader.tree(sub, folder_entry.get(), folder)) return out;
    const std::size_t count = git_tree_entrycount(sub.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(sub.get(), i);
      const std::string name = git_tree_entry_name(entry);
      if (name.empty() || name[0] == '.' || !is_record_file_name(name)) continue;
      if (!reader.add(entry, folder + "/" + name)) return out;
    }
  }
  return out;
}

}  // namespace actionplan
