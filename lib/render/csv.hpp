#pragma once
// CSV as RFC 4180: comma separated, rows ending in CRLF, fields quoted when
// they hold a comma, quote, CR or LF; quotes doubled. A field that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR,
// and not a number) gets a leading apostrophe, which spreadsheets hide and
// `import` removes.
#include <string>
#include <string_view>
#include <vector>

namespace actionplan {

std::string csv_field(std::string_view text);
std::string csv_row(const std::vector<std::string>& fields);

// TSV for shell pipelines: tab separated, rows ending in LF; a tab, newline,
// carriage return or backslash inside a field is written \t, \n, \r or \\.
std::string tsv_row(const std::vector<std::string>& fields);

}  // namespace actionplan
