// actionplan gap-analysis: where the plan falls short.
#include <fmt/format.h>

#include "analysis/gaps.hpp"
#include "check/check.hpp"
#include "common.hpp"
#include "model/text.hpp"
#include "render/gaps.hpp"

namespace actionplan::cli {
namespace {

struct GapOptions {
  std::string format;  // md, html, json, csv; default from -o's extension, else md
  std::string paper = "a4";
  std::string output;
  std::string as_of;
  std::vector<std::string> objectives;
  std::string fail_on = "never";
};

int run_gap_analysis(const GapOptions& options, Session& session) {
  std::optional<Date> as_of = session.as_of(options.as_of);
  if (!as_of) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const std::string format_name = output_format(options.format, options.output, "md");
  if (format_name != "md" && format_name != "json" && format_name != "csv" && format_name != "html")
    return session.fail(fmt::format(
        "-o {}: gap-analysis writes md, html, json or csv; give --format", options.output));

  // As of a date means as known on that date: later values are left out, never an error.
  LoadResult loaded = load_and_check(*root, *as_of, session.load_options(), FutureDates::left_out);
  const LeftOut left_out = keep_known_on(loaded.plan, *as_of);
  const Plan& plan = loaded.plan;
  for (const std::string& id : options.objectives)
    if (!plan.objective(id))
      return session.fail("--objective: " +
                          unknown_reference_message("objective", "objectives", id,
                                                    plan.ids(RecordKind::objective)));
  // Errors make the numbers doubtful: show them, still analyse, exit 1.
  const int errors = session.show_plan_errors(loaded.diags, "the analysis below");

  GapAnalysis analysis = analyse_gaps(plan, *as_of, session.load_options().threads);
  if (!options.objectives.empty()) keep_objectives(analysis, options.objectives);
  const GapFormat format = format_name == "json"   ? GapFormat::json
                           : format_name == "csv"  ? GapFormat::csv
                           : format_name == "html" ? GapFormat::html
                                                   : GapFormat::markdown;
  const Paper paper = options.paper == "letter" ? Paper::letter : Paper::a4;
  if (const int code = session.emit(render_gaps(plan, analysis, format, paper), options.output))
    return code;
  session.err << gap_summary(analysis) << " (as of " << as_of->to_string() << ")\n";
  if (!left_out.empty()) session.err << "note: " << left_out_text(left_out, *as_of) << "\n";

  if (errors > 0) return k_exit_problems;
  return fails_gate(analysis.findings, options.fail_on) ? k_exit_problems : k_exit_ok;
}

}  // namespace

void add_gap_analysis_command(Command app, Session& session) {
  auto options = std::make_shared<GapOptions>();
  const Command sub = app.subcommand(
      "gap-analysis",
      "Find where the plan falls short: objectives without activities, funding or\n"
      "indicators, uncovered regions, missing leaders and representatives, indicators\n"
      "behind their targets, overdue milestones and activities, funding gaps and\n"
      "potential overlaps. Markdown (default), JSON or CSV on stdout or to -o FILE.");
  sub.option("--format", options->format,
             "md (default), html (self-contained, prints well), json or csv; default from "
             "-o's extension")
      .choices({"md", "html", "json", "csv"})
      .type_name("md|html|json|csv");
  sub.option("--paper", options->paper, "Page size of the printed HTML: a4 (default) or letter")
      .choices({"a4", "letter"})
      .type_name("a4|letter");
  sub.option("-o,--output", options->output,
             "Write to FILE (atomically, creating folders) instead of stdout")
      .type_name("FILE");
  sub.option("--as-of", options->as_of,
             "Date of the analysis (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today")
      .type_name("DATE");
  accept_id_lists(sub.option("--objective", options->objectives, "Only this objective (repeatable)")
                      .type_name("ID"));
  sub.option("--fail-on", options->fail_on,
             "Exit 1 when a finding of this severity or higher exists: high, medium, low or never "
             "(default)")
      .choices({"high", "medium", "low", "never"})
      .type_name("SEVERITY");
  sub.callback([options, &session] { session.exit_code = run_gap_analysis(*options, session); });
}

}  // namespace actionplan::cli
