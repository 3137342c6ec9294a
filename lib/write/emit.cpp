#include "write/emit.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

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

class Writer {
 public:
  void text(const char* key, const Text& value, int indent = 0) {
    if (value) line(indent, key, yaml_text(value->value, indent));
  }
  void scalar(const char* key, const std::string& value, int indent = 0) {
    line(indent, key, yaml_scalar(value));
  }
  void raw(const char* key, const std::string& value, int indent = 0) { line(indent, key, value); }
  void ids(const char* key, const IdList& list, int indent = 0) {
    if (list.empty()) return;
    std::vector<std::string> items;
    for (const auto& item : list) items.push_back(yaml_scalar(item.value));
    line(indent, key, "[" + join(items) + "]");
  }
  void texts(const char* key, const std::vector<Located<std::string>>& list, int indent = 0) {
    if (list.empty()) return;
    m_out += fmt::format("{}{}:\n", std::string(static_cast<std::size_t>(indent), ' '), key);
    for (const auto& item : list)
      m_out += fmt::format("{}  - {}\n", std::string(static_cast<std::size_t>(indent), ' '),
                           yaml_text(item.value, indent + 2));
  }
  void date(const char* key, const std::optional<Located<Date>>& value, int indent = 0) {
    if (value) line(indent, key, value->value.to_string());
  }
  void open(const char* key) { m_out += fmt::format("{}:\n", key); }
  std::string take() { return std::move(m_out); }

 private:
  void line(int indent, const char* key, const std::string& value) {
    m_out +=
        fmt::format("{}{}: {}\n", std::string(static_cast<std::size_t>(indent), ' '), key, value);
  }
  std::string m_out;
};

std::string amount_text(const Amount& a) {
  switch (a.kind) {
    case AmountKind::number:
      return format_number(a.max);
    case AmountKind::range:
      return fmt::format("[{}, {}]", format_number(a.min), format_number(a.max));
    case AmountKind::none:
      return "none";
    case AmountKind::tbd:
      return "tbd";
  }
  return "";
}

void persons(Writer& w, const char* key, const std::vector<Person>& list) {
  std::vector<Located<std::string>> names;
  for (const Person& p : list) names.push_back(p.name);
  w.texts(key, names);
}

}  // namespace

std::string emit_objective(const Objective& o) {
  Writer w;
  w.scalar("id", o.id.value);
  w.text("title", o.title);
  if (o.goal) w.scalar("goal", o.goal->value);
  w.text("description", o.description);
  w.text("problem", o.problem);
  if (!o.targets.empty()) {
    w.open("targets");
    for (const YearText& t : o.targets)
      w.scalar(std::to_string(t.year.value).c_str(), t.text.value, 2);
  }
  if (o.regions && o.regions->empty())
    w.raw("regions", "[]");  // no region, unlike no key (the plan's)
  else if (o.regions)
    w.ids("regions", *o.regions);
  return schema_hint("objective", true) + "\n" + w.take();
}

std::string emit_task_force(const TaskForce& t) {
  Writer w;
  w.scalar("id", t.id.value);
  w.text("name", t.name);
  w.ids("objectives", t.objectives);
  if (t.regions && t.regions->empty())
    w.raw("regions", "[]");  // no region, unlike no key (its objectives')
  else if (t.regions)
    w.ids("regions", *t.regions);
  persons(w, "leaders", t.leaders);
  persons(w, "members", t.members);
  w.text("approach", t.approach);
  return schema_hint("taskforce", true) + "\n" + w.take();
}

std::string emit_indicator(const Indicator& i) {
  Writer w;
  w.scalar("id", i.id.value);
  w.text("title", i.title);
  if (i.objective) w.scalar("objective", i.objective->value);
  if (i.activity) w.scalar("activity", i.activity->value);
  const bool milestone = i.type.value == IndicatorType::milestone;
  if (milestone) w.raw("type", "milestone");
  w.text("unit", i.unit);
  if (i.direction == Direction::decrease) w.raw("direction", "decrease");
  if (i.baseline && i.baseline->value) {
    std::string text = "{";
    if (i.baseline->date) text += "date: " + i.baseline->date->value.to_string() + ", ";
    w.raw("baseline", text + "value: " + format_number(i.baseline->value->value) + "}");
  }
  if (!i.targets.empty()) {
    w.open("targets");
    for (const IndicatorTarget& t : i.targets)
      // A number stays a number (a milestone's as written: `2030: 400` reads back as written),
      // a text stays a text.
      w.raw(std::to_string(t.year.value).c_str(),
            !t.is_number ? yaml_scalar(t.text)
            : milestone  ? t.text
                         : format_number(*t.number),
            2);
  }
  w.date("due", i.due);
  w.date("achieved", i.achieved);
  w.text("description", i.description);
  w.text("method", i.method);
  w.text("source", i.source_text);
  return schema_hint("indicator", true) + "\n" + w.take();
}

std::string emit_activity(const Activity& a) {
  Writer w;
  w.scalar("id", a.id.value);
  w.text("title", a.title);
  if (a.type == ActivityType::activity) w.raw("type", "activity");
  w.ids("objectives", a.objectives);
  if (a.task_force) w.scalar("task_force", a.task_force->value);
  if (a.stage) w.scalar("stage", a.stage->value);
  if (a.status != ActivityStatus::active) w.raw("status", status_name(a.status));
  w.ids("regions", a.regions);
  w.ids("countries", a.countries);
  if (a.lead) {
    w.open("lead");
    w.scalar("name", a.lead->name.value, 2);
    w.text("org", a.lead->org, 2);
    w.text("email", a.lead->email, 2);
    w.text("role", a.lead->role, 2);
    w.texts("expertise", a.lead->expertise, 2);
  }
  w.texts("responsible", a.responsible);
  w.texts("partners", a.partners);
  w.texts("sponsors", a.sponsors);
  if (a.budget &&
      (a.budget->currency || a.budget->estimate || a.budget->secured || a.budget->note)) {
    w.open("budget");
    if (a.budget->currency) w.scalar("currency", a.budget->currency->value, 2);
    if (a.budget->estimate) w.raw("estimate", amount_text(a.budget->estimate->value), 2);
    if (a.budget->secured) w.raw("secured", format_number(a.budget->secured->value), 2);
    if (a.budget->note) w.scalar("note", a.budget->note->value, 2);
  }
  w.date("start", a.start);
  w.date("end", a.end);
  w.text("timeframe", a.timeframe);
  w.texts("outputs", a.outputs);
  w.text("methodology", a.methodology);
  w.text("outcome", a.outcome);
  w.text("description", a.description);
  w.ids("indicators", a.indicators);
  w.text("url", a.url);
  w.date("updated", a.updated);
  return schema_hint("activity", true) + "\n" + w.take();
}

}  // namespace actionplan
