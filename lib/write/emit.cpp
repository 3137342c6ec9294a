#include "write/emit.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "model/fields.hpp"
#include "model/text.hpp"
#include "write/init_plan.hpp"
#include "write/yaml_text.hpp"

namespace actionplan {
namespace {

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return true;
  // Indicators that start something else in YAML.
  if (std::strchr("-?:,[]{}#&*!|>'\"%@`", s.front())) return true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return true;  // "a: b", "a:"
    if (c == '#' && i > 0 && s[i - 1] == ' ') return true;                // "a #b"
    if (std::strchr(",[]{}", c)) return true;                             // flow context
  }
  if (s.find(k_line_separator) != std::string_view::npos ||
      s.find(k_paragraph_separator) != std::string_view::npos ||
      s.find("\xC2\x85") != std::string_view::npos)  // NEL: a line break to YAML 1.1 readers
    return true;
  // Words some YAML readers turn into booleans or null (YAML 1.1 included), and
  // YAML 1.1's merge and value keys, which PyYAML and ruamel cannot load as values.
  static constexpr std::string_view k_special[] = {"null", "~",   "true", "false", "yes", "no",
                                                   "on",   "off", "y",    "n",     "<<",  "="};
  const std::string lower = to_lower_ascii(s);
  for (std::string_view word : k_special)
    if (lower == word) return true;
  // Anything a reader could take for a number or a date: starts like one.
  const char first = s.front();
  if ((first >= '0' && first <= '9') || first == '.' || first == '+') return true;
  if (lower == ".inf" || lower == ".nan") return true;
  return false;
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  return needs_quotes(text) ? yaml_double_quoted(text) : std::string(text);
}

std::string yaml_text(std::string_view text, int indent) {
  const bool multi_line = text.find('\n') != std::string_view::npos;
  const bool printable = std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n') || u == 0x7F;
  });
  // Literal blocks keep text byte for byte, except a first line starting with
  // a space (would need an indentation indicator) and whitespace-only lines.
  const bool separators = text.find(k_line_separator) != std::string_view::npos ||
                          text.find(k_paragraph_separator) != std::string_view::npos ||
                          text.find("\xC2\x85") != std::string_view::npos;  // NEL
  if (!multi_line || !printable || separators || text.front() == ' ' || text.front() == '\n')
    return yaml_scalar(text);
  std::size_t trailing = 0;
  while (trailing < text.size() && text[text.size() - 1 - trailing] == '\n') ++trailing;
  const std::string_view body = text.substr(0, text.size() - trailing);
  for (std::size_t at = 0; at <= body.size();) {  // a line of only spaces would be folded
    std::size_t end = body.find('\n', at);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(at, end - at);
    if (!line.empty() && line.find_first_not_of(' ') == std::string_view::npos)
      return yaml_scalar(text);
    at = end + 1;
  }
  const char* chomp = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
  const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  std::string out = chomp;
  for (std::size_t at = 0; at <= body.size();) {
    std::size_t end = body.find('\n', at);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(at, end - at);
    out += "\n" + (line.empty() ? std::string() : pad + std::string(line));
    at = end + 1;
  }
  for (std::size_t i = 1; i < trailing; ++i) out += "\n";
  return out;
}

namespace {

std::string amount_text(const Amount& a) {
  switch (a.kind) {
    case AmountKind::number:
      return money_text(a.max);
    case AmountKind::range:
      return fmt::format("[{}, {}]", money_text(a.min), money_text(a.max));
    case AmountKind::none:
      return "none";
    case AmountKind::tbd:
      return "tbd";
  }
  return "";
}

std::string pad(int indent) {
  return std::string(static_cast<std::size_t>(indent), ' ');
}

// Writes the keys of a record, or of a mapping nested in one, by its table
// (model/fields.hpp): in the table's order, each value as its kind is written,
// keys without a value (and choices left at their default) left out.
class Emitter {
 public:
  explicit Emitter(int indent, bool text_targets = false)
      : m_indent(indent), m_text_targets(text_targets) {}

  template <class R>
  std::string keys(const R& record) {
    visit_fields(record, [&](const FieldInfo& f, const auto& member) { put(f, member); });
    return std::move(m_out);
  }

  // The keys as a flow mapping: {date: 2024, value: 3}; "" when none has a value.
  template <class R>
  static std::string flow(const R& record) {
    std::vector<std::string> items;
    visit_fields(record, [&](const FieldInfo& f, const auto& member) {
      Emitter one(0);
      one.m_in_flow = true;
      one.put(f, member);
      std::string line = std::move(one.m_out);
      if (line.empty()) return;
      line.pop_back();  // "key: value\n" → "key: value"; never a block: flow values are scalars
      items.push_back(std::move(line));
    });
    return items.empty() ? "" : "{" + join(items) + "}";
  }

 private:
  void line(std::string_view key, const std::string& value) {
    m_out += fmt::format("{}{}: {}\n", pad(m_indent), key, value);
  }
  // A text value: a literal block when it has several lines (flow mappings never do: scalar).
  std::string text(const std::string& value) const {
    return m_in_flow ? yaml_scalar(value) : yaml_text(value, m_indent);
  }

  void put(const FieldInfo& f, const Located<std::string>& m) { line(f.key, yaml_scalar(m.value)); }
  void put(const FieldInfo& f, const Text& m) {
    if (!m) return;
    const bool words = f.value == Value::text || f.value == Value::url;
    line(f.key, words ? text(m->value) : yaml_scalar(m->value));
  }
  void put(const FieldInfo& f, const IdList& m) {
    if (m.empty()) return;
    if (f.value == Value::refs || f.value == Value::countries) {
      std::vector<std::string> items;
      for (const auto& item : m) items.push_back(yaml_scalar(item.value));
      line(f.key, "[" + join(items) + "]");
      return;
    }
    m_out += fmt::format("{}{}:\n", pad(m_indent), f.key);
    for (const auto& item : m)
      m_out += fmt::format("{}  - {}\n", pad(m_indent), yaml_text(item.value, m_indent + 2));
  }
  void put(const FieldInfo& f, const std::optional<IdList>& m) {
    if (m && m->empty())
      line(f.key, "[]");  // no region, unlike no key (the default)
    else if (m)
      put(f, *m);
  }
  template <class E>
  requires std::is_enum_v<E>
  void put(const FieldInfo& f, E m) {
    if (m != E{}) line(f.key, std::string(f.choices[static_cast<std::size_t>(m)]));
  }
  template <class E>
  requires std::is_enum_v<E>
  void put(const FieldInfo& f, const Located<E>& m) { put(f, m.value); }
  void put(const FieldInfo& f, const std::optional<Located<Date>>& m) {
    if (m) line(f.key, m->value.to_string());
  }
  void put(const FieldInfo& f, const std::optional<Located<double>>& m) {
    if (m) line(f.key, f.value == Value::money ? money_text(m->value) : format_number(m->value));
  }
  void put(const FieldInfo& f, const std::optional<Located<Amount>>& m) {
    if (m) line(f.key, amount_text(m->value));
  }
  void put(const FieldInfo& f, const std::vector<YearText>& m) {
    if (m.empty()) return;
    m_out += fmt::format("{}{}:\n", pad(m_indent), f.key);
    for (const YearText& t : m)
      m_out += fmt::format("{}  {}: {}\n", pad(m_indent), t.year.value, yaml_scalar(t.text.value));
  }
  void put(const FieldInfo& f, const std::vector<IndicatorTarget>& m) {
    if (m.empty()) return;
    m_out += fmt::format("{}{}:\n", pad(m_indent), f.key);
    for (const IndicatorTarget& t : m)
      // A number stays a number (a milestone's or a level's as written: `2030: 400` reads back
      // as written),
      // a text stays a text.
      m_out += fmt::format("{}  {}: {}\n", pad(m_indent), t.year.value,
                           !t.is_number     ? yaml_scalar(t.text)
                           : m_text_targets ? t.text
                                            : format_number(*t.number));
  }
  // A measurement's parts, on one line: {region: {africa: 10, asia: 8}}.
  void put(const FieldInfo& f, const std::vector<Breakdown>& m) {
    if (m.empty()) return;
    std::vector<std::string> dimensions;
    for (const Breakdown& b : m) {
      std::vector<std::string> parts;
      for (const Part& p : b.parts)
        parts.push_back(yaml_scalar(p.name.value) + ": " + format_number(p.value.value));
      dimensions.push_back(yaml_scalar(b.dimension.value) + ": {" + join(parts) + "}");
    }
    line(f.key, "{" + join(dimensions) + "}");
  }
  // Parts' own targets, a part on each line: `  region: {africa: {2030: 15}}`.
  void put(const FieldInfo& f, const std::vector<PartTargets>& m) {
    if (m.empty()) return;
    m_out += fmt::format("{}{}:\n", pad(m_indent), f.key);
    std::string dimension, parts;
    auto flush = [&] {
      if (!dimension.empty())
        m_out += fmt::format("{}  {}: {{{}}}\n", pad(m_indent), yaml_scalar(dimension), parts);
    };
    for (const PartTargets& p : m) {
      if (p.dimension.value != dimension) {
        flush();
        dimension = p.dimension.value, parts.clear();
      }
      std::vector<std::string> years;
      for (const IndicatorTarget& t : p.targets)
        years.push_back(fmt::format("{}: {}", t.year.value, format_number(t.number.value_or(0))));
      parts += (parts.empty() ? "" : ", ") + yaml_scalar(p.part.value) + ": {" + join(years) + "}";
    }
    flush();
  }
  // A person alone (an activity's lead): its keys below the key.
  void put(const FieldInfo& f, const std::optional<Person>& m) {
    if (!m) return;
    m_out += fmt::format("{}{}:\n", pad(m_indent), f.key);
    m_out += Emitter(m_indent + 2).keys(*m);
  }
  // Persons: a name each, or the keys of those who have more than a name.
  void put(const FieldInfo& f, const std::vector<Person>& m) {
    if (m.empty()) return;
    m_out += fmt::format("{}{}:\n", pad(m_indent), f.key);
    for (const Person& p : m) {
      if (!p.org && !p.email && !p.role && p.expertise.empty() && !p.region) {
        m_out += fmt::format("{}  - {}\n", pad(m_indent), yaml_text(p.name.value, m_indent + 2));
        continue;
      }
      std::string keys = Emitter(m_indent + 4).keys(p);
      keys.replace(0, static_cast<std::size_t>(m_indent + 4), pad(m_indent + 2) + "- ");
      m_out += keys;
    }
  }
  // A nested mapping: on one line (a baseline) or below the key (a budget); left
  // out when none of its keys has a value.
  template <HasFields M>
  void put(const FieldInfo& f, const std::optional<M>& m) {
    if (!m) return;
    if (f.flow) {
      if (const std::string one_line = flow(*m); !one_line.empty()) line(f.key, one_line);
      return;
    }
    const std::string keys = Emitter(m_indent + 2).keys(*m);
    if (!keys.empty()) m_out += fmt::format("{}{}:\n{}", pad(m_indent), f.key, keys);
  }
  // A list of nested mappings, one on each line: measurements, milestones.
  template <HasFields M>
  void put(const FieldInfo& f, const std::vector<M>& m) {
    if (m.empty()) return;
    m_out += fmt::format("{}{}:\n", pad(m_indent), f.key);
    for (const M& item : m) m_out += fmt::format("{}  - {}\n", pad(m_indent), flow(item));
  }

  int m_indent;
  bool m_text_targets;
  bool m_in_flow = false;
  std::string m_out;
};

}  // namespace

std::string emit_objective(const Objective& o) {
  return schema_hint("objective", true) + "\n" + Emitter(0).keys(o);
}

std::string emit_task_force(const TaskForce& t) {
  return schema_hint("taskforce", true) + "\n" + Emitter(0).keys(t);
}

std::string emit_indicator(const Indicator& i) {
  const bool text_targets = i.type.value != IndicatorType::numeric;
  return schema_hint("indicator", true) + "\n" + Emitter(0, text_targets).keys(i);
}

std::string emit_activity(const Activity& a) {
  return schema_hint("activity", true) + "\n" + Emitter(0).keys(a);
}

}  // namespace actionplan
