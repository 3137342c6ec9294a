#include "render/markdown.hpp"

#include <cstring>

namespace actionplan {

std::string md_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {  // line breaks, tabs, controls: one space
      if (!space && !out.empty()) out += ' ';
      space = true;
      continue;
    }
    space = c == ' ';
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (std::strchr("\\`*_[]#|~$", c)) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string md_code(std::string_view text) {
  std::string out = "`";
  for (char c : text) out += (c == '`' || c == '\n' || c == '|') ? '\'' : c;
  return out + "`";
}

std::string md_table(const std::vector<std::string>& header, const std::string& align,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const std::string& h : header) out += " " + h + " |";
  out += "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += (i < align.size() && align[i] == 'r') ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (std::size_t i = 0; i < header.size(); ++i) out += " " + (i < row.size() ? row[i] : "") + " |";
    out += "\n";
  }
  return out;
}

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace actionplan
