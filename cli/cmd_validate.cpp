// actionplan validate: report every problem of the plan.
#include <cstdlib>

#include "check/check.hpp"
#include "common.hpp"
#include "history/git.hpp"
#include "render/diagnostics.hpp"

namespace actionplan::cli {
namespace {

struct ValidateOptions {
  std::string format;  // text, json, github; default from -o's extension, else text
  bool strict = false;
  std::string as_of;
  std::string output;
  std::string since;  // BASE: also check changes to published values since then
};

int run_validate(const ValidateOptions& options, Session& session) {
  std::optional<Date> as_of = session.as_of(options.as_of);
  if (!as_of) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;

  const std::string name = output_format(options.format, options.output, "text");
  if (name != "text" && name != "json" && name != "github")
    return session.fail("-o " + options.output +
                        ": validate writes text, json or github; give --format");
  const DiagnosticFormat format = name == "json"     ? DiagnosticFormat::json
                                  : name == "github" ? DiagnosticFormat::github
                                                     : DiagnosticFormat::text;
  LoadResult loaded = load_and_check(*root, *as_of, session.load_options());
  if (!options.since.empty()) {
    const PlanAtRevision then = read_plan_at_revision(*root, options.since);
    if (!then.error.empty()) return session.fail("--since: " + then.error);
    const LoadResult base = load_plan_from_memory(then.files, session.load_options().threads);
    loaded.diags.append(check_closed_period(base.plan, loaded.plan));
    loaded.diags.sort();
  }
  const Diagnostics& diags = loaded.diags;

  std::string prefix;
  if (format == DiagnosticFormat::github) {
    const char* workspace = std::getenv("GITHUB_WORKSPACE");
    prefix = annotation_prefix(*root, workspace ? workspace : "");
  }
  const std::string rendered =
      render_diagnostics(diags, format, loaded.plan.files_read, *as_of, prefix);
  if (!options.output.empty()) {
    if (const int code = session.emit(rendered, options.output)) return code;
  } else {
    (format == DiagnosticFormat::text ? session.err : session.out) << rendered;
  }
  session.err << summary_line(diags, loaded.plan.files_read) << "\n";
  if (diags.has_errors() || (options.strict && diags.warning_count() > 0)) return k_exit_problems;
  return k_exit_ok;
}

}  // namespace

void add_validate_command(Command app, Session& session) {
  auto options = std::make_shared<ValidateOptions>();
  const Command sub = app.subcommand(
      "validate",
      "Check the whole plan and report every problem (not just the first).\n"
      "Diagnostics read PATH:LINE:COL: error: MESSAGE [CODE], one per line, on stderr;\n"
      "--format json or github writes them to stdout. A summary line goes to stderr.\n"
      "Exit 1 when there are errors (or warnings with --strict). Never changes a file.");
  sub.option("--format", options->format,
             "text (default), json, or github (GitHub Actions annotations, with paths from the git "
             "repository's root, or from GITHUB_WORKSPACE, so they attach to the pull request's "
             "lines); "
             "default from -o's extension")
      .choices({"text", "json", "github"})
      .type_name("text|json|github");
  sub.option("-o,--output", options->output,
             "Write the diagnostics to FILE (atomically, creating folders); the summary stays "
             "on stderr")
      .type_name("FILE");
  sub.flag("--strict", options->strict, "Exit 1 on warnings too");
  sub.option("--since", options->since,
             "Also report changes since BASE (a commit, tag or branch) to values already "
             "published: dated on or before plan.yaml's closed_until, without a 'restated' "
             "reason (closed-period)")
      .type_name("BASE");
  sub.option("--as-of", options->as_of,
             "Date to check against (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today")
      .type_name("DATE");
  sub.callback([options, &session] { session.exit_code = run_validate(*options, session); });
}

}  // namespace actionplan::cli
