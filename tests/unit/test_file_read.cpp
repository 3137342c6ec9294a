#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "helpers.hpp"
#include "load/file_read.hpp"

using namespace actionplan;

namespace {
std::vector<std::string> check_text(std::string text) {
  Diagnostics diags;
  check_plan_text(text, "a.yaml", diags);
  return test::lines(diags);
}
}  // namespace

TEST_CASE("clean UTF-8 passes; BOM removed; CRLF kept") {
  std::string text = "\xEF\xBB\xBFid: x\r\ntitle: caf\xC3\xA9 \xE2\x82\xAC\t\n";
  Diagnostics diags;
  CHECK(check_plan_text(text, "a.yaml", diags));
  CHECK(diags.items().empty());
  CHECK(text == "id: x\r\ntitle: caf\xC3\xA9 \xE2\x82\xAC\t\n");
}

TEST_CASE("encoding problems are refused with a position") {
  using V = std::vector<std::string>;
  CHECK(check_text(std::string("\xFF\xFEi\0d\0", 6)) ==
        V{"a.yaml:1:1: error: file is UTF-16 encoded; save it as UTF-8 [bad-encoding]"});
  CHECK(check_text(std::string("\xFF\xFE\0\0", 4)) ==
        V{"a.yaml:1:1: error: file is UTF-32 encoded; save it as UTF-8 [bad-encoding]"});
  CHECK(
      check_text("id: a\ntitle: caf\xE9\n") ==
      V{"a.yaml:2:11: error: invalid UTF-8 byte sequence; save the file as UTF-8 [invalid-utf8]"});
  CHECK(check_text("a: \xED\xA0\x80\n") ==  // a UTF-16 surrogate
        V{"a.yaml:1:4: error: invalid UTF-8 byte sequence; save the file as UTF-8 [invalid-utf8]"});
  CHECK(check_text(std::string("id: a\0", 6)) ==
        V{"a.yaml:1:6: error: NUL byte in file (is it UTF-16? save it as UTF-8) "
          "[control-character]"});
  CHECK(check_text("id: a\x1b[31m\n") == V{"a.yaml:1:6: error: control character U+001B is not "
                                           "allowed; remove it [control-character]"});
  CHECK(check_text("id: \x7f\n") == V{"a.yaml:1:5: error: control character U+007F is not allowed; "
                                      "remove it [control-character]"});
  CHECK(check_text("id: \xC3\xA9\xE2\x80\xA8x\n") ==
        V{"a.yaml:1:7: error: line separator U+2028 is not allowed: YAML readers take it for a "
          "line break; use "
          "a real line break, or write \\L inside double quotes [control-character]"});
  CHECK(check_text("# \xE2\x80\xA9\n") ==
        V{"a.yaml:1:3: error: paragraph separator U+2029 is not allowed: YAML readers take it for "
          "a line break; "
          "use a real line break, or write \\P inside double quotes [control-character]"});
  CHECK(
      check_text("id: a\rtitle: b\n") ==
      V{"a.yaml:1:6: error: carriage return (CR) without line feed; save the file with LF or CRLF "
        "line endings [lone-cr]"});
}

TEST_CASE("only regular files are read") {
  test::TempDir dir;
  dir.write("ok.yaml", "id: ok\n");
  ::symlink((dir.path() / "ok.yaml").c_str(), (dir.path() / "link.yaml").c_str());
  ::mkfifo((dir.path() / "fifo.yaml").c_str(), 0644);
  std::filesystem::create_directory(dir.path() / "folder.yaml");
  dir.write("big.yaml", std::string(k_max_file_bytes + 1, 'x'));
  dir.write("limit.yaml", "a: " + std::string(k_max_file_bytes - 4, 'x') + "\n");

  Diagnostics diags;
  CHECK(read_plan_file(dir.path() / "ok.yaml", "ok.yaml", diags) == "id: ok\n");
  CHECK(read_plan_file(dir.path() / "limit.yaml", "limit.yaml", diags).has_value());
  CHECK_FALSE(read_plan_file(dir.path() / "link.yaml", "link.yaml", diags));
  CHECK_FALSE(read_plan_file(dir.path() / "fifo.yaml", "fifo.yaml", diags));
  CHECK_FALSE(read_plan_file(dir.path() / "folder.yaml", "folder.yaml", diags));
  CHECK_FALSE(read_plan_file(dir.path() / "big.yaml", "big.yaml", diags));
  CHECK_FALSE(read_plan_file(dir.path() / "missing.yaml", "missing.yaml", diags));
  CHECK(
      test::lines(diags) ==
      std::vector<std::string>{
          "link.yaml:1:1: error: refused: this is a symbolic link; plan records must be regular "
          "files [not-a-regular-file]",
          "fifo.yaml:1:1: error: refused: this is a FIFO (named pipe); plan records must be "
          "regular files [not-a-regular-file]",
          "folder.yaml:1:1: error: refused: this is a folder; plan records must be regular files "
          "[not-a-regular-file]",
          "big.yaml:1:1: error: file is 1048577 bytes; plan records may be at most 1 MiB (1048576 "
          "bytes) [file-too-large]",
          "missing.yaml:1:1: error: cannot read file: No such file or directory [unreadable-file]",
      });
}
