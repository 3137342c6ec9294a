#pragma once
// `import KIND FILE.csv`: records from a spreadsheet export. Every row is
// prepared and checked as `add-project` (or add-objective, ...) would, against
// the plan and the rows above it; the caller writes nothing unless no row has
// a problem.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/plan.hpp"
#include "write/add_record.hpp"

namespace actionplan {

// One CSV field with its place: ROW is the record's number in the file (the
// header is row 1), COL the field's number, both 1-based.
struct CsvField {
  std::string text;
  int row = 0;
  int column = 0;
};
using CsvRow = std::vector<CsvField>;

// The separator of a CSV file, read from its header row: ';' when the header
// has a ';' and no ',' outside quotes (what Excel writes in locales whose
// decimal mark is a comma), else ','.
char csv_separator(std::string_view text);

// RFC 4180 (CRLF or LF rows, quoted fields with doubled quotes, a UTF-8 BOM
// skipped), separated by csv_separator(text). A CRLF inside a quoted field is
// kept as LF. Problems are reported at NAME:ROW:COL.
std::vector<CsvRow> parse_csv(const std::string& text, const std::string& name,
                              Diagnostics& problems);

// The largest CSV file `import` reads.
inline constexpr std::size_t k_max_csv_bytes = 16 * 1024 * 1024;

struct ImportResult {
  std::vector<PreparedActivity> records;  // one per data row to write, in file order
  // Rows already imported (by a run that was interrupted): their file exists
  // and holds exactly what the row would write. Their paths, in file order.
  std::vector<std::string> already_imported;
  // Why nothing may be written, each at FILE.csv:ROW:COL (the cell to fix) with
  // the key of its column (Diagnostic::key) where one column is to blame.
  Diagnostics problems;
  bool ok() const { return !problems.has_errors(); }
};

// The text of an existing file of the kind's folder ("x.yaml"), or nullopt.
using ExistingText = std::function<std::optional<std::string>(const std::string& file_name)>;

// Column names accepted for a kind: the format's keys as `list --format csv`
// writes them, and documented aliases ("objective" for objectives, "budget"
// for budget.estimate...). Header cells are compared without case, and
// spaces, '-' and '_' count as the same.
std::vector<std::string> import_columns(RecordKind kind);

// Prepares one record per data row. `existing_ids` are the names of the kind's
// files already in the plan (record_file_names: "x.yaml"). A row whose id has
// a file is refused (duplicate-id), unless `existing_text` gives that file's
// text and it is exactly what the row would write: then the row is counted in
// `already_imported`, so that an import that was killed can be run again.
ImportResult prepare_import(const Plan& plan, RecordKind kind, const std::string& csv_name,
                            const std::string& text, const Date& today,
                            const std::vector<std::string>& existing_ids,
                            const ExistingText& existing_text = {});

}  // namespace actionplan
