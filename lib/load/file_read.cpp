#include "load/file_read.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <utf8proc.h>

namespace actionplan {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

const char* file_type_name(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

bool refuse_type(mode_t mode, const std::string& rel_path, Diagnostics& diags) {
  if (S_ISREG(mode)) return false;
  diags.error(
      rel_path, {}, "not-a-regular-file",
      fmt::format("refused: this is {}; plan records must be regular files", file_type_name(mode)));
  return true;
}

}  // namespace

Position position_of(std::string_view text, std::size_t offset) {
  Position pos{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

bool check_written_text(std::string_view text, const std::string& rel_path, Diagnostics& diags) {
  if (text.size() > k_max_file_bytes) {
    diags.error(
        rel_path, {}, "file-too-large",
        fmt::format("the file would be {} bytes; plan records may be at most 1 MiB (1048576 bytes)",
                    text.size()));
    return false;
  }
  std::string copy(text);
  return check_plan_text(copy, rel_path, diags);
}

bool check_plan_text(std::string& text, const std::string& rel_path, Diagnostics& diags) {
  auto starts_with = [&](std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::memcmp(text.data(), prefix.data(), prefix.size()) == 0;
  };
  using namespace std::string_view_literals;
  if (starts_with("\x00\x00\xFE\xFF"sv) || starts_with("\xFF\xFE\x00\x00"sv)) {
    diags.error(rel_path, {}, "bad-encoding", "file is UTF-32 encoded; save it as UTF-8");
    return false;
  }
  if (starts_with("\xFE\xFF"sv) || starts_with("\xFF\xFE"sv)) {
    diags.error(rel_path, {}, "bad-encoding", "file is UTF-16 encoded; save it as UTF-8");
    return false;
  }
  if (starts_with("\xEF\xBB\xBF"sv)) text.erase(0, 3);

  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    const unsigned char c = bytes[i];
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    if (c == '\n' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '\r') {
      if (i + 1 < size && bytes[i + 1] == '\n') {
        i += 2;
        continue;
      }
      diags.error(rel_path, position_of(text, i), "lone-cr",
                  "carriage return (CR) without line feed; save the file with LF or CRLF line "
                  "endings");
      return false;
    }
    if (c == 0) {
      diags.error(rel_path, position_of(text, i), "control-character",
                  "NUL byte in file (is it UTF-16? save it as UTF-8)");
      return false;
    }
    if (c < 0x80) {
      diags.error(rel_path, position_of(text, i), "control-character",
                  fmt::format("control character U+{:04X} is not allowed; remove it", c));
      return false;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(size - i), &cp);
    if (n < 0) {
      diags.error(rel_path, position_of(text, i), "invalid-utf8",
                  "invalid UTF-8 byte sequence; save the file as UTF-8");
      return false;
    }
    if (cp >= 0x80 && cp <= 0x9F) {
      diags.error(rel_path, position_of(text, i), "control-character",
                  fmt::format("control character U+{:04X} is not allowed; remove it", cp));
      return false;
    }
    if (cp == 0x2028 || cp == 0x2029) {  // YAML 1.1 readers (libyaml, PyYAML) break lines there
      diags.error(
          rel_path, position_of(text, i), "control-character",
          fmt::format("{} separator U+{:04X} is not allowed: YAML readers take it for a line "
                      "break; use a real line break, or write {} inside double quotes",
                      cp == 0x2028 ? "line" : "paragraph", cp, cp == 0x2028 ? "\\L" : "\\P"));
      return false;
    }
    i += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> read_plan_file(const std::filesystem::path& abs_path,
                                          const std::string& rel_path, Diagnostics& diags,
                                          std::size_t max_bytes) {
  // "1 MiB", for messages only (computed when one is needed, not per file).
  auto limit = [max_bytes] {
    return max_bytes % (1024 * 1024) == 0 ? fmt::format("{} MiB", max_bytes / (1024 * 1024))
                                          : fmt::format("{} bytes", max_bytes);
  };
  struct stat st {};
  if (::lstat(abs_path.c_str(), &st) != 0) {
    diags.error(rel_path, {}, "unreadable-file",
                fmt::format("cannot read file: {}", std::strerror(errno)));
    return std::nullopt;
  }
  if (refuse_type(st.st_mode, rel_path, diags)) return std::nullopt;
  Fd fd(::open(abs_path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ELOOP) {
      diags.error(rel_path, {}, "not-a-regular-file",
                  "refused: this is a symbolic link; plan records must be regular files");
    } else {
      diags.error(rel_path, {}, "unreadable-file",
                  fmt::format("cannot read file: {}", std::strerror(errno)));
    }
    return std::nullopt;
  }
  if (::fstat(fd.get(), &st) != 0 || refuse_type(st.st_mode, rel_path, diags)) return std::nullopt;
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    diags.error(rel_path, {}, "file-too-large",
                fmt::format("file is {} bytes; {} may be at most {} ({} bytes)", st.st_size,
                            max_bytes == k_max_file_bytes ? "plan records" : "this file", limit(),
                            max_bytes));
    return std::nullopt;
  }
  // Sized from fstat, one byte more to notice a file that grew; never past the limit.
  std::string text;
  text.resize(std::min(static_cast<std::size_t>(st.st_size), max_bytes) + 1);
  std::size_t used = 0;
  while (true) {
    if (used == text.size()) {
      if (text.size() > max_bytes) break;
      text.resize(std::min(text.size() * 2, max_bytes + 1));
    }
    const ssize_t n = ::read(fd.get(), text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      diags.error(rel_path, {}, "unreadable-file",
                  fmt::format("cannot read file: {}", std::strerror(errno)));
      return std::nullopt;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  if (used > max_bytes) {
    diags.error(rel_path, {}, "file-too-large",
                fmt::format("file grew past {} while being read", limit()));
    return std::nullopt;
  }
  text.resize(used);
  if (!check_plan_text(text, rel_path, diags)) return std::nullopt;
  return text;
}

}  // namespace actionplan
