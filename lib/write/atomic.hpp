#pragma once
// Safe writing: a new file is created exclusively, an existing one replaced
// atomically. Content goes to a temporary file in the same folder, is synced,
// then moved into place; the temporary file never survives an error.
#include <filesystem>
#include <string>
#include <string_view>

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
WriteResult write_file(const std::filesystem::path& path, std::string_view content, WriteMode mode);

}  // namespace actionplan
