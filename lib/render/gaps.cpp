#include "render/gaps.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/text.hpp"
#include "render/csv.hpp"
#include "render/markdown.hpp"
#include "render/records.hpp"

namespace actionplan {
namespace {

using nlohmann::ordered_json;

int count(const GapAnalysis& a, FindingSeverity s) {
  return static_cast<int>(std::count_if(a.findings.begin(), a.findings.end(),
                                        [&](const Finding& f) { return f.severity == s; }));
}

std::string number_text(const std::optional<double>& v) {
  return v ? format_number(std::round(*v * 10000) / 10000) : "";
}

std::string objective_heading(const Plan& plan, const std::string& id) {
  const Objective* o = plan.objective(id);
  return o && o->title ? fmt::format("{}: {}", md_text(id), md_text(o->title->value)) : md_text(id);
}

std::string markdown(const Plan& plan, const GapAnalysis& a) {
  const std::string objective = md_term(plan, "objective", "objective");
  const std::string objectives = md_term(plan, "objectives", "objectives");
  std::string out = fmt::format("# Gap analysis: {}\n\n",
                                md_text(plan.info.title ? plan.info.title->value : "plan"));
  out += fmt::format("As of {}. {}.\n\n", a.as_of.to_string(), gap_summary(a));

  // Summary: counts by code and severity.
  std::vector<std::vector<std::string>> rows;
  for (const std::string& code : finding_codes()) {
    int by[3] = {0, 0, 0};
    for (const Finding& f : a.findings)
      if (f.code == code) ++by[static_cast<int>(f.severity)];
    if (by[0] + by[1] + by[2] == 0) continue;
    auto cell = [](int n) { return n ? std::to_string(n) : std::string(); };
    rows.push_back({md_code(code), cell(by[0]), cell(by[1]), cell(by[2])});
  }
  rows.push_back({"**total**", std::to_string(count(a, FindingSeverity::high)),
                  std::to_string(count(a, FindingSeverity::medium)),
                  std::to_string(count(a, FindingSeverity::low))});
  out += md_table({"finding", "high", "medium", "low"}, "lrrr", rows) + "\n";

  // Findings grouped by objective; a finding about several objectives is listed under each.
  out += fmt::format("## Findings by {}\n\n", objective);
  auto item = [](const Finding& f) {
    return fmt::format("- **{}** {}: {}\n", severity_name(f.severity), md_code(f.code),
                       md_text(f.message));
  };
  bool any = false;
  for (const CoverageMatrix::Row& row : a.coverage.rows) {
    std::string items;
    std::vector<std::string> uncovered;  // region gaps read best as one line
    for (const Finding& f : a.findings) {
      if (std::find(f.objectives.begin(), f.objectives.end(), row.objective) == f.objectives.end())
        continue;
      if (f.code == "region-gap" && f.region)
        uncovered.push_back(plan.region_name(*f.region));
      else
        items += item(f);
    }
    if (!uncovered.empty())
      items += fmt::format("- **low** {}: no active {} in {}\n", md_code("region-gap"),
                           md_term(plan, "activity", "activity"), md_text(join(uncovered, ", ")));
    if (items.empty()) continue;
    out += fmt::format("### {}\n\n{}\n", objective_heading(plan, row.objective), items);
    any = true;
  }
  std::string other;
  for (const Finding& f : a.findings)
    if (f.objectives.empty()) other += item(f);
  if (!other.empty()) {
    out += fmt::format("### Not tied to one {}\n\n{}\n", objective, other);
    any = true;
  }
  if (!any) out += "No findings.\n\n";

  // Funding per objective and currency.
  if (!a.funding.empty()) {
    out += "## Funding\n\n";
    out += fmt::format(
        "Estimates of active {} per {} and currency; ranges give a low and a high sum. "
        "An activity serving several {} is counted in each (column *shared*).\n\n",
        md_term(plan, "activities", "activities"), objective, objectives);
    std::vector<std::vector<std::string>> funding_rows;
    for (const FundingLine& line : a.funding) {
      const MoneyTotals& m = line.money;
      funding_rows.push_back(
          {md_text(line.objective), md_text(m.currency), estimate_text(m), format_money(m.secured),
           gap_text(m), std::to_string(line.activities), m.unknown ? std::to_string(m.unknown) : "",
           m.none ? std::to_string(m.none) : "", line.shared ? std::to_string(line.shared) : ""});
    }
    out += md_table({capitalised(objective), "currency", "estimated", "secured", "gap",
                     "activities", "estimate unknown", "no funds needed", "shared"},
                    "llrrrrrrr", funding_rows) +
           "\n";
  }

  // Coverage matrix, last.
  out += fmt::format("## Coverage: {} × regions\n\n", objectives);
  out += md_coverage_table(plan, a.coverage);
  return out;
}

std::string json(const Plan& plan, const GapAnalysis& a) {
  ordered_json doc;
  doc["as_of"] = a.as_of.to_string();
  doc["plan"] = plan.info.title ? plan.info.title->value : "";
  ordered_json findings = ordered_json::array();
  for (const Finding& f : a.findings) findings.push_back(finding_json(f));
  doc["findings"] = std::move(findings);
  ordered_json by_code = ordered_json::object();
  for (const std::string& code : finding_codes()) {
    const auto n = std::count_if(a.findings.begin(), a.findings.end(),
                                 [&](const Finding& f) { return f.code == code; });
    if (n) by_code[code] = n;
  }
  doc["summary"] = {{"total", a.findings.size()},
                    {"high", count(a, FindingSeverity::high)},
                    {"medium", count(a, FindingSeverity::medium)},
                    {"low", count(a, FindingSeverity::low)},
                    {"by_code", std::move(by_code)}};
  ordered_json funding = ordered_json::array();
  for (const FundingLine& l : a.funding)
    funding.push_back({{"objective", l.objective},
                       {"currency", l.money.currency},
                       {"estimate_low", l.money.estimate_low},
                       {"estimate_high", l.money.estimate_high},
                       {"secured", l.money.secured},
                       {"gap_low", l.money.gap_low},
                       {"gap_high", l.money.gap_high},
                       {"activities", l.activities},
                       {"unknown_estimates", l.money.unknown},
                       {"no_funds_needed", l.money.none},
                       {"shared", l.shared}});
  doc["funding"] = std::move(funding);
  ordered_json rows = ordered_json::array();
  for (const CoverageMatrix::Row& row : a.coverage.rows) {
    ordered_json counts = ordered_json::object();
    ordered_json required = ordered_json::array();
    for (std::size_t c = 0; c < row.counts.size(); ++c) {
      counts[a.coverage.regions[c]] = row.counts[c];
      if (row.required[c]) required.push_back(a.coverage.regions[c]);
    }
    rows.push_back({{"objective", row.objective},
                    {"counts", std::move(counts)},
                    {"required", std::move(required)},
                    {"total", row.total}});
  }
  doc["coverage"] = {{"regions", a.coverage.regions}, {"rows", std::move(rows)}};
  return json_text(std::move(doc));
}

std::string csv(const GapAnalysis& a) {
  std::string out = csv_row({"code", "severity", "subject", "objectives", "message", "expected",
                             "actual", "ratio", "currency", "estimate_low", "estimate_high",
                             "secured", "gap_low", "gap_high", "score", "region", "date"});
  for (const Finding& f : a.findings)
    out +=
        csv_row({f.code, severity_name(f.severity), join(f.subject, "; "), join(f.objectives, "; "),
                 f.message, number_text(f.expected), number_text(f.actual), number_text(f.ratio),
                 f.currency.value_or(""), number_text(f.estimate_low), number_text(f.estimate_high),
                 number_text(f.secured), number_text(f.gap_low), number_text(f.gap_high),
                 number_text(f.score), f.region.value_or(""), f.date.value_or("")});
  return out;
}

}  // namespace

ordered_json finding_json(const Finding& f) {
  ordered_json j;
  j["code"] = f.code;
  j["severity"] = severity_name(f.severity);
  j["subject"] = f.subject;
  j["message"] = f.message;
  j["objectives"] = f.objectives;
  auto put = [&](const char* key, const auto& value) {
    if (value) j[key] = *value;
  };
  put("expected", f.expected);
  put("actual", f.actual);
  put("ratio", f.ratio);
  put("score", f.score);
  put("currency", f.currency);
  put("estimate_low", f.estimate_low);
  put("estimate_high", f.estimate_high);
  put("secured", f.secured);
  put("gap_low", f.gap_low);
  put("gap_high", f.gap_high);
  put("unknown_estimates", f.unknown_estimates);
  put("region", f.region);
  put("dimension", f.dimension);
  put("part", f.part);
  put("date", f.date);
  if (!f.shared_words.empty()) j["shared_words"] = f.shared_words;
  return j;
}

std::string md_coverage_table(const Plan& plan, const CoverageMatrix& coverage) {
  const std::string objective = md_term(plan, "objective", "objective");
  std::string out = fmt::format(
      "Active {} per {} and region. **0** marks a region the {} must cover with no activity; "
      "an empty cell, a region it need not cover.\n\n",
      md_term(plan, "activities", "activities"), objective, objective);
  std::vector<std::string> header = {capitalised(objective)};
  std::string align = "l";
  for (const std::string& r : coverage.regions) {
    header.push_back(md_text(plan.region_name(r)));
    align += 'r';
  }
  header.push_back("total");
  align += 'r';
  std::vector<std::vector<std::string>> matrix;
  for (const CoverageMatrix::Row& row : coverage.rows) {
    std::vector<std::string> cells = {md_text(row.objective)};
    for (std::size_t c = 0; c < row.counts.size(); ++c) {
      if (row.counts[c] > 0)
        cells.push_back(std::to_string(row.counts[c]));
      else
        cells.push_back(row.required[c] ? "**0**" : "");
    }
    cells.push_back(std::to_string(row.total));
    matrix.push_back(std::move(cells));
  }
  return out + md_table(header, align, matrix);
}

std::string gap_summary(const GapAnalysis& a) {
  return fmt::format("{}: {} high, {} medium, {} low",
                     plural(static_cast<long long>(a.findings.size()), "finding", "findings"),
                     count(a, FindingSeverity::high), count(a, FindingSeverity::medium),
                     count(a, FindingSeverity::low));
}

std::string render_gaps(const Plan& plan, const GapAnalysis& analysis, GapFormat format,
                        Paper paper) {
  switch (format) {
    case GapFormat::markdown:
      return markdown(plan, analysis);
    case GapFormat::html:
      return html_document(
          "Gap analysis: " + (plan.info.title ? plan.info.title->value : std::string("plan")),
          markdown(plan, analysis), {}, paper);
    case GapFormat::json:
      return json(plan, analysis);
    case GapFormat::csv:
      return csv(analysis);
  }
  return "";
}

}  // namespace actionplan
