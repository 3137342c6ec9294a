#pragma once
// Building blocks for writing YAML by hand (the emitter drops comments, so
// files people read are written as text).
#include <string>
#include <string_view>

namespace actionplan {

// A YAML double-quoted scalar that reads back as exactly `text`.
std::string yaml_double_quoted(std::string_view text);

}  // namespace actionplan
