#pragma once
// Selecting records for `list` and `show`, and flattening them into rows of
// text cells for tables, CSV and TSV. Column names are the format's keys
// (nested keys dotted: `budget.estimate`, `targets.2030`).
#include <optional>
#include <string>
#include <vector>

#include "model/plan.hpp"

namespace actionplan {

// Filters of `list`; each is a list of accepted values (any may match), and
// all given filters must match.
struct ListFilter {
  std::vector<std::string> objectives;
  std::vector<std::string> goals;
  std::vector<std::string> stages;
  std::vector<std::string> regions;
  std::vector<std::string> task_forces;
  std::vector<std::string> statuses;
  std::vector<std::string> types;
};

// "objectives", "objective", "taskforces", "task-forces", "activities",
// "projects" (activities of type project), ... → the kind; nullopt when unknown.
struct ListKind {
  RecordKind kind;
  bool projects_only = false;
};
std::optional<ListKind> list_kind_from_name(const std::string& name);
// The names `list` accepts, for messages and help.
const char* list_kind_names();

// Problems with the filters for this kind: a filter that does not apply
// ("--stage: filters activities only; ...") or an unknown id or value, each
// message starting with the option's name. Empty when all is well.
std::vector<std::string> check_list_filter(const Plan& plan, const ListKind& kind,
                                           const ListFilter& filter);

// The indexes (into the plan's vector of that kind) of the matching records,
// in the plan's order (natural order of ids).
std::vector<std::size_t> select_records(const Plan& plan, const ListKind& kind,
                                        const ListFilter& filter);

// Rows of text cells.
struct TextTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// How a list sits in one cell: items joined with "; " as they are (for reading),
// or escaped by list_cell (render/csv.hpp) so that `import` splits them back.
enum class ListCells { plain, escaped };

// Every key of the kind as a column (for CSV and TSV); lists joined with "; ".
TextTable full_table(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows,
                     ListCells lists);
// The few columns that fit a terminal: id, the main references, the title.
TextTable short_table(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows);

// The kinds a record id belongs to (ids are unique within a kind only).
std::vector<RecordKind> kinds_of_id(const Plan& plan, const std::string& id);

}  // namespace actionplan
