#include "write/yaml_text.hpp"

#include <fmt/format.h>

namespace actionplan {

std::string yaml_double_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (text.substr(i, 3) == k_line_separator || text.substr(i, 3) == k_paragraph_separator) {
      out += text[i + 2] == '\xA8' ? "\\L" : "\\P";  // YAML readers would break the line there
      i += 2;
    } else if (u == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // C1 controls: NEL is a line break to YAML 1.1 readers, the others are not printable.
      out += text[i + 1] == '\x85'
                 ? std::string("\\N")
                 : fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (u < 0x20 || u == 0x7F)
      out += fmt::format("\\x{:02X}", u);
    else
      out += c;
  }
  return out + "\"";
}

}  // namespace actionplan
