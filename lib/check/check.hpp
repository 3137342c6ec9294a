#pragma once
// Cross-record rules of FORMAT.md: ids equal file names and are unique (also
// ignoring case), references resolve, dates and amounts are possible. Reads
// the plan only; the as-of date is the only clock input.
#include <filesystem>

#include "load/plan_loader.hpp"
#include "model/plan.hpp"

namespace actionplan {

// What a date after the as-of date is: an error (`validate`: "check the
// date"), or data not yet known on that date, which report and gap-analysis
// leave out (see keep_known_on) instead of failing.
enum class FutureDates { error, left_out };

// Every problem found, unsorted (callers merge and sort).
Diagnostics check_plan(const Plan& plan, const Date& as_of,
                       FutureDates future = FutureDates::error);

// Loads the plan at `root` and runs every check: what `validate` reports and
// what every command reading a plan starts from. Diagnostics are sorted.
LoadResult load_and_check(const std::filesystem::path& root, const Date& as_of,
                          const LoadOptions& options = {}, FutureDates future = FutureDates::error);

// What checking one new record of `kind` against the plan needs: plan.yaml,
// objectives and task forces decoded (few), activities and indicators by file
// name only (enough for references), and `kind` itself not at all: the caller
// compares the new id with the file names. Cost does not grow with activities.
// `validate --since BASE` and `diff`: changes to values already published. For
// each indicator of `now` and its record in `then`, a measurement dated on or
// before now's plan.yaml `closed_until` that differs from then's measurement of
// the same date (value, ratio, level or parts), or that then did not have, is an
// error at its line (`closed-period`) unless it gives `restated` (a reason); a
// measurement then had and now lacks is an error at the indicator's
// `measurements`. Nothing without `closed_until`.
Diagnostics check_closed_period(const Plan& then, const Plan& now);

LoadOptions scope_for_new_record(RecordKind kind);

// What checking an edit of the record `id` of `kind` needs: the same, with
// that one record read and decoded.
LoadOptions scope_for_edit(RecordKind kind, const std::string& id);

// True for an assigned ISO 3166-1 alpha-2 code (and XK, Kosovo).
bool is_country_code(std::string_view code);

// "unknown level 'x'; the plan's scale (lowest first): …; did you mean …?"
// (unknown-level), for validate and for `record --level`.
std::string unknown_level_message(const std::string& level, const std::vector<std::string>& scale);

}  // namespace actionplan
