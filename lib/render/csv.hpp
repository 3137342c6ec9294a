#pragma once
// CSV as RFC 4180: comma separated, CRLF-free \n rows, fields quoted when
// they hold a comma, quote, CR or LF; quotes doubled.
#include <string>
#include <string_view>
#include <vector>

namespace actionplan {

std::string csv_field(std::string_view text);
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace actionplan
