#include "load/yaml_tree.hpp"

#include <istream>
#include <streambuf>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace actionplan::yaml {
namespace {

Position to_position(const YAML::Mark& mark) { return {mark.line + 1, mark.column + 1}; }

// Thrown by the handler to stop the parser after a refusal was reported.
struct Refused {};

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& path, Diagnostics& diags) : m_path(path), m_diags(diags) {}

  std::optional<Node> take_root() { return std::move(m_root); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++m_documents > 1)
      refuse(mark, "multiple-documents",
             "more than one YAML document ('---') in a file; put each record in its own file");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    Node node;
    node.pos = to_position(mark);
    add(std::move(node), mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    refuse(mark, "alias", "YAML aliases ('*name') are not allowed; write the value out in full");
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    refuse(mark, "anchor",
           fmt::format("YAML anchors ('&{}') are not allowed; write each value out in full", name));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    check_tag(mark, tag, true);
    Node node;
    node.kind = NodeKind::scalar;
    node.pos = to_position(mark);
    node.text = value;
    node.plain = tag != "!";
    add(std::move(node), mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, NodeKind::sequence, style);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, NodeKind::mapping, style);
  }
  void OnMapEnd() override { close(); }

  [[noreturn]] void refuse(const YAML::Mark& mark, const char* code, std::string message) {
    m_diags.error(m_path, to_position(mark), code, std::move(message));
    throw Refused{};
  }

 private:
  struct Frame {
    Node node;
    bool awaiting_value = false;  // mappings: a key was read, its value comes next
    bool skip_value = false;      // the pending key was a duplicate
    // Keys → index in node.keys, built only for large mappings (small ones are searched).
    std::unordered_map<std::string, std::size_t> index;
  };

  static constexpr std::size_t k_indexed_from = 16;

  // The key already in the mapping with this text, or nullptr.
  static const Key* find_key(Frame& frame, const std::string& text) {
    std::vector<Key>& keys = frame.node.keys;
    if (keys.size() < k_indexed_from) {
      for (const Key& k : keys)
        if (k.text == text) return &k;
      return nullptr;
    }
    if (frame.index.empty())
      for (std::size_t i = 0; i < keys.size(); ++i) frame.index.emplace(keys[i].text, i);
    auto it = frame.index.find(text);
    return it == frame.index.end() ? nullptr : &keys[it->second];
  }

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor)
      refuse(mark, "anchor", "YAML anchors ('&name') are not allowed; write each value out in full");
  }

  void check_tag(const YAML::Mark& mark, const std::string& tag, bool scalar) {
    if (tag.empty() || tag == "?" || (scalar && tag == "!")) return;
    std::string shown = tag;
    if (shown.rfind("tag:yaml.org,2002:", 0) == 0) shown = "!!" + shown.substr(18);
    refuse(mark, "tag", fmt::format("explicit YAML tags ('{}') are not allowed; remove the tag", shown));
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, NodeKind kind,
            YAML::EmitterStyle::value style) {
    check_anchor(mark, anchor);
    check_tag(mark, tag, false);
    if (!m_stack.empty() && m_stack.back().node.is_mapping() && !m_stack.back().awaiting_value)
      refuse(mark, "complex-key", "a key must be a plain text, not a list or mapping");
    if (static_cast<int>(m_stack.size()) >= k_max_depth)
      refuse(mark, "too-deep", fmt::format("nesting deeper than {} levels is not allowed", k_max_depth));
    Frame frame;
    frame.node.kind = kind;
    frame.node.pos = to_position(mark);
    frame.node.flow = style == YAML::EmitterStyle::Flow;
    m_stack.push_back(std::move(frame));
  }

  void close() {
    Node node = std::move(m_stack.back().node);
    m_stack.pop_back();
    add(std::move(node), {});
  }

  void add(Node node, const YAML::Mark& mark) {
    if (m_stack.empty()) {
      m_root = std::move(node);
      return;
    }
    Frame& parent = m_stack.back();
    if (parent.node.is_sequence()) {
      parent.node.items.push_back(std::move(node));
      return;
    }
    if (!parent.awaiting_value) {  // a key
      if (node.is_null()) refuse(mark, "complex-key", "empty key; write a key before the ':'");
      if (node.plain && node.text == "<<")
        refuse(mark, "merge-key", "YAML merge keys ('<<') are not allowed; write the keys out");
      const Key* first = find_key(parent, node.text);
      parent.awaiting_value = true;
      parent.skip_value = first != nullptr;
      if (first) {
        m_diags.error(m_path, node.pos, "duplicate-key",
                      fmt::format("duplicate key '{}' (first at line {}); keep only one",
                                  node.text, first->pos.line));
        return;
      }
      if (!parent.index.empty()) parent.index.emplace(node.text, parent.node.keys.size());
      parent.node.keys.push_back({std::move(node.text), node.pos});
      return;
    }
    parent.awaiting_value = false;
    if (parent.skip_value) return;
    parent.node.items.push_back(std::move(node));
  }

  const std::string& m_path;
  Diagnostics& m_diags;
  std::vector<Frame> m_stack;
  std::optional<Node> m_root;
  int m_documents = 0;
};

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].text == key) return &items[i];
  return nullptr;
}

const char* describe(const Node& node) {
  switch (node.kind) {
    case NodeKind::null: return "an empty value";
    case NodeKind::scalar: return "a single value";
    case NodeKind::sequence: return "a list";
    case NodeKind::mapping: return "a mapping";
  }
  return "a value";
}

namespace {

// Lets yaml-cpp read the text in place, without a copy.
class ViewBuffer final : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // only read: the get area is never written
    setg(begin, begin, begin + text.size());
  }
};

}  // namespace

std::optional<Node> parse(std::string_view text, const std::string& path, Diagnostics& diags) {
  ViewBuffer buffer(text);
  std::istream stream(&buffer);
  TreeBuilder builder(path, diags);
  try {
    YAML::Parser parser(stream);
    if (!parser.HandleNextDocument(builder)) {
      diags.error(path, {}, "empty-file", "file is empty; a record is a YAML mapping of keys");
      return std::nullopt;
    }
    if (parser.HandleNextDocument(builder)) {  // the handler refuses a second document itself
      diags.error(path, {}, "multiple-documents", "more than one YAML document in a file");
      return std::nullopt;
    }
  } catch (const Refused&) {
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
      diags.error(path, to_position(e.mark), "alias",
                  "YAML aliases ('*name') are not allowed; write the value out in full");
      return std::nullopt;
    }
    std::string message = e.msg;
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    diags.error(path, to_position(e.mark), "yaml-syntax", fmt::format("YAML syntax: {}", message));
    return std::nullopt;
  }
  std::optional<Node> root = builder.take_root();
  if (!root || root->is_null()) {
    diags.error(path, {}, "empty-file", "file is empty; a record is a YAML mapping of keys");
    return std::nullopt;
  }
  if (!root->is_mapping()) {
    diags.error(path, root->pos, "not-a-mapping",
                fmt::format("the top level must be a mapping of keys (like 'id: ...'), not {}",
                            describe(*root)));
    return std::nullopt;
  }
  return root;
}

}  // namespace actionplan::yaml
