#pragma once
// The progress report as GitHub-flavoured Markdown (with Mermaid charts) or as
// JSON with the same content as numbers. Returns strings.
#include <string>
#include <vector>

#include "analysis/report.hpp"
#include "render/charts.hpp"
#include "render/html.hpp"

namespace actionplan {

// The objectives' sections are laid out by `threads` workers (0: one per core);
// the text does not depend on their number.
std::string render_report_markdown(const Plan& plan, const ReportData& report,
                                   unsigned threads = 0);
std::string render_report_json(const Plan& plan, const ReportData& report);
// The same document as the Markdown, self-contained HTML with its charts as inline SVG.
std::string render_report_html(const Plan& plan, const ReportData& report, Paper paper,
                               unsigned threads = 0);

// The report's charts in the order its Markdown shows them: the pipeline, then
// each indicator with a series (the annex of charts).
std::vector<Chart> report_charts(const Plan& plan, const ReportData& report);

// The version of the JSON report's layout (docs/commands.md documents every
// key); raised when a key changes meaning or goes away.
inline constexpr int k_report_json_version = 1;

// "31 projects, 9 funded; 17 work-plan activities; 5 of 12 indicators on track …"
std::string report_summary(const Plan& plan, const ReportData& report);

}  // namespace actionplan
