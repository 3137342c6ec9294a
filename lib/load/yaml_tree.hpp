#pragma once
// A lightweight YAML tree with 1-based positions, built in one event-level
// pass over libyaml's parser events. The pass enforces the format's safety rules as
// it goes: one document, no anchors, aliases, merge keys or explicit tags,
// scalar keys only, no duplicate keys, nesting at most 32 levels.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"

namespace actionplan::yaml {

inline constexpr int k_max_depth = 32;

enum class NodeKind { null, scalar, sequence, mapping };

struct Key {
  std::string text;
  Position pos;
};

struct Node {
  NodeKind kind = NodeKind::null;
  Position pos;
  std::string text;   // scalars
  bool plain = true;  // false for quoted and block scalars
  bool flow = false;  // collections written [..] or {..}
  // A plain scalar followed on its line by a comment that does not look
  // deliberate ("title: Soil day #2", not "title: Soil day  # note"): where the
  // '#' is and the comment's text ("#2"), so that a text cut short can be
  // reported. Empty otherwise.
  std::string comment;
  Position comment_pos;
  std::vector<Node> items;  // sequence items, or mapping values
  std::vector<Key> keys;    // mapping keys, parallel to items

  bool is_null() const { return kind == NodeKind::null; }
  bool is_scalar() const { return kind == NodeKind::scalar; }
  bool is_sequence() const { return kind == NodeKind::sequence; }
  bool is_mapping() const { return kind == NodeKind::mapping; }
  // The value under `key` in a mapping, or nullptr.
  const Node* find(std::string_view key) const;
};

// "a text", "a list", "a mapping", "an empty value": for messages.
const char* describe(const Node& node);

// Parses `text` (already through check_plan_text). Returns the document's
// root, or nullopt after reporting each refusal under `path`. Duplicate keys
// are all reported and the tree is still returned without them.
std::optional<Node> parse(std::string_view text, const std::string& path, Diagnostics& diags);

}  // namespace actionplan::yaml
