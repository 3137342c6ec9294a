// actionplan report: the progress report.
#include <fmt/format.h>

#include "analysis/report.hpp"
#include "check/check.hpp"
#include "common.hpp"
#include "history/git.hpp"
#include "model/text.hpp"
#include "render/report.hpp"

namespace actionplan::cli {
namespace {

struct ReportOptions {
  int year = 0;
  std::string as_of;
  std::string since;
  std::string format;  // md, html or json; default from -o's extension, else md
  std::string paper = "a4";
  std::string output;
  std::vector<std::string> task_forces;
  std::vector<std::string> objectives;
};

// The errors of the plan at REV, as notes: they are not the working tree's, so they
// are indented (no editor or CI log takes them for a line to fix now) and few.
void show_errors_then(const Session& session, const Diagnostics& diags, const std::string& rev,
                      const std::string& commit) {
  constexpr int k_shown = 10;
  session.err << fmt::format(
      "note: the plan at {} (commit {}) has {}; in 'Changes since' each id counts once "
      "and records it could not read count as absent:\n",
      escape_controls(rev), commit, plural(diags.error_count(), "error", "errors"));
  int shown = 0;
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::error && shown++ < k_shown)
      session.err << "  " << format_diagnostic(d) << "\n";
  if (shown > k_shown) session.err << fmt::format("  ... and {} more\n", shown - k_shown);
}

int run_report(const ReportOptions& options, Session& session) {
  if (options.year && !options.as_of.empty())
    return session.fail("give --year or --as-of, not both");
  std::optional<Date> as_of;
  if (options.year)
    as_of = Date{options.year, 12, 31};
  else
    as_of = session.as_of(options.as_of);
  if (!as_of) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const std::string format = output_format(options.format, options.output, "md");
  if (format != "md" && format != "json" && format != "html")
    return session.fail(
        fmt::format("-o {}: report writes md, html or json; give --format", options.output));

  // As of a date means as known on that date: later values are left out, never an error.
  LoadResult loaded = load_and_check(*root, *as_of, session.load_options(), FutureDates::left_out);
  for (const std::string& id : options.objectives)
    if (!loaded.plan.objective(id))
      return session.fail("--objective: " +
                          unknown_reference_message("objective", "objectives", id,
                                                    loaded.plan.ids(RecordKind::objective)));
  for (const std::string& id : options.task_forces)
    if (!loaded.plan.task_force(id))
      return session.fail("--task-force: " +
                          unknown_reference_message("task force", "task forces", id,
                                                    loaded.plan.ids(RecordKind::task_force)));
  const int errors = session.show_plan_errors(loaded.diags, "the report below");
  ReportRequest request;
  request.as_of = *as_of;
  if (options.year) request.year = options.year;
  request.objectives = options.objectives;
  request.task_forces = options.task_forces;
  request.left_out = keep_known_on(loaded.plan, *as_of);
  request.threads = session.load_options().threads;
  ReportData report = build_report(loaded.plan, request);
  if (!options.since.empty()) {
    const PlanAtRevision then = read_plan_at_revision(*root, options.since);
    if (!then.error.empty()) return session.fail("--since: " + then.error);
    // Checked as the working tree is (ids, letter case, references...), so that no error
    // at REV passes unseen into "Changes since".
    LoadResult before = load_plan_from_memory(then.files, session.load_options().threads);
    before.diags.append(check_plan(before.plan, *as_of, FutureDates::left_out));
    before.diags.sort();
    report.changes = diff_plans(before.plan, loaded.plan);
    report.changes->revision = options.since;
    report.changes->commit = then.commit;
    report.changes->errors_then = before.diags.error_count();
    const RecordFileHistory history =
        record_file_revisions(*root, options.since, {"objectives", "indicators"});
    if (!history.error.empty()) session.err << "note: " << history.error << "\n";
    report.changes->revisions = target_revisions(history.revisions);
    report.changes->revisions_truncated = history.truncated;
    if (before.diags.has_errors())
      show_errors_then(session, before.diags, options.since, then.commit);
  }
  const unsigned threads = session.load_options().threads;
  const std::string text =
      format == "json" ? render_report_json(loaded.plan, report)
      : format == "html"
          ? render_report_html(loaded.plan, report,
                               options.paper == "letter" ? Paper::letter : Paper::a4, threads)
          : render_report_markdown(loaded.plan, report, threads);
  if (const int code = session.emit(text, options.output)) return code;
  session.err << report_summary(loaded.plan, report) << " (as of " << as_of->to_string() << ")\n";
  if (!report.left_out.empty())
    session.err << "note: " << left_out_text(report.left_out, *as_of) << "\n";
  return errors > 0 ? k_exit_problems : k_exit_ok;
}

}  // namespace

void add_report_command(Command app, Session& session) {
  auto options = std::make_shared<ReportOptions>();
  const Command sub = app.subcommand(
      "report",
      "Write the progress report: a summary first (where each objective stands, the\n"
      "decisions needed, what changed over the year), then the pipeline and funding, each\n"
      "goal and objective with its indicators (Mermaid charts) and activities, and annexes\n"
      "(gaps, rosters, activity details, regional coverage, changes since --since).\n"
      "As of a date means as known on that date: values dated later are left out.\n"
      "GitHub-flavoured Markdown (default), self-contained HTML for e-mail and print, or\n"
      "JSON, on stdout or to -o FILE.");
  sub.option("--year", options->year, "Report on this calendar year (as of 31 December)")
      .range(1000, 9999)
      .type_name("YYYY");
  sub.option("--as-of", options->as_of,
             "Date of the report (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today")
      .type_name("DATE");
  sub.option("--since", options->since,
             "Add 'Changes since REV' (a tag, branch or commit of the plan's git repository): "
             "activities added, removed, moved between stages, status and secured funding "
             "changes, indicator values recorded since")
      .type_name("REV")
      .check(
          [](std::string& rev) {
            return rev.empty()
                       ? std::string(
                             "REV is empty (an unset variable?); give a tag, branch or commit")
                       : std::string();
          },
          "not empty");
  accept_id_lists(
      sub.option("--task-force", options->task_forces,
                 "Only the objectives this task force works on: its annual report (repeatable)")
          .type_name("ID"));
  accept_id_lists(sub.option("--objective", options->objectives, "Only this objective (repeatable)")
                      .type_name("ID"));
  sub.option(
         "--format", options->format,
         "md (default), html (one self-contained file that prints well: charts as SVG, no script) "
         "or json; default from -o's extension")
      .choices({"md", "html", "json"})
      .type_name("md|html|json");
  sub.option("--paper", options->paper, "Page size of the printed HTML: a4 (default) or letter")
      .choices({"a4", "letter"})
      .type_name("a4|letter");
  sub.option("-o,--output", options->output,
             "Write to FILE (atomically, creating folders such as reports/) instead of stdout")
      .type_name("FILE");
  sub.callback([options, &session] { session.exit_code = run_report(*options, session); });
}

}  // namespace actionplan::cli
