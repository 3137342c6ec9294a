#pragma once
// Renders `diff` (analysis/plan_diff.hpp): Markdown for a pull-request comment,
// or JSON. Returns strings.
#include <string>

#include "analysis/plan_diff.hpp"

namespace actionplan {

// The two states compared, for the heading: as the user named them and what
// they resolved to ("" for the working tree).
struct DiffStates {
  std::string base, base_commit;
  std::string head, head_commit;  // head "": the working tree
  Date as_of;
};

// GitHub's limit for a comment; the Markdown stays under it.
inline constexpr std::size_t k_max_comment = 65536;

// Markdown: a one-paragraph summary, then gaps opened, closed and moved,
// statuses changed, records added, removed and changed (field by field), and
// the validation problems introduced. Past `limit` characters, each list is
// cut (its count kept) and a line says what was left out.
std::string render_diff_markdown(const Plan& after, const PlanDiff& diff, const DiffStates& states,
                                 std::size_t limit = k_max_comment - 1536);
std::string render_diff_json(const PlanDiff& diff, const DiffStates& states);

// "1 record added, 2 changed; 1 gap opened, 2 closed; 1 status changed; 1 new problem"
std::string diff_summary(const PlanDiff& diff);

}  // namespace actionplan
