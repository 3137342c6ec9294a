#pragma once
// Renders a gap analysis as Markdown, JSON or CSV. Returns strings.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "analysis/gaps.hpp"
#include "render/html.hpp"

namespace actionplan {

enum class GapFormat { markdown, json, csv, html };

// Markdown: summary table by code and severity, findings grouped by
// objective, funding per objective and currency, then the coverage matrix.
// HTML: the Markdown as a self-contained page (render/html), printed on `paper`.
std::string render_gaps(const Plan& plan, const GapAnalysis& analysis, GapFormat format,
                        Paper paper = Paper::a4);

// The objectives × regions table with its one-line legend (report reuses it).
std::string md_coverage_table(const Plan& plan, const CoverageMatrix& coverage);

// One finding as `gap-analysis --format json` writes it.
nlohmann::ordered_json finding_json(const Finding& finding);

// "12 findings: 2 high, 6 medium, 4 low"
std::string gap_summary(const GapAnalysis& analysis);

}  // namespace actionplan
