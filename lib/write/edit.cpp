#include "write/edit.hpp"

#include <algorithm>

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
  std::string_view line(std::size_t n) const {                              // without its ending
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

// Where a new top-level `key` goes: after the entry of the nearest key that
// comes before it in `order`, else at the end. Returns a byte offset.
std::size_t insertion_offset(const Lines& lines, const yaml::Node& root, std::string_view key,
                             const std::vector<std::string_view>& order, std::string_view text) {
  auto rank = [&](std::string_view k) {
    auto it = std::find(order.begin(), order.end(), k);
    return it == order.end() ? order.size() : static_cast<std::size_t>(it - order.begin());
  };
  const std::size_t mine = rank(key);
  const yaml::Key* after = nullptr;
  for (const yaml::Key& k : root.keys)
    if (rank(k.text) < mine && (!after || rank(k.text) > rank(after->text))) after = &k;
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

// The byte range of a single-line scalar in the source, or false.
bool scalar_range(const Lines& lines, const yaml::Node& value, std::size_t& begin,
                  std::size_t& end) {
  const std::string_view line = lines.line(static_cast<std::size_t>(value.pos.line));
  const std::size_t col = static_cast<std::size_t>(value.pos.column - 1);
  if (col >= line.size()) return false;
  const char quote = line[col];
  std::size_t stop;
  if (quote == '"' || quote == '\'') {
    stop = col + 1;
    while (stop < line.size()) {
      if (quote == '"' && line[stop] == '\\') {
        stop += 2;
        continue;
      }
      if (line[stop] == quote) {
        if (quote == '\'' && stop + 1 < line.size() && line[stop + 1] == '\'') {
          stop += 2;
          continue;
        }
        break;
      }
      ++stop;
    }
    if (stop >= line.size()) return false;  // the quoted scalar goes on to another line
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
  if (value->is_null()) {  // "key:" with nothing after it (maybe a comment)
    const std::string_view line = lines.line(static_cast<std::size_t>(k->pos.line));
    const std::size_t colon =
        line.find(':', static_cast<std::size_t>(k->pos.column - 1) + key.size());
    if (colon == std::string_view::npos)
      return {"", fmt::format("cannot find the ':' after '{}'", key)};
    // "key: ~" or "key: null": the word goes, the new value takes its place.
    std::size_t word = line.find_first_not_of(" \t", colon + 1);
    std::size_t word_end =
        word == std::string_view::npos ? word : line.find_first_of(" \t\r", word);
    if (word_end == std::string_view::npos) word_end = line.size();
    const std::string_view null_word =
        word == std::string_view::npos ? "" : line.substr(word, word_end - word);
    if (null_word == "~" || null_word == "null" || null_word == "Null" || null_word == "NULL") {
      out.replace(lines.start(static_cast<std::size_t>(k->pos.line)) + word, null_word.size(),
                  value_yaml);
      return {out, ""};
    }
    out.insert(lines.start(static_cast<std::size_t>(k->pos.line)) + colon + 1,
               " " + std::string(value_yaml));
    return {out, ""};
  }
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

}  // namespace actionplan
