#include "load/yaml_tree.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml.h>

#include "load/file_read.hpp"
#include "model/text.hpp"

namespace actionplan::yaml {
namespace {

// Turns libyaml's marks into the tool's positions: 1-based lines ending at LF
// and 1-based byte columns. libyaml counts characters, and also breaks lines
// at U+2028 and U+2029; on ASCII text its marks are used as they are, on other
// text (and at the end of the file) the character index is walked to its byte
// (in document order, so each byte is walked about once).
class Locator {
 public:
  explicit Locator(std::string_view text)
      : m_text(text),
        m_ascii(is_ascii(text)),
        m_start(text.starts_with("\xEF\xBB\xBF") ? 3
                                                 : 0),  // libyaml skips a BOM without counting it
        m_byte(m_start),
        m_line_start(m_start) {}

  Position at(const yaml_mark_t& mark) {
    // At the end of a file without a final line break, libyaml's line is one
    // past the last: the end is found by walking instead.
    if (m_ascii && mark.index < m_text.size())
      return {static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1};
    walk_to(mark.index);
    return {m_line, static_cast<int>(m_byte - m_line_start) + 1};
  }

  std::string_view text() const { return m_text; }

  // The byte offset of a mark.
  std::size_t offset(const yaml_mark_t& mark) {
    if (m_ascii) return std::min(mark.index, m_text.size());
    walk_to(mark.index);
    return m_byte;
  }

 private:
  void walk_to(std::size_t index) {
    if (index < m_chars) m_chars = 0, m_byte = m_line_start = m_start, m_line = 1;
    while (m_chars < index && m_byte < m_text.size()) {
      const auto c = static_cast<unsigned char>(m_text[m_byte]);
      if (c == '\n') {
        ++m_line;
        m_line_start = m_byte + 1;
      }
      m_byte += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;  // the text is valid UTF-8
      ++m_chars;
    }
  }

  std::string_view m_text;
  bool m_ascii;
  std::size_t m_start;
  std::size_t m_chars = 0;
  std::size_t m_byte;
  std::size_t m_line_start;
  int m_line = 1;
};

std::string_view text_of(const yaml_char_t* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// Thrown by the builder to stop the parse after a refusal was reported.
struct Refused {};

// Builds the tree from libyaml's events, one at a time, refusing what the
// format forbids as soon as it is seen.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const std::string& path, Diagnostics& diags)
      : m_locator(text), m_path(path), m_diags(diags) {}

  std::optional<Node> take_root() { return std::move(m_root); }

  // Returns false at the end of the stream.
  bool on_event(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_STREAM_END_EVENT:
        return false;
      case YAML_NO_EVENT:
      case YAML_STREAM_START_EVENT:
      case YAML_DOCUMENT_END_EVENT:
        break;
      case YAML_DOCUMENT_START_EVENT:
        if (++m_documents > 1)
          refuse(event.start_mark, "multiple-documents",
                 "more than one YAML document ('---') in a file; put each record in its own file");
        break;
      case YAML_ALIAS_EVENT:
        refuse(event.start_mark, "alias",
               fmt::format("YAML aliases ('*{}') are not allowed; write the value out in full",
                           text_of(event.data.alias.anchor)));
      case YAML_SCALAR_EVENT:
        on_scalar(event);
        break;
      case YAML_SEQUENCE_START_EVENT:
        open(event, NodeKind::sequence, event.data.sequence_start.anchor,
             event.data.sequence_start.tag,
             event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
        break;
      case YAML_MAPPING_START_EVENT:
        open(event, NodeKind::mapping, event.data.mapping_start.anchor,
             event.data.mapping_start.tag,
             event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close();
        break;
    }
    return true;
  }

  Position at(const yaml_mark_t& mark) { return m_locator.at(mark); }
  std::size_t offset(const yaml_mark_t& mark) { return m_locator.offset(mark); }

 private:
  struct Frame {
    Node node;
    bool awaiting_value = false;  // mappings: a key was read, its value comes next
    bool skip_value = false;      // the pending key was a duplicate
    // Keys → index in node.keys, built only for large mappings (small ones are searched).
    std::unordered_map<std::string, std::size_t> index;
  };

  static constexpr std::size_t k_indexed_from = 16;

  [[noreturn]] void refuse(const yaml_mark_t& mark, const char* code, std::string message) {
    m_diags.error(m_path, at(mark), code, std::move(message));
    throw Refused{};
  }

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

  // Anchors and explicit tags are refused on every node.
  void check_properties(const yaml_mark_t& mark, const yaml_char_t* anchor,
                        const yaml_char_t* tag) {
    if (anchor)
      refuse(mark, "anchor",
             fmt::format("YAML anchors ('&{}') are not allowed; write each value out in full",
                         text_of(anchor)));
    if (!tag) return;
    std::string shown(text_of(tag));
    if (shown.rfind("tag:yaml.org,2002:", 0) == 0) shown = "!!" + shown.substr(18);
    refuse(mark, "tag",
           fmt::format("explicit YAML tags ('{}') are not allowed; remove the tag", shown));
  }

  void on_scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    check_properties(event.start_mark, scalar.anchor, scalar.tag);
    Node node;
    node.pos = at(event.start_mark);
    node.plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
    std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
    // Plain empty, '~' and 'null' are YAML's null; quoted they are text.
    if (node.plain &&
        (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      add(std::move(node), event.start_mark);
      return;
    }
    node.kind = NodeKind::scalar;
    node.text = value;
    if (node.plain) note_comment_after(node, event.end_mark);
    add(std::move(node), event.start_mark);
  }

  // Records a comment that seems to cut a plain scalar short.
  void note_comment_after(Node& node, const yaml_mark_t& end) {
    const std::string_view text = m_locator.text();
    std::size_t i = m_locator.offset(end);
    const std::size_t scalar_end = i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i == scalar_end || i >= text.size() || text[i] != '#') return;
    // "value  # note": two spaces (or a tab) before and a space after the '#' is
    // how people write a comment on purpose; "Soil day #2" is text cut short.
    const bool deliberate = (i - scalar_end >= 2 || text[scalar_end] == '\t') &&
                            (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\t' ||
                             text[i + 1] == '\n' || text[i + 1] == '\r');
    if (deliberate) return;
    std::size_t line_end = text.find_first_of("\r\n", i);
    if (line_end == std::string_view::npos) line_end = text.size();
    node.comment = text.substr(i, line_end - i);
    while (!node.comment.empty() && (node.comment.back() == ' ' || node.comment.back() == '\t'))
      node.comment.pop_back();
    node.comment_pos = at(end);
    node.comment_pos.column += static_cast<int>(i - scalar_end);
  }

  void open(const yaml_event_t& event, NodeKind kind, const yaml_char_t* anchor,
            const yaml_char_t* tag, bool flow) {
    check_properties(event.start_mark, anchor, tag);
    if (!m_stack.empty() && m_stack.back().node.is_mapping() && !m_stack.back().awaiting_value)
      refuse(event.start_mark, "complex-key", "a key must be a plain text, not a list or mapping");
    if (static_cast<int>(m_stack.size()) >= k_max_depth)
      refuse(event.start_mark, "too-deep",
             fmt::format("nesting deeper than {} levels is not allowed", k_max_depth));
    Frame frame;
    frame.node.kind = kind;
    frame.node.pos = at(event.start_mark);
    frame.node.flow = flow;
    m_stack.push_back(std::move(frame));
  }

  void close() {
    Node node = std::move(m_stack.back().node);
    m_stack.pop_back();
    add(std::move(node), {});
  }

  void add(Node node, const yaml_mark_t& mark) {
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
                      fmt::format("duplicate key '{}' (first at line {}); keep only one", node.text,
                                  first->pos.line));
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

  Locator m_locator;
  const std::string& m_path;
  Diagnostics& m_diags;
  std::vector<Frame> m_stack;
  std::optional<Node> m_root;
  int m_documents = 0;
};

// libyaml's parser and event, released on every path.
struct Parser {
  yaml_parser_t parser;
  Parser() { yaml_parser_initialize(&parser); }
  ~Parser() { yaml_parser_delete(&parser); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

struct Event {
  yaml_event_t event{};
  ~Event() { yaml_event_delete(&event); }
};

// What libyaml's most common problems mean, in the words of someone fixing a
// plan file. {line} is the line of libyaml's context (where the construct
// started), and `at_context` puts the diagnostic there rather than at the
// place libyaml gave up.
struct Explanation {
  const char* problem;
  const char* code;
  bool at_context;
  const char* message;
};

constexpr const char* k_tab_indent = "a tab is used for indentation here; indent with spaces";

constexpr Explanation k_explanations[] = {
    {"could not find expected ':'", "yaml-syntax", true,
     "this line has no ':' after its key (or it is a text that needs quotes)"},
    {"found a tab character that violates indentation", "yaml-syntax", false, k_tab_indent},
    {"found a tab character where an indentation space is expected", "yaml-syntax", false,
     k_tab_indent},
    {"mapping values are not allowed in this context", "yaml-syntax", false,
     "a ':' here cannot start a value; put the whole value in quotes, or check the indentation"},
    {"did not find expected key", "yaml-syntax", false,
     "this line is not indented like the keys of the mapping that starts at line {line}; check its "
     "indentation"},
    {"did not find expected '-' indicator", "yaml-syntax", false,
     "this line is not indented like the list that starts at line {line}; check its indentation"},
    {"found unexpected end of stream", "yaml-syntax", true,
     "this quoted text is never closed; add the closing quote"},
    {"did not find expected ',' or ']'", "yaml-syntax", true,
     "this list ('[') is not closed where expected; add ',' between items or the closing ']'"},
    {"did not find expected ',' or '}'", "yaml-syntax", true,
     "this mapping ('{{') is not closed where expected; add ',' between entries or the closing "
     "'}}'"},
    {"did not find expected node content", "yaml-syntax", false,
     "a value is missing here (in what starts at line {line})"},
    {"found unknown escape character", "yaml-syntax", false,
     "this '\\' starts an escape that YAML does not know; write '\\\\' for a backslash, or put the "
     "value in "
     "single quotes"},
    {"did not find expected <document start>", "multiple-documents", false,
     "more than one YAML document in a file (text after '...'); put each record in its own file"},
};

// The message and position of a libyaml error.
void report_syntax_error(const yaml_parser_t& parser, std::string_view text, TreeBuilder& builder,
                         const std::string& path, Diagnostics& diags) {
  if (parser.error == YAML_MEMORY_ERROR) {
    diags.error(path, {}, "yaml-syntax", "YAML syntax: out of memory while reading the file");
    return;
  }
  const std::string_view problem = parser.problem ? parser.problem : "unknown error";
  if (parser.error == YAML_READER_ERROR) {  // positioned by byte offset
    diags.error(path, position_of(text, std::min(parser.problem_offset, text.size())),
                "yaml-syntax", fmt::format("YAML syntax: {}", problem));
    return;
  }
  const std::size_t offset = builder.offset(parser.problem_mark);
  const char found = offset < text.size() ? text[offset] : '\0';
  const int context_line = builder.at(parser.context_mark).line;
  const Position problem_at = builder.at(parser.problem_mark);
  if (problem == "did not find expected key" && found == ':') {
    diags.error(path, problem_at, "complex-key", "empty key; write a key before the ':'");
    return;
  }
  if (problem == "found character that cannot start any token") {
    diags.error(
        path, problem_at, "yaml-syntax",
        found == '\t'
            ? fmt::format("YAML syntax: {}", k_tab_indent)
            : fmt::format("YAML syntax: a value cannot start with '{}'; put the value in quotes",
                          std::string_view(text.substr(offset, 1))));
    return;
  }
  if (problem == "did not find expected node content" && offset >= text.size()) {
    diags.error(
        path, problem_at, "yaml-syntax",
        "YAML syntax: the file ends where a value is expected; is a closing ']' or '}' missing?");
    return;
  }
  for (const Explanation& e : k_explanations) {
    if (problem != e.problem) continue;
    std::string message = fmt::format(fmt::runtime(e.message), fmt::arg("line", context_line));
    if (std::strcmp(e.code, "yaml-syntax") == 0) message = "YAML syntax: " + message;
    diags.error(path, e.at_context && parser.context ? builder.at(parser.context_mark) : problem_at,
                e.code, std::move(message));
    return;
  }
  std::string message = fmt::format("YAML syntax: {}", problem);
  if (parser.context) message += fmt::format(" ({} at line {})", parser.context, context_line);
  diags.error(path, problem_at, "yaml-syntax", std::move(message));
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].text == key) return &items[i];
  return nullptr;
}

const char* describe(const Node& node) {
  switch (node.kind) {
    case NodeKind::null:
      return "an empty value";
    case NodeKind::scalar:
      return "a single value";
    case NodeKind::sequence:
      return "a list";
    case NodeKind::mapping:
      return "a mapping";
  }
  return "a value";
}

std::optional<Node> parse(std::string_view text, const std::string& path, Diagnostics& diags) {
  Parser parser;
  yaml_parser_set_input_string(&parser.parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  TreeBuilder builder(text, path, diags);
  try {
    for (;;) {
      Event event;
      if (!yaml_parser_parse(&parser.parser, &event.event)) {
        event.event.type = YAML_NO_EVENT;  // nothing to delete
        report_syntax_error(parser.parser, text, builder, path, diags);
        return std::nullopt;
      }
      if (!builder.on_event(event.event)) break;
    }
  } catch (const Refused&) {
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
