// Fuzz target (b): a whole small plan through gap analysis and the report.
// The input is split into plan files (fuzz::plan_from_input: "==> PATH" lines;
// without plan.yaml the files go into the base plan), loaded and checked, then
// analysed and rendered as `gap-analysis` (md, json, csv, one objective only)
// and `report` (md, json, with "changes since" the base plan) would.
// Checks: nothing throws or crashes; the Markdown keeps every table's column
// count, carries no raw HTML from the input and its Mermaid charts stay
// well formed; JSON parses; CSV rows keep their width and hold no formulas;
// every output is valid UTF-8.
#include "analysis/changes.hpp"
#include "analysis/gaps.hpp"
#include "analysis/report.hpp"
#include "check/check.hpp"
#include "fuzz_common.hpp"
#include "render/gaps.hpp"
#include "render/report.hpp"

using namespace actionplan;

namespace {

const Plan& base_plan() {
  static const LoadResult k_base = load_plan_from_memory(fuzz::base_plan_files(), 1);
  return k_base.plan;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::InputPlan input = fuzz::plan_from_input(fuzz::as_text(data, size));
  const std::vector<PlanFileContent> files =
      input.whole ? input.files : fuzz::over_base(input.files);
  const LoadResult loaded =
      input.whole ? load_plan_from_memory(files, 1) : fuzz::load_over_base(input.files);
  const Plan& plan = loaded.plan;
  Diagnostics diags = loaded.diags;
  diags.append(check_plan(plan, fuzz::as_of()));
  diags.sort();
  fuzz::check_diagnostics(diags, files);

  // `report --since v1` (the gap analysis is part of the report).
  ReportRequest request;
  request.as_of = fuzz::as_of();
  request.threads = 1;
  ReportData report = build_report(plan, request);
  report.changes = diff_plans(base_plan(), plan);
  report.changes->revision = "v1";
  report.changes->commit = "0123456789abcdef0123456789abcdef01234567";
  fuzz::check_markdown(render_report_markdown(plan, report), "report (Markdown)");
  fuzz::check_json(render_report_json(plan, report), "report (JSON)");
  fuzz::check_html(render_report_html(plan, report, Paper::a4, 1),
                   report_charts(plan, report).size(), "report (HTML)");
  fuzz::check_utf8(report_summary(plan, report), "report summary");

  // `gap-analysis` in each format, then for one objective.
  GapAnalysis& gaps = report.gaps;
  fuzz::check_markdown(render_gaps(plan, gaps, GapFormat::markdown), "gap-analysis (Markdown)");
  fuzz::check_json(render_gaps(plan, gaps, GapFormat::json), "gap-analysis (JSON)");
  fuzz::check_csv(render_gaps(plan, gaps, GapFormat::csv), "gap-analysis (CSV)");
  fuzz::check_utf8(gap_summary(gaps), "gap summary");
  if (!plan.objectives.empty()) {
    keep_objectives(gaps, {plan.objectives.front().id.value});
    fuzz::check_markdown(render_gaps(plan, gaps, GapFormat::markdown),
                         "gap-analysis --objective (Markdown)");
  }
  return 0;
}
