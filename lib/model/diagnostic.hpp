#pragma once
// Diagnostics: one problem found in a plan, with its place in a file.
// Positions are 1-based; problems of a whole file sit at 1:1.
#include <string>
#include <string_view>
#include <vector>

namespace actionplan {

struct Position {
  int line = 0;
  int column = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

enum class Severity { error, warning };

struct Diagnostic {
  std::string path;  // relative to the plan root, '/' separated
  Position pos;
  Severity severity = Severity::error;
  std::string code;  // stable kebab-case rule name
  std::string message;
  // The key it is about: in a record file, the top-level key whose value is
  // wrong or missing ("budget", "stage"); in the problems of a command that
  // writes (add-*, import), the option key of ActivityOptions it came from
  // ("budget_estimate"), which the caller names as its option or CSV column.
  // Empty when no one key is to blame.
  std::string key;
};

// Collects diagnostics for one file or one plan; never throws on add.
class Diagnostics {
 public:
  void error(const std::string& path, Position pos, std::string code, std::string message,
             std::string key = {});
  void warning(const std::string& path, Position pos, std::string code, std::string message,
               std::string key = {});
  // A problem of a command's input that no file holds (an option's value): no
  // path, no position; `key` names the option key to blame, `code` may be empty.
  void input_error(std::string key, std::string code, std::string message);
  void append(const Diagnostics& other);
  // Makes the warnings of `code` errors (a rule that depends on the whole plan).
  void make_errors(std::string_view code);

  // Sorts by path (natural order), line, column, then severity and code.
  void sort();
  const std::vector<Diagnostic>& items() const { return m_items; }
  int error_count() const;
  int warning_count() const;
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> m_items;
};

// "PATH:LINE:COL: error: MESSAGE [CODE]"
std::string format_diagnostic(const Diagnostic& d);
// The message with its code, as a problem without a place shows it: "MESSAGE [CODE]",
// or "MESSAGE" when it has no code.
std::string message_with_code(const Diagnostic& d);

// PATH as the text form shows it: control characters escaped, and in double
// quotes (with \" and \\) when it holds a ':' or '"' or starts or ends with a
// space, so that "PATH:LINE:COL:" can always be split ("a:b.yaml" would not).
std::string diagnostic_path(std::string_view path);

}  // namespace actionplan
