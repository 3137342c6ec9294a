#include "load/decode.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <span>

#include <fmt/format.h>

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

// Reads values of the format's types from tree nodes, reporting what is wrong.
class Reader {
 public:
  Reader(const std::string& path, Diagnostics& diags) : m_path(path), m_diags(diags) {}

  void error(Position pos, const char* code, std::string message) {
    m_diags.error(m_path, pos, code, std::move(message));
  }
  void warning(Position pos, const char* code, std::string message) {
    m_diags.warning(m_path, pos, code, std::move(message));
  }

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
                            std::initializer_list<std::string_view> names) {
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

  std::optional<Person> person(const Node& node, std::string_view key, bool with_region);

  // Reads a mapping by its field table: every known key is decoded, unknown
  // keys warned about, missing required keys reported.
  template <class R, class Table>
  void fields(const Node& node, const Table& table, R& record, std::string_view where) {
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
      const yaml::Key& key = node.keys[i];
      auto field = std::find_if(std::begin(table), std::end(table),
                                [&](const auto& f) { return f.doc.key == key.text; });
      if (field != std::end(table)) {
        field->decode(*this, node.items[i], record);
        continue;
      }
      if (key.text.rfind("x-", 0) == 0) continue;
      std::vector<std::string> known;
      for (const auto& f : table) known.emplace_back(f.doc.key);
      std::string message = fmt::format("unknown key {} in {}", in_quotes(key.text), where);
      const std::string suggestion = closest_match(key.text, known);
      if (!suggestion.empty()) message += fmt::format("; did you mean {}?", in_quotes(suggestion));
      if (node.flow && node.items[i].is_null())
        message +=
            "; if it belongs to the text before it, put that text in quotes (a comma "
            "inside {...} ends a value)";
      else
        message += " (prefix your own keys with 'x-')";
      warning(key.pos, "unknown-key", std::move(message));
    }
    for (const auto& f : table) {
      if (f.doc.need != Need::required) continue;
      auto key = std::find_if(node.keys.begin(), node.keys.end(),
                              [&](const yaml::Key& k) { return k.text == f.doc.key; });
      if (key == node.keys.end()) {
        error(node.pos, "missing-key",
              fmt::format("{} is missing the required key {}", where, in_quotes(f.doc.key)));
      } else if (const Node& value = node.items[static_cast<std::size_t>(key - node.keys.begin())];
                 value.is_null() || (value.is_scalar() &&
                                     value.text.find_first_not_of(" \t\n") == std::string::npos)) {
        error(key->pos, "missing-key",
              fmt::format("{} has an empty {}; give it a value", where, in_quotes(f.doc.key)));
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
};

template <class R>
struct Field {
  FieldDoc doc;
  void (*decode)(Reader&, const Node&, R&);
};

template <class R, std::size_t N>
std::vector<FieldDoc> docs_of(const Field<R> (&table)[N]) {
  std::vector<FieldDoc> out;
  for (const auto& f : table) out.push_back(f.doc);
  return out;
}

// ---- persons -------------------------------------------------------------

const Field<Person> k_person_fields[] = {
    {{"name", Need::required, "text", "the person's name", AP_TEXT},
     [](Reader& r, const Node& n, Person& p) {
       if (auto v = r.text(n, "name")) p.name = *v;
     }},
    {{"org", Need::optional, "text", "organisation", AP_TEXT},
     [](Reader& r, const Node& n, Person& p) { p.org = r.text(n, "org"); }},
    {{"email", Need::optional, "text", "e-mail address (never shown in reports)", AP_TEXT},
     [](Reader& r, const Node& n, Person& p) { p.email = r.text(n, "email"); }},
    {{"role", Need::optional, "text", "role in the team", AP_TEXT},
     [](Reader& r, const Node& n, Person& p) { p.role = r.text(n, "role"); }},
    {{"expertise", Need::optional, "list of text", "fields of expertise", AP_TEXTS},
     [](Reader& r, const Node& n, Person& p) { p.expertise = r.texts(n, "expertise"); }},
    {{"region", Need::optional, "region ref", "the region represented", AP_ID},
     [](Reader& r, const Node& n, Person& p) { p.region = r.id(n, "region"); }},
};

std::vector<FieldDoc> person_docs() {  // a person of a list other than representatives: no region
  std::vector<FieldDoc> docs = docs_of(k_person_fields);
  docs.pop_back();
  return docs;
}

std::vector<FieldDoc> representative_docs() {
  return docs_of(k_person_fields);
}

std::optional<Person> Reader::person(const Node& node, std::string_view key, bool with_region) {
  if (node.is_null()) return std::nullopt;
  Person person;
  person.pos = node.pos;
  if (node.is_scalar()) {
    Text name =
        text(node, key);  // the same checks as any text (control characters, a '#' cutting it)
    if (!name) return std::nullopt;
    person.name = *name;
    if (with_region)
      warning(node.pos, "representative-without-region",
              fmt::format("representative {} names no region; write {{name: ..., region: ...}}",
                          in_quotes(node.text)));
    return person;
  }
  if (!node.is_mapping()) {
    wrong_type(node, key, "a person: a name, or a mapping {name, org, email, role, expertise}");
    return std::nullopt;
  }
  if (with_region) {
    fields(node, k_person_fields, person, fmt::format("a person in '{}'", key));
    if (!node.find("region"))
      warning(node.pos, "representative-without-region",
              fmt::format("representative {} names no region; add 'region:'",
                          in_quotes(person.name.value)));
  } else {
    fields(node, std::span(k_person_fields, std::size(k_person_fields) - 1), person,
           fmt::format("a person in '{}'", key));
  }
  if (person.name.value.empty()) return std::nullopt;
  return person;
}

std::vector<Person> persons(Reader& r, const Node& n, std::string_view key, bool with_region) {
  return r.list<Person>(n, key, "a list of persons",
                        [&](const Node& item) { return r.person(item, key, with_region); });
}

// ---- plan.yaml -------------------------------------------------------------

const Field<Goal> k_goal_fields[] = {
    {{"id", Need::required, "id", "", AP_ID},
     [](Reader& r, const Node& n, Goal& g) {
       if (auto v = r.id(n, "id")) g.id = *v;
     }},
    {{"title", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Goal& g) { g.title = r.text(n, "title"); }},
    {{"description", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Goal& g) { g.description = r.text(n, "description"); }},
};

const Field<NamedEntry> k_named_fields[] = {
    {{"id", Need::required, "id", "", AP_ID},
     [](Reader& r, const Node& n, NamedEntry& e) {
       if (auto v = r.id(n, "id")) e.id = *v;
     }},
    {{"name", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, NamedEntry& e) { e.name = r.text(n, "name"); }},
};

const Field<Stage> k_stage_fields[] = {
    {{"id", Need::required, "id", "", AP_ID},
     [](Reader& r, const Node& n, Stage& s) {
       if (auto v = r.id(n, "id")) s.id = *v;
     }},
    {{"name", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Stage& s) { s.name = r.text(n, "name"); }},
    {{"funded", Need::optional, "true/false", "", R"({"type":"boolean"})"},
     [](Reader& r, const Node& n, Stage& s) { s.funded = r.boolean(n, "funded").value_or(false); }},
};

const Field<Period> k_period_fields[] = {
    {{"start", Need::optional, "date", "", AP_DATE},
     [](Reader& r, const Node& n, Period& p) { p.start = r.date(n, "start"); }},
    {{"end", Need::optional, "date", "", AP_DATE},
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
    {{"stale_after_months", Need::optional, "whole number", "",
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
    {{"on_track", Need::optional, "number 0–1", "", R"({"type":"number","minimum":0,"maximum":1})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) { ratio(r, n, a, "on_track", a.on_track); }},
    {{"at_risk", Need::optional, "number 0–1", "", R"({"type":"number","minimum":0,"maximum":1})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) { ratio(r, n, a, "at_risk", a.at_risk); }},
    {{"overlap_threshold", Need::optional, "number 0–1", "",
      R"({"type":"number","minimum":0,"maximum":1})"},
     [](Reader& r, const Node& n, AnalysisSettings& a) {
       ratio(r, n, a, "overlap_threshold", a.overlap_threshold);
     }},
};

constexpr std::string_view k_term_keys[] = {"objective", "objectives", "task_force", "task_forces",
                                            "activity",  "activities", "indicator",  "indicators"};

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
    {{"format", Need::required, "number", "format version, 1", R"({"const":1})"},
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
    {{"period", Need::optional, "{start: date, end: date}", "the plan's period", "", Shape::mapping,
      [] { return docs_of(k_period_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       if (!r.expect_mapping(n, "period", "a mapping {start: date, end: date}")) return;
       p.period.emplace();
       r.fields(n, k_period_fields, *p.period, "'period'");
     }},
    {{"horizons", Need::optional, "list of years", "target years, e.g. [2030, 2050]",
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
    {{"currency", Need::optional, "ISO 4217 code", "currency of budgets that name none (USD)",
      R"({"type":"string","pattern":"^[A-Z]{3}$"})"},
     [](Reader& r, const Node& n, PlanInfo& p) { p.currency = r.text(n, "currency"); }},
    {{"goals", Need::optional, "list of {id, title, description}", "the plan's goals", "",
      Shape::mappings, [] { return docs_of(k_goal_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.goals = entries(r, n, "goals", k_goal_fields, "a goal");
     }},
    {{"regions", Need::optional, "list of {id, name}", "the regions the plan covers", "",
      Shape::mappings, [] { return docs_of(k_named_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.regions = entries(r, n, "regions", k_named_fields, "a region");
     }},
    {{"actors", Need::optional, "list of {id, name}", "bodies named as responsible", "",
      Shape::mappings, [] { return docs_of(k_named_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       p.actors = entries(r, n, "actors", k_named_fields, "an actor");
     }},
    {{"stages", Need::optional, "list of {id, name, funded}", "the ordered project pipeline",
      R"({"minItems":1})", Shape::mappings, [] { return docs_of(k_stage_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       auto stages = entries(r, n, "stages", k_stage_fields, "a stage");
       if (!stages) return;
       p.stages_pos = n.pos;
       p.stages_given = true;
       p.stages = std::move(*stages);
     }},
    {{"terms", Need::optional, "mapping word → text",
      "words used in reports instead of the defaults", "", Shape::mapping,
      [] {
        std::vector<FieldDoc> docs;
        for (std::string_view term : k_term_keys)
          docs.push_back({term, Need::optional, "text", "", AP_TEXT});
        return docs;
      }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       if (!r.expect_mapping(n, "terms", "a mapping such as {task_force: Partnership Initiative}"))
         return;
       for (std::size_t i = 0; i < n.keys.size(); ++i) {
         const yaml::Key& key = n.keys[i];
         if (std::find(std::begin(k_term_keys), std::end(k_term_keys), key.text) ==
             std::end(k_term_keys)) {
           if (key.text.rfind("x-", 0) == 0) continue;
           std::vector<std::string> known(std::begin(k_term_keys), std::end(k_term_keys));
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
    {{"analysis", Need::optional, "{stale_after_months, on_track, at_risk, overlap_threshold}",
      "settings of gap-analysis", "", Shape::mapping, [] { return docs_of(k_analysis_fields); }},
     [](Reader& r, const Node& n, PlanInfo& p) {
       if (!r.expect_mapping(n, "analysis", "a mapping such as {stale_after_months: 12}")) return;
       r.fields(n, k_analysis_fields, p.analysis, "'analysis'");
     }},
};

// ---- objectives ------------------------------------------------------------

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

const Field<Objective> k_objective_fields[] = {
    {{"id", Need::required, "id", "equals the file name", AP_ID},
     [](Reader& r, const Node& n, Objective& o) {
       if (auto v = r.id(n, "id")) o.id = *v;
     }},
    {{"title", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Objective& o) { o.title = r.text(n, "title"); }},
    {{"goal", Need::optional, "goal ref", "required when the plan has goals", AP_ID},
     [](Reader& r, const Node& n, Objective& o) { o.goal = r.id(n, "goal"); }},
    {{"description", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Objective& o) { o.description = r.text(n, "description"); }},
    {{"problem", Need::optional, "text", "the problem behind the objective", AP_TEXT},
     [](Reader& r, const Node& n, Objective& o) { o.problem = r.text(n, "problem"); }},
    {{"targets", Need::optional, "mapping year → text", "e.g. {2030: \"...\", 2050: \"...\"}",
      AP_YEAR_MAP(AP_TEXT)},
     [](Reader& r, const Node& n, Objective& o) { o.targets = year_texts(r, n, "targets"); }},
    {{"regions", Need::optional, "list of region refs",
      "regions to cover; default all plan regions", AP_IDS},
     [](Reader& r, const Node& n, Objective& o) {
       if (!n.is_null()) o.regions = r.ids(n, "regions", "region");
     }},
};

// ---- task forces -------------------------------------------------------------

const Field<Milestone> k_milestone_fields[] = {
    {{"date", Need::required, "date", "", AP_DATE},
     [](Reader& r, const Node& n, Milestone& m) { m.date = r.date(n, "date"); }},
    {{"text", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Milestone& m) { m.text = r.text(n, "text"); }},
};

const Field<TaskForce> k_task_force_fields[] = {
    {{"id", Need::required, "id", "equals the file name", AP_ID},
     [](Reader& r, const Node& n, TaskForce& t) {
       if (auto v = r.id(n, "id")) t.id = *v;
     }},
    {{"name", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, TaskForce& t) { t.name = r.text(n, "name"); }},
    {{"objectives", Need::required, "list of objective refs", "non-empty", AP_SOME_IDS},
     [](Reader& r, const Node& n, TaskForce& t) {
       if (n.is_sequence()) t.objectives_list = n.pos;
       t.objectives = r.ids(n, "objectives", "objective");
     }},
    {{"regions", Need::optional, "list of region refs",
      "the regions it works in (a geographic task force); default the regions of its objectives",
      AP_IDS},
     [](Reader& r, const Node& n, TaskForce& t) {
       if (!n.is_null()) t.regions = r.ids(n, "regions", "region");
     }},
    {{"leaders", Need::optional, "list of person", "", "", Shape::persons, person_docs},
     [](Reader& r, const Node& n, TaskForce& t) { t.leaders = persons(r, n, "leaders", false); }},
    {{"representatives", Need::optional, "list of person with a region", "regional representatives",
      "", Shape::persons, representative_docs},
     [](Reader& r, const Node& n, TaskForce& t) {
       t.representatives = persons(r, n, "representatives", true);
     }},
    {{"members", Need::optional, "list of person", "", "", Shape::persons, person_docs},
     [](Reader& r, const Node& n, TaskForce& t) { t.members = persons(r, n, "members", false); }},
    {{"approach", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, TaskForce& t) { t.approach = r.text(n, "approach"); }},
    {{"milestones", Need::optional, "list of {date, text}", "", "", Shape::mappings,
      [] { return docs_of(k_milestone_fields); }},
     [](Reader& r, const Node& n, TaskForce& t) {
       t.milestones =
           r.list<Milestone>(n, "milestones", "a list of {date, text}",
                             [&](const Node& item) -> std::optional<Milestone> {
                               if (!r.expect_mapping(item, "milestones", "a mapping {date, text}"))
                                 return std::nullopt;
                               Milestone m;
                               m.pos = item.pos;
                               r.fields(item, k_milestone_fields, m, "a milestone");
                               return m;
                             });
     }},
};

// ---- activities ---------------------------------------------------------------

const Field<Budget> k_budget_fields[] = {
    {{"currency", Need::optional, "ISO 4217 code", "",
      R"({"type":"string","pattern":"^[A-Z]{3}$"})"},
     [](Reader& r, const Node& n, Budget& b) { b.currency = r.text(n, "currency"); }},
    {{"estimate", Need::optional, "amount", "", AP_AMOUNT},
     [](Reader& r, const Node& n, Budget& b) { b.estimate = r.amount(n, "estimate"); }},
    {{"secured", Need::optional, "money", "", AP_MONEY},
     [](Reader& r, const Node& n, Budget& b) { b.secured = r.number(n, "secured", true); }},
    {{"note", Need::optional, "text", "the estimate as written, its conditions", AP_TEXT},
     [](Reader& r, const Node& n, Budget& b) { b.note = r.text(n, "note"); }},
};

const Field<Activity> k_activity_fields[] = {
    {{"id", Need::required, "id", "equals the file name", AP_ID},
     [](Reader& r, const Node& n, Activity& a) {
       if (auto v = r.id(n, "id")) a.id = *v;
     }},
    {{"title", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Activity& a) { a.title = r.text(n, "title"); }},
    {{"type", Need::optional, "project or activity", "default project",
      R"({"enum":["project","activity"]})"},
     [](Reader& r, const Node& n, Activity& a) {
       if (auto v = r.choice(n, "type", {"project", "activity"}))
         a.type = static_cast<ActivityType>(*v);
     }},
    {{"objectives", Need::required, "list of objective refs", "non-empty", AP_SOME_IDS},
     [](Reader& r, const Node& n, Activity& a) {
       if (n.is_sequence()) a.objectives_list = n.pos;
       a.objectives = r.ids(n, "objectives", "objective");
     }},
    {{"task_force", Need::optional, "task force ref", "", AP_ID},
     [](Reader& r, const Node& n, Activity& a) { a.task_force = r.id(n, "task_force"); }},
    {{"stage", Need::optional, "stage ref", "default the plan's first stage", AP_ID},
     [](Reader& r, const Node& n, Activity& a) { a.stage = r.id(n, "stage"); }},
    {{"status", Need::optional, "active, on-hold or cancelled", "default active",
      R"({"enum":["active","on-hold","cancelled"]})"},
     [](Reader& r, const Node& n, Activity& a) {
       if (auto v = r.choice(n, "status", {"active", "on-hold", "cancelled"}))
         a.status = static_cast<ActivityStatus>(*v);
     }},
    {{"regions", Need::optional, "list of region refs or global", "", AP_IDS},
     [](Reader& r, const Node& n, Activity& a) { a.regions = r.ids(n, "regions", "region"); }},
    {{"countries", Need::optional, "list of ISO 3166-1 alpha-2 codes", "",
      R"({"type":"array","items":{"type":"string","pattern":"^[A-Z]{2}$"}})"},
     [](Reader& r, const Node& n, Activity& a) { a.countries = r.texts(n, "countries"); }},
    {{"lead", Need::optional, "person", "project team leader", "", Shape::person, person_docs},
     [](Reader& r, const Node& n, Activity& a) { a.lead = r.person(n, "lead", false); }},
    {{"responsible", Need::optional, "list of actor ids or text", "", AP_TEXTS},
     [](Reader& r, const Node& n, Activity& a) { a.responsible = r.texts(n, "responsible"); }},
    {{"partners", Need::optional, "list of text", "organisations", AP_TEXTS},
     [](Reader& r, const Node& n, Activity& a) { a.partners = r.texts(n, "partners"); }},
    {{"sponsors", Need::optional, "list of text", "organisations", AP_TEXTS},
     [](Reader& r, const Node& n, Activity& a) { a.sponsors = r.texts(n, "sponsors"); }},
    {{"budget", Need::optional, "{currency, estimate: amount, secured: money, note}", "", "",
      Shape::mapping, [] { return docs_of(k_budget_fields); }},
     [](Reader& r, const Node& n, Activity& a) {
       if (!r.expect_mapping(n, "budget", "a mapping {currency, estimate, secured, note}")) return;
       a.budget.emplace();
       a.budget->pos = n.pos;
       r.fields(n, k_budget_fields, *a.budget, "'budget'");
     }},
    {{"start", Need::optional, "date", "", AP_DATE},
     [](Reader& r, const Node& n, Activity& a) { a.start = r.date(n, "start"); }},
    {{"end", Need::optional, "date", "not before start", AP_DATE},
     [](Reader& r, const Node& n, Activity& a) { a.end = r.date(n, "end"); }},
    {{"timeframe", Need::optional, "text", "when no dates fit (ongoing)", AP_TEXT},
     [](Reader& r, const Node& n, Activity& a) { a.timeframe = r.text(n, "timeframe"); }},
    {{"outputs", Need::optional, "list of text", "", AP_TEXTS},
     [](Reader& r, const Node& n, Activity& a) { a.outputs = r.texts(n, "outputs"); }},
    {{"methodology", Need::optional, "text", "how the activity will be carried out", AP_TEXT},
     [](Reader& r, const Node& n, Activity& a) { a.methodology = r.text(n, "methodology"); }},
    {{"outcome", Need::optional, "text", "expected outcome", AP_TEXT},
     [](Reader& r, const Node& n, Activity& a) { a.outcome = r.text(n, "outcome"); }},
    {{"description", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Activity& a) { a.description = r.text(n, "description"); }},
    {{"indicators", Need::optional, "list of indicator refs", "", AP_IDS},
     [](Reader& r, const Node& n, Activity& a) {
       a.indicators = r.ids(n, "indicators", "indicator");
     }},
    {{"url", Need::optional, "http(s) URL", "",
      R"({"type":"string","pattern":"^https?://[^\\s]+$"})"},
     [](Reader& r, const Node& n, Activity& a) { a.url = r.text(n, "url"); }},
    {{"updated", Need::optional, "date", "date of the last review", AP_DATE},
     [](Reader& r, const Node& n, Activity& a) { a.updated = r.date(n, "updated"); }},
};

// ---- indicators -----------------------------------------------------------------

const Field<DatedValue> k_baseline_fields[] = {
    {{"date", Need::optional, "date", "", AP_DATE},
     [](Reader& r, const Node& n, DatedValue& d) { d.date = r.date(n, "date"); }},
    {{"value", Need::required, "number", "", AP_NUMBER},
     [](Reader& r, const Node& n, DatedValue& d) { d.value = r.number(n, "value", false); }},
};

const Field<Measurement> k_measurement_fields[] = {
    {{"date", Need::required, "date", "", AP_DATE},
     [](Reader& r, const Node& n, Measurement& m) { m.date = r.date(n, "date"); }},
    {{"value", Need::required, "number", "", AP_NUMBER},
     [](Reader& r, const Node& n, Measurement& m) { m.value = r.number(n, "value", false); }},
    {{"source", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Measurement& m) { m.source = r.text(n, "source"); }},
    {{"note", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Measurement& m) { m.note = r.text(n, "note"); }},
};

const Field<Indicator> k_indicator_fields[] = {
    {{"id", Need::required, "id", "equals the file name", AP_ID},
     [](Reader& r, const Node& n, Indicator& i) {
       if (auto v = r.id(n, "id")) i.id = *v;
     }},
    {{"title", Need::required, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Indicator& i) { i.title = r.text(n, "title"); }},
    {{"objective", Need::optional, "objective ref", "exactly one of objective or activity", AP_ID},
     [](Reader& r, const Node& n, Indicator& i) { i.objective = r.id(n, "objective"); }},
    {{"activity", Need::optional, "activity ref", "exactly one of objective or activity", AP_ID},
     [](Reader& r, const Node& n, Indicator& i) { i.activity = r.id(n, "activity"); }},
    {{"type", Need::optional, "numeric or milestone", "default numeric",
      R"({"enum":["numeric","milestone"]})"},
     [](Reader& r, const Node& n, Indicator& i) {
       if (auto v = r.choice(n, "type", {"numeric", "milestone"}))
         i.type = {static_cast<IndicatorType>(*v), n.pos};
     }},
    {{"unit", Need::optional, "text", "count, %, ha, tCO2e", AP_TEXT},
     [](Reader& r, const Node& n, Indicator& i) { i.unit = r.text(n, "unit"); }},
    {{"direction", Need::optional, "increase or decrease", "default increase",
      R"({"enum":["increase","decrease"]})"},
     [](Reader& r, const Node& n, Indicator& i) {
       if (auto v = r.choice(n, "direction", {"increase", "decrease"}))
         i.direction = static_cast<Direction>(*v);
     }},
    {{"baseline", Need::optional, "{date, value}", "", "", Shape::mapping,
      [] { return docs_of(k_baseline_fields); }},
     [](Reader& r, const Node& n, Indicator& i) {
       if (!r.expect_mapping(n, "baseline", "a mapping {date, value}")) return;
       i.baseline.emplace();
       i.baseline->pos = n.pos;
       r.fields(n, k_baseline_fields, *i.baseline, "'baseline'");
     }},
    {{"targets", Need::optional, "mapping year → number (milestone: text)", "",
      AP_YEAR_MAP(R"({"type":["number","string"]})")},
     [](Reader& r, const Node& n, Indicator& i) {
       if (n.is_null()) return;
       if (!n.is_mapping()) {
         r.wrong_type(n, "targets", "a mapping of year to value, e.g. {2030: 40, 2050: 100}");
         return;
       }
       for (std::size_t k = 0; k < n.keys.size(); ++k) {
         auto year = r.year(n.keys[k].text, n.keys[k].pos, "a key of 'targets'");
         auto text = r.scalar_text(n.items[k], "targets");
         if (!year || !text) continue;
         IndicatorTarget target{*year, std::nullopt, text->value, false, n.items[k].pos};
         if (n.items[k].plain) target.number = parse_decimal(text->value);
         if (target.number && !r.within_bound(*target.number, n.items[k], "targets")) continue;
         target.is_number = target.number.has_value();
         i.targets.push_back(std::move(target));
       }
     }},
    {{"measurements", Need::optional, "list of {date, value, source, note}",
      "dates strictly increasing", "", Shape::mappings,
      [] { return docs_of(k_measurement_fields); }},
     [](Reader& r, const Node& n, Indicator& i) {
       i.measurements = r.list<Measurement>(
           n, "measurements", "a list of {date, value, source, note}",
           [&](const Node& item) -> std::optional<Measurement> {
             if (!r.expect_mapping(item, "measurements", "a mapping {date, value, source, note}"))
               return std::nullopt;
             Measurement m;
             m.pos = item.pos;
             r.fields(item, k_measurement_fields, m, "a measurement");
             return m;
           });
     }},
    {{"due", Need::optional, "date", "milestone only", AP_DATE},
     [](Reader& r, const Node& n, Indicator& i) { i.due = r.date(n, "due"); }},
    {{"achieved", Need::optional, "date", "milestone only", AP_DATE},
     [](Reader& r, const Node& n, Indicator& i) { i.achieved = r.date(n, "achieved"); }},
    {{"description", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Indicator& i) { i.description = r.text(n, "description"); }},
    {{"method", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Indicator& i) { i.method = r.text(n, "method"); }},
    {{"source", Need::optional, "text", "", AP_TEXT},
     [](Reader& r, const Node& n, Indicator& i) { i.source_text = r.text(n, "source"); }},
};

template <class R, std::size_t N>
R decode_record(const Node& root, const std::string& path, Diagnostics& diags,
                const Field<R> (&table)[N], std::string_view where) {
  R record;
  record.source = {path, root.pos};
  Reader reader(path, diags);
  reader.fields(root, table, record, where);
  return record;
}

}  // namespace

std::vector<FieldDoc> field_docs(RecordKind kind) {
  switch (kind) {
    case RecordKind::plan:
      return docs_of(k_plan_fields);
    case RecordKind::objective:
      return docs_of(k_objective_fields);
    case RecordKind::task_force:
      return docs_of(k_task_force_fields);
    case RecordKind::activity:
      return docs_of(k_activity_fields);
    case RecordKind::indicator:
      return docs_of(k_indicator_fields);
  }
  return {};
}

std::optional<RecordKind> looks_like_kind(const Node& root, std::optional<RecordKind> folder,
                                          std::vector<std::string>* keys) {
  if (!root.is_mapping() || !root.find("id")) return std::nullopt;
  // The keys of each kind, built once: this runs for every record file loaded.
  static const std::array<std::vector<std::string_view>, 5> k_keys = [] {
    std::array<std::vector<std::string_view>, 5> out;
    for (RecordKind kind : record_kinds())
      for (const FieldDoc& f : field_docs(kind))
        out[static_cast<std::size_t>(kind)].push_back(f.key);
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
  return decode_record(root, path, diags, k_objective_fields, "the objective");
}

TaskForce decode_task_force(const Node& root, const std::string& path, Diagnostics& diags) {
  return decode_record(root, path, diags, k_task_force_fields, "the task force");
}

Activity decode_activity(const Node& root, const std::string& path, Diagnostics& diags) {
  return decode_record(root, path, diags, k_activity_fields, "the activity");
}

Indicator decode_indicator(const Node& root, const std::string& path, Diagnostics& diags) {
  return decode_record(root, path, diags, k_indicator_fields, "the indicator");
}

}  // namespace actionplan
