#pragma once
// Safe writing: a new file is created exclusively, an existing one replaced
// atomically. Content goes to a temporary file in the same folder, is synced,
// then moved into place; the temporary file never survives an error.
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace actionplan {

enum class WriteMode { create_new, replace };
enum class WriteStatus { written, exists, failed };

struct WriteResult {
  WriteStatus status = WriteStatus::written;
  std::string message;  // why it failed ("writing: No space left on device"); callers name the file
  bool ok() const { return status == WriteStatus::written; }
};

// create_new: fails with `exists` if anything is at `path` (even if it
// appears while writing: renameat2(RENAME_NOREPLACE), else link()).
// replace: rename over `path`, then sync the folder. Parent folders must exist.
// A replaced file keeps its mode; a new one gets 0666 less the umask.
// The temporary file is named ".NAME.tmp-XXXXXX" and locked (flock) by the
// writer until it is renamed or removed, so a writer that was killed is told
// from one still at work.
WriteResult write_file(const std::filesystem::path& path, std::string_view content, WriteMode mode);

// Removes from `folder` (not below it) the temporary files that write_file
// left when its process was killed: regular files named ".NAME.tmp-XXXXXX"
// whose lock nobody holds. Never touches another name, a file being written,
// or anything through a symbolic link. Returns the names removed, sorted.
std::vector<std::string> remove_abandoned_temp_files(const std::filesystem::path& folder);

// The same in a plan: its root folder and its four record folders. Returns
// the paths removed relative to `root` ("activities/.x.yaml.tmp-Ab12Cd").
std::vector<std::string> remove_abandoned_temp_files_of_plan(const std::filesystem::path& root);

// An exclusive lock on a folder (flock), held while it lives: editing commands
// take their record folder's lock before reading the record and keep it until
// the edit is in place, so two edits of one plan never lose each other's work.
// Waits for the lock; a folder that cannot be opened is simply not locked.
class FolderLock {
 public:
  explicit FolderLock(const std::filesystem::path& folder);
  ~FolderLock();
  FolderLock(FolderLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  FolderLock& operator=(FolderLock&&) = delete;

 private:
  int m_fd = -1;
};

// The record files of `folder` by lower-case id ("casex" → "CaseX.yaml"), for
// the case-insensitive uniqueness check that a command creating records makes
// under the folder's FolderLock, so that the check and the writes it allows
// happen as one: two writers cannot both create ids that differ only in case.
std::unordered_map<std::string, std::string> record_files_by_lower_id(
    const std::filesystem::path& folder);
// Why `file_name` ("casex.yaml") cannot be created beside `existing` (see
// record_files_by_lower_id): "CaseX.yaml holds an id that differs only in
// letter case", "casex.yml holds the same id"; "" when it can, or when the
// name itself exists (write_file's create_new then says so).
std::string id_clash(const std::unordered_map<std::string, std::string>& existing,
                     const std::string& file_name);

// The first folder on the way from `root` to the file `rel_path` ("activities"
// for "activities/x.yaml") that is a symbolic link or not a folder, or "":
// nothing is ever written out of a plan through a link. Folders that do not
// exist yet are fine (they are created as real folders).
std::string linked_folder(const std::filesystem::path& root, const std::string& rel_path);

}  // namespace actionplan
