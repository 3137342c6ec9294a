#pragma once
// Cross-record rules of FORMAT.md: ids equal file names and are unique (also
// ignoring case), references resolve, dates and amounts are possible. Reads
// the plan only; the as-of date is the only clock input.
#include <filesystem>

#include "load/plan_loader.hpp"
#include "model/plan.hpp"

namespace actionplan {

// Every problem found, unsorted (callers merge and sort).
Diagnostics check_plan(const Plan& plan, const Date& as_of);

// Loads the plan at `root` and runs every check: what `validate` reports and
// what every command reading a plan starts from. Diagnostics are sorted.
LoadResult load_and_check(const std::filesystem::path& root, const Date& as_of);

// True for an assigned ISO 3166-1 alpha-2 code (and XK, Kosovo).
bool is_country_code(std::string_view code);

}  // namespace actionplan
