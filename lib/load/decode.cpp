#include "load/decode.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <span>

#include <fmt/format.h>

#include "model/fields.hpp"
#include "model/text.hpp"

namespace actionplan {
namespace {

using yaml::Node;

// JSON Schema fragments shared by the field tables.
// A text is any plain scalar: `title: 2030` and `description: yes` are texts, so
// the schema accepts what a YAML 1.1 or 1.2 reader turns into a number or boolean.
#define AP_TEXT R"({"type":["string","number","boolean"]})"
#define AP_ID R"({"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"})"
#define AP_IDS R"({"type":"array","items":)" AP_ID "}"
#define AP_SOME_IDS R"({"type":"array","minItems":1,"items":)" AP_ID "}"
#define AP_TEXTS R"({"type":"array","items":)" AP_TEXT "}"
// YYYY, YYYY-MM or YYYY-MM-DD with a real month and a day up to 31, then an optional time.
#define AP_DATE \
  R"({"type":["string","integer"],"pattern":"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?([Tt ].*)?$"})"
#define AP_NUMBER R"({"type":"number","minimum":-1e15,"maximum":1e15})"
#define AP_MONEY R"({"type":"number","minimum":0,"maximum":1e15})"
#define AP_AMOUNT                                                  \
  R"({"oneOf":[)" AP_MONEY R"(,{"type":"array","items":)" AP_MONEY \
  R"(,"minItems":2,"maxItems":2},{"enum":["none","tbd"]}]})"
#define AP_YEAR_MAP(VALUE) \
  R"({"type":"object","propertyNames":{"pattern":"^[0-9]{4}$"},"additionalProperties":)" VALUE "}"

// A value left empty (`key:`, `key: ~`, `key: "  "`): read as no value, so a
// required key written so is missing.
bool is_empty(const Node& value) {
  return value.is_null() ||
         (value.is_scalar() && value.text.find_first_not_of(" \t\n") == std::string::npos);
}

// Reads values of the format's types from tree nodes, reporting what is wrong.
class Reader {
 public:
  Reader(const std::string& path, Diagnostics& diags) : m_path(path), m_diags(diags) {}

  void error(Position pos, const char* code, std::string message) {
    m_diags.error(m_path, pos, code, std::move(message), m_key);
  }
  void warning(Position pos, const char* code, std::string message) {
    m_diags.warning(m_path, pos, code, std::move(message), m_key);
  }

  // The top-level key being read, which the problems found name (Diagnostic::key);
  // the keys of a nested mapping keep their top-level key's. Empty between keys.
  bool at_top() const { return m_key.empty(); }
  void reading(std::string_view key) { m_key = key; }

  void wrong_type(const Node& node, std::string_view key, std::string_view expected) {
    error(node.pos, "wrong-type",
          fmt::format("'{}' must be {}; got {}", key, expected, yaml::describe(node)));
  }

  // A scalar of any form, kept as written. Empty values are missing values.
  // Control characters written as escapes ("\e", "\x07") are refused like raw ones.
  // A text field: a value cut short by a comment ("title: Soil day #2") is a
  // warning that shows the value to write.
  Text text(const Node& node, std::string_view key) {
    Text value = scalar_text(node, key);
    if (value && !node.comment.empty()) {
      std::string quoted;
      for (char c : node.text + " " + node.comment) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      warning(node.comment_pos, "comment-in-text",
              fmt::format("'{}' is read as {}: the text after '#' is a comment; quote the value to "
                          "keep it: \"{}\"",
                          key, in_quotes(node.text), quoted));
    }
    return value;
  }

  // A scalar read as text for another kind of value (an id, a date, a number).
  Text scalar_text(const Node& node, std::string_view key) {
    if (node.is_null()) return std::nullopt;
    if (!node.is_scalar()) {
      wrong_type(node, key, "a text");
      return std::nullopt;
    }
    if (has_control_character(node.text)) {
      error(node.pos, "control-character",
            fmt::format("'{}' contains a control character ({}); remove it", key,
                        in_quotes(node.text)));
      return std::nullopt;
    }
    return Located<std::string>{node.text, node.pos};
  }

  std::optional<Located<std::string>> id(const Node& node, std::string_view key) {
    Text value = scalar_text(node, key);
    if (!value) return std::nullopt;
    if (!is_valid_id(value->value)) {
      error(node.pos, "invalid-id",
            fmt::format("'{}' is not a valid id: {}; ids are 1 to 64 letters, digits, '.', '_' "
                        "or '-', starting with a letter or digit",
                        key, in_quotes(value->value)));
      return std::nullopt;
    }
    return value;
  }

  std::optional<Located<Date>> date(const Node& node, std::string_view key) {
    Text value = scalar_text(node, key);
    if (!value) return std::nullopt;
    std::optional<Date> parsed = Date::parse(value->value);
    if (!parsed) {
      const std::string hint = iso_date_hint(value->value);
      error(node.pos, "invalid-date",
            fmt::format("'{}' must be a real date written YYYY, YYYY-MM or YYYY-MM-DD; got {}{}{}",
                        key, in_quotes(value->value), hint.empty() ? "" : "; ", hint));
      return std::nullopt;
    }
    return Located<Date>{*parsed, node.pos};
  }

  // Numbers stay below 10^15, so that sums of a whole plan stay exact enough to print.
  bool within_bound(double value, const Node& node, std::string_view key) {
    if (std::fabs(value) <= k_max_number) return true;
    error(
        node.pos, "invalid-number",
        fmt::format("'{}' is {}: numbers may be at most 10^15 (a million billion); check the value",
                    key, in_quotes(node.text)));
    return false;
  }

  std::optional<Located<double>> number(const Node& node, std::string_view key, bool money) {
    if (node.is_null()) return std::nullopt;
    if (!node.is_scalar()) {
      wrong_type(node, key, "a number");
      return std::nullopt;
    }
    if (money) {
      if (const std::string why = ambiguous_money(node.text); !why.empty()) {
        error(node.pos, "invalid-number", fmt::format("'{}' is {}: {}", key, node.text, why));
        return std::nullopt;
      }
    }
    std::optional<double> value = node.plain ? parse_decimal(node.text) : std::nullopt;
    if (!value) {
      std::string hint = !node.plain && parse_decimal(node.text) ? " (remove the quotes)" : "";
      error(
          node.pos, "invalid-number",
          fmt::format("'{}' must be a decimal number; got {}{}", key, in_quotes(node.text), hint));
      return std::nullopt;
    }
    if (money && *value < 0) {
      error(node.pos, "invalid-number",
            fmt::format("'{}' must be an amount of money of 0 or more; got {}", key, node.text));
      return std::nullopt;
    }
    if (!within_bound(*value, node, key)) return std::nullopt;
    return Located<double>{*value, node.pos};
  }

  std::optional<Located<int>> year(std::string_view text, Position pos, std::string_view where) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.size() != 4 || ec != std::errc{} || end != text.data() + text.size() || value < 1000) {
      error(pos, "invalid-year",
            fmt::format("{} must be a four-digit year like 2030; got {}", where, in_quotes(text)));
      return std::nullopt;
    }
    return Located<int>{value, pos};
  }

  std::optional<bool> boolean(const Node& node, std::string_view key) {
    Text value = scalar_text(node, key);
    if (!value) return std::nullopt;
    const std::string lower = to_lower_ascii(value->value);
    if (node.plain && lower == "true") return true;
    if (node.plain && lower == "false") return false;
    error(node.pos, "wrong-type",
          fmt::format("'{}' must be true or false; got {}", key, in_quotes(value->value)));
    return std::nullopt;
  }

  // One of `names`; returns its index.
  std::optional<int> choice(const Node& node, std::string_view key,
                            std::span<const std::string_view> names) {
    Text value = scalar_text(node, key);
    if (!value) return std::nullopt;
    int index = 0;
    for (std::string_view name : names) {
      if (value->value == name) return index;
      ++index;
    }
    std::string list;
    for (std::string_view name : names) list += fmt::format("{}{}", list.empty() ? "" : ", ", name);
    error(node.pos, "invalid-value",
          fmt::format("'{}' must be one of {}; got {}", key, list, in_quotes(value->value)));
    return std::nullopt;
  }

  std::optional<Located<Amount>> amount(const Node& node, std::string_view key) {
    if (node.is_null()) return std::nullopt;
    const char* expected =
        "an amount: a number, a range [min, max], none (no additional funds required) or tbd";
    if (node.is_scalar()) {
      if (const std::string why = ambiguous_money(node.text); !why.empty()) {
        error(node.pos, "invalid-amount", fmt::format("'{}' is {}: {}", key, node.text, why));
        return std::nullopt;
      }
      if (node.plain && (node.text == "none" || node.text == "tbd"))
        return Located<Amount>{{node.text == "none" ? AmountKind::none : AmountKind::tbd, 0, 0},
                               node.pos};
      if (std::optional<double> value = node.plain ? parse_decimal(node.text) : std::nullopt) {
        if (*value >= 0 && !within_bound(*value, node, key)) return std::nullopt;
        if (*value >= 0) return Located<Amount>{{AmountKind::number, *value, *value}, node.pos};
      }
      error(node.pos, "invalid-amount",
            fmt::format("'{}' must be {}; got {}", key, expected, in_quotes(node.text)));
      return std::nullopt;
    }
    if (node.is_sequence() && node.items.size() == 2) {
      auto low = number(node.items[0], key, true);
      auto high = number(node.items[1], key, true);
      if (!low || !high) return std::nullopt;
      if (low->value > high->value) {
        error(node.pos, "invalid-amount",
              fmt::format("'{}' range [{}, {}] has its minimum above its maximum", key,
                          format_number(low->value), format_number(high->value)));
        return std::nullopt;
      }
      return Located<Amount>{{AmountKind::range, low->value, high->value}, node.pos};
    }
    error(node.pos, "invalid-amount", fmt::format("'{}' must be {}", key, expected));
    return std::nullopt;
  }

  // A list whose items are read by `each(item) -> optional<T>`.
  template <class T, class F>
  std::vector<T> list(const Node& node, std::string_view key, std::string_view expected, F each) {
    std::vector<T> out;
    if (node.is_null()) return out;
    if (!node.is_sequence()) {
      wrong_type(node, key, expected);
      return out;
    }
    for (const Node& item : node.items)
      if (auto value = each(item)) out.push_back(std::move(*value));
    return out;
  }

  IdList ids(const Node& node, std::string_view key, std::string_view what) {
    const std::string_view example = what == "objective" ? "O1, O3"
                                     : what == "region"  ? "africa, global"
                                                         : "I1";
    return list<Located<std::string>>(node, key,
                                      fmt::format("a list of {} ids, e.g. [{}]", what, example),
                                      [&](const Node& item) { return id(item, key); });
  }

  std::vector<Located<std::string>> texts(const Node& node, std::string_view key) {
    return list<Located<std::string>>(node, key, "a list of texts",
                                      [&](const Node& item) { return text(item, key); });
  }

  // Reads a mapping by a table of plan.yaml: every known key is decoded, unknown
  // keys warned about, missing required keys reported.
  template <class R, class Table>
  void fields(const Node& node, const Table& table, R& record, std::string_view where) {
    std::vector<std::string_view> known, required;
    for (const auto& f : table) {
      known.push_back(f.doc.key);
      if (f.doc.need == Need::required) required.push_back(f.doc.key);
    }
    const bool top = at_top();
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
      const yaml::Key& key = node.keys[i];
      auto field = std::find_if(std::begin(table), std::end(table),
                                [&](const auto& f) { return f.doc.key == key.text; });
      if (field == std::end(table)) {
        unknown_key(node, i, known, where);
        continue;
      }
      if (top) reading(key.text);
      field->decode(*this, node.items[i], record);
      if (top) reading({});
    }
    missing_keys(node, required, where);
  }

  // The key `node.keys[i]`, known to none of `known`: a warning with the closest
  // known key (`x-` keys are the user's own, never reported).
  void unknown_key(const Node& node, std::size_t i, const std::vector<std::string_view>& known,
                   std::string_view where) {
    const yaml::Key& key = node.keys[i];
    if (key.text.rfind("x-", 0) == 0) return;
    std::string message = fmt::format("unknown key {} in {}", in_quotes(key.text), where);
    const std::string suggestion =
        closest_match(key.text, std::vector<std::string>(known.begin(), known.end()));
    if (!suggestion.empty()) message += fmt::format("; did you mean {}?", in_quotes(suggestion));
    if (node.flow && node.items[i].is_null())
      message +=
          "; if it belongs to the text before it, put that text in quotes (a comma "
          "inside {...} ends a value)";
    else
      message += " (prefix your own keys with 'x-')";
    m_diags.warning(m_path, key.pos, "unknown-key", std::move(message),
                    at_top() ? key.text : m_key);
  }

  // Each of `required` that the mapping lacks, or leaves empty.
  void missing_keys(const Node& node, const std::vector<std::string_view>& required,
                    std::string_view where) {
    for (std::string_view name : required) {
      auto key = std::find_if(node.keys.begin(), node.keys.end(),
                              [&](const yaml::Key& k) { return k.text == name; });
      const std::string blamed = at_top() ? std::string(name) : m_key;
      if (key == node.keys.end()) {
        m_diags.error(m_path, node.pos, "missing-key",
                      fmt::format("{} is missing the required key {}", where, in_quotes(name)),
                      blamed);
      } else if (is_empty(node.items[static_cast<std::size_t>(key - node.keys.begin())])) {
        m_diags.error(m_path, key->pos, "missing-key",
                      fmt::format("{} has an empty {}; give it a value", where, in_quotes(name)),
                      blamed);
      }
    }
  }

  // A mapping value given where a mapping is expected; false (reported) otherwise.
  bool expect_mapping(const Node& node, std::string_view key, std::string_view expected) {
    if (node.is_mapping()) return true;
    if (!node.is_null()) wrong_type(node, key, expected);
    return false;
  }

 private:
  const std::string& m_path;
  Diagnostics& m_diags;
  std::string m_key;
};

// ---- plan.yaml: a table of its own (the tool reads plan.yaml, and never writes it) ------

// A key of plan.yaml, as the docs and the JSON Schemas describe it.
struct KeyDoc {
  std::string_view key;
  Need need;
  std::string_view type;     // the docs' type
  std::string_view meaning;  // one line
  std::string_view schema;   // JSON Schema of the value; for other shapes, keywords added to it
  Shape shape = Shape::value;
  std::vector<FieldDoc> (*nested)() = nullptr;  // the keys of the mapping(s), for other shapes
};

template <class R>
struct Field {
  KeyDoc doc;
  void (*decode)(Reader&, const Node&, R&);
};

template <class R, std::size_t N>
std::vector<FieldDoc> docs_of(const Field<R> (&table)[N]) {
  std::vector<FieldDoc> out;
  for (const auto& f : table)
    out.push_back({FieldInfo{.key = f.doc.key, .need = f.doc.need, .meaning = f.doc.meaning},
                   std::string(f.doc.type), std::string(f.doc.schema), f.doc.shape,
                   f.doc.nested ? f.doc.nested() : std::vector<FieldDoc>{}});
  return out;
}

// ---- plan.yaml -------------------------------------------------------------

const Field<Goal> k_goal_fields[] = {
    {{"id", Need::required, "id", "unique among the goals", AP_ID},
     [](Reader& r, const Node& n, Goal& g) {
       if (auto v = r.id(n, "id")) g.id = *v;
     }},
    {{"title", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Goal& g) { g.title = r.text(n, "title"); }},
    {{"description", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Goal& g) { g.description = r.text(n, "description"); }},
};

const Field<NamedEntry> k_named_fields[] = {
    {{"id", Need::required, "id",
      "unique within its list. `global` cannot be a region id (`reserved-id`): it is the word "
      "for \"the whole world\"",
      AP_ID},
     [](Reader& r, const Node& n, NamedEntry& e) {
       if (auto v = r.id(n, "id")) e.id = *v;
     }},
    {{"name", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, NamedEntry& e) { e.name = r.text(n, "name"); }},
};

const Field<Dimension> k_dimension_fields[] = {
    {{"id", Need::required, "id",
      "what measurements write under `by:`; not `region` or `country`, which are built in "
      "(`reserved-id`)",
      AP_ID},
     [](Reader& r, const Node& n, Dimension& d) {
       if (auto v = r.id(n, "id")) d.id = *v;
     }},
    {{"name", Need::optional, "text", "how reports name it, e.g. `Sex`", AP_TEXT},
     [](Reader& r, const Node& n, Dimension& d) { d.name = r.text(n, "name"); }},
    {{"values", Need::required, "list of texts", "its values, e.g. `[female, male]`", AP_TEXTS},
     [](Reader& r, const Node& n, Dimension& d) { d.values = r.texts(n, "values"); }},
};

const Field<Stage> k_stage_fields[] = {
    {{"id", Need::required, "id", "unique among the stages; activities refer to it with `stage:`",
      AP_ID},
     [](Reader& r, const Node& n, Stage& s) {
       if (auto v = r.id(n, "id")) s.id = *v;
     }},
    {{"name", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Stage& s) { s.name = r.text(n, "name"); }},
    {{"funded", Need::optional, "true/false",
      "`true` for stages in which a project's funding is secured; default `false`",
      R"({"type":"boolean"})"},
     [](Reader& r, const Node& n, Stage& s) { s.funded = r.boolean(n, "funded").value_or(false); }},
};

const Field<Period> k_period_fields[] = {
    {{"start", Need::optional, "date", "first year/month/day of the plan", AP_DATE},
     [](Reader& r, const Node& n, Period& p) { p.start = r.date(n, "start"); }},
    {{"end", Need::optional, "date", "not before `start` (`end-before-start`)", AP_DATE},
     [](Reader& r, const Node& n, Period& p) { p.end = r.date(n, "end"); }},
};

void ratio(Reader& r, const Node& n, AnalysisSettings& a, const char* key, double& out) {
  auto v = r.number(n, key, false);
  if (!v) return;
  if (v->value < 0 || v->value > 1) {
    r.error(n.pos, "invalid-number",
            fmt::format("'{}' must be between 0 and 1; got {}", key, n.text));
    return;
  }
  out = v->value;
  a.given[key] = n.pos;
}

const Field<AnalysisSettings> k_analysis_fields[] = {
    {{"progress_method", Need::optional, "`linear` or `growth-rate`",
      "how indicators' progress is judged, default `linear`; see [progress "
      "methods](#progress-methods)",
      R"({"enum":["linear","growth-rate"]})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) {
       static constexpr std::string_view names[] = {"linear", "growth-rate"};
       if (auto v = r.choice(n, "progress_method", names)) {
         a.progress_method = *v == 0 ? ProgressMethod::linear : ProgressMethod::growth_rate;
         a.given["progress_method"] = n.pos;
       }
     }},
    {{"stale_after_months", Need::optional, "whole number",
      "1 to 1200, default `12`; an indicator or activity not updated for longer is \"stale\"",
      R"({"type":"integer","minimum":1,"maximum":1200})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) {
       auto v = r.number(n, "stale_after_months", true);
       if (!v) return;
       if (v->value < 1 || v->value != static_cast<int>(v->value) || v->value > 1200) {
         r.error(n.pos, "invalid-number",
                 fmt::format("'stale_after_months' must be a whole number of months from 1 to "
                             "1200; got {}",
                             n.text));
         return;
       }
       a.stale_after_months = static_cast<int>(v->value);
     }},
    {{"on_track", Need::optional, "number",
      "0 to 1, default `0.9` (with `progress_method: growth-rate`: `0.95`)",
      R"({"type":"number","minimum":0,"maximum":1})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) { ratio(r, n, a, "on_track", a.on_track); }},
    {{"at_risk", Need::optional, "number",
      "0 to 1, and not above `on_track` (`invalid-value`); default `0.6`",
      R"({"type":"number","minimum":0,"maximum":1})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) { ratio(r, n, a, "at_risk", a.at_risk); }},
    {{"overlap_threshold", Need::optional, "number",
      "0 to 1, default `0.5`; how similar two activities must be to be flagged as a possible "
      "overlap",
      R"({"type":"number","minimum":0,"maximum":1})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) {
       ratio(r, n, a, "overlap_threshold", a.overlap_threshold);
     }},
};

template <class T, std::size_t N>
std::optional<std::vector<T>> entries(Reader& r, const Node& n, std::string_view key,
                                      const Field<T> (&table)[N], std::string_view where) {
  if (n.is_null()) return std::nullopt;
  return r.list<T>(n, key, fmt::format("a list of mappings, e.g. [{{id: ..., ...}}]"),
                   [&](const Node& item) -> std::optional<T> {
                     if (!r.expect_mapping(item, key, "a mapping {id: ..., ...}"))
                       return std::nullopt;
                     T entry;
                     entry.pos = item.pos;
                     r.fields(item, table, entry, where);
                     if (entry.id.value.empty()) return std::nullopt;
                     return entry;
                   });
}

const Field<PlanInfo> k_plan_fields[] = {
    {{"format", Need::required, "number",
      "format version: `1`. A whole number above it is a plan for a newer `actionplan` "
      "(`newer-format`, a warning); anything else is `unsupported-format`",
      R"({"const":1})"},
     [](Reader& r, const Node& n, PlanInfo& p) { p.format = r.number(n, "format", true); }},
    {{"title", Need::required, "text", "name of the plan", AP_TEXT},
     [](Reader& r, const Node& n, PlanInfo& p) { p.title = r.text(n, "title"); }},
    {{"id", Need::optional, "id", "short slug of the plan", AP_ID},
     [](Reader& r, const Node& n, PlanInfo& p) { p.id = r.id(n, "id"); }},
    {{"description", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, PlanInfo& p) { p.description = r.text(n, "description"); }},
    {{"vision", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, PlanInfo& p) { p.vision = r.text(n, "vision"); }},
    {{"mission", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, PlanInfo& p) { p.mission = r.text(n, "mission"); }},
    {{"period", Need::optional, "`{start: date, end: date}`",
      "the plan's period; see [period](#period)", "", Shape::mapping,
      [] { return docs_of(k_period_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       if (!r.expect_mapping(n, "period", "a mapping {start: date, end: date}")) return;
       p.period.emplace();
       r.fields(n, k_period_fields, *p.period, "'period'");
     }},
    {{"closed_until", Need::optional, "date",
      "the last day of the last published report: a value dated on or before it that a change "
      "alters is an error of `validate --since` and `diff` unless it gives `restated`",
      AP_DATE},
     [](Reader& r, const Node& n, PlanInfo& p) { p.closed_until = r.date(n, "closed_until"); }},
    {{"horizons", Need::optional, "list of years", "target years, e.g. `[2030, 2050]`",
      R"({"type":"array","items":{"type":"integer"}})"},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.horizons = r.list<Located<int>>(n, "horizons", "a list of years, e.g. [2030, 2050]",
                                         [&](const Node& item) -> std::optional<Located<int>> {
                                           if (!item.is_scalar()) {
                                             r.wrong_type(item, "horizons", "a year");
                                             return std::nullopt;
                                           }
                                           return r.year(item.text, item.pos, "'horizons' entry");
                                         });
     }},
    {{"scale", Need::optional, "list of texts",
      "the levels of qualitative indicators, lowest first, at least two and each once; default "
      "`[not started, in progress, achieved]`",
      R"({"type":"array","items":)" AP_TEXT R"(,"minItems":2,"uniqueItems":true})"},
     [](Reader& r, const Node& n, PlanInfo& p) {
       const std::vector<Located<std::string>> levels = r.texts(n, "scale");
       std::vector<std::string> scale;
       for (const Located<std::string>& level : levels) {
         if (std::find(scale.begin(), scale.end(), level.value) != scale.end()) {
           r.error(level.pos, "invalid-value",
                   fmt::format("level {} is in 'scale' twice; each level once, lowest first",
                               in_quotes(level.value)));
           return;
         }
         scale.push_back(level.value);
       }
       if (levels.size() < 2 && n.is_sequence()) {
         r.error(n.pos, "invalid-value",
                 "'scale' needs at least two levels, lowest first, e.g. [not started, in "
                 "progress, achieved]");
         return;
       }
       if (!scale.empty()) p.analysis.scale = std::move(scale);
     }},
    {{"currency", Need::optional, "ISO 4217 code",
      "currency of budgets that name none; default `USD`",
      R"({"type":"string","pattern":"^[A-Z]{3}$"})"},
     [](Reader& r, const Node& n, PlanInfo& p) { p.currency = r.text(n, "currency"); }},
    {{"goals", Need::optional, "list of `{id, title, description}`",
      "the plan's goals; see [goals](#goals-entries)", "", Shape::mappings,
      [] { return docs_of(k_goal_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.goals = entries(r, n, "goals", k_goal_fields, "a goal");
     }},
    {{"regions", Need::optional, "list of `{id, name}`",
      "the regions the plan covers; see [regions and actors](#regions-and-actors-entries)", "",
      Shape::mappings, [] { return docs_of(k_named_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.regions = entries(r, n, "regions", k_named_fields, "a region");
     }},
    {{"actors", Need::optional, "list of `{id, name}`",
      "bodies named as responsible for activities (e.g. `secretariat`, `bureau`)", "",
      Shape::mappings, [] { return docs_of(k_named_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.actors = entries(r, n, "actors", k_named_fields, "an actor");
     }},
    {{"dimensions", Need::optional, "list of `{id, name, values}`",
      "what measurements may be split by besides `region` and `country`; see "
      "[dimensions](#dimensions-entries)",
      "", Shape::mappings, [] { return docs_of(k_dimension_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.dimensions = entries(r, n, "dimensions", k_dimension_fields, "a dimension");
     }},
    {{"stages", Need::optional, "list of `{id, name, funded}`",
      "the ordered project pipeline; default [below](#default-stages)", R"({"minItems":1})",
      Shape::mappings, [] { return docs_of(k_stage_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       auto stages = entries(r, n, "stages", k_stage_fields, "a stage");
       if (!stages) return;
       p.stages_pos = n.pos;
       p.stages_given = true;
       p.stages = std::move(*stages);
     }},
    {{"terms", Need::optional, "mapping word → text",
      "words used in reports instead of the defaults; see [terms](#terms)", "", Shape::mapping,
      [] {
        std::vector<FieldDoc> docs;
        for (const TermInfo& term : k_terms)
          docs.push_back({FieldInfo{.key = term.key, .meaning = term.meaning}, "text", AP_TEXT});
        return docs;
      }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       if (!r.expect_mapping(n, "terms", "a mapping such as {task_force: Partnership Initiative}"))
         return;
       for (std::size_t i = 0; i < n.keys.size(); ++i) {
         const yaml::Key& key = n.keys[i];
         if (std::none_of(std::begin(k_terms), std::end(k_terms),
                          [&](const TermInfo& t) { return t.key == key.text; })) {
           if (key.text.rfind("x-", 0) == 0) continue;
           std::vector<std::string> known;
           for (const TermInfo& t : k_terms) known.emplace_back(t.key);
           std::string message = fmt::format("unknown term {}; known terms: {}",
                                             in_quotes(key.text), describe_ids(known));
           const std::string suggestion = closest_match(key.text, known);
           if (!suggestion.empty())
             message += fmt::format("; did you mean {}?", in_quotes(suggestion));
           r.warning(key.pos, "unknown-key", std::move(message));
           continue;
         }
         if (auto v = r.text(n.items[i], key.text)) p.terms[key.text] = *v;
       }
     }},
    {{"analysis", Need::optional, "mapping",
      "settings of the gap analysis; see [analysis](#analysis)", "", Shape::mapping,
      [] { return docs_of(k_analysis_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       if (!r.expect_mapping(n, "analysis", "a mapping such as {stale_after_months: 12}")) return;
       r.fields(n, k_analysis_fields, p.analysis, "'analysis'");
     }},
};

// ---- the record kinds: the tables of model/fields.hpp -----------------------------

// The keys of a struct's table, in order, found once.
template <class R>
const std::vector<FieldInfo>& infos_of() {
  static const std::vector<FieldInfo> infos = [] {
    std::vector<FieldInfo> out;
    R record{};
    visit_fields(record, [&](const FieldInfo& f, const auto&) { out.push_back(f); });
    return out;
  }();
  return infos;
}

// The keys a mapping of a struct may have, and those it must have; without `skip`
// (a person's region, which only representatives have). Found once per struct.
struct KeySets {
  std::vector<std::string_view> known, required;
};
template <class R>
const KeySets& key_sets(std::string_view skip) {
  static const auto make = [](std::string_view without) {
    KeySets out;
    for (const FieldInfo& f : infos_of<R>()) {
      if (f.key == without) continue;
      out.known.push_back(f.key);
      if (f.need == Need::required) out.required.push_back(f.key);
    }
    return out;
  };
  static const KeySets all = make(""), without_region = make("region");
  return skip.empty() ? all : without_region;
}

// "a mapping {date, value, source, note}" and "a list of {...}": what a nested
// mapping's key expects, for messages; built once per struct, not per mapping read.
struct Expected {
  std::string mapping, list;
};
template <class R>
const Expected& expected_of() {
  static const Expected expected = [] {
    std::string keys;
    for (const FieldInfo& f : infos_of<R>())
      keys += fmt::format("{}{}", keys.empty() ? "" : ", ", f.key);
    return Expected{"a mapping {" + keys + "}", "a list of {" + keys + "}"};
  }();
  return expected;
}

std::vector<YearText> year_texts(Reader& r, const Node& n, std::string_view key) {
  std::vector<YearText> out;
  if (n.is_null()) return out;
  if (!n.is_mapping()) {
    r.wrong_type(n, key, "a mapping of year to text, e.g. {2030: \"...\", 2050: \"...\"}");
    return out;
  }
  for (std::size_t i = 0; i < n.keys.size(); ++i) {
    auto year = r.year(n.keys[i].text, n.keys[i].pos, fmt::format("a key of '{}'", key));
    auto text = r.text(n.items[i], key);
    if (year && text) out.push_back({*year, *text});
  }
  return out;
}

// Reads the keys of one mapping into a struct, by the struct's table: each
// member by the kind of value its key holds.
class RecordReader {
 public:
  explicit RecordReader(Reader& reader) : m_r(reader) {}

  // `skip`: a key of the table this mapping may not have (a person's region, but
  // for representatives).
  template <class R>
  void fields(const Node& node, R& record, std::string_view where, std::string_view skip = {}) {
    const KeySets& keys = key_sets<R>(skip);
    const std::vector<std::string_view>& known = keys.known;
    const bool top = m_r.at_top();
    // In the file's order, so that the problems of one file come in reading order.
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
      if (std::find(known.begin(), known.end(), node.keys[i].text) == known.end()) {
        m_r.unknown_key(node, i, known, where);
        continue;
      }
      if (top) m_r.reading(node.keys[i].text);
      visit_fields(record, [&](const FieldInfo& f, auto& member) {
        if (f.key == node.keys[i].text) read(f, node.items[i], member);
      });
      if (top) m_r.reading({});
    }
    m_r.missing_keys(node, keys.required, where);
  }

 private:
  void read(const FieldInfo& f, const Node& n, Located<std::string>& m) {
    if (auto v = f.value == Value::id ? m_r.id(n, f.key) : m_r.text(n, f.key)) m = *v;
  }
  void read(const FieldInfo& f, const Node& n, Text& m) {
    m = f.value == Value::id || f.value == Value::ref ? m_r.id(n, f.key) : m_r.text(n, f.key);
  }
  void read(const FieldInfo& f, const Node& n, IdList& m) {
    m = f.value == Value::refs ? m_r.ids(n, f.key, f.refers) : m_r.texts(n, f.key);
  }
  void read(const FieldInfo& f, const Node& n, std::optional<IdList>& m) {
    if (!n.is_null()) m = m_r.ids(n, f.key, f.refers);
  }
  template <class E>
  requires std::is_enum_v<E>
  void read(const FieldInfo& f, const Node& n, E& m) {
    if (auto v = m_r.choice(n, f.key, f.choices)) m = static_cast<E>(*v);
  }
  template <class E>
  requires std::is_enum_v<E>
  void read(const FieldInfo& f, const Node& n, Located<E>& m) {
    if (auto v = m_r.choice(n, f.key, f.choices)) m = {static_cast<E>(*v), n.pos};
  }
  void read(const FieldInfo& f, const Node& n, std::optional<Located<Date>>& m) {
    m = m_r.date(n, f.key);
  }
  void read(const FieldInfo& f, const Node& n, std::optional<Located<double>>& m) {
    m = m_r.number(n, f.key, f.value == Value::money);
  }
  void read(const FieldInfo& f, const Node& n, std::optional<Located<Amount>>& m) {
    m = m_r.amount(n, f.key);
  }
  void read(const FieldInfo& f, const Node& n, std::optional<Person>& m) {
    m = person(n, f.key, false);
  }
  void read(const FieldInfo& f, const Node& n, std::vector<Person>& m) {
    m = m_r.list<Person>(n, f.key, "a list of persons", [&](const Node& item) {
      return person(item, f.key, f.value == Value::representatives);
    });
  }
  void read(const FieldInfo& f, const Node& n, std::vector<YearText>& m) {
    m = year_texts(m_r, n, f.key);
  }
  void read(const FieldInfo& f, const Node& n, std::vector<IndicatorTarget>& m);
  void read(const FieldInfo& f, const Node& n, std::vector<Breakdown>& m);
  void read(const FieldInfo& f, const Node& n, std::vector<PartTargets>& m);
  // A nested mapping: a budget, a baseline.
  template <HasFields M>
  void read(const FieldInfo& f, const Node& n, std::optional<M>& m) {
    if (!m_r.expect_mapping(n, f.key, expected_of<M>().mapping)) return;
    m.emplace();
    m->pos = n.pos;
    fields(n, *m, fmt::format("'{}'", f.key));
  }
  // A list of nested mappings: measurements, milestones.
  template <HasFields M>
  void read(const FieldInfo& f, const Node& n, std::vector<M>& m) {
    m = m_r.list<M>(n, f.key, expected_of<M>().list, [&](const Node& item) -> std::optional<M> {
      if (!m_r.expect_mapping(item, f.key, expected_of<M>().mapping)) return std::nullopt;
      M entry;
      entry.pos = item.pos;
      fields(item, entry, f.item);
      return entry;
    });
  }

  std::optional<Person> person(const Node& node, std::string_view key, bool with_region);

  Reader& m_r;
};

void RecordReader::read(const FieldInfo& f, const Node& n, std::vector<IndicatorTarget>& m) {
  if (n.is_null()) return;
  if (!n.is_mapping()) {
    m_r.wrong_type(n, f.key, "a mapping of year to value, e.g. {2030: 40, 2050: 100}");
    return;
  }
  for (std::size_t k = 0; k < n.keys.size(); ++k) {
    auto year = m_r.year(n.keys[k].text, n.keys[k].pos, "a key of 'targets'");
    auto text = m_r.scalar_text(n.items[k], f.key);
    if (!year || !text) continue;
    IndicatorTarget target{*year, std::nullopt, text->value, false, n.items[k].pos};
    if (n.items[k].plain) target.number = parse_decimal(text->value);
    if (target.number && !m_r.within_bound(*target.number, n.items[k], f.key)) continue;
    target.is_number = target.number.has_value();
    m.push_back(std::move(target));
  }
}

void RecordReader::read(const FieldInfo& f, const Node& n, std::vector<Breakdown>& m) {
  constexpr const char* example = "a mapping of dimension to parts, e.g. {region: {africa: 10}}";
  if (n.is_null()) return;
  if (!n.is_mapping()) {
    m_r.wrong_type(n, f.key, example);
    return;
  }
  for (std::size_t k = 0; k < n.keys.size(); ++k) {
    const Node& parts = n.items[k];
    if (!parts.is_mapping()) {
      m_r.wrong_type(parts, f.key, example);
      continue;
    }
    Breakdown breakdown{{n.keys[k].text, n.keys[k].pos}, {}};
    for (std::size_t p = 0; p < parts.keys.size(); ++p)
      if (auto value = m_r.number(parts.items[p], f.key, false))
        breakdown.parts.push_back({{parts.keys[p].text, parts.keys[p].pos}, *value});
    m.push_back(std::move(breakdown));
  }
}

void RecordReader::read(const FieldInfo& f, const Node& n, std::vector<PartTargets>& m) {
  constexpr const char* example =
      "a mapping of dimension to parts to targets, e.g. {region: {africa: {2030: 15}}}";
  if (n.is_null()) return;
  if (!n.is_mapping()) {
    m_r.wrong_type(n, f.key, example);
    return;
  }
  for (std::size_t k = 0; k < n.keys.size(); ++k) {
    const Node& parts = n.items[k];
    if (!parts.is_mapping()) {
      m_r.wrong_type(parts, f.key, example);
      continue;
    }
    for (std::size_t p = 0; p < parts.keys.size(); ++p) {
      PartTargets part{
          {n.keys[k].text, n.keys[k].pos}, {parts.keys[p].text, parts.keys[p].pos}, {}};
      read(f, parts.items[p], part.targets);
      for (const IndicatorTarget& t : part.targets)
        if (!t.is_number)
          m_r.error(t.pos, "invalid-number",
                    fmt::format("a part's target for {} must be a number; got {}", t.year.value,
                                in_quotes(t.text)));
      m.push_back(std::move(part));
    }
  }
}

std::optional<Person> RecordReader::person(const Node& node, std::string_view key,
                                           bool with_region) {
  if (node.is_null()) return std::nullopt;
  Person person;
  person.pos = node.pos;
  if (node.is_scalar()) {
    Text name =
        m_r.text(node, key);  // the same checks as any text (control characters, a '#' cutting it)
    if (!name) return std::nullopt;
    person.name = *name;
    if (with_region)
      m_r.warning(node.pos, "representative-without-region",
                  fmt::format("representative {} names no region; write {{name: ..., region: ...}}",
                              in_quotes(node.text)));
    return person;
  }
  if (!node.is_mapping()) {
    m_r.wrong_type(node, key, "a person: a name, or a mapping {name, org, email, role, expertise}");
    return std::nullopt;
  }
  fields(node, person, fmt::format("a person in '{}'", key), with_region ? "" : "region");
  if (with_region && !node.find("region"))
    m_r.warning(node.pos, "representative-without-region",
                fmt::format("representative {} names no region; add 'region:'",
                            in_quotes(person.name.value)));
  if (person.name.value.empty()) return std::nullopt;
  return person;
}

template <class R>
R decode_record(const Node& root, const std::string& path, Diagnostics& diags,
                std::string_view where) {
  R record;
  record.source = {path, root.pos};
  Reader reader(path, diags);
  RecordReader(reader).fields(root, record, where);
  if constexpr (requires { record.objectives_list; }) {  // where a list was written, even empty
    if (const Node* list = root.find("objectives"); list && list->is_sequence())
      record.objectives_list = list->pos;
  }
  return record;
}

// ---- the docs and schemas of the record kinds ---------------------------------------

// The docs' type of a key that says no more than its value.
std::string type_of(const FieldInfo& f, const std::vector<FieldDoc>& nested) {
  if (!f.type.empty()) return std::string(f.type);
  std::string keys;
  for (const FieldDoc& d : nested)
    keys += fmt::format("{}{}", keys.empty() ? "" : ", ", d.info.key);
  switch (f.value) {
    case Value::id:
      return "id";
    case Value::ref:
      return fmt::format("{} ref", f.refers);
    case Value::refs:
      return fmt::format("list of {} refs", f.refers);
    case Value::text:
      return "text";
    case Value::texts:
      return "list of text";
    case Value::url:
      return "http(s) URL";
    case Value::currency:
      return "ISO 4217 code";
    case Value::countries:
      return "list of ISO 3166-1 alpha-2 codes";
    case Value::date:
      return "date";
    case Value::number:
      return "number";
    case Value::money:
      return "money";
    case Value::amount:
      return "amount";
    case Value::choice: {
      std::string out;
      for (std::size_t i = 0; i < f.choices.size(); ++i)
        out += fmt::format("{}`{}`",
                           i == 0                      ? ""
                           : i + 1 == f.choices.size() ? " or "
                                                       : ", ",
                           f.choices[i]);
      return out;
    }
    case Value::year_texts:
      return "mapping year → text";
    case Value::year_values:
      return "mapping year → number";
    case Value::breakdown:
      return "mapping dimension → {part: number}";
    case Value::part_targets:
      return "mapping dimension → part → year → number";
    case Value::person:
      return "person";
    case Value::persons:
      return "list of person";
    case Value::representatives:
      return "list of person with a region";
    case Value::mapping:
      return "`{" + keys + "}`";
    case Value::mappings:
      return "list of `{" + keys + "}`";
  }
  return "";
}

// The JSON Schema of a key's value (for the shapes built of nested keys: the keywords added).
std::string schema_of(const FieldInfo& f) {
  switch (f.value) {
    case Value::id:
    case Value::ref:
      return AP_ID;
    case Value::refs:
      return f.need == Need::required ? AP_SOME_IDS : AP_IDS;
    case Value::text:
      return AP_TEXT;
    case Value::texts:
      return AP_TEXTS;
    case Value::url:
      return R"({"type":"string","pattern":"^https?://[^\\s]+$"})";
    case Value::currency:
      return R"({"type":"string","pattern":"^[A-Z]{3}$"})";
    case Value::countries:
      return R"({"type":"array","items":{"type":"string","pattern":"^[A-Z]{2}$"}})";
    case Value::date:
      return AP_DATE;
    case Value::number:
      return AP_NUMBER;
    case Value::money:
      return AP_MONEY;
    case Value::amount:
      return AP_AMOUNT;
    case Value::choice: {
      std::string names;
      for (std::string_view name : f.choices)
        names += fmt::format("{}\"{}\"", names.empty() ? "" : ",", name);
      return R"({"enum":[)" + names + "]}";
    }
    case Value::year_texts:
      return AP_YEAR_MAP(AP_TEXT);
    case Value::year_values:
      return AP_YEAR_MAP(R"({"type":["number","string"]})");
    case Value::breakdown:
      return R"({"type":"object","additionalProperties":{"type":"object",)"
             R"("additionalProperties":{"type":"number"}}})";
    case Value::part_targets:
      return R"({"type":"object","additionalProperties":{"type":"object",)"
             R"("additionalProperties":)" AP_YEAR_MAP(R"({"type":"number"})") "}}";
    case Value::person:
    case Value::persons:
    case Value::representatives:
    case Value::mapping:
    case Value::mappings:
      return "";
  }
  return "";
}

Shape shape_of(Value value) {
  switch (value) {
    case Value::person:
      return Shape::person;
    case Value::persons:
    case Value::representatives:
      return Shape::persons;
    case Value::mapping:
      return Shape::mapping;
    case Value::mappings:
      return Shape::mappings;
    default:
      return Shape::value;
  }
}

template <class R>
std::vector<FieldDoc> docs_of_struct(std::string_view skip = {});

// The keys of the mapping(s) a member holds: a budget's, a measurement's, a person's.
template <class M>
std::vector<FieldDoc> nested_docs(const FieldInfo&, const M&) {
  return {};
}
template <HasFields M>
std::vector<FieldDoc> nested_docs(const FieldInfo&, const std::optional<M>&) {
  return docs_of_struct<M>(std::is_same_v<M, Person> ? "region" : "");
}
template <HasFields M>
std::vector<FieldDoc> nested_docs(const FieldInfo& f, const std::vector<M>&) {
  return docs_of_struct<M>(f.value == Value::persons ? "region" : "");
}

template <class R>
std::vector<FieldDoc> docs_of_struct(std::string_view skip) {
  std::vector<FieldDoc> out;
  R record{};
  visit_fields(record, [&](const FieldInfo& f, const auto& member) {
    if (f.key == skip) return;
    std::vector<FieldDoc> nested = nested_docs(f, member);
    std::string type = type_of(f, nested);
    out.push_back({f, std::move(type), schema_of(f), shape_of(f.value), std::move(nested)});
  });
  return out;
}

}  // namespace

std::vector<FieldDoc> field_docs(RecordKind kind) {
  switch (kind) {
    case RecordKind::plan:
      return docs_of(k_plan_fields);
    case RecordKind::objective:
      return docs_of_struct<Objective>();
    case RecordKind::task_force:
      return docs_of_struct<TaskForce>();
    case RecordKind::activity:
      return docs_of_struct<Activity>();
    case RecordKind::indicator:
      return docs_of_struct<Indicator>();
  }
  return {};
}

std::vector<FieldDoc> person_field_docs() {
  return docs_of_struct<Person>();
}

std::optional<RecordKind> looks_like_kind(const Node& root, std::optional<RecordKind> folder,
                                          std::vector<std::string>* keys) {
  if (!root.is_mapping() || !root.find("id")) return std::nullopt;
  // The keys of each kind, built once: this runs for every record file loaded.
  static const std::array<std::vector<std::string_view>, 5> k_keys = [] {
    std::array<std::vector<std::string_view>, 5> out;
    for (RecordKind kind : record_kinds())
      for (const FieldDoc& f : field_docs(kind))
        out[static_cast<std::size_t>(kind)].push_back(f.info.key);
    return out;
  }();
  auto knows = [](RecordKind kind, std::string_view key) {
    const auto& known = k_keys[static_cast<std::size_t>(kind)];
    return std::find(known.begin(), known.end(), key) != known.end();
  };
  auto unknown_to = [&](RecordKind kind) {
    return std::count_if(root.keys.begin(), root.keys.end(), [&](const yaml::Key& key) {
      return !key.text.starts_with("x-") && !knows(kind, key.text);
    });
  };
  // A typo or two is not a wrong folder: the folder's kind must miss two keys more
  // than the kind found. Most files miss none, and are done here.
  if (folder && unknown_to(*folder) < 2) return std::nullopt;
  const auto written = std::count_if(root.keys.begin(), root.keys.end(), [](const yaml::Key& key) {
    return !key.text.starts_with("x-");
  });
  std::optional<RecordKind> best;
  auto best_unknown = static_cast<std::ptrdiff_t>(written);
  for (RecordKind kind : record_kinds())
    if (const auto unknown = unknown_to(kind); unknown < best_unknown)
      best = kind, best_unknown = unknown;
  // Three keys at least, all but one known to the kind found.
  if (!best || best_unknown > 1 || written < 3) return std::nullopt;
  if (folder) {
    if (*best == *folder || unknown_to(*folder) < best_unknown + 2) return std::nullopt;
    if (keys)
      for (const yaml::Key& key : root.keys)
        if (!key.text.starts_with("x-") && knows(*best, key.text) && !knows(*folder, key.text))
          keys->push_back(key.text);
  }
  return best;
}

PlanInfo decode_plan(const Node& root, const std::string& path, Diagnostics& diags) {
  PlanInfo plan;
  plan.stages = default_stages();
  plan.source = {path, root.pos};
  Reader reader(path, diags);
  reader.fields(root, k_plan_fields, plan, "plan.yaml");
  return plan;
}

Objective decode_objective(const Node& root, const std::string& path, Diagnostics& diags) {
  return decode_record<Objective>(root, path, diags, "the objective");
}

TaskForce decode_task_force(const Node& root, const std::string& path, Diagnostics& diags) {
  return decode_record<TaskForce>(root, path, diags, "the task force");
}

Activity decode_activity(const Node& root, const std::string& path, Diagnostics& diags) {
  return decode_record<Activity>(root, path, diags, "the activity");
}

Indicator decode_indicator(const Node& root, const std::string& path, Diagnostics& diags) {
  Indicator indicator = decode_record<Indicator>(root, path, diags, "the indicator");
  // A measurement's value is required, unless it is a ratio's (numerator and
  // denominator, checked with the values) or a qualitative assessment's level;
  // the baseline's too, unless it gives a level.
  auto written = [](const Node& item, const char* key) {
    const Node* value = item.find(key);
    return value && !is_empty(*value);
  };
  if (const Node* list = root.find("measurements"); list && list->is_sequence())
    for (const Node& item : list->items)
      if (item.is_mapping() && !written(item, "value") && !written(item, "numerator") &&
          !written(item, "denominator") && !written(item, "level"))
        diags.error(path, item.pos, "missing-key",
                    indicator.type.value == IndicatorType::qualitative
                        ? "a measurement is missing the required key 'level' (an assessment of "
                          "a qualitative indicator)"
                        : "a measurement is missing the required key 'value' (or 'numerator' "
                          "and 'denominator')",
                    "measurements");
  if (const Node* baseline = root.find("baseline"); baseline && baseline->is_mapping() &&
                                                    !written(*baseline, "value") &&
                                                    !written(*baseline, "level"))
    diags.error(path, baseline->pos, "missing-key",
                indicator.type.value == IndicatorType::qualitative
                    ? "'baseline' is missing the required key 'level'"
                    : "'baseline' is missing the required key 'value'",
                "baseline");
  return indicator;
}

}  // namespace actionplan
