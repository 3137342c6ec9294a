#include "render/csv.hpp"

#include "model/values.hpp"

namespace actionplan {
namespace {

bool looks_like_formula(std::string_view text) {
  if (text.empty() || std::string_view("=+-@\t\r").find(text[0]) == std::string_view::npos)
    return false;
  return !parse_decimal(text.substr(text[0] == '-' || text[0] == '+' ? 1 : 0)).has_value();
}

std::string trimmed_item(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

std::string defused(std::string_view text) {
  return looks_like_formula(text) ? "'" + std::string(text) : std::string(text);
}

std::string csv_field(std::string_view text) {
  const std::string value = defused(text);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '"') out += '"';
    out += c;
    // A line of a multi-line cell starting with "::" would be a workflow command to a
    // GitHub Actions log printing the CSV: it gets the apostrophe a formula gets.
    if (c == '\n' && value.compare(i + 1, 2, "::") == 0) out += '\'';
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\r\n";
}

std::string tsv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += '\t';
    for (char c : defused(fields[i])) {
      switch (c) {
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\\':
          out += "\\\\";
          break;
        default:
          out += c;
      }
    }
  }
  return out + "\n";
}

std::string list_cell(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += "; ";
    for (char c : items[i]) {
      if (c == ';' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

std::vector<std::string> list_items(std::string_view cell) {
  std::vector<std::string> items;
  std::string item;
  auto end_item = [&] {
    if (std::string t = trimmed_item(item); !t.empty()) items.push_back(std::move(t));
    item.clear();
  };
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const char c = cell[i];
    if (c == '\\' && i + 1 < cell.size() && (cell[i + 1] == ';' || cell[i + 1] == '\\')) {
      item += cell[++i];
    } else if (c == ';') {
      end_item();
    } else {
      item += c;
    }
  }
  end_item();
  return items;
}

}  // namespace actionplan
