#include "write/add_record.hpp"

#include <algorithm>
#include <cctype>

#include <dirent.h>

#include <fmt/format.h>

#include "check/check.hpp"
#include "load/decode.hpp"
#include "load/file_read.hpp"
#include "load/plan_loader.hpp"
#include "load/yaml_tree.hpp"
#include "model/fields.hpp"
#include "model/text.hpp"
#include "write/emit.hpp"

namespace fs = std::filesystem;

namespace actionplan {
namespace {

// Why an amount written on the command line ("50.000", "45.000-90.000") may be misread; "" when
// plain.
std::string ambiguous_range(const std::string& text) {
  const std::size_t dash = text.find('-', 1);
  if (dash == std::string::npos) return ambiguous_money(text);
  std::string why = ambiguous_money(text.substr(0, dash));
  return why.empty() ? ambiguous_money(text.substr(dash + 1)) : why;
}

IdList as_list(const std::vector<std::string>& items) {
  IdList out;
  for (const std::string& item : items) out.push_back({item, {}});
  return out;
}

// "2030=text" → (2030, text); reports a malformed one under the option key.
std::optional<std::pair<int, std::string>> year_pair(const std::string& item,
                                                     const std::string& key,
                                                     PreparedActivity& out) {
  const std::size_t eq = item.find('=');
  std::optional<Date> year = eq == 4 ? Date::parse(item.substr(0, 4)) : std::nullopt;
  if (!year || eq + 1 >= item.size()) {
    out.problems.input_error(key, "",
                             fmt::format("{} is not YEAR=VALUE, e.g. 2030=100", in_quotes(item)));
    return std::nullopt;
  }
  return std::make_pair(year->year, item.substr(eq + 1));
}

// The option keys that fill each nested key of a kind (model/fields.hpp's
// option_key): budget → budget_currency, budget_estimate...; lead → lead, lead_org.
template <class M>
void add_nested_keys(std::map<std::string, std::vector<std::string>>&, const FieldInfo&, const M&) {
}
template <HasFields M>
void add_nested_keys(std::map<std::string, std::vector<std::string>>& out, const FieldInfo& f,
                     const std::optional<M>&) {
  const M none{};
  visit_fields(none, [&](const FieldInfo& g, const auto&) {
    out[std::string(f.key)].push_back(nested_option_key(f, g));
  });
}
template <class R>
std::map<std::string, std::vector<std::string>> nested_option_keys() {
  std::map<std::string, std::vector<std::string>> out;
  const R none{};
  visit_fields(none,
               [&](const FieldInfo& f, const auto& member) { add_nested_keys(out, f, member); });
  return out;
}

class Builder {
 public:
  Builder(const ActivityOptions& options, PreparedActivity& out) : m_options(options), m_out(out) {}

  // An option's value parsed, or an error naming the option's key.
  void error(const std::string& key, const std::string& message) {
    m_out.problems.input_error(key, "", message);
  }
  std::string option(const std::string& key) const {
    auto it = m_options.option_names.find(key);
    return it == m_options.option_names.end() ? key : it->second;
  }
  const std::string* value(const std::string& key) const {
    auto it = m_options.values.find(key);
    return it == m_options.values.end() ? nullptr : &it->second;
  }
  const std::vector<std::string>* list(const std::string& key) const {
    auto it = m_options.lists.find(key);
    return it == m_options.lists.end() ? nullptr : &it->second;
  }
  void text(const char* key, Text& field) {
    if (const std::string* v = value(key)) field = Located<std::string>{*v, {}};
  }
  void date(const char* key, std::optional<Located<Date>>& field) {
    const std::string* v = value(key);
    if (!v) return;
    if (std::optional<Date> d = Date::parse(*v))
      field = Located<Date>{*d, {}};
    else
      error(key, not_a_date(*v));
  }

  // A stage or region written by the name reports show ("Funding agreement
  // signed", "Latin America") is refused with the id to write, and left out.
  void names_to_ids(const Plan& plan, Activity& a) {
    auto named = [&](const char* key, const char* what, const std::string& value,
                     const std::vector<NamedId>& names) {
      const std::string id = id_for_name(value, names);
      if (id.empty() || id == value) return false;
      error(key, fmt::format("{} is the name of {} {}; write {}", in_quotes(value), what,
                             in_quotes(id), id));
      return true;
    };
    if (a.stage && !plan.stage(a.stage->value) &&
        named("stage", "stage", a.stage->value, plan.stage_names()))
      a.stage.reset();
    const std::vector<NamedId> regions = plan.region_names();
    std::erase_if(a.regions, [&](const Located<std::string>& r) {
      return std::none_of(regions.begin(), regions.end(),
                          [&](const NamedId& n) { return n.id == r.value; }) &&
             named("regions", "region", r.value, regions);
    });
  }

  // Every option given, into the record, by the kind's field table
  // (model/fields.hpp): each value parsed as its key's kind, else an error that
  // names the option; a nested key's option fills its mapping (a budget, a
  // lead, a baseline), which needs its required key as well.
  template <class R>
  void apply(R& record) {
    if constexpr (std::is_same_v<R, Indicator>) m_text_targets = false;
    visit_fields(record, [&](const FieldInfo& f, auto& member) {
      set(f, std::string(option_key(f)), member);
    });
  }

 private:
  bool given(const std::string& key) const {
    return m_options.values.count(key) > 0 || m_options.lists.count(key) > 0;
  }

  void set(const FieldInfo&, const std::string& key, Located<std::string>& m) {
    if (const std::string* v = value(key)) m = {*v, {}};
  }
  void set(const FieldInfo&, const std::string& key, Text& m) {
    if (const std::string* v = value(key)) m = Located<std::string>{*v, {}};
  }
  void set(const FieldInfo&, const std::string& key, IdList& m) {
    if (const auto* l = list(key)) m = as_list(*l);
  }
  void set(const FieldInfo&, const std::string& key, std::optional<IdList>& m) {
    if (const auto* l = list(key)) m = as_list(*l);
  }
  template <class E>
  requires std::is_enum_v<E>
  void set(const FieldInfo& f, const std::string& key, E& m) {
    const std::string* v = value(key);
    if (!v) return;
    auto name = std::find(f.choices.begin(), f.choices.end(), *v);
    if (name != f.choices.end()) {
      m = static_cast<E>(name - f.choices.begin());
      return;
    }
    std::vector<std::string> names(f.choices.begin(), f.choices.end());
    const std::string last = names.back();
    names.pop_back();
    error(key, fmt::format("{} is not a {}; use {} or {}", in_quotes(*v), f.key, join(names, ", "),
                           last));
  }
  template <class E>
  requires std::is_enum_v<E>
  void set(const FieldInfo& f, const std::string& key, Located<E>& m) {
    set(f, key, m.value);
    if constexpr (std::is_same_v<E, IndicatorType>)
      m_text_targets = m.value != IndicatorType::numeric;
  }
  void set(const FieldInfo&, const std::string& key, std::optional<Located<Date>>& m) {
    const std::string* v = value(key);
    if (!v) return;
    if (std::optional<Date> d = Date::parse(*v))
      m = Located<Date>{*d, {}};
    else
      error(key, not_a_date(*v));
  }
  void set(const FieldInfo& f, const std::string& key, std::optional<Located<double>>& m) {
    const std::string* v = value(key);
    if (!v) return;
    const bool money = f.value == Value::money;
    if (money && !ambiguous_money(*v).empty()) {
      error(key, fmt::format("{}: {}", in_quotes(*v), ambiguous_money(*v)));
      return;
    }
    std::optional<double> number = parse_decimal(*v);
    if (number && (!money || *number >= 0))
      m = Located<double>{*number, {}};
    else
      error(key, money ? fmt::format("{} is not an amount of money (a number of 0 or more)",
                                     in_quotes(*v))
                       : fmt::format("{} is not a number", in_quotes(*v)));
  }
  void set(const FieldInfo&, const std::string& key, std::optional<Located<Amount>>& m) {
    const std::string* v = value(key);
    if (!v) return;
    if (!ambiguous_range(*v).empty())
      error(key, fmt::format("{}: {}", in_quotes(*v), ambiguous_range(*v)));
    else if (std::optional<Amount> amount = parse_amount_text(*v))
      m = Located<Amount>{*amount, {}};
    else
      error(key, fmt::format("{} is not an amount; write 250000, 45000-90000, none or tbd",
                             in_quotes(*v)));
  }
  void set(const FieldInfo&, const std::string& key, std::vector<Person>& m) {
    if (const auto* l = list(key))
      for (const std::string& name : *l) m.push_back(Person{{name, {}}, {}, {}, {}, {}, {}, {}});
  }
  void set(const FieldInfo&, const std::string& key, std::vector<YearText>& m) {
    if (const auto* l = list(key))
      for (const std::string& item : *l)
        if (auto p = year_pair(item, key, m_out)) m.push_back({{p->first, {}}, {p->second, {}}});
  }
  void set(const FieldInfo&, const std::string& key, std::vector<IndicatorTarget>& m) {
    if (const auto* l = list(key))
      for (const std::string& item : *l)
        if (auto p = year_pair(item, key, m_out)) {
          IndicatorTarget t{{p->first, {}}, std::nullopt, p->second, false, {}};
          t.number = parse_decimal(p->second);
          t.is_number = t.number.has_value();
          if (!m_text_targets && !t.is_number)
            error(key, fmt::format("the target for {} must be a number for a numeric indicator; "
                                   "got {}",
                                   p->first, in_quotes(p->second)));
          m.push_back(std::move(t));
        }
  }
  // A nested mapping (a budget, a lead, a baseline): each of its keys from its own option.
  template <HasFields M>
  void set(const FieldInfo& f, const std::string&, std::optional<M>& m) {
    nested(f, m, [&](const FieldInfo& g) { return nested_option_key(f, g); });
  }
  // Parts' own targets have no option (write them in the file, or with --from).
  void set(const FieldInfo&, const std::string&, std::vector<PartTargets>&) {}
  // Lists of mappings (measurements, milestones) have no option.
  template <HasFields M>
  void set(const FieldInfo&, const std::string&, std::vector<M>&) {}

  // A nested mapping, made when an option of one of its keys is given; a key it
  // requires must then be given too.
  template <class M, class KeyOf>
  void nested(const FieldInfo& f, std::optional<M>& m, const KeyOf& key_of) {
    M inner = m ? *m : M{};
    std::string first_given, missing;
    std::string_view missing_name;
    visit_fields(inner, [&](const FieldInfo& g, auto& member) {
      const std::string key = key_of(g);
      if (given(key) && first_given.empty()) first_given = key;
      if (!given(key) && g.need == Need::required && !m && missing.empty())
        missing = key, missing_name = g.key;
      set(g, key, member);
    });
    if (first_given.empty()) return;
    if (!missing.empty()) {
      error(first_given,
            fmt::format("give the {}'s {} with {} as well", f.key, missing_name, option(missing)));
      return;
    }
    m = std::move(inner);
  }

  const ActivityOptions& m_options;
  PreparedActivity& m_out;
  bool m_text_targets = false;
};

// The rest of making any new record: the id checks, the YAML, and the same
// checks as `validate` inside the plan, each problem traced back to the
// option (or the --from line) its value came from.
template <class R>
void finish_new_record(const Plan& plan, const R& record, RecordKind kind, bool id_given,
                       std::string (*emit)(const R&),
                       R (*decode)(const yaml::Node&, const std::string&, Diagnostics&),
                       std::vector<R> Plan::*members, const ActivityOptions& options,
                       const std::map<std::string, std::vector<std::string>>& composite,
                       const std::map<std::string, Position>& input_keys,
                       const std::string& input_name, const Date& today,
                       const std::vector<std::string>& existing_ids, PreparedActivity& out) {
  const KindInfo& info = kind_info(kind);
  const std::string& id = record.id.value;
  const std::string how = id_given ? "" : " (made from the title)";
  if (!is_valid_id(id)) {
    out.problems.input_error("id", "",
                             fmt::format("{} is not a valid id: 1 to 64 letters, digits, '.', "
                                         "'_' or '-', starting with a letter or digit",
                                         in_quotes(id)));
    return;
  }
  if (is_windows_reserved(id)) {
    out.problems.input_error(
        "id", "", fmt::format("{} is a name Windows reserves; choose another id", in_quotes(id)));
    return;
  }
  auto same_ignoring_case = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const std::string& file : existing_ids) {
    const std::string_view existing = std::string_view(file).substr(0, file.rfind('.'));
    if (same_ignoring_case(existing, id)) {
      out.problems.input_error(
          "", "",
          fmt::format("{} {} with the id {}{} already exists: {}/{}{}; give this one its own id "
                      "with --id, e.g. --id {}-2",
                      kind == RecordKind::activity || kind == RecordKind::objective ||
                              kind == RecordKind::indicator
                          ? "an"
                          : "a",
                      info.singular, in_quotes(id), how, info.folder, file,
                      existing == id ? "" : " (the same id but for letter case)", id));
      return;
    }
  }
  out.rel_path = std::string(info.folder) + "/" + id + ".yaml";
  out.yaml = emit(record);

  Diagnostics diags;
  std::optional<yaml::Node> root;
  if (check_written_text(out.yaml, out.rel_path, diags))
    root = yaml::parse(out.yaml, out.rel_path, diags);
  if (root) {
    Plan with = plan;
    (with.*members).push_back(decode(*root, out.rel_path, diags));
    with.index();
    diags.append(check_plan(with, today));
  }
  diags.sort();
  // The option key a problem of `key` is blamed on: its own option, or one of a
  // nested key's (budget → budget_estimate), when given; else "".
  auto given = [&](const std::string& k) {
    return options.values.count(k) > 0 || options.lists.count(k) > 0;
  };
  auto option_of = [&](const std::string& key) {
    if (given(key)) return key;
    if (auto c = composite.find(key); c != composite.end())
      for (const std::string& k : c->second)
        if (given(k)) return k;
    return std::string();
  };
  for (const Diagnostic& d : diags.items()) {
    if (d.path != out.rel_path || d.severity != Severity::error) continue;
    std::string option = option_of(d.key);
    if (option.empty() && d.code == "missing-key" && options.option_names.count(d.key))
      option = d.key;
    auto from_input = input_keys.find(d.key);
    if (option.empty() && from_input != input_keys.end())
      out.problems.error(input_name, from_input->second, d.code, escape_controls(d.message), d.key);
    else
      out.problems.input_error(option, d.code, escape_controls(d.message));
  }
}

}  // namespace

namespace {

// The options of a kind's keys: a key's own, a lead's organisation, a budget's keys.
class AddOptionsOf {
 public:
  template <class R>
  std::vector<AddOption> of(const R& record) {
    visit_fields(record, [&](const FieldInfo& f, const auto& member) { put(f, member); });
    std::stable_partition(m_out.begin(), m_out.end(),
                          [](const AddOption& o) { return o.names == "--title"; });
    return std::move(m_out);
  }

 private:
  void add(const FieldInfo& f, std::string key) {
    if (f.option.names.empty()) return;
    m_out.push_back({std::string(f.option.names), std::move(key), std::string(f.option.help),
                     std::string(f.option.type), holds_list(f.value)});
  }
  template <class M>
  void put(const FieldInfo& f, const M&) {
    add(f, std::string(option_key(f)));
  }
  // A nested mapping: its own option (--lead), then those of its keys (--lead-org, --budget).
  template <HasFields M>
  void put(const FieldInfo& f, const std::optional<M>&) {
    add(f, std::string(option_key(f)));
    const M none{};
    visit_fields(none, [&](const FieldInfo& g, const auto&) { add(g, nested_option_key(f, g)); });
  }

  std::vector<AddOption> m_out;
};

}  // namespace

std::vector<AddOption> add_options(RecordKind kind) {
  switch (kind) {
    case RecordKind::objective:
      return AddOptionsOf().of(Objective{});
    case RecordKind::task_force:
      return AddOptionsOf().of(TaskForce{});
    case RecordKind::activity:
      return AddOptionsOf().of(Activity{});
    case RecordKind::indicator:
      return AddOptionsOf().of(Indicator{});
    case RecordKind::plan:
      break;
  }
  return {};
}

std::vector<std::string> record_file_names(const fs::path& folder) {
  // readdir rather than std::filesystem: a plan's folder may hold 100,000 files.
  std::vector<std::string> ids;
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return ids;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name.empty() || name[0] == '.') continue;
    if (is_record_file_name(name)) ids.emplace_back(name);
  }
  ::closedir(dir);
  return ids;
}

namespace {

// The --from record into `out.record`, with the keys it has and where; false
// when it cannot be read. Its problems but missing keys (checked after the
// options are applied) go to `out`.
bool read_input(const Plan& plan, const RecordInput& input, const std::string& input_name,
                PreparedActivity& out, std::map<std::string, Position>& input_keys) {
  Diagnostics diags;
  std::string text = input.text;  // checked and read as written (a BOM dropped)
  std::optional<yaml::Node> root;
  if (text.size() > k_max_file_bytes)
    diags.error(input_name, {}, "file-too-large", "the record is larger than 1 MiB");
  else if (check_plan_text(text, input_name, diags))
    root = yaml::parse(text, input_name, diags);
  if (root) {
    for (std::size_t i = 0; i < root->keys.size(); ++i) {
      input_keys[root->keys[i].text] = root->keys[i].pos;
      if (root->keys[i].text.rfind("x-", 0) == 0)
        diags.error(input_name, root->keys[i].pos, "unsupported-key",
                    fmt::format("add-project does not copy your own keys ({}) yet; add them to "
                                "the file after it is created",
                                in_quotes(root->keys[i].text)));
    }
    out.record = decode_activity(*root, input_name, diags);
  }
  apply_unknown_key_rule(diags, plan.info);
  diags.sort();
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::error && d.code != "missing-key")
      out.problems.error(d.path, d.pos, d.code, d.message, d.key);
  return root.has_value();
}

}  // namespace

PreparedActivity prepare_activity(const Plan& plan, const ActivityOptions& options,
                                  const std::optional<RecordInput>& input, const Date& today,
                                  const std::vector<std::string>& existing_ids) {
  PreparedActivity out;
  Activity& a = out.record;
  std::map<std::string, Position> input_keys;  // keys of the --from record and where they were
  const std::string input_name = input && input->path == "-" ? "<stdin>" : input ? input->path : "";
  if (input && !read_input(plan, *input, input_name, out, input_keys)) return out;

  Builder builder(options, out);
  builder.apply(
      a);  // values that do not parse are reported and left out; the rest is checked below
  builder.names_to_ids(plan, a);
  const int value_errors = out.problems.error_count();
  // A key of the --from record left empty: blamed on its line there.
  auto empty_in_input = [&](const char* key, const std::string& message) {
    auto at = input_keys.find(key);
    if (at == input_keys.end() || options.values.count(key) || options.lists.count(key))
      return false;
    out.problems.error(input_name, at->second, "missing-key", message, key);
    return true;
  };
  if (!a.title || a.title->value.find_first_not_of(" \t\n") == std::string::npos)
    if (!empty_in_input("title", "'title' is empty; a project needs a title"))
      out.problems.input_error(
          "", "", "a title is required: give it as the first argument or with --title");
  if (a.objectives.empty())
    if (!empty_in_input("objectives",
                        fmt::format("'objectives' is empty; name at least one objective (known "
                                    "objectives: {})",
                                    describe_ids(plan.ids(RecordKind::objective)))))
      out.problems.input_error(
          "", "",
          fmt::format("at least one objective is required: -O ID (known objectives: {})",
                      describe_ids(plan.ids(RecordKind::objective))));
  const bool id_given = !a.id.value.empty();
  if (!id_given && a.title) {
    a.id = {slug(a.title->value), {}};
    if (a.id.value.empty())
      out.problems.input_error(
          "", "",
          "cannot make an id from this title (no letters that read as ASCII); give one with --id");
  }
  if (!a.stage && !plan.info.stages.empty())
    a.stage = Located<std::string>{plan.info.stages.front().id.value, {}};
  if (!a.updated) a.updated = Located<Date>{today, {}};
  if (out.problems.error_count() > value_errors || a.id.value.empty())
    return out;  // no record to check

  finish_new_record(plan, a, RecordKind::activity, id_given, emit_activity, decode_activity,
                    &Plan::activities, options, nested_option_keys<Activity>(), input_keys,
                    input_name, today, existing_ids, out);
  return out;
}

namespace {

// Reads the options common to every kind: title, id (or a slug of the title).
template <class R>
bool title_and_id(R& record, Text& title, const ActivityOptions& o, PreparedActivity& out,
                  const char* what) {
  if (auto t = o.values.find("title"); t != o.values.end())
    title = Located<std::string>{t->second, {}};
  if (!title || title->value.find_first_not_of(" \t\n") == std::string::npos)
    out.problems.input_error(
        "", "",
        fmt::format("a {} is required: give it as the first argument or with --title", what));
  if (auto i = o.values.find("id"); i != o.values.end())
    record.id = {i->second, {}};
  else if (title)
    record.id = {slug(title->value), {}};
  if (title && record.id.value.empty())
    out.problems.input_error(
        "", "",
        "cannot make an id from this title (no letters that read as ASCII); give one with --id");
  return o.values.count("id") > 0;
}

}  // namespace

namespace {}  // namespace

namespace {

// A new record of a kind but activities: its title (or name) and id, then every
// option by the kind's field table, then the checks of validate.
template <class R>
void prepare_new(R& record, Text& title, RecordKind kind, const Plan& plan,
                 const ActivityOptions& o, const Date& today,
                 const std::vector<std::string>& existing_ids, std::string (*emit)(const R&),
                 R (*decode)(const yaml::Node&, const std::string&, Diagnostics&),
                 std::vector<R> Plan::*members, PreparedActivity& out) {
  const bool id_given =
      title_and_id(record, title, o, out, kind == RecordKind::task_force ? "name" : "title");
  Builder(o, out).apply(record);
  if constexpr (std::is_same_v<R, TaskForce>)
    if (record.objectives.empty())
      out.problems.input_error(
          "", "",
          fmt::format("at least one objective is required: -O ID (known objectives: {})",
                      describe_ids(plan.ids(RecordKind::objective))));
  if (!out.ok()) return;
  finish_new_record(plan, record, kind, id_given, emit, decode, members, o, nested_option_keys<R>(),
                    {}, "", today, existing_ids, out);
}

}  // namespace

PreparedActivity prepare_record(RecordKind kind, const Plan& plan, const ActivityOptions& o,
                                const Date& today, const std::vector<std::string>& existing_ids) {
  PreparedActivity out;
  if (kind == RecordKind::objective) {
    Objective r;
    prepare_new(r, r.title, kind, plan, o, today, existing_ids, emit_objective, decode_objective,
                &Plan::objectives, out);
  } else if (kind == RecordKind::task_force) {
    TaskForce r;
    prepare_new(r, r.name, kind, plan, o, today, existing_ids, emit_task_force, decode_task_force,
                &Plan::task_forces, out);
  } else if (kind == RecordKind::indicator) {
    Indicator r;
    prepare_new(r, r.title, kind, plan, o, today, existing_ids, emit_indicator, decode_indicator,
                &Plan::indicators, out);
  }
  return out;
}

}  // namespace actionplan
