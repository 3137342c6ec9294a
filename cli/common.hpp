#pragma once
// Helpers shared by the subcommands: globals, plan discovery, the as-of date.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "analysis/gaps.hpp"
#include "command_line.hpp"
#include "load/plan_loader.hpp"
#include "model/values.hpp"
#include "run.hpp"
#include "write/add_record.hpp"
#include "write/record_edits.hpp"

namespace actionplan::cli {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_problems = 1;
inline constexpr int k_exit_failure = 2;

// State shared by every subcommand of one run.
struct Session {
  std::ostream& out;
  std::ostream& err;
  const Context& context;
  std::string dir;  // -C
  int exit_code = 0;

  // Prints "actionplan: error: MESSAGE" on stderr and returns exit code 2.
  int fail(const std::string& message) const;
  // The folder commands start from: -C DIR (relative to cwd) or cwd.
  std::filesystem::path start_dir() const;
  // The plan root above start_dir(), or nullopt after reporting (exit 2).
  std::optional<std::filesystem::path> plan_root() const;
  // --as-of, else SOURCE_DATE_EPOCH, else today; nullopt after reporting.
  std::optional<Date> as_of(const std::string& option) const;
  // Writes a command's result to stdout, or with -o to FILE (relative to the
  // current folder; parent folders created; replaced atomically). Returns
  // an exit code: 0, or 2 after reporting a failed write.
  int emit(const std::string& result, const std::string& output) const;
  // What to load, with the worker count of $ACTIONPLAN_THREADS (checked by run()).
  LoadOptions load_options(LoadOptions options = {}) const;
  // Prints a plan's errors on stderr, then a warning that `what` may be
  // incomplete; returns how many errors there were (commands still run).
  int show_plan_errors(const Diagnostics& diags, const std::string& what) const;
  // Prints the problems of a command that writes, one line each: a file's as
  // PATH:LINE:COL: error: ...; an option's as "actionplan: error: OPTION: MESSAGE
  // [CODE]", OPTION named by `option_names` from the problem's key (else --KEY).
  void show_problems(const Diagnostics& problems,
                     const std::map<std::string, std::string>& option_names) const;
  // Writes an edit of an existing record (atomically), or reports why not:
  // exit 2 and nothing written. Prints the file's path on stdout.
  int apply_edit(const FileEdit& edit, const std::filesystem::path& root) const;
  // Creates a prepared new record (exclusively, atomically), or reports why
  // not, or with `dry_run` prints its YAML. Returns the exit code; on success
  // the caller prints what it wants (the path, or JSON).
  int create_record(const PreparedActivity& prepared, const ActivityOptions& options,
                    const std::filesystem::path& root, bool dry_run) const;
  // False after reporting (PATH:1:1: error ... [not-a-folder]) when the folder
  // that would receive `rel_path` is a symbolic link or not a folder.
  bool writable_folder(const std::filesystem::path& root, const std::string& rel_path) const;
  // Before a command writes to the plan: removes the temporary files that an
  // interrupted (killed) write left in the plan's root and record folders,
  // and says so on stderr.
  void remove_interrupted_writes(const std::filesystem::path& root) const;
  // Puts a TITLE argument into the options' title; false (reported) when
  // --title says something else.
  bool take_title_argument(const std::string& argument, ActivityOptions& options) const;
};

// Registers a subcommand; each cmd_<name>.cpp defines one.
void add_init_command(Command app, Session& session);
void add_validate_command(Command app, Session& session);
void add_schema_command(Command app, Session& session);
void add_gap_analysis_command(Command app, Session& session);
void add_report_command(Command app, Session& session);
void add_add_project_command(Command app, Session& session);
void add_record_command(Command app, Session& session);
void add_record_creation_commands(Command app,
                                  Session& session);  // add-objective, -task-force, -indicator
void add_set_stage_command(Command app, Session& session);
void add_list_command(Command app, Session& session);
void add_import_command(Command app, Session& session);
void add_completion_command(Command app, Session& session);
void add_show_command(Command app, Session& session);
void add_diff_command(Command app, Session& session);
void add_forms_command(Command app, Session& session);  // forms and intake

// --fail-on of gap-analysis and diff: whether a finding has the severity
// `fail_on` names ("high", "medium", "low") or a higher one; never for "never".
bool fails_gate(const std::vector<Finding>& findings, const std::string& fail_on);

// $ACTIONPLAN_THREADS's worker count: a number from 1 to 1024, else nullopt.
std::optional<unsigned> thread_count(const std::string& text);

// Registers the options of add-project or add-objective, add-task-force,
// add-indicator (add_options: from the kind's field table) on `sub`; each fills
// `options` (and names itself in options->option_names, for messages).
void add_record_options(Command sub, RecordKind kind, std::shared_ptr<ActivityOptions> options);

// A repeatable option of ids that also takes a comma-separated list, as people
// type it: -O O3,O4 or -O "O3, O4" is -O O3 -O O4. Returns the option.
CommandOption accept_id_lists(CommandOption option);

// The output format: --format when given, else the one named by -o's
// extension (".json" → "json", ".md" → "md", ".csv", ".tsv", ".yaml"), else `fallback`.
std::string output_format(const std::string& format_option, const std::string& output,
                          const std::string& fallback);

}  // namespace actionplan::cli
