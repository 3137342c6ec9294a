#pragma once
// Surgical edits of a record file's text: only the bytes of one value change,
// or one line is inserted or appended; comments, blank lines, key order,
// quoting and line endings elsewhere survive byte for byte. Positions come
// from the file's YAML tree (parsed from this same text).
#include <string>
#include <string_view>
#include <vector>

#include "load/yaml_tree.hpp"

namespace actionplan {

struct EditResult {
  std::string text;
  std::string error;  // why the edit cannot be made surgically; text is then empty
  bool ok() const { return error.empty(); }
};

// Sets top-level `key` to `value_yaml` (a scalar already quoted as YAML). A
// single-line scalar value is replaced in place; an empty value is filled;
// a missing key is inserted after the nearest key before it in `order`.
EditResult set_top_level_scalar(std::string_view text, const yaml::Node& root, std::string_view key,
                                std::string_view value_yaml,
                                const std::vector<std::string_view>& order);

// Appends `item_yaml` (one line of YAML, e.g. a flow mapping) to the block
// sequence under top-level `key`, in the indentation of its items; creates
// the key when missing or empty.
EditResult append_to_top_level_sequence(std::string_view text, const yaml::Node& root,
                                        std::string_view key, std::string_view item_yaml,
                                        const std::vector<std::string_view>& order);

// Sets `key` inside the mapping under top-level `parent` (e.g. budget.secured)
// to `value_yaml` (a scalar already quoted as YAML). In a flow mapping
// ({currency: EUR, secured: 100}) the value's bytes are replaced, or
// "key: value" is inserted before the key that follows the nearest key before
// it in `order`, else after the last entry, before the '}'. In a block mapping
// the value is replaced in place, or a line "  key: value" is inserted in the
// mapping's indentation after the nearest key before it in `order`, else after
// its last key. A missing or empty `parent` becomes "parent: {key: value}",
// placed with `top_order` as set_top_level_scalar places a key. Refused (error
// set, text empty): a value over several lines or that is itself a list or
// mapping, a comment inside a {...} mapping, a `parent` that is not a mapping,
// and any edit whose result would not read back as exactly the one value set.
EditResult set_nested_scalar(std::string_view text, const yaml::Node& root, std::string_view parent,
                             std::string_view key, std::string_view value_yaml,
                             const std::vector<std::string_view>& order,
                             const std::vector<std::string_view>& top_order);

}  // namespace actionplan
