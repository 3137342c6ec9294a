#include "history/git.hpp"

#include <git2.h>

#include <fstream>
#include <sstream>
#include <unordered_map>

#include "load/file_read.hpp"
#include "load/plan_loader.hpp"
#include "load/yaml_tree.hpp"
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

namespace actionplan {
namespace {

using Blame = Owned<git_blame, git_blame_free>;
using Commit = Owned<git_commit, git_commit_free>;

// The commit of a blame hunk, for people; cached by id (a file's lines share few commits).
class CommitNames {
 public:
  explicit CommitNames(git_repository* repo) : m_repo(repo) {}

  LineCommit of(const git_blame_hunk& hunk) {
    if (git_oid_is_zero(&hunk.final_commit_id)) return {};
    char id[10] = {};
    git_oid_tostr(id, sizeof id, &hunk.final_commit_id);
    auto cached = m_seen.find(id);
    if (cached != m_seen.end()) return cached->second;
    LineCommit out{id, "", "", "", 0};
    if (const git_signature* who = hunk.final_signature) {
      out.author = who->name ? who->name : "";
      out.time = who->when.time;
      // In the author's time zone, without the C library's (it would read the system's
      // time zone files: nothing outside the plan is opened).
      out.date = date_from_unix_seconds(who->when.time + who->when.offset * 60LL).to_string();
    }
    Commit commit;
    if (git_commit_lookup(commit.out(), m_repo, &hunk.final_commit_id) == 0)
      if (const char* summary = git_commit_summary(commit.get())) out.message = summary;
    return m_seen[id] = out;
  }

 private:
  git_repository* m_repo;
  std::unordered_map<std::string, LineCommit> m_seen;
};

}  // namespace

namespace {

// For each line of `now` (1-based, index 0 unused): its line in `then`, or 0 when
// it is new or changed. libgit2's line diff with all lines as context.
std::vector<std::size_t> lines_kept(const std::string& then, const std::string& now) {
  std::size_t lines = 0;
  for (char c : now) lines += c == '\n';
  if (!now.empty() && now.back() != '\n') ++lines;  // a last line without a line break
  std::vector<std::size_t> out(lines + 1, 0);
  if (then == now) {
    for (std::size_t l = 1; l < out.size(); ++l) out[l] = l;
    return out;
  }
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.context_lines = 1u << 30;
  auto on_line = [](const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line,
                    void* payload) {
    auto& map = *static_cast<std::vector<std::size_t>*>(payload);
    if (line->origin == GIT_DIFF_LINE_CONTEXT && line->new_lineno > 0 &&
        static_cast<std::size_t>(line->new_lineno) < map.size())
      map[line->new_lineno] = static_cast<std::size_t>(line->old_lineno);
    return 0;
  };
  git_diff_buffers(then.data(), then.size(), nullptr, now.data(), now.size(), nullptr, &options,
                   nullptr, nullptr, nullptr, on_line, &out);
  return out;
}

// The file's text at HEAD, or nullopt.
std::optional<std::string> text_at_head(git_repository* repo, const std::string& path) {
  Object blob;
  if (git_revparse_single(blob.out(), repo, ("HEAD:" + path).c_str()) != 0 ||
      git_object_type(blob.get()) != GIT_OBJECT_BLOB)
    return std::nullopt;
  const auto* b = reinterpret_cast<const git_blob*>(blob.get());
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)),
                     static_cast<std::size_t>(git_blob_rawsize(b)));
}

}  // namespace

FileHistory blame_plan_file(const std::filesystem::path& plan_root, const std::string& rel_path) {
  Libgit2 lib;
  FileHistory out;
  Repository repo;
  if (git_repository_open_ext(repo.out(), plan_root.c_str(), 0, nullptr) != 0 ||
      !git_repository_workdir(repo.get())) {
    out.error =
        "the plan is not in a git repository with a working folder, so there is no "
        "history to read";
    return out;
  }
  std::error_code ec;
  const std::filesystem::path top =
      std::filesystem::weakly_canonical(git_repository_workdir(repo.get()), ec);
  const std::string path = (std::filesystem::weakly_canonical(plan_root, ec) / rel_path)
                               .lexically_relative(top)
                               .generic_string();
  std::ifstream in(plan_root / rel_path, std::ios::binary);
  std::ostringstream now;
  now << in.rdbuf();
  const std::optional<std::string> then = text_at_head(repo.get(), path);
  if (!in) {
    out.error = fmt::format("cannot read {}", rel_path);
    return out;
  }
  Blame blame;
  git_blame_options options = GIT_BLAME_OPTIONS_INIT;
  if (!then || git_blame_file(blame.out(), repo.get(), path.c_str(), &options) != 0) {
    out.lines.resize(lines_kept("", now.str()).size() - 1);  // never committed: every line new
    return out;
  }
  // libgit2's git_blame_buffer attributes some unchanged lines after a change to no
  // commit; the working file's lines are mapped to HEAD's by a line diff instead.
  const std::vector<std::size_t> kept = lines_kept(*then, now.str());
  CommitNames names(repo.get());
  out.lines.resize(kept.size() - 1);
  for (std::size_t l = 1; l < kept.size(); ++l)
    if (kept[l])
      if (const git_blame_hunk* hunk = git_blame_get_hunk_byline(blame.get(), kept[l]))
        out.lines[l - 1] = names.of(*hunk);
  return out;
}

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    out.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

// The value of lines [first, last] (1-based): its first line without "key:" or "- ".
ValueOrigin origin_of(const std::vector<std::string_view>& lines, const FileHistory& history,
                      const std::string& key, int first, int last) {
  ValueOrigin out{key, "", first, {}};
  std::string_view text = first <= static_cast<int>(lines.size()) ? lines[first - 1] : "";
  const std::size_t start = text.find_first_not_of(' ');
  text = start == std::string_view::npos ? "" : text.substr(start);
  if (text.starts_with("- "))
    text.remove_prefix(2);
  else if (text.starts_with(key + ":"))
    text.remove_prefix(key.size() + 1);
  out.value = std::string(text.substr(std::min(text.find_first_not_of(' '), text.size())));
  if (last > first) out.value += out.value.empty() ? "…" : " …";
  // The latest commit of its lines; a line not committed yet is later than any.
  auto newer = [](const LineCommit& a, const LineCommit& b) {
    if (a.commit.empty()) return !b.commit.empty();
    return !b.commit.empty() && a.time > b.time;
  };
  for (int l = first; l <= last && l <= static_cast<int>(history.lines.size()); ++l)
    if (l == first || newer(history.lines[l - 1], out.commit)) out.commit = history.lines[l - 1];
  return out;
}

}  // namespace

std::vector<ValueOrigin> value_origins(std::string_view text, const FileHistory& history) {
  std::vector<ValueOrigin> out;
  Diagnostics diags;
  const std::optional<yaml::Node> root = yaml::parse(text, "record", diags);
  if (!root || !root->is_mapping()) return out;
  const std::vector<std::string_view> lines = lines_of(text);
  const int end = static_cast<int>(lines.size());
  for (std::size_t k = 0; k < root->keys.size(); ++k) {
    const int first = root->keys[k].pos.line;
    const int last = k + 1 < root->keys.size() ? root->keys[k + 1].pos.line - 1 : end;
    const yaml::Node& value = root->items[k];
    if (!value.is_sequence() || value.flow || value.items.empty()) {
      out.push_back(origin_of(lines, history, root->keys[k].text, first, last));
      continue;
    }
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      const int item_first = value.items[i].pos.line;
      const int item_last = i + 1 < value.items.size() ? value.items[i + 1].pos.line - 1 : last;
      out.push_back(origin_of(lines, history, root->keys[k].text, item_first, item_last));
    }
  }
  return out;
}

namespace {

using Revwalk = Owned<git_revwalk, git_revwalk_free>;
using Diff = Owned<git_diff, git_diff_free>;

// A blob's text, "" for none (a file added or removed) or one over 1 MiB.
std::string blob_text(git_repository* repo, const git_oid& id) {
  if (git_oid_is_zero(&id)) return "";
  Blob blob;
  if (git_blob_lookup(blob.out(), repo, &id) != 0) return "";
  const auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
  if (size > (1u << 20)) return "";
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

// The record files of `folders` that one commit changed against its first parent.
void revisions_of_commit(git_repository* repo, git_commit* commit, const std::string& prefix,
                         const std::vector<std::string>& folders, CommitNames& names,
                         std::vector<FileRevision>& out) {
  Tree tree, parent_tree;
  Commit parent;
  if (git_commit_tree(tree.out(), commit) != 0) return;
  if (git_commit_parentcount(commit) > 0 && git_commit_parent(parent.out(), commit, 0) == 0)
    git_commit_tree(parent_tree.out(), parent.get());
  std::vector<std::string> specs;
  for (const std::string& f : folders) specs.push_back(prefix + f + "/*");
  std::vector<char*> spec_ptrs;
  for (std::string& spec : specs) spec_ptrs.push_back(spec.data());
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.pathspec = {spec_ptrs.data(), spec_ptrs.size()};
  Diff diff;
  if (git_diff_tree_to_tree(diff.out(), repo, parent_tree.get(), tree.get(), &options) != 0) return;
  git_blame_hunk hunk{};  // CommitNames reads the commit's id and author from a hunk
  hunk.final_commit_id = *git_commit_id(commit);
  hunk.final_signature = const_cast<git_signature*>(git_commit_author(commit));
  const LineCommit who = names.of(hunk);
  for (std::size_t d = 0; d < git_diff_num_deltas(diff.get()); ++d) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), d);
    const char* path = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
    if (!path || !std::string_view(path).starts_with(prefix) || !is_record_file_name(path))
      continue;
    out.push_back({std::string(path).substr(prefix.size()), blob_text(repo, delta->old_file.id),
                   blob_text(repo, delta->new_file.id), who});
  }
}

}  // namespace

RecordFileHistory record_file_revisions(const std::filesystem::path& plan_root,
                                        const std::string& rev,
                                        const std::vector<std::string>& folders) {
  Libgit2 lib;
  RecordFileHistory out;
  Repository repo;
  if (git_repository_open_ext(repo.out(), plan_root.c_str(), 0, nullptr) != 0 ||
      !git_repository_workdir(repo.get())) {
    out.error = "the plan is not in a git repository with a working folder";
    return out;
  }
  std::error_code ec;
  const std::filesystem::path top =
      std::filesystem::weakly_canonical(git_repository_workdir(repo.get()), ec);
  std::string prefix =
      std::filesystem::weakly_canonical(plan_root, ec).lexically_relative(top).generic_string();
  prefix = prefix == "." ? "" : prefix + "/";
  Object since;
  Revwalk walk;
  if (git_revparse_single(since.out(), repo.get(), rev.c_str()) != 0 ||
      git_revwalk_new(walk.out(), repo.get()) != 0 || git_revwalk_push_head(walk.get()) != 0) {
    out.error = fmt::format("cannot walk the history from '{}': {}", rev, last_error());
    return out;
  }
  Object since_commit;
  if (git_object_peel(since_commit.out(), since.get(), GIT_OBJECT_COMMIT) == 0)
    git_revwalk_hide(walk.get(), git_object_id(since_commit.get()));
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  CommitNames names(repo.get());
  git_oid id;
  std::size_t bytes = 0;
  for (std::size_t n = 0; git_revwalk_next(&id, walk.get()) == 0; ++n) {
    if (n == k_max_audit_commits || bytes > k_max_audit_bytes) {
      out.truncated = true;
      break;
    }
    const std::size_t before = out.revisions.size();
    Commit commit;
    if (git_commit_lookup(commit.out(), repo.get(), &id) == 0)
      revisions_of_commit(repo.get(), commit.get(), prefix, folders, names, out.revisions);
    for (std::size_t r = before; r < out.revisions.size(); ++r)
      bytes += out.revisions[r].before.size() + out.revisions[r].after.size();
  }
  return out;
}

}  // namespace actionplan
