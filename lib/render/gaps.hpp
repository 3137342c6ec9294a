#pragma once
// Renders a gap analysis as Markdown, JSON or CSV. Returns strings.
#include <string>

#include "analysis/gaps.hpp"

namespace actionplan {

enum class GapFormat { markdown, json, csv };

// Markdown: summary table by code and severity, findings grouped by
// objective, funding per objective and currency, then the coverage matrix.
std::string render_gaps(const Plan& plan, const GapAnalysis& analysis, GapFormat format);

// The objectives × regions table with its one-line legend (report reuses it).
std::string md_coverage_table(const Plan& plan, const CoverageMatrix& coverage);

// "12 findings: 2 high, 6 medium, 4 low"
std::string gap_summary(const GapAnalysis& analysis);

}  // namespace actionplan
