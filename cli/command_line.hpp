#pragma once
// The commands' options and arguments, described without CLI11: command_line.cpp
// is the one file that includes the header-only library, whose inline code
// every including file compiled again (docs/ARCHITECTURE.md, "Build time").
// Each call does what its namesake in CLI11 does, or says which it uses.
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace actionplan::cli {

// An option ("-o,--output") or an argument ("FILE") of a command. The setters
// return the option, to chain them.
class CommandOption {
 public:
  explicit CommandOption(CLI::Option* option) : m_option(option) {}
  // The value's name in help: FILE, md|json.
  CommandOption type_name(const std::string& name) const;
  CommandOption required() const;
  // The value must be one of `words`; help shows the type name alone.
  CommandOption choices(std::initializer_list<const char*> words) const;
  // The value must be an integer from `min` to `max`; help shows the type name alone.
  CommandOption range(int min, int max) const;
  // `why_not` returns why a value is refused, or "" (help shows nothing of it).
  CommandOption check(std::function<std::string(std::string&)> why_not,
                      const std::string& name) const;
  // `rewrite` changes a value before the checks (returns "" or an error).
  CommandOption transform(std::function<std::string(std::string&)> rewrite,
                          const std::string& name) const;
  // A value given as "a,b" is split at `separator` into two.
  CommandOption delimiter(char separator) const;
  // One value each time the option is given (CLI11's allow_extra_args(false)).
  CommandOption one_value_each() const;
  // How many times it was given (after parsing).
  std::size_t count() const;

 private:
  CLI::Option* m_option;
};

// What completion scripts need of an option: its names ("-o", "--output"),
// whether it takes a value, and the value's type name.
struct OptionSummary {
  std::vector<std::string> names;
  bool flag = false;
  std::string type_name;
};

// A subcommand and its options (help and arguments included), in order.
struct CommandSummary {
  std::string name;
  std::vector<OptionSummary> options;
};

// The tool or one of its subcommands. The options store their values in
// variables that must outlive parsing.
class Command {
 public:
  explicit Command(CLI::App* app) : m_app(app) {}
  Command subcommand(const std::string& name, const std::string& help) const;
  CommandOption option(const std::string& names, std::string& value, const std::string& help) const;
  // Repeatable; each value is added.
  CommandOption option(const std::string& names, std::vector<std::string>& values,
                       const std::string& help) const;
  CommandOption option(const std::string& names, int& value, const std::string& help) const;
  CommandOption flag(const std::string& names, bool& value, const std::string& help) const;
  // Options whose values are handed to `take` instead of stored.
  CommandOption option_function(const std::string& names,
                                std::function<void(const std::string&)> take,
                                const std::string& help) const;
  CommandOption list_option_function(const std::string& names,
                                     std::function<void(const std::vector<std::string>&)> take,
                                     const std::string& help) const;
  // What runs after parsing when this command was chosen.
  void callback(std::function<void()> run) const;
  // The option of this name ("--force"); it must exist.
  CommandOption get_option(const std::string& name) const;
  // The subcommands, in the order they were added.
  std::vector<CommandSummary> subcommands() const;

 private:
  CLI::App* m_app;
};

// How parse() ended when no command ran: help or the version printed, or a
// refused command line.
struct ParseStop {
  int exit_code = 0;     // CLI11's, for --help and --version (0)
  bool refused = false;  // a usage error:
  std::string message;   // CLI11's message,
  std::string command;   // and the commands named before it: "actionplan list"
};

// The tool's command line; owns the commands.
class CommandLine {
 public:
  CommandLine(const std::string& description, const std::string& name);
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  Command root() const;
  void version_flag(const std::string& names, const std::string& version,
                    const std::string& help) const;
  void require_subcommand(int count) const;
  // Options of the tool are accepted after the subcommand too.
  void fallthrough() const;
  void footer(const std::string& text) const;
  // Parses `args` (without the program name) and runs the chosen command's
  // callback. Prints help and the version on `out`; a callback's exception
  // passes through.
  std::optional<ParseStop> parse(const std::vector<std::string>& args, std::ostream& out,
                                 std::ostream& err) const;

 private:
  std::unique_ptr<CLI::App> m_app;
};

}  // namespace actionplan::cli
