#include "query/list.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <type_traits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/fields.hpp"
#include "model/text.hpp"
#include "render/csv.hpp"
#include "render/records.hpp"

namespace actionplan {
namespace {

bool contains(const std::vector<std::string>& wanted, const std::string& value) {
  return std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

// Any of the record's ids is wanted (an empty filter accepts everything).
bool any_of(const std::vector<std::string>& wanted, const IdList& ids) {
  if (wanted.empty()) return true;
  for (const auto& id : ids)
    if (contains(wanted, id.value)) return true;
  return false;
}

bool one_of(const std::vector<std::string>& wanted, const std::string& value) {
  return wanted.empty() || contains(wanted, value);
}

// A text value in one cell: without the final line break of a YAML block.
std::string text(const Text& t) {
  if (!t) return "";
  std::string s = t->value;
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}
std::string date(const std::optional<Located<Date>>& d) {
  return d ? d->value.to_string() : "";
}

std::string list_text(const std::vector<std::string>& items, ListCells lists) {
  return lists == ListCells::escaped ? list_cell(items) : join(items, "; ");
}

std::string joined(const std::vector<Located<std::string>>& list, ListCells lists) {
  std::vector<std::string> items;
  for (const auto& item : list) items.push_back(item.value);
  return list_text(items, lists);
}

std::string names_of(const std::vector<Person>& people, ListCells lists, bool with_region = false) {
  std::vector<std::string> items;
  for (const Person& p : people)
    items.push_back(with_region && p.region ? fmt::format("{} ({})", p.name.value, p.region->value)
                                            : p.name.value);
  return list_text(items, lists);
}

// The target years used by a kind's records (and the plan's horizons), so
// every row has the same columns.
template <class R>
std::vector<int> target_years(const Plan& plan, const std::vector<R>& records) {
  std::set<int> years;
  for (const auto& h : plan.info.horizons) years.insert(h.value);
  for (const R& r : records)
    for (const auto& t : r.targets) years.insert(t.year.value);
  return {years.begin(), years.end()};
}

template <class T>
std::string target_cell(const std::vector<T>& targets, int year) {
  for (const T& t : targets)
    if (t.year.value == year) {
      if constexpr (std::is_same_v<T, YearText>)
        return t.text.value;
      else
        return t.text;
    }
  return "";
}

struct FilterOption {
  const char* name;  // "--stage"
  const std::vector<std::string>* values;
};

}  // namespace

std::optional<ListKind> list_kind_from_name(const std::string& name) {
  if (name == "objectives" || name == "objective") return ListKind{RecordKind::objective};
  if (name == "taskforces" || name == "taskforce" || name == "task-forces" || name == "task-force")
    return ListKind{RecordKind::task_force};
  if (name == "activities" || name == "activity") return ListKind{RecordKind::activity};
  if (name == "projects" || name == "project") return ListKind{RecordKind::activity, true};
  if (name == "indicators" || name == "indicator") return ListKind{RecordKind::indicator};
  return std::nullopt;
}

const char* list_kind_names() {
  return "objectives, taskforces, activities, projects or indicators";
}

std::vector<std::string> check_list_filter(const Plan& plan, const ListKind& kind,
                                           const ListFilter& f) {
  std::vector<std::string> errors;
  const std::string plural = kind.projects_only ? "projects" : kind_info(kind.kind).plural;
  // Which filters apply to which kind.
  const bool activity = kind.kind == RecordKind::activity;
  const std::vector<std::pair<FilterOption, bool>> applies = {
      {{"--objective", &f.objectives}, kind.kind != RecordKind::plan},
      {{"--goal", &f.goals}, kind.kind == RecordKind::objective},
      {{"--stage", &f.stages}, activity},
      {{"--region", &f.regions}, kind.kind != RecordKind::indicator},
      {{"--task-force", &f.task_forces},
       kind.kind == RecordKind::activity || kind.kind == RecordKind::objective},
      {{"--status", &f.statuses}, activity},
      {{"--type", &f.types},
       (activity && !kind.projects_only) || kind.kind == RecordKind::indicator},
  };
  for (const auto& [option, ok] : applies)
    if (!option.values->empty() && !ok)
      errors.push_back(fmt::format("{}: does not apply to {}", option.name, plural));
  if (!errors.empty()) return errors;

  auto known = [&](const char* option, const std::vector<std::string>& values, const char* what,
                   const char* what_plural, const std::vector<std::string>& ids,
                   const std::vector<NamedId>& names = {}) {
    for (const std::string& v : values)
      if (!contains(ids, v))
        errors.push_back(fmt::format(
            "{}: {}", option,
            unknown_reference_message(what, what_plural, v, ids, IdOrder::natural, names)));
  };
  known("--objective", f.objectives, "objective", "objectives", plan.ids(RecordKind::objective));
  known("--task-force", f.task_forces, "task force", "task forces",
        plan.ids(RecordKind::task_force));
  std::vector<std::string> goals, stages, regions{"global"};
  if (plan.info.goals)
    for (const Goal& g : *plan.info.goals) goals.push_back(g.id.value);
  for (const Stage& s : plan.info.stages) stages.push_back(s.id.value);
  if (plan.info.regions)
    for (const NamedEntry& r : *plan.info.regions) regions.push_back(r.id.value);
  known("--goal", f.goals, "goal", "goals", goals);
  known("--stage", f.stages, "stage", "stages", stages, plan.stage_names());
  known("--region", f.regions, "region", "regions", regions, plan.region_names());
  auto choice = [&](const char* option, const std::vector<std::string>& values,
                    const std::vector<std::string>& allowed) {
    for (const std::string& v : values)
      if (!contains(allowed, v))
        errors.push_back(
            fmt::format("{}: {} is not one of {}", option, in_quotes(v), join(allowed, ", ")));
  };
  choice("--status", f.statuses, {"active", "on-hold", "cancelled"});
  if (kind.kind == RecordKind::indicator)
    choice("--type", f.types, {"numeric", "milestone", "qualitative"});
  else
    choice("--type", f.types, {"project", "activity"});
  return errors;
}

std::vector<std::size_t> select_records(const Plan& plan, const ListKind& kind,
                                        const ListFilter& f) {
  std::vector<std::size_t> out;
  switch (kind.kind) {
    case RecordKind::objective:
      for (std::size_t i = 0; i < plan.objectives.size(); ++i) {
        const Objective& o = plan.objectives[i];
        if (!one_of(f.objectives, o.id.value)) continue;
        if (!f.goals.empty() && !(o.goal && contains(f.goals, o.goal->value))) continue;
        if (!f.regions.empty()) {
          const std::vector<std::string> regions = plan.regions_of(o);
          if (std::none_of(regions.begin(), regions.end(),
                           [&](const std::string& r) { return contains(f.regions, r); }))
            continue;
        }
        if (!f.task_forces.empty() &&
            std::none_of(plan.task_forces.begin(), plan.task_forces.end(), [&](const TaskForce& t) {
              return contains(f.task_forces, t.id.value) &&
                     std::any_of(t.objectives.begin(), t.objectives.end(),
                                 [&](const auto& id) { return id.value == o.id.value; });
            }))
          continue;
        out.push_back(i);
      }
      break;
    case RecordKind::task_force:
      for (std::size_t i = 0; i < plan.task_forces.size(); ++i) {
        const TaskForce& t = plan.task_forces[i];
        if (!any_of(f.objectives, t.objectives)) continue;
        const bool works_there = t.regions && any_of(f.regions, *t.regions);
        if (!f.regions.empty() && !works_there &&
            std::none_of(t.representatives.begin(), t.representatives.end(), [&](const Person& p) {
              return p.region && contains(f.regions, p.region->value);
            }))
          continue;
        out.push_back(i);
      }
      break;
    case RecordKind::activity:
      for (std::size_t i = 0; i < plan.activities.size(); ++i) {
        const Activity& a = plan.activities[i];
        const std::string type = a.type == ActivityType::project ? "project" : "activity";
        if (kind.projects_only && a.type != ActivityType::project) continue;
        if (!any_of(f.objectives, a.objectives) || !any_of(f.regions, a.regions)) continue;
        if (!one_of(f.stages, plan.stage_of(a).id.value)) continue;
        if (!f.task_forces.empty() &&
            !(a.task_force && contains(f.task_forces, a.task_force->value)))
          continue;
        if (!one_of(f.statuses, status_name(a.status)) || !one_of(f.types, type)) continue;
        out.push_back(i);
      }
      break;
    case RecordKind::indicator:
      for (std::size_t i = 0; i < plan.indicators.size(); ++i) {
        const Indicator& ind = plan.indicators[i];
        if (!f.objectives.empty()) {
          const std::vector<std::string> measured = plan.objectives_measured(ind);
          if (std::none_of(measured.begin(), measured.end(),
                           [&](const std::string& o) { return contains(f.objectives, o); }))
            continue;
        }
        if (!one_of(f.types,
                    std::string(k_indicator_types[static_cast<std::size_t>(ind.type.value)])))
          continue;
        out.push_back(i);
      }
      break;
    case RecordKind::plan:
      break;
  }
  return out;
}

namespace {

// The cells of one record (or of a mapping nested in one) by its table
// (model/fields.hpp), with their columns: one per key; a nested mapping's keys
// dotted (`budget.estimate`), a person's name and organisation (`lead`,
// `lead.org`: never an e-mail), one per target year (`targets.2030`), a list of
// mappings as "date: value" items. Every record of a kind has the same columns.
class Cells {
 public:
  // `with_names`: whether to build the column names too (for the header; a row needs
  // only its values). A nested mapping's cells have their key as `prefix`.
  Cells(const Plan& plan, const std::vector<int>& years, ListCells lists, bool with_names,
        std::string prefix = "")
      : m_plan(plan),
        m_years(years),
        m_lists(lists),
        m_names(with_names),
        m_prefix(std::move(prefix)) {}

  // The record's cells, in the order of its table's keys.
  template <class R>
  Cells& of(const R& record) {
    visit_fields(record, [&](const FieldInfo& f, const auto& member) {
      if constexpr (std::is_same_v<R, Activity>)
        if (f.refers == "stage" && !record.stage) {  // shown as the plan's first stage
          cell(f.key, m_plan.stage_of(record).id.value);
          return;
        }
      put(f, member);
    });
    return *this;
  }

  std::vector<std::string> names, values;
  std::vector<std::size_t> early;  // the cells a table is read by (an objective's goal)

 private:
  void cell(std::string_view key, std::string value) {
    if (m_names) names.push_back(m_prefix + std::string(key));
    values.push_back(std::move(value));
  }

  void put(const FieldInfo& f, const Located<std::string>& m) { cell(f.key, m.value); }
  void put(const FieldInfo& f, const Text& m) {
    if (f.column == Column::early) early.push_back(values.size());
    cell(f.key, text(m));
  }
  void put(const FieldInfo& f, const IdList& m) { cell(f.key, joined(m, m_lists)); }
  void put(const FieldInfo& f, const std::optional<IdList>& m) {
    cell(f.key, m ? joined(*m, m_lists) : "");
  }
  template <class E>
  requires std::is_enum_v<E>
  void put(const FieldInfo& f, E m) {
    cell(f.key, std::string(f.choices[static_cast<std::size_t>(m)]));
  }
  template <class E>
  requires std::is_enum_v<E>
  void put(const FieldInfo& f, const Located<E>& m) { put(f, m.value); }
  void put(const FieldInfo& f, const std::optional<Located<Date>>& m) { cell(f.key, date(m)); }
  void put(const FieldInfo& f, const std::optional<Located<double>>& m) {
    cell(f.key, !m ? "" : f.value == Value::money ? money_text(m->value) : format_number(m->value));
  }
  void put(const FieldInfo& f, const std::optional<Located<Amount>>& m) {
    cell(f.key, m ? amount_as_text(m->value) : "");
  }
  template <class T>
  void put(const FieldInfo& f, const std::vector<T>& m) requires std::is_same_v<T, YearText> ||
      std::is_same_v<T, IndicatorTarget> {
    for (int year : m_years)
      cell(m_names ? fmt::format("{}.{}", f.key, year) : "", target_cell(m, year));
  }
  // A measurement's parts: "region africa 10, asia 8".
  void put(const FieldInfo& f, const std::vector<Breakdown>& m) {
    std::vector<std::string> dimensions;
    for (const Breakdown& b : m) {
      std::vector<std::string> parts;
      for (const Part& p : b.parts)
        parts.push_back(p.name.value + " " + format_number(p.value.value));
      dimensions.push_back(b.dimension.value + " " + join(parts));
    }
    cell(f.key, join(dimensions, "; "));
  }
  // Parts' own targets: "region africa 2030: 15".
  void put(const FieldInfo& f, const std::vector<PartTargets>& m) {
    std::vector<std::string> items;
    for (const PartTargets& p : m)
      for (const IndicatorTarget& t : p.targets)
        items.push_back(fmt::format("{} {} {}: {}", p.dimension.value, p.part.value, t.year.value,
                                    format_number(t.number.value_or(0))));
    cell(f.key, join(items, "; "));
  }
  void put(const FieldInfo& f, const std::optional<Person>& m) {
    cell(f.key, m ? m->name.value : "");
    cell(m_names ? fmt::format("{}.org", f.key) : "", m ? text(m->org) : "");
  }
  void put(const FieldInfo& f, const std::vector<Person>& m) {
    cell(f.key, names_of(m, m_lists, f.value == Value::representatives));
  }
  template <HasFields M>
  void put(const FieldInfo& f, const std::optional<M>& m) {
    const M none{};
    Cells nested(m_plan, m_years, m_lists, m_names, m_prefix + std::string(f.key) + ".");
    nested.of(m ? *m : none);
    for (std::size_t i : nested.early) early.push_back(values.size() + i);
    for (std::string& n : nested.names) names.push_back(std::move(n));
    for (std::string& v : nested.values) values.push_back(std::move(v));
  }
  template <HasFields M>
  void put(const FieldInfo& f, const std::vector<M>& m) {
    std::vector<std::string> items;
    for (const M& item : m) {
      Cells cells(m_plan, m_years, ListCells::plain, false);
      cells.of(item);
      std::string value = cells.values.at(1);
      if constexpr (std::is_same_v<M, Measurement>) {  // a ratio's: its percentage
        if (const std::optional<double> v = measured_value(item); v && !item.value)
          value = format_number(std::round(*v * 100) / 100);
        if (item.level && !item.value) value = item.level->value;  // a qualitative assessment
      }
      items.push_back(fmt::format("{}: {}", cells.values.at(0), value));
    }
    cell(f.key, list_text(items, m_lists));
  }

  const Plan& m_plan;
  const std::vector<int>& m_years;
  ListCells m_lists;
  bool m_names;
  std::string m_prefix;
};

template <class R>
TextTable table_of(const Plan& plan, const std::vector<R>& records,
                   const std::vector<std::size_t>& rows, ListCells lists) {
  std::vector<int> years;
  if constexpr (requires(R r) { r.targets; }) years = target_years(plan, records);
  // The columns once, from an empty record: the id, the early ones, then the rest.
  Cells header(plan, years, lists, true);
  header.of(R{});
  std::vector<std::size_t> order(header.names.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_partition(order.begin() + (order.empty() ? 0 : 1), order.end(), [&](std::size_t i) {
    return std::find(header.early.begin(), header.early.end(), i) != header.early.end();
  });
  TextTable t;
  for (std::size_t i : order) t.columns.push_back(header.names[i]);
  for (std::size_t r : rows) {
    Cells cells(plan, years, lists, false);
    cells.of(records[r]);
    std::vector<std::string> row;
    row.reserve(order.size());
    for (std::size_t i : order) row.push_back(std::move(cells.values[i]));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

TextTable full_table(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows,
                     ListCells lists) {
  switch (kind) {
    case RecordKind::objective:
      return table_of(plan, plan.objectives, rows, lists);
    case RecordKind::task_force:
      return table_of(plan, plan.task_forces, rows, lists);
    case RecordKind::activity:
      return table_of(plan, plan.activities, rows, lists);
    case RecordKind::indicator:
      return table_of(plan, plan.indicators, rows, lists);
    case RecordKind::plan:
      break;
  }
  return {};
}

TextTable short_table(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows) {
  const TextTable full = full_table(plan, kind, rows, ListCells::plain);
  std::vector<std::string> keep;
  switch (kind) {
    case RecordKind::objective:
      keep = {"id", "goal", "title"};
      break;
    case RecordKind::task_force:
      keep = {"id", "objectives", "leaders", "name"};
      break;
    case RecordKind::activity:
      keep = {"id", "type", "stage", "status", "objectives", "regions", "title"};
      break;
    case RecordKind::indicator:
      keep = {"id", "type", "objective", "activity", "title"};
      break;
    case RecordKind::plan:
      break;
  }
  TextTable t;
  std::vector<std::size_t> at;
  for (const std::string& c : keep) {
    at.push_back(static_cast<std::size_t>(std::find(full.columns.begin(), full.columns.end(), c) -
                                          full.columns.begin()));
    t.columns.push_back(c);
  }
  for (const auto& row : full.rows) {
    std::vector<std::string> cells;
    for (std::size_t i : at) cells.push_back(row[i]);
    t.rows.push_back(std::move(cells));
  }
  return t;
}

std::vector<RecordKind> kinds_of_id(const Plan& plan, const std::string& id) {
  std::vector<RecordKind> kinds;
  if (plan.objective(id)) kinds.push_back(RecordKind::objective);
  if (plan.task_force(id)) kinds.push_back(RecordKind::task_force);
  if (plan.activity(id)) kinds.push_back(RecordKind::activity);
  if (plan.indicator(id)) kinds.push_back(RecordKind::indicator);
  return kinds;
}

}  // namespace actionplan
