#pragma once
// Gap analysis: where the plan falls short. Pure: reads a Plan and the as-of
// date, returns findings, funding sums and the coverage matrix. The rules,
// codes and severities are documented in docs/commands.md (gap-analysis).
#include <optional>
#include <string>
#include <vector>

#include "analysis/progress.hpp"
#include "model/plan.hpp"

namespace actionplan {

enum class FindingSeverity { high, medium, low };
const char* severity_name(FindingSeverity severity);

// Sums of money: whole units stay exact to 2^64, where a double stops at 2^53
// (9,007,199,254,740,992), so a plan's totals print with their right digits.
using Money = long double;

struct Finding {
  std::string code;
  FindingSeverity severity = FindingSeverity::low;
  std::vector<std::string> subject;     // the ids it is about
  std::string message;                  // for people
  std::vector<std::string> objectives;  // the objectives it concerns (grouping, --objective)
  // Numbers, where the rule has them.
  std::optional<double> expected, actual, ratio, score;
  std::optional<std::string> currency;
  std::optional<Money> estimate_low, estimate_high, secured, gap_low, gap_high;
  std::optional<int> unknown_estimates;  // activities whose estimate is tbd or missing
  std::optional<std::string> region;
  std::optional<std::string> dimension, part;  // indicator-part-behind: the part behind
  std::optional<std::string> date;             // the date the rule looked at
  std::vector<std::string> shared_words;
};

// Money of a set of activities in one currency, each activity counted once.
// The gap is summed activity by activity (what each still lacks), since
// money earmarked for one project never covers another: a surplus never
// hides a shortfall, so the gap can exceed estimate − secured.
struct MoneyTotals {
  std::string currency;
  Money estimate_low = 0;
  Money estimate_high = 0;
  Money secured = 0;
  Money gap_low = 0;   // Σ max(0, low end − secured) over activities with an estimate
  Money gap_high = 0;  // Σ max(0, high end − secured)
  int unknown = 0;     // tbd or no estimate
  int none = 0;        // no additional funds required
};

// Adds one activity's budget to the totals of its currency (kept sorted by currency).
void add_budget(std::vector<MoneyTotals>& totals, const Activity& activity,
                const std::string& default_currency);

// Money needed and secured for one objective in one currency.
struct FundingLine {
  std::string objective;
  MoneyTotals money;
  int activities = 0;  // active activities with a budget in this currency
  int shared = 0;      // activities that also serve other objectives (counted in each)
};

// Objectives × regions: active activities per cell.
struct CoverageMatrix {
  std::vector<std::string> regions;  // the plan's regions in plan order, then "global"
  struct Row {
    std::string objective;
    std::vector<int> counts;     // per column of `regions`
    std::vector<bool> required;  // the objective must cover this region
    int total = 0;               // active activities serving the objective
  };
  std::vector<Row> rows;  // objectives in natural order
};

struct GapAnalysis {
  Date as_of;
  std::vector<Finding> findings;  // high first, then by code order, then by subject
  std::vector<FundingLine> funding;
  CoverageMatrix coverage;
};

// The finding codes in the order reports list them.
const std::vector<std::string>& finding_codes();

// `threads` workers search for overlaps (0: one per core); the result does not depend on it.
GapAnalysis analyse_gaps(const Plan& plan, const Date& as_of, unsigned threads = 0);

// Keeps only what concerns `objectives`: findings that name one of them,
// their funding lines and coverage rows.
void keep_objectives(GapAnalysis& analysis, const std::vector<std::string>& objectives);

// Money as people write it: 1,250,000 or 12,500.50.
std::string format_money(Money amount);
// "250,000" or "250,000–400,000".
std::string format_money_range(Money low, Money high);
// A total's estimate and gap for people: "unknown" when every estimate
// in it is still to be determined (tbd), never 0.
std::string estimate_text(const MoneyTotals& money);
std::string gap_text(const MoneyTotals& money);
// Indicator values for people: whole numbers from 100 up (grouped), else two decimals at most.
std::string format_quantity(double value);
// An indicator's value for people: "1,200" (a count), "43%", "43 ha", or a
// qualitative indicator's level ("in progress"; a value between two levels,
// such as one expected, is the nearer level).
std::string indicator_value_text(const Indicator& indicator, double value,
                                 const AnalysisSettings& settings);
// A recurring target's missed years: "2006 (0 against 1) and 2007 (nothing
// recorded against 1)", the latest five named and earlier ones counted ("and 12
// earlier years"); "" when none was missed.
std::string missed_years_text(const Indicator& indicator, const IndicatorProgress& progress,
                              const AnalysisSettings& settings);

}  // namespace actionplan
