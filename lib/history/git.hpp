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

// The commit that last set a line of a plan file.
struct LineCommit {
  std::string commit;     // short id; "" for a line not committed yet
  std::string date;       // the author's date, YYYY-MM-DD in the author's time zone
  std::string author;     // the author's name
  std::string message;    // the first line of the commit's message
  std::int64_t time = 0;  // the commit's time, for ordering (seconds since 1970)
};

// `show --history`: who last set each line of the plan file `rel_path`, read
// with libgit2's blame (the commits up to HEAD, then the file as it is in the
// working tree, whose changed lines are not committed yet). lines[i] is line
// i + 1 of the file as it is now. Bounded as blame is: the history of that
// one file.
struct FileHistory {
  std::vector<LineCommit> lines;
  std::string error;  // nothing could be read (no repository; the file never committed...)
};
FileHistory blame_plan_file(const std::filesystem::path& plan_root, const std::string& rel_path);

// Each value of a record file with the commit that last set it: a top-level
// key's value, or each item of a list written one per line (a measurement).
// The commit of a value over several lines is the latest of its lines (a line
// not committed yet is the latest).
struct ValueOrigin {
  std::string key;    // "stage", "measurements"
  std::string value;  // its first line as written ("[O1, O2]", "{date: 2025, value: 3}")
  int line = 0;
  LineCommit commit;
};
std::vector<ValueOrigin> value_origins(std::string_view text, const FileHistory& history);

// One change of a record file in one commit: the file's text before and after
// ("" when it was added or removed), with the commit that made it.
struct FileRevision {
  std::string path;  // relative to the plan root: "indicators/I1.yaml"
  std::string before, after;
  LineCommit commit;
};

// `report --since REV`: the changes, commit by commit from REV (left out) to
// HEAD, oldest first, of the record files in `folders` ("objectives",
// "indicators"), read from the repository's objects. A merge is compared with
// its first parent. Bounded: at most k_max_audit_commits commits and
// k_max_audit_bytes of record texts, files of at most 1 MiB (larger ones are
// left out); `truncated` says when the walk stopped early.
inline constexpr std::size_t k_max_audit_commits = 10'000;
inline constexpr std::size_t k_max_audit_bytes = 64u << 20;
struct RecordFileHistory {
  std::vector<FileRevision> revisions;
  bool truncated = false;
  std::string error;
};
RecordFileHistory record_file_revisions(const std::filesystem::path& plan_root,
                                        const std::string& rev,
                                        const std::vector<std::string>& folders);

}  // namespace actionplan
