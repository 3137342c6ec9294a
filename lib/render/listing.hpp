#pragma once
// Output of `list` and `show`.
#include <string>
#include <string_view>
#include <vector>

#include "history/git.hpp"
#include "model/plan.hpp"
#include "query/list.hpp"

namespace actionplan {

enum class ListFormat { table, json, csv, tsv, ids };

// The selected records of a kind: an aligned table for terminals (objectives
// with their roll-up status on `as_of`, analysis/rollup.hpp), a JSON
// array of records (the format's keys), CSV or TSV with every key as a
// column, or one id per line.
// JSON records are written by `threads` workers (0: one per core); the text does not depend on it.
std::string render_list(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows,
                        ListFormat format, const Date& as_of, unsigned threads = 0);

// Columns padded to the widest cell (by display width: CJK and emoji count
// two, combining marks zero); line breaks inside a cell shown as spaces.
std::string aligned_table(const TextTable& table);
std::size_t display_width(std::string_view text);

// One record as JSON: its keys, then "resolved" with the names of what it
// refers to (objective titles, stage name, task force name, region names).
std::string show_json(const Plan& plan, RecordKind kind, const std::string& id);

// `show --history`: each value with the commit that last set it, as an aligned
// table (KEY, LINE, VALUE, DATE, AUTHOR, COMMIT, MESSAGE; "not committed yet"
// for a changed line), or a JSON array of {key, line, value, commit, date,
// author, message} (commit null when not committed yet).
std::string render_history(const std::vector<ValueOrigin>& origins, bool json);

}  // namespace actionplan
