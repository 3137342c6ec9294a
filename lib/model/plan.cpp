#include "model/plan.hpp"

#include <algorithm>

#include "model/fields.hpp"
#include "model/text.hpp"

namespace actionplan {
namespace {

template <class T>
void sort_and_index(std::vector<T>& items, std::unordered_map<std::string, std::size_t>& map) {
  auto less = [](const T& a, const T& b) {
    if (a.id.value != b.id.value) return natural_less(a.id.value, b.id.value);
    return natural_less(a.source.path, b.source.path);
  };
  // The loader gives records in file order, which is usually id order already:
  // records are large, so they are only moved when they must be.
  if (!std::is_sorted(items.begin(), items.end(), less))
    std::stable_sort(items.begin(), items.end(), less);
  map.clear();
  for (std::size_t i = 0; i < items.size(); ++i) map.emplace(items[i].id.value, i);
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(item.id.value);
  return out;
}

}  // namespace

void Plan::index() {
  sort_and_index(objectives, m_objectives);
  sort_and_index(task_forces, m_task_forces);
  sort_and_index(activities, m_activities);
  sort_and_index(indicators, m_indicators);
}

const Stage* Plan::stage(std::string_view id) const {
  for (const Stage& stage : info.stages)
    if (stage.id.value == id) return &stage;
  return nullptr;
}

std::vector<NamedId> Plan::stage_names() const {
  std::vector<NamedId> out;
  for (const Stage& s : info.stages)
    out.push_back({s.id.value, s.name ? s.name->value : s.id.value});
  return out;
}

std::vector<NamedId> Plan::region_names() const {
  std::vector<NamedId> out;
  if (info.regions)
    for (const NamedEntry& r : *info.regions)
      out.push_back({r.id.value, r.name ? r.name->value : r.id.value});
  return out;
}

const Stage& Plan::stage_of(const Activity& activity) const {
  static const Stage k_none{};
  if (info.stages.empty()) return k_none;
  if (activity.stage)
    if (const Stage* s = stage(activity.stage->value)) return *s;
  return info.stages.front();
}

bool Plan::is_funded(const Activity& activity) const {
  return stage_of(activity).funded;
}

bool Plan::is_completed(const Activity& activity) const {
  if (info.stages.empty()) return false;
  const Stage& current = stage_of(activity);
  if (stage("completed")) return current.id.value == "completed";
  return &current == &info.stages.back();
}

std::vector<std::string> Plan::regions_of(const Objective& objective) const {
  std::vector<std::string> out;
  if (objective.regions) {
    for (const auto& r : *objective.regions)
      if (r.value != "global") out.push_back(r.value);
  } else if (info.regions) {
    for (const NamedEntry& r : *info.regions) out.push_back(r.id.value);
  }
  return out;
}

std::string Plan::region_name(std::string_view id) const {
  if (info.regions)
    for (const NamedEntry& r : *info.regions)
      if (r.id.value == id && r.name) return r.name->value;
  return std::string(id);
}

std::string Plan::part_name(std::string_view dimension, std::string_view part) const {
  return dimension == "region" ? region_name(part) : std::string(part);
}

std::string Plan::dimension_name(std::string_view dimension) const {
  if (info.dimensions)
    for (const Dimension& d : *info.dimensions)
      if (d.id.value == dimension && d.name) return d.name->value;
  return std::string(dimension);
}

std::string Plan::actor_name(std::string_view id) const {
  if (info.actors)
    for (const NamedEntry& a : *info.actors)
      if (a.id.value == id && a.name) return a.name->value;
  return std::string(id);
}

std::string Plan::term(const std::string& key, const std::string& fallback) const {
  auto it = info.terms.find(key);
  return it == info.terms.end() ? fallback : it->second.value;
}

std::string Plan::term(const std::string& key) const {
  for (const TermInfo& t : k_terms)
    if (t.key == key) return term(key, std::string(t.word));
  return key;
}

std::vector<std::string> Plan::ids(RecordKind kind) const {
  if (auto it = m_file_ids.find(kind);
      it != m_file_ids.end()) {  // sorted when asked (messages, lists)
    std::vector<std::string> ids = it->second.ids;
    std::sort(ids.begin(), ids.end(),
              [](const std::string& a, const std::string& b) { return natural_less(a, b); });
    return ids;
  }
  switch (kind) {
    case RecordKind::objective:
      return ids_of(objectives);
    case RecordKind::task_force:
      return ids_of(task_forces);
    case RecordKind::activity:
      return ids_of(activities);
    case RecordKind::indicator:
      return ids_of(indicators);
    case RecordKind::plan:
      break;
  }
  return {};
}

bool Plan::has(RecordKind kind, std::string_view id) const {
  if (auto it = m_file_ids.find(kind);
      it != m_file_ids.end() && it->second.set.count(std::string(id)))
    return true;
  switch (kind) {
    case RecordKind::objective:
      return objective(id) != nullptr;
    case RecordKind::task_force:
      return task_force(id) != nullptr;
    case RecordKind::activity:
      return activity(id) != nullptr;
    case RecordKind::indicator:
      return indicator(id) != nullptr;
    case RecordKind::plan:
      break;
  }
  return false;
}

void Plan::set_file_ids(RecordKind kind, std::vector<std::string> ids) {
  FileIds& entry = m_file_ids[kind];
  entry.set = {ids.begin(), ids.end()};
  entry.ids = std::move(ids);
}

std::vector<std::string> Plan::objectives_measured(const Indicator& indicator) const {
  if (indicator.objective) return {indicator.objective->value};
  std::vector<std::string> out;
  if (indicator.activity)
    if (const Activity* a = activity(indicator.activity->value))
      for (const auto& o : a->objectives) out.push_back(o.value);
  return out;
}

std::string left_out_text(const LeftOut& left_out, const Date& as_of) {
  if (left_out.empty()) return "";
  std::vector<std::string> parts;
  if (left_out.measurements)
    parts.push_back(plural(left_out.measurements, "measurement", "measurements"));
  if (left_out.achievements)
    parts.push_back(
        plural(left_out.achievements, "milestone achievement", "milestone achievements"));
  if (left_out.notes) parts.push_back(plural(left_out.notes, "progress note", "progress notes"));
  return join(parts, " and ") + " dated after " + as_of.to_string() +
         " left out: this shows the plan as known on that date";
}

LeftOut keep_known_on(Plan& plan, const Date& as_of) {
  LeftOut out;
  for (Indicator& i : plan.indicators) {
    const std::size_t before = i.measurements.size();
    std::erase_if(i.measurements,
                  [&](const Measurement& m) { return m.date && is_after(m.date->value, as_of); });
    out.measurements += static_cast<int>(before - i.measurements.size());
    if (i.achieved && is_after(i.achieved->value, as_of)) {
      i.achieved.reset();
      ++out.achievements;
    }
  }
  for (Activity& a : plan.activities)
    out.notes += static_cast<int>(std::erase_if(
        a.notes, [&](const Note& n) { return n.date && is_after(n.date->value, as_of); }));
  return out;
}

}  // namespace actionplan
