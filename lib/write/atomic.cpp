#include "write/atomic.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "load/plan_loader.hpp"
#include "model/records.hpp"
#include "model/text.hpp"

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

// Whether `name` is one of write_file's temporary files: ".NAME.tmp-XXXXXX".
bool is_temp_name(std::string_view name) {
  constexpr std::string_view marker = ".tmp-";
  constexpr std::size_t suffix = 6;  // mkostemp's XXXXXX
  if (name.size() < 1 + 1 + marker.size() + suffix || name[0] != '.') return false;
  if (name.substr(name.size() - suffix - marker.size(), marker.size()) != marker) return false;
  for (char c : name.substr(name.size() - suffix)) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) return false;
  }
  return true;
}

// A new temporary file next to `path`, locked (flock) for as long as the
// descriptor is open: a lock that can be taken marks the file of a writer
// that died (remove_abandoned_temp_files). A file removed by such a cleanup
// between its creation and its lock is noticed (no links left) and made again.
int make_temp_file(const std::filesystem::path& path, std::string& tmp) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    tmp = (path.parent_path() / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) return fd;
    struct stat st {};
    while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
    if (::fstat(fd, &st) == 0 && st.st_nlink > 0) return fd;
    ::close(fd);
  }
  errno = EAGAIN;
  return -1;
}

}  // namespace

WriteResult write_file(const std::filesystem::path& path, std::string_view content,
                       WriteMode mode) {
  const std::filesystem::path folder = path.parent_path();
  std::string tmp;
  const int fd = make_temp_file(path, tmp);
  if (fd < 0) return failure("creating a temporary file", errno);
  // The mode the file has (a replaced file keeps its own: 0600 stays private), else what
  // the user's umask gives a new file. A replaced file keeps its owner and group too,
  // as far as the writer may give them (root may; others keep a group they belong to);
  // the owner first, as fchown clears set-id bits, then the mode.
  struct stat existing {};
  if (mode == WriteMode::replace && ::lstat(path.c_str(), &existing) == 0 &&
      S_ISREG(existing.st_mode)) {
    if (::fchown(fd, existing.st_uid, existing.st_gid) != 0)
      (void)::fchown(fd, static_cast<uid_t>(-1), existing.st_gid);
    ::fchmod(fd, existing.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  // The descriptor (and so the lock) is kept until the temporary name is gone.
  if (!write_all(fd, content) || ::fsync(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    ::close(fd);
    return failure("writing", err);
  }

  if (mode == WriteMode::replace) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      const int err = errno;
      ::unlink(tmp.c_str());
      ::close(fd);
      return failure("renaming into place", err);
    }
    ::close(fd);
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
    ::close(fd);
    if (err == EEXIST) return {WriteStatus::exists, "it already exists; nothing was overwritten"};
    return failure("moving into place", err);
  }
  ::close(fd);
  sync_folder(folder);
  return {};
}

std::vector<std::string> remove_abandoned_temp_files(const std::filesystem::path& folder) {
  std::vector<std::string> removed;
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return removed;
  DIR* listing = ::fdopendir(::dup(dir));
  std::vector<std::string> candidates;
  if (listing) {
    while (const dirent* entry = ::readdir(listing))
      if (is_temp_name(entry->d_name)) candidates.emplace_back(entry->d_name);
    ::closedir(listing);
  }
  for (const std::string& name : candidates) {
    const int fd =
        ::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat locked {
    }, named{};
    // Removed only when it is a regular file, no writer holds its lock, and the
    // name still names the file locked (not a new one made since).
    if (::fstat(fd, &locked) == 0 && S_ISREG(locked.st_mode) &&
        ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
        ::fstatat(dir, name.c_str(), &named, AT_SYMLINK_NOFOLLOW) == 0 &&
        named.st_dev == locked.st_dev && named.st_ino == locked.st_ino &&
        ::unlinkat(dir, name.c_str(), 0) == 0)
      removed.push_back(name);
    ::close(fd);
  }
  ::close(dir);
  std::sort(removed.begin(), removed.end());
  return removed;
}

std::vector<std::string> remove_abandoned_temp_files_of_plan(const std::filesystem::path& root) {
  std::vector<std::string> removed = remove_abandoned_temp_files(root);
  for (RecordKind kind : record_kinds()) {
    const std::string folder = kind_info(kind).folder;
    for (const std::string& name : remove_abandoned_temp_files(root / folder))
      removed.push_back(folder + "/" + name);
  }
  return removed;
}

std::string linked_folder(const std::filesystem::path& root, const std::string& rel_path) {
  const std::filesystem::path parent = std::filesystem::path(rel_path).parent_path();
  std::filesystem::path folder;
  for (const auto& part : parent) {
    folder /= part;
    struct stat st {};
    if (::lstat((root / folder).c_str(), &st) != 0)
      return "";  // not there yet: created as a folder
    if (!S_ISDIR(st.st_mode)) return folder.string();
  }
  return "";
}

std::unordered_map<std::string, std::string> record_files_by_lower_id(
    const std::filesystem::path& folder) {
  std::unordered_map<std::string, std::string> out;
  DIR* handle = ::opendir(folder.c_str());
  if (!handle) return out;
  while (const dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.empty() || name[0] == '.' || !is_record_file_name(name)) continue;
    out.emplace(to_lower_ascii(name.substr(0, name.rfind('.'))), name);
  }
  ::closedir(handle);
  return out;
}

std::string id_clash(const std::unordered_map<std::string, std::string>& existing,
                     const std::string& file_name) {
  const std::string id = file_name.substr(0, file_name.rfind('.'));
  auto it = existing.find(to_lower_ascii(id));
  if (it == existing.end() || it->second == file_name)
    return "";  // the same name: create_new says it exists
  const std::string other = it->second.substr(0, it->second.rfind('.'));
  return other == id
             ? fmt::format("{} holds the same id", it->second)
             : fmt::format(
                   "{} holds an id that differs only in letter case (ids must differ in more "
                   "than case, or they collide on Windows and macOS)",
                   it->second);
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
