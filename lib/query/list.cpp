#include "query/list.hpp"

#include <algorithm>
#include <set>
#include <type_traits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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

std::string names(const std::vector<Person>& people, ListCells lists, bool with_region = false) {
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

struct Option {
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
  const std::vector<std::pair<Option, bool>> applies = {
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
    choice("--type", f.types, {"numeric", "milestone"});
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
        if (!one_of(f.types, ind.type.value == IndicatorType::milestone ? "milestone" : "numeric"))
          continue;
        out.push_back(i);
      }
      break;
    case RecordKind::plan:
      break;
  }
  return out;
}

TextTable full_table(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows,
                     ListCells lists) {
  TextTable t;
  switch (kind) {
    case RecordKind::objective: {
      const std::vector<int> years = target_years(plan, plan.objectives);
      t.columns = {"id", "goal", "title", "description", "problem"};
      for (int y : years) t.columns.push_back(fmt::format("targets.{}", y));
      t.columns.push_back("regions");
      for (std::size_t i : rows) {
        const Objective& o = plan.objectives[i];
        std::vector<std::string> row = {o.id.value, o.goal ? o.goal->value : "", text(o.title),
                                        text(o.description), text(o.problem)};
        for (int y : years) row.push_back(target_cell(o.targets, y));
        row.push_back(o.regions ? joined(*o.regions, lists) : "");
        t.rows.push_back(std::move(row));
      }
      break;
    }
    case RecordKind::task_force:
      t.columns = {"id",      "name",     "objectives", "regions", "leaders", "representatives",
                   "members", "approach", "milestones"};
      for (std::size_t i : rows) {
        const TaskForce& f = plan.task_forces[i];
        std::vector<std::string> milestones;
        for (const Milestone& m : f.milestones)
          milestones.push_back(fmt::format("{}: {}", date(m.date), text(m.text)));
        t.rows.push_back({f.id.value, text(f.name), joined(f.objectives, lists),
                          f.regions ? joined(*f.regions, lists) : "", names(f.leaders, lists),
                          names(f.representatives, lists, true), names(f.members, lists),
                          text(f.approach), list_text(milestones, lists)});
      }
      break;
    case RecordKind::activity:
      t.columns = {"id",
                   "title",
                   "type",
                   "objectives",
                   "task_force",
                   "stage",
                   "status",
                   "regions",
                   "countries",
                   "lead",
                   "lead.org",
                   "responsible",
                   "partners",
                   "sponsors",
                   "budget.currency",
                   "budget.estimate",
                   "budget.secured",
                   "budget.note",
                   "start",
                   "end",
                   "timeframe",
                   "outputs",
                   "methodology",
                   "outcome",
                   "description",
                   "indicators",
                   "url",
                   "updated"};
      for (std::size_t i : rows) {
        const Activity& a = plan.activities[i];
        const Budget* b = a.budget ? &*a.budget : nullptr;
        t.rows.push_back({a.id.value,
                          text(a.title),
                          a.type == ActivityType::project ? "project" : "activity",
                          joined(a.objectives, lists),
                          a.task_force ? a.task_force->value : "",
                          a.stage ? a.stage->value : plan.stage_of(a).id.value,
                          status_name(a.status),
                          joined(a.regions, lists),
                          joined(a.countries, lists),
                          a.lead ? a.lead->name.value : "",
                          a.lead ? text(a.lead->org) : "",
                          joined(a.responsible, lists),
                          joined(a.partners, lists),
                          joined(a.sponsors, lists),
                          b ? text(b->currency) : "",
                          b && b->estimate ? amount_as_text(b->estimate->value) : "",
                          b && b->secured ? format_number(b->secured->value) : "",
                          b ? text(b->note) : "",
                          date(a.start),
                          date(a.end),
                          text(a.timeframe),
                          joined(a.outputs, lists),
                          text(a.methodology),
                          text(a.outcome),
                          text(a.description),
                          joined(a.indicators, lists),
                          text(a.url),
                          date(a.updated)});
      }
      break;
    case RecordKind::indicator: {
      const std::vector<int> years = target_years(plan, plan.indicators);
      t.columns = {"id",   "title",     "objective",     "activity",      "type",
                   "unit", "direction", "baseline.date", "baseline.value"};
      for (int y : years) t.columns.push_back(fmt::format("targets.{}", y));
      for (const char* c : {"measurements", "due", "achieved", "description", "method", "source"})
        t.columns.push_back(c);
      for (std::size_t i : rows) {
        const Indicator& ind = plan.indicators[i];
        std::vector<std::string> row = {
            ind.id.value,
            text(ind.title),
            ind.objective ? ind.objective->value : "",
            ind.activity ? ind.activity->value : "",
            ind.type.value == IndicatorType::milestone ? "milestone" : "numeric",
            text(ind.unit),
            ind.direction == Direction::increase ? "increase" : "decrease",
            ind.baseline ? date(ind.baseline->date) : "",
            ind.baseline && ind.baseline->value ? format_number(ind.baseline->value->value) : ""};
        for (int y : years) row.push_back(target_cell(ind.targets, y));
        std::vector<std::string> measured;
        for (const Measurement& m : ind.measurements)
          measured.push_back(
              fmt::format("{}: {}", date(m.date), m.value ? format_number(m.value->value) : ""));
        for (std::string cell : {list_text(measured, lists), date(ind.due), date(ind.achieved),
                                 text(ind.description), text(ind.method), text(ind.source_text)})
          row.push_back(std::move(cell));
        t.rows.push_back(std::move(row));
      }
      break;
    }
    case RecordKind::plan:
      break;
  }
  return t;
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
