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

// The top-level key a line of emitted YAML belongs to.
std::string key_at_line(const std::string& yaml_text, int line) {
  std::string key;
  int number = 0;
  std::size_t at = 0;
  while (at < yaml_text.size() && number < line) {
    std::size_t end = yaml_text.find('\n', at);
    if (end == std::string::npos) end = yaml_text.size();
    ++number;
    const std::string_view text(yaml_text.data() + at, end - at);
    if (!text.empty() && text[0] != ' ' && text[0] != '#' &&
        text.find(':') != std::string_view::npos)
      key = std::string(text.substr(0, text.find(':')));
    at = end + 1;
  }
  return key;
}

// The option keys that fill each nested key of a kind (model/fields.hpp's
// option_key): budget → budget_currency, budget_estimate...; lead → lead, lead_org.
template <class M>
void add_nested_keys(std::map<std::string, std::vector<std::string>>&, const FieldInfo&, const M&) {
}
void add_nested_keys(std::map<std::string, std::vector<std::string>>& out, const FieldInfo& f,
                     const std::optional<Person>&) {
  out[std::string(f.key)] = {std::string(f.key), fmt::format("{}_org", f.key)};
}
template <HasFields M>
void add_nested_keys(std::map<std::string, std::vector<std::string>>& out, const FieldInfo& f,
                     const std::optional<M>&) {
  const M none{};
  visit_fields(none, [&](const FieldInfo& g, const auto&) {
    out[std::string(f.key)].push_back(fmt::format("{}_{}", f.key, g.key));
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

  // An option's value parsed, or an error naming the option.
  void error(const std::string& key, const std::string& message) {
    m_out.errors.push_back(fmt::format("{}: {}", option(key), message));
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

  void apply(Activity& a) {
    text("title", a.title);
    if (const std::string* v = value("id")) a.id = {*v, {}};
    if (const std::string* v = value("type")) {
      if (*v == "project")
        a.type = ActivityType::project;
      else if (*v == "activity")
        a.type = ActivityType::activity;
      else
        error("type", fmt::format("{} is not a type; use project or activity", in_quotes(*v)));
    }
    if (const std::string* v = value("status")) {
      if (*v == "active")
        a.status = ActivityStatus::active;
      else if (*v == "on-hold")
        a.status = ActivityStatus::on_hold;
      else if (*v == "cancelled")
        a.status = ActivityStatus::cancelled;
      else
        error("status",
              fmt::format("{} is not a status; use active, on-hold or cancelled", in_quotes(*v)));
    }
    if (const auto* l = list("objectives")) a.objectives = as_list(*l);
    if (const std::string* v = value("task_force")) a.task_force = Located<std::string>{*v, {}};
    if (const std::string* v = value("stage")) a.stage = Located<std::string>{*v, {}};
    if (const auto* l = list("regions")) a.regions = as_list(*l);
    if (const auto* l = list("countries")) a.countries = as_list(*l);
    if (const std::string* v = value("lead")) {
      if (!a.lead) a.lead = Person{};
      a.lead->name = {*v, {}};
    }
    if (const std::string* v = value("lead_org")) {
      if (!a.lead)
        error("lead_org", "give the lead's name with --lead as well");
      else
        a.lead->org = Located<std::string>{*v, {}};
    }
    if (const auto* l = list("responsible")) a.responsible = as_list(*l);
    if (const auto* l = list("partners")) a.partners = as_list(*l);
    if (const auto* l = list("sponsors")) a.sponsors = as_list(*l);
    budget(a);
    date("start", a.start);
    date("end", a.end);
    text("timeframe", a.timeframe);
    if (const auto* l = list("outputs")) a.outputs = as_list(*l);
    text("methodology", a.methodology);
    text("outcome", a.outcome);
    if (const auto* l = list("indicators")) a.indicators = as_list(*l);
    text("url", a.url);
    text("description", a.description);
    date("updated", a.updated);
  }

 private:
  // The options of the budget: --budget, --secured, --currency (and import's budget.note).
  void budget(Activity& a) {
    if (const std::string* v = value("budget_estimate"); v && !ambiguous_range(*v).empty()) {
      error("budget_estimate", fmt::format("{}: {}", in_quotes(*v), ambiguous_range(*v)));
    } else if (v) {
      if (std::optional<Amount> amount = parse_amount_text(*v)) {
        if (!a.budget) a.budget = Budget{};
        a.budget->estimate = Located<Amount>{*amount, {}};
      } else {
        error("budget_estimate",
              fmt::format("{} is not an amount; write 250000, 45000-90000, none or tbd",
                          in_quotes(*v)));
      }
    }
    if (const std::string* v = value("budget_secured"); v && !ambiguous_money(*v).empty()) {
      error("budget_secured", fmt::format("{}: {}", in_quotes(*v), ambiguous_money(*v)));
    } else if (v) {
      std::optional<double> money = parse_decimal(*v);
      if (!money || *money < 0) {
        error("budget_secured",
              fmt::format("{} is not an amount of money (a number of 0 or more)", in_quotes(*v)));
      } else {
        if (!a.budget) a.budget = Budget{};
        a.budget->secured = Located<double>{*money, {}};
      }
    }
    if (const std::string* v = value("budget_currency")) {
      if (!a.budget) a.budget = Budget{};
      a.budget->currency = Located<std::string>{*v, {}};
    }
    if (const std::string* v = value("budget_note")) {
      if (!a.budget) a.budget = Budget{};
      a.budget->note = Located<std::string>{*v, {}};
    }
  }

  const ActivityOptions& m_options;
  PreparedActivity& m_out;
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
    out.errors.push_back(
        fmt::format("--id: {} is not a valid id: 1 to 64 letters, digits, '.', '_' or '-', "
                    "starting with a letter or digit",
                    in_quotes(id)));
    return;
  }
  if (is_windows_reserved(id)) {
    out.errors.push_back(
        fmt::format("--id: {} is a name Windows reserves; choose another id", in_quotes(id)));
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
      out.errors.push_back(
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
  auto option_of = [&](const std::string& key) -> std::string {
    auto named = [&](const std::string& k) {
      auto it = options.option_names.find(k);
      return it == options.option_names.end() ? k : it->second;
    };
    if (options.values.count(key) || options.lists.count(key)) return named(key);
    if (auto c = composite.find(key); c != composite.end())
      for (const std::string& k : c->second)
        if (options.values.count(k) || options.lists.count(k)) return named(k);
    return "";
  };
  for (const Diagnostic& d : diags.items()) {
    if (d.path != out.rel_path || d.severity != Severity::error) continue;
    std::string key = key_at_line(out.yaml, d.pos.line);
    if (d.code == "missing-key")  // about the key it names, not the line it is reported on
      for (const auto& [k, name] : options.option_names)
        if (d.message.find(in_quotes(k)) != std::string::npos) key = k;
    std::string option = option_of(key);
    if (option.empty() && d.code == "missing-key")
      if (auto it = options.option_names.find(key); it != options.option_names.end())
        option = it->second;
    auto from_input = input_keys.find(key);
    if (option.empty() && from_input != input_keys.end())
      out.errors.push_back(fmt::format("{}:{}:{}: error: {} [{}]", input_name,
                                       from_input->second.line, from_input->second.column,
                                       escape_controls(d.message), d.code));
    else
      out.errors.push_back(
          option.empty() ? fmt::format("{} [{}]", escape_controls(d.message), d.code)
                         : fmt::format("{}: {} [{}]", option, escape_controls(d.message), d.code));
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
  void put(const FieldInfo& f, const std::optional<Person>&) {
    add(f, std::string(f.key));
    const Person none{};
    visit_fields(none, [&](const FieldInfo& g, const auto&) {
      if (g.key == "org") add(g, fmt::format("{}_org", f.key));
    });
  }
  template <HasFields M>
  void put(const FieldInfo& f, const std::optional<M>&) {
    const M none{};
    visit_fields(
        none, [&](const FieldInfo& g, const auto&) { add(g, fmt::format("{}_{}", f.key, g.key)); });
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

PreparedActivity prepare_activity(const Plan& plan, const ActivityOptions& options,
                                  const std::optional<RecordInput>& input, const Date& today,
                                  const std::vector<std::string>& existing_ids) {
  PreparedActivity out;
  Activity& a = out.record;
  std::map<std::string, Position> input_keys;  // keys of the --from record and where they were
  const std::string input_name = input && input->path == "-" ? "<stdin>" : input ? input->path : "";

  if (input) {
    Diagnostics diags;
    std::string text = input->text;
    std::optional<yaml::Node> root;
    if (text.size() > k_max_file_bytes)
      diags.error(input_name, {}, "file-too-large", "the record is larger than 1 MiB");
    else if (check_plan_text(text, input_name, diags))
      root = yaml::parse(text, input_name, diags);
    if (root) {
      for (std::size_t i = 0; i < root->keys.size(); ++i) {
        input_keys[root->keys[i].text] = root->keys[i].pos;
        if (root->keys[i].text.rfind("x-", 0) == 0)
          diags.error(
              input_name, root->keys[i].pos, "unsupported-key",
              fmt::format("add-project does not copy your own keys ({}) yet; add them to the "
                          "file after it is created",
                          in_quotes(root->keys[i].text)));
      }
      a = decode_activity(*root, input_name, diags);
    }
    apply_unknown_key_rule(diags, plan.info);
    diags.sort();
    for (const Diagnostic& d : diags.items())  // required keys are checked below, after the options
      if (d.severity == Severity::error && d.code != "missing-key")
        out.errors.push_back(format_diagnostic(d));
    if (!root) return out;
  }

  Builder builder(options, out);
  builder.apply(
      a);  // values that do not parse are reported and left out; the rest is checked below
  builder.names_to_ids(plan, a);
  const std::size_t value_errors = out.errors.size();
  // A key of the --from record left empty: blamed on its line there.
  auto empty_in_input = [&](const char* key, const std::string& message) {
    auto at = input_keys.find(key);
    if (at == input_keys.end() || options.values.count(key) || options.lists.count(key))
      return false;
    out.errors.push_back(fmt::format("{}:{}:{}: error: {} [missing-key]", input_name,
                                     at->second.line, at->second.column, message));
    return true;
  };
  if (!a.title || a.title->value.find_first_not_of(" \t\n") == std::string::npos)
    if (!empty_in_input("title", "'title' is empty; a project needs a title"))
      out.errors.push_back("a title is required: give it as the first argument or with --title");
  if (a.objectives.empty())
    if (!empty_in_input("objectives",
                        fmt::format("'objectives' is empty; name at least one objective (known "
                                    "objectives: {})",
                                    describe_ids(plan.ids(RecordKind::objective)))))
      out.errors.push_back(
          fmt::format("at least one objective is required: -O ID (known objectives: {})",
                      describe_ids(plan.ids(RecordKind::objective))));
  const bool id_given = !a.id.value.empty();
  if (!id_given && a.title) {
    a.id = {slug(a.title->value), {}};
    if (a.id.value.empty())
      out.errors.push_back(
          "cannot make an id from this title (no letters that read as ASCII); give one with --id");
  }
  if (!a.stage && !plan.info.stages.empty())
    a.stage = Located<std::string>{plan.info.stages.front().id.value, {}};
  if (!a.updated) a.updated = Located<Date>{today, {}};
  if (out.errors.size() > value_errors || a.id.value.empty()) return out;  // no record to check

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
    out.errors.push_back(
        fmt::format("a {} is required: give it as the first argument or with --title", what));
  if (auto i = o.values.find("id"); i != o.values.end())
    record.id = {i->second, {}};
  else if (title)
    record.id = {slug(title->value), {}};
  if (title && record.id.value.empty())
    out.errors.push_back(
        "cannot make an id from this title (no letters that read as ASCII); give one with --id");
  return o.values.count("id") > 0;
}

const std::vector<std::string>* list_of(const ActivityOptions& o, const char* key) {
  auto it = o.lists.find(key);
  return it == o.lists.end() ? nullptr : &it->second;
}
const std::string* value_of(const ActivityOptions& o, const char* key) {
  auto it = o.values.find(key);
  return it == o.values.end() ? nullptr : &it->second;
}
Text text_of(const ActivityOptions& o, const char* key) {
  if (const std::string* v = value_of(o, key)) return Located<std::string>{*v, {}};
  return std::nullopt;
}

// "2030=text" → (2030, text); reports a malformed one under the option.
std::optional<std::pair<int, std::string>> year_pair(const std::string& item,
                                                     const std::string& option,
                                                     PreparedActivity& out) {
  const std::size_t eq = item.find('=');
  std::optional<Date> year = eq == 4 ? Date::parse(item.substr(0, 4)) : std::nullopt;
  if (!year || eq + 1 >= item.size()) {
    out.errors.push_back(
        fmt::format("{}: {} is not YEAR=VALUE, e.g. 2030=100", option, in_quotes(item)));
    return std::nullopt;
  }
  return std::make_pair(year->year, item.substr(eq + 1));
}

std::string option_name(const ActivityOptions& o, const std::string& key) {
  auto it = o.option_names.find(key);
  return it == o.option_names.end() ? key : it->second;
}

}  // namespace

namespace {

void prepare_indicator(const Plan& plan, const ActivityOptions& o, const Date& today,
                       const std::vector<std::string>& existing_ids, PreparedActivity& out) {
  Indicator r;
  const bool id_given = title_and_id(r, r.title, o, out, "title");
  if (const std::string* v = value_of(o, "objective")) r.objective = Located<std::string>{*v, {}};
  if (const std::string* v = value_of(o, "activity")) r.activity = Located<std::string>{*v, {}};
  if (const std::string* v = value_of(o, "type")) {
    if (*v == "milestone")
      r.type = {IndicatorType::milestone, {}};
    else if (*v != "numeric")
      out.errors.push_back(fmt::format("{}: {} is not a type; use numeric or milestone",
                                       option_name(o, "type"), in_quotes(*v)));
  }
  const bool milestone = r.type.value == IndicatorType::milestone;
  r.unit = text_of(o, "unit");
  if (const std::string* v = value_of(o, "direction")) {
    if (*v == "decrease")
      r.direction = Direction::decrease;
    else if (*v != "increase")
      out.errors.push_back(fmt::format("{}: {} is not a direction; use increase or decrease",
                                       option_name(o, "direction"), in_quotes(*v)));
  }
  if (const std::string* v = value_of(o, "baseline_value")) {
    if (std::optional<double> n = parse_decimal(*v)) {
      r.baseline = DatedValue{};
      r.baseline->value = Located<double>{*n, {}};
    } else {
      out.errors.push_back(
          fmt::format("{}: {} is not a number", option_name(o, "baseline_value"), in_quotes(*v)));
    }
  }
  if (const std::string* v = value_of(o, "baseline_date")) {
    std::optional<Date> d = Date::parse(*v);
    if (!d)
      out.errors.push_back(option_name(o, "baseline_date") + ": " + not_a_date(*v));
    else if (!r.baseline)
      out.errors.push_back(fmt::format("{}: give the baseline's value with {} as well",
                                       option_name(o, "baseline_date"),
                                       option_name(o, "baseline_value")));
    else
      r.baseline->date = Located<Date>{*d, {}};
  }
  if (const auto* l = list_of(o, "targets"))
    for (const std::string& item : *l)
      if (auto p = year_pair(item, option_name(o, "targets"), out)) {
        IndicatorTarget t{{p->first, {}}, std::nullopt, p->second, false, {}};
        t.number = parse_decimal(p->second);
        t.is_number = t.number.has_value();
        if (!milestone && !t.is_number)
          out.errors.push_back(
              fmt::format("{}: the target for {} must be a number for a numeric indicator; got {}",
                          option_name(o, "targets"), p->first, in_quotes(p->second)));
        r.targets.push_back(std::move(t));
      }
  if (const std::string* v = value_of(o, "due")) {
    if (std::optional<Date> d = Date::parse(*v))
      r.due = Located<Date>{*d, {}};
    else
      out.errors.push_back(option_name(o, "due") + ": " + not_a_date(*v));
  }
  r.description = text_of(o, "description");
  r.method = text_of(o, "method");
  r.source_text = text_of(o, "source");
  if (!out.errors.empty()) return;
  finish_new_record(plan, r, RecordKind::indicator, id_given, emit_indicator, decode_indicator,
                    &Plan::indicators, o, nested_option_keys<Indicator>(), {}, "", today,
                    existing_ids, out);
}

}  // namespace

PreparedActivity prepare_record(RecordKind kind, const Plan& plan, const ActivityOptions& o,
                                const Date& today, const std::vector<std::string>& existing_ids) {
  PreparedActivity out;
  const std::map<std::string, Position> no_input;
  if (kind == RecordKind::objective) {
    Objective r;
    const bool id_given = title_and_id(r, r.title, o, out, "title");
    if (const std::string* v = value_of(o, "goal")) r.goal = Located<std::string>{*v, {}};
    r.description = text_of(o, "description");
    r.problem = text_of(o, "problem");
    if (const auto* l = list_of(o, "targets"))
      for (const std::string& item : *l)
        if (auto p = year_pair(item, option_name(o, "targets"), out))
          r.targets.push_back({{p->first, {}}, {p->second, {}}});
    if (const auto* l = list_of(o, "regions")) r.regions = as_list(*l);
    if (!out.errors.empty()) return out;
    finish_new_record(plan, r, kind, id_given, emit_objective, decode_objective, &Plan::objectives,
                      o, {}, no_input, "", today, existing_ids, out);
  } else if (kind == RecordKind::task_force) {
    TaskForce r;
    const bool id_given = title_and_id(r, r.name, o, out, "name");
    if (const auto* l = list_of(o, "objectives")) r.objectives = as_list(*l);
    if (r.objectives.empty())
      out.errors.push_back(
          fmt::format("at least one objective is required: -O ID (known objectives: {})",
                      describe_ids(plan.ids(RecordKind::objective))));
    for (const char* key : {"leaders", "members"})
      if (const auto* l = list_of(o, key))
        for (const std::string& name : *l)
          (std::string(key) == "leaders" ? r.leaders : r.members)
              .push_back(Person{{name, {}}, {}, {}, {}, {}, {}, {}});
    r.approach = text_of(o, "approach");
    if (!out.errors.empty()) return out;
    finish_new_record(plan, r, kind, id_given, emit_task_force, decode_task_force,
                      &Plan::task_forces, o, {}, no_input, "", today, existing_ids, out);
  } else if (kind == RecordKind::indicator) {
    prepare_indicator(plan, o, today, existing_ids, out);
  }
  return out;
}

}  // namespace actionplan
