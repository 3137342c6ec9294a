#include "render/markdown.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace actionplan {

std::string md_text(std::string_view text) {
  // Most texts need nothing: no control character, nothing to escape, no trailing space.
  static constexpr std::array<bool, 256> k_plain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 256; ++c) plain[c] = c != 0x7F;
    for (char c : std::string_view("<>&\\`*_[]#|~$")) plain[static_cast<unsigned char>(c)] = false;
    return plain;
  }();
  // At the start of a paragraph or list item, "- ", "+ ", "2024. ", "3) ", "---",
  // "===" or spaces would start a list, a rule, a heading underline or a code block.
  const bool risky_start = !text.empty() && (std::strchr("-+= \t", text.front()) ||
                                             (text.front() >= '0' && text.front() <= '9'));
  if (!risky_start &&
      std::all_of(text.begin(), text.end(),
                  [](char c) { return k_plain[static_cast<unsigned char>(c)]; }) &&
      (text.empty() || text.back() != ' '))
    return std::string(text);
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
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (std::strchr("\\`*_[]#|~$", c)) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // Block syntax at the start, made plain text (the text is inline wherever it goes).
  out.erase(0, std::min(out.find_first_not_of(' '), out.size()));
  auto ends_marker = [&](std::size_t at) { return at >= out.size() || out[at] == ' '; };
  const bool bullet = !out.empty() && (out.front() == '-' || out.front() == '+') && ends_marker(1);
  const bool rule = !out.empty() && (out.front() == '-' || out.front() == '=') &&
                    out.find_first_not_of(std::string(1, out.front()) + " ") == std::string::npos;
  const std::size_t digits = std::min(out.find_first_not_of("0123456789"), out.size());
  if (bullet || rule)
    out.insert(0, 1, '\\');
  else if (digits > 0 && digits <= 9 && digits < out.size() &&
           (out[digits] == '.' || out[digits] == ')') && ends_marker(digits + 1))
    out.insert(digits, 1, '\\');
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
  for (std::size_t i = 0; i < header.size(); ++i)
    out += (i < align.size() && align[i] == 'r') ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : rows) {
    out += '|';
    for (std::size_t i = 0; i < header.size(); ++i) {
      out += ' ';
      if (i < row.size()) out += row[i];
      out += " |";
    }
    out += '\n';
  }
  return out;
}

std::string mermaid_label(std::string_view text, std::string_view fallback) {
  std::string out;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    const char c = text[i];
    const bool keep = u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || std::strchr(" .,:;-()/'+&", c) != nullptr ||
                      (c == '%' && (out.empty() || out.back() != '%'));
    const char next = keep ? c : ' ';
    if (next == ' ' && (out.empty() || out.back() == ' ')) continue;
    if ((u & 0xC0) != 0x80) {  // a new character (not a UTF-8 continuation byte)
      if (characters == 40) {
        while ((static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
        out.pop_back();
        out += "…";
        return out;
      }
      ++characters;
    }
    out += next;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) return std::string(fallback);
  return out;
}

}  // namespace actionplan
