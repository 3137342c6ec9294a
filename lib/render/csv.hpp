#pragma once
// CSV as RFC 4180: comma separated, rows ending in CRLF, fields quoted when
// they hold a comma, quote, CR or LF; quotes doubled. A field that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR,
// and not a number) gets a leading apostrophe, which spreadsheets hide and
// `import` removes; TSV fields get it too.
#include <string>
#include <string_view>
#include <vector>

namespace actionplan {

// A field as a spreadsheet should read it: a formula-like value with its
// leading apostrophe (CSV and TSV alike).
std::string defused(std::string_view text);

// A CSV field: defused, quoted when it must be; a line inside it that starts
// with "::" (a GitHub Actions workflow command when the CSV is printed in a
// job's log) gets an apostrophe too, which import removes again.
std::string csv_field(std::string_view text);
std::string csv_row(const std::vector<std::string>& fields);

// TSV for shell pipelines: tab separated, rows ending in LF; a tab, newline,
// carriage return or backslash inside a field is written \t, \n, \r or \\.
// Formula-like fields get the apostrophe, as in CSV.
std::string tsv_row(const std::vector<std::string>& fields);

// A list in one cell: items joined with "; ", a ';' inside an item written
// "\;" and a backslash "\\", so that list_items gives the same items back.
std::string list_cell(const std::vector<std::string>& items);
// The items of a list cell: split at each ';' not escaped, "\;" and "\\"
// unescaped (any other backslash kept), items trimmed, empty ones left out.
std::vector<std::string> list_items(std::string_view cell);

}  // namespace actionplan
