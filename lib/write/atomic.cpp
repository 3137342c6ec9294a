#include "write/atomic.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace actionplan {
namespace {

WriteResult failure(const char* what, int err) {
  return {WriteStatus::failed, fmt::format("{}: {}", what, std::strerror(err))};
}

void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

WriteResult write_file(const std::filesystem::path& path, std::string_view content, WriteMode mode) {
  const std::filesystem::path folder = path.parent_path();
  std::string tmp = (folder / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return failure("creating a temporary file", errno);
  // The mode the file has (a replaced file keeps its own: 0600 stays private), else what
  // the user's umask gives a new file.
  struct stat existing {};
  if (mode == WriteMode::replace && ::lstat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
    ::fchmod(fd, existing.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  if (!write_all(fd, content) || ::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return failure("writing", err);
  }
  ::close(fd);

  if (mode == WriteMode::replace) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      const int err = errno;
      ::unlink(tmp.c_str());
      return failure("renaming into place", err);
    }
    sync_folder(folder);
    return {};
  }

  int rc = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {  // file system without RENAME_NOREPLACE
    rc = ::link(tmp.c_str(), path.c_str());
    const int err = errno;
    ::unlink(tmp.c_str());
    errno = err;
  }
  if (rc != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    if (err == EEXIST)
      return {WriteStatus::exists, "it already exists; nothing was overwritten"};
    return failure("moving into place", err);
  }
  sync_folder(folder);
  return {};
}

std::string linked_folder(const std::filesystem::path& root, const std::string& rel_path) {
  const std::filesystem::path parent = std::filesystem::path(rel_path).parent_path();
  std::filesystem::path folder;
  for (const auto& part : parent) {
    folder /= part;
    struct stat st {};
    if (::lstat((root / folder).c_str(), &st) != 0) return "";  // not there yet: created as a folder
    if (!S_ISDIR(st.st_mode)) return folder.string();
  }
  return "";
}

FolderLock::FolderLock(const std::filesystem::path& folder)
    : m_fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) {
  if (m_fd >= 0)
    while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) {
    }
}

FolderLock::~FolderLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
}

}  // namespace actionplan
