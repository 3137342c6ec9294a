#pragma once
// Building blocks for writing YAML by hand (the emitter drops comments, so
// files people read are written as text).
#include <string>
#include <string_view>

namespace actionplan {

// U+2028 and U+2029: YAML 1.1 readers (libyaml, PyYAML) break lines there, so
// they are written only as the escapes \L and \P.
inline constexpr std::string_view k_line_separator = "\xE2\x80\xA8";
inline constexpr std::string_view k_paragraph_separator = "\xE2\x80\xA9";

// A YAML double-quoted scalar that reads back as exactly `text`.
std::string yaml_double_quoted(std::string_view text);

}  // namespace actionplan
