#include "write/edit.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

namespace actionplan {
namespace {

// The text cut into lines, each with its line ending.
class Lines {
 public:
  explicit Lines(std::string_view text) : m_text(text) {
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t end = text.find('\n', at);
      end = end == std::string_view::npos ? text.size() : end + 1;
      m_starts.push_back(at);
      at = end;
    }
    m_starts.push_back(text.size());
    m_eol = text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  }
  std::size_t count() const { return m_starts.size() - 1; }
  std::size_t start(std::size_t line) const { return m_starts[line - 1]; }  // 1-based
  std::size_t offset(const Position& pos) const {  // the byte at a tree position
    return start(static_cast<std::size_t>(pos.line)) + static_cast<std::size_t>(pos.column - 1);
  }
  std::string_view line(std::size_t n) const {  // without its ending
    std::string_view l = m_text.substr(m_starts[n - 1], m_starts[n] - m_starts[n - 1]);
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
    return l;
  }
  const std::string& eol() const { return m_eol; }

  static std::size_t indent(std::string_view l) {
    const std::size_t n = l.find_first_not_of(' ');
    return n == std::string_view::npos ? l.size() : n;
  }
  static bool blank_or_comment(std::string_view l) {
    const std::size_t n = l.find_first_not_of(' ');
    return n == std::string_view::npos || l[n] == '#';
  }

  // The first line after `from` that holds content indented at most
  // `max_indent`, backed up over blank and comment lines: where an entry
  // that started at or before `from` ends (1-based; count()+1 for EOF).
  std::size_t end_of_block(std::size_t from, std::size_t max_indent) const {
    std::size_t n = from + 1;
    while (n <= count() && (blank_or_comment(line(n)) || indent(line(n)) > max_indent)) ++n;
    while (n - 1 > from && blank_or_comment(line(n - 1))) --n;
    return n;
  }

 private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
  std::string m_eol;
};

// The key of `map` nearest before `key` in `order`, or nullptr.
const yaml::Key* predecessor(const yaml::Node& map, std::string_view key,
                             const std::vector<std::string_view>& order) {
  auto rank = [&](std::string_view k) {
    auto it = std::find(order.begin(), order.end(), k);
    return it == order.end() ? order.size() : static_cast<std::size_t>(it - order.begin());
  };
  const std::size_t mine = rank(key);
  const yaml::Key* after = nullptr;
  for (const yaml::Key& k : map.keys)
    if (rank(k.text) < mine && (!after || rank(k.text) > rank(after->text))) after = &k;
  return after;
}

// Where a new top-level `key` goes: after the entry of the nearest key that
// comes before it in `order`, else at the end. Returns a byte offset.
std::size_t insertion_offset(const Lines& lines, const yaml::Node& root, std::string_view key,
                             const std::vector<std::string_view>& order, std::string_view text) {
  const yaml::Key* after = predecessor(root, key, order);
  if (!after) {
    if (root.keys.empty()) return text.size();
    after = &root.keys.back();
  }
  const std::size_t end = lines.end_of_block(static_cast<std::size_t>(after->pos.line), 0);
  return end > lines.count() ? text.size() : lines.start(end);
}

std::string with_newline_before(std::string_view text, std::size_t offset, const std::string& eol) {
  return offset == text.size() && !text.empty() && text.back() != '\n' ? eol : "";
}

// The offset of the quote that closes the quoted scalar opening at `open`
// ('\'' doubled and '\\' escapes skipped), or npos when `s` ends first.
std::size_t closing_quote(std::string_view s, std::size_t open) {
  const char quote = s[open];
  std::size_t stop = open + 1;
  while (stop < s.size()) {
    if (quote == '"' && s[stop] == '\\') {
      stop += 2;
      continue;
    }
    if (s[stop] == quote) {
      if (quote == '\'' && stop + 1 < s.size() && s[stop + 1] == '\'') {
        stop += 2;
        continue;
      }
      return stop;
    }
    ++stop;
  }
  return std::string_view::npos;
}

// The byte range of a single-line scalar in the source, or false.
bool scalar_range(const Lines& lines, const yaml::Node& value, std::size_t& begin,
                  std::size_t& end) {
  const std::string_view line = lines.line(static_cast<std::size_t>(value.pos.line));
  const std::size_t col = static_cast<std::size_t>(value.pos.column - 1);
  if (col >= line.size()) return false;
  const char quote = line[col];
  std::size_t stop;
  if (quote == '"' || quote == '\'') {
    stop = closing_quote(line, col);
    if (stop == std::string_view::npos) return false;  // the quoted scalar goes on to another line
    ++stop;
  } else {
    if (value.text.find('\n') != std::string::npos ||
        line.substr(col, value.text.size()) != value.text)
      return false;  // a multi-line or block scalar
    stop = col + value.text.size();
  }
  begin = lines.start(static_cast<std::size_t>(value.pos.line)) + col;
  end = lines.start(static_cast<std::size_t>(value.pos.line)) + stop;
  return true;
}

const yaml::Node* value_of(const yaml::Node& root, std::string_view key,
                           const yaml::Key** key_out) {
  for (std::size_t i = 0; i < root.keys.size(); ++i)
    if (root.keys[i].text == key) {
      *key_out = &root.keys[i];
      return &root.items[i];
    }
  return nullptr;
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Fills the empty value of key `k`: a "~" or "null" after its ':' gives way to
// the new value, else " value" goes right after the ':' (before a comment, or
// in a flow mapping before the ',' or '}'). A key of a flow mapping written
// without ':' ("{a, b: 1}") gets ": value".
EditResult fill_empty(std::string_view text, const Lines& lines, const yaml::Key& k,
                      std::string_view value_yaml, bool flow) {
  yaml::Node key_node;
  key_node.pos = k.pos;
  key_node.text = k.text;
  std::size_t key_begin = 0, key_end = 0;
  if (!scalar_range(lines, key_node, key_begin, key_end))
    return {"", fmt::format("cannot find the key '{}'", k.text)};
  std::string out(text);
  const std::size_t colon = std::min(text.find_first_not_of(" \t", key_end), text.size());
  if (flow && colon < text.size() && (text[colon] == ',' || text[colon] == '}')) {
    out.insert(key_end, ": " + std::string(value_yaml));
    return {out, ""};
  }
  if (colon == text.size() || text[colon] != ':')
    return {"", fmt::format("cannot find the ':' after '{}'", k.text)};
  // "key: ~" or "key: null": the word goes, the new value takes its place.
  const std::size_t word = std::min(text.find_first_not_of(" \t", colon + 1), text.size());
  const std::size_t word_end =
      std::min(text.find_first_of(flow ? " \t\r\n,}" : " \t\r\n", word), text.size());
  const std::string_view null_word = text.substr(word, word_end - word);
  if (null_word == "~" || null_word == "null" || null_word == "Null" || null_word == "NULL") {
    out.replace(word, null_word.size(), value_yaml);
    return {out, ""};
  }
  out.insert(colon + 1, " " + std::string(value_yaml));
  return {out, ""};
}

// Sets the value of key `k` (of the mapping under `parent`) when it is empty or
// a scalar on one line.
EditResult set_value(std::string_view text, const Lines& lines, const yaml::Key& k,
                     const yaml::Node& value, std::string_view parent, std::string_view value_yaml,
                     bool flow) {
  if (value.is_null()) return fill_empty(text, lines, k, value_yaml, flow);
  if (!value.is_scalar())
    return {"", fmt::format("'{}.{}' is {}, not a single value; edit it by hand", parent, k.text,
                            yaml::describe(value))};
  std::size_t begin = 0, end = 0;
  if (!scalar_range(lines, value, begin, end))
    return {"",
            fmt::format("'{}.{}' is written over several lines; edit it by hand", parent, k.text)};
  std::string out(text);
  out.replace(begin, end - begin, value_yaml);
  return {out, ""};
}

// Finds the '}' that closes the flow mapping opening at `open`, walking its
// text: quoted scalars skipped, brackets counted. Returns why it cannot be
// found safely (a comment inside), or "" with `close` set.
std::string flow_mapping_end(std::string_view text, std::size_t open, std::string_view parent,
                             std::size_t& close) {
  int depth = 0;
  char before = '{';  // the last character that is not blank: a quote after it opens a scalar
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '\'' || c == '"') &&
        std::string_view("{[,:?").find(before) != std::string_view::npos) {
      i = closing_quote(text, i);
      if (i == std::string_view::npos) break;
      before = c;
      continue;
    }
    if (c == '#' && i > open && blank(text[i - 1]))
      return fmt::format("'{}' has a comment inside its {{...}}; edit it by hand", parent);
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && --depth == 0) {
      if (c != '}') break;
      close = i;
      return "";
    }
    if (!blank(c)) before = c;
  }
  return fmt::format("cannot find the '}}' that closes '{}'; edit it by hand", parent);
}

// set_nested_scalar in a mapping written {...}, on one line or several.
EditResult set_in_flow(std::string_view text, const Lines& lines, const yaml::Node& map,
                       std::string_view parent, std::string_view key, std::string_view value_yaml,
                       const std::vector<std::string_view>& order) {
  const std::size_t open = lines.offset(map.pos);
  std::size_t close = 0;
  const std::string why =
      open < text.size() && text[open] == '{'
          ? flow_mapping_end(text, open, parent, close)
          : fmt::format("cannot find the '{{' that opens '{}'; edit it by hand", parent);
  if (!why.empty()) return {"", why};
  for (std::size_t i = 0; i < map.keys.size(); ++i)
    if (map.keys[i].text == key)
      return set_value(text, lines, map.keys[i], map.items[i], parent, value_yaml, true);
  std::string out(text);
  const std::string entry = fmt::format("{}: {}", key, value_yaml);
  const yaml::Key* after = predecessor(map, key, order);
  if (after && after != &map.keys.back()) {  // right before the key that follows it
    out.insert(lines.offset((after + 1)->pos), entry + ", ");
    return {out, ""};
  }
  std::size_t at = close;  // after the last entry ('{' at worst)
  while (blank(text[at - 1])) --at;
  if (text[at - 1] == ':') at = close;  // "{a: }" becomes "{a: , key: value}", not "{a:, ...}"
  const char before = text[at - 1];
  out.insert(at, before == '{' ? entry : before == ',' ? " " + entry : ", " + entry);
  return {out, ""};
}

// set_nested_scalar in a block mapping: a new key goes on a line of its own.
EditResult set_in_block(std::string_view text, const Lines& lines, const yaml::Node& map,
                        std::string_view parent, std::string_view key, std::string_view value_yaml,
                        const std::vector<std::string_view>& order) {
  for (std::size_t i = 0; i < map.keys.size(); ++i)
    if (map.keys[i].text == key)
      return set_value(text, lines, map.keys[i], map.items[i], parent, value_yaml, false);
  if (map.keys.empty()) return {"", fmt::format("'{}' has no keys to follow", parent)};
  const int column = map.keys.front().pos.column;
  for (const yaml::Key& k : map.keys)
    if (k.pos.column != column || Lines::indent(lines.line(static_cast<std::size_t>(k.pos.line))) !=
                                      static_cast<std::size_t>(column - 1))
      return {"",
              fmt::format("the keys of '{}' do not each start a line; edit it by hand", parent)};
  const std::size_t indent = static_cast<std::size_t>(column - 1);
  const yaml::Key* after = predecessor(map, key, order);
  if (!after) after = &map.keys.back();
  const std::size_t end = lines.end_of_block(static_cast<std::size_t>(after->pos.line), indent);
  const std::size_t at = end > lines.count() ? text.size() : lines.start(end);
  std::string out(text);
  out.insert(at, with_newline_before(text, at, lines.eol()) + std::string(indent, ' ') +
                     fmt::format("{}: {}{}", key, value_yaml, lines.eol()));
  return {out, ""};
}

// Whether two trees hold the same values, whatever their layout and key order.
bool same_values(const yaml::Node& a, const yaml::Node& b) {
  if (a.kind != b.kind || a.text != b.text || a.plain != b.plain ||
      a.items.size() != b.items.size() || a.keys.size() != b.keys.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const yaml::Node* other = a.is_mapping() ? b.find(a.keys[i].text) : &b.items[i];
    if (!other || !same_values(a.items[i], *other)) return false;
  }
  return true;
}

// Whether `edited` reads as `root` with parent.key set to `value_yaml` and
// nothing else changed.
bool reads_back(std::string_view edited, const yaml::Node& root, std::string_view parent,
                std::string_view key, std::string_view value_yaml) {
  Diagnostics diags;
  const std::optional<yaml::Node> after = yaml::parse(edited, "", diags);
  const std::optional<yaml::Node> probe =
      yaml::parse(fmt::format("{}: {}\n", key, value_yaml), "", diags);
  if (!after || !probe || probe->items.size() != 1) return false;
  yaml::Node expected = root;
  auto entry = [](yaml::Node& map, std::string_view k) -> yaml::Node& {
    for (std::size_t i = 0; i < map.keys.size(); ++i)
      if (map.keys[i].text == k) return map.items[i];
    map.keys.push_back({std::string(k), {}});
    return map.items.emplace_back();
  };
  yaml::Node& map = entry(expected, parent);
  if (map.is_null()) map.kind = yaml::NodeKind::mapping;
  entry(map, key) = probe->items.front();
  return same_values(expected, *after);
}

}  // namespace

EditResult set_top_level_scalar(std::string_view text, const yaml::Node& root, std::string_view key,
                                std::string_view value_yaml,
                                const std::vector<std::string_view>& order) {
  const Lines lines(text);
  const yaml::Key* k = nullptr;
  const yaml::Node* value = value_of(root, key, &k);
  std::string out(text);
  if (!value) {
    const std::size_t at = insertion_offset(lines, root, key, order, text);
    out.insert(at, with_newline_before(text, at, lines.eol()) +
                       fmt::format("{}: {}{}", key, value_yaml, lines.eol()));
    return {out, ""};
  }
  if (value->is_null())  // "key:" with nothing after it (maybe a comment), "key: ~"
    return fill_empty(text, lines, *k, value_yaml, false);
  std::size_t begin = 0, end = 0;
  if (!value->is_scalar() || !scalar_range(lines, *value, begin, end))
    return {"", fmt::format("'{}' is written over several lines; edit it by hand", key)};
  out.replace(begin, end - begin, value_yaml);
  return {out, ""};
}

EditResult append_to_top_level_sequence(std::string_view text, const yaml::Node& root,
                                        std::string_view key, std::string_view item_yaml,
                                        const std::vector<std::string_view>& order) {
  const Lines lines(text);
  const yaml::Key* k = nullptr;
  const yaml::Node* value = value_of(root, key, &k);
  std::string out(text);
  const std::string& eol = lines.eol();
  if (!value) {
    const std::size_t at = insertion_offset(lines, root, key, order, text);
    out.insert(at, with_newline_before(text, at, eol) +
                       fmt::format("{}:{}  - {}{}", key, eol, item_yaml, eol));
    return {out, ""};
  }
  if (value->is_null() || (value->is_sequence() && value->items.empty() && !value->flow)) {
    const std::size_t end = lines.end_of_block(static_cast<std::size_t>(k->pos.line), 0);
    const std::size_t at = end > lines.count() ? text.size() : lines.start(end);
    out.insert(at, with_newline_before(text, at, eol) + fmt::format("  - {}{}", item_yaml, eol));
    return {out, ""};
  }
  if (!value->is_sequence() || value->flow)
    return {"",
            fmt::format("'{}' is written as [...] on one line; write it as a list with one '- ' "
                        "per line to append to it",
                        key)};
  // The items' own prefix ("  - "), and the line where the last item ends.
  const yaml::Node& first = value->items.front();
  const std::string_view first_line = lines.line(static_cast<std::size_t>(first.pos.line));
  const std::size_t dash = first_line.rfind('-', static_cast<std::size_t>(first.pos.column - 1));
  if (dash == std::string_view::npos)
    return {"", fmt::format("cannot find the items of '{}'", key)};
  const std::string prefix = std::string(dash, ' ') + "- ";
  const std::size_t end =
      lines.end_of_block(static_cast<std::size_t>(value->items.back().pos.line), dash);
  const std::size_t at = end > lines.count() ? text.size() : lines.start(end);
  out.insert(at, with_newline_before(text, at, eol) + prefix + std::string(item_yaml) + eol);
  return {out, ""};
}

EditResult set_nested_scalar(std::string_view text, const yaml::Node& root, std::string_view parent,
                             std::string_view key, std::string_view value_yaml,
                             const std::vector<std::string_view>& order,
                             const std::vector<std::string_view>& top_order) {
  const Lines lines(text);
  const yaml::Key* k = nullptr;
  const yaml::Node* map = value_of(root, parent, &k);
  EditResult edit;
  if (!map || map->is_null())  // "parent: {key: value}"
    edit = set_top_level_scalar(text, root, parent, fmt::format("{{{}: {}}}", key, value_yaml),
                                top_order);
  else if (!map->is_mapping())
    return {"", fmt::format("'{}' is {}, not a mapping of keys; edit it by hand", parent,
                            yaml::describe(*map))};
  else if (map->flow)
    edit = set_in_flow(text, lines, *map, parent, key, value_yaml, order);
  else
    edit = set_in_block(text, lines, *map, parent, key, value_yaml, order);
  if (edit.ok() && !reads_back(edit.text, root, parent, key, value_yaml))
    return {"",
            fmt::format("setting '{}.{}' here would change more than its value; edit it by hand",
                        parent, key)};
  return edit;
}

}  // namespace actionplan
