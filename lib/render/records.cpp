#include "render/records.hpp"

#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace actionplan {
namespace {

using nlohmann::ordered_json;

ordered_json texts(const std::vector<Located<std::string>>& list) {
  ordered_json out = ordered_json::array();
  for (const auto& item : list) out.push_back(item.value);
  return out;
}

ordered_json person_json(const Person& p) {
  ordered_json j = {{"name", p.name.value}};
  if (p.org) j["org"] = p.org->value;
  if (p.email) j["email"] = p.email->value;
  if (p.role) j["role"] = p.role->value;
  if (!p.expertise.empty()) j["expertise"] = texts(p.expertise);
  if (p.region) j["region"] = p.region->value;
  return j;
}

ordered_json year_map(const std::vector<YearText>& targets) {
  ordered_json j = ordered_json::object();
  for (const YearText& t : targets) j[std::to_string(t.year.value)] = t.text.value;
  return j;
}

ordered_json people(const std::vector<Person>& list) {
  ordered_json out = ordered_json::array();
  for (const Person& p : list) out.push_back(person_json(p));
  return out;
}

void tidy_numbers(ordered_json& j) {
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) j = static_cast<std::int64_t>(v);
  } else if (j.is_structured()) {
    for (auto& item : j) tidy_numbers(item);
  }
}

}  // namespace

std::string json_text(ordered_json document) {
  tidy_numbers(document);
  return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

ordered_json objective_json(const Objective& o) {
  ordered_json j;
  j["id"] = o.id.value;
  if (o.title) j["title"] = o.title->value;
  if (o.goal) j["goal"] = o.goal->value;
  if (o.description) j["description"] = o.description->value;
  if (o.problem) j["problem"] = o.problem->value;
  if (!o.targets.empty()) j["targets"] = year_map(o.targets);
  if (o.regions) j["regions"] = texts(*o.regions);
  return j;
}

ordered_json task_force_json(const TaskForce& t) {
  ordered_json j;
  j["id"] = t.id.value;
  if (t.name) j["name"] = t.name->value;
  j["objectives"] = texts(t.objectives);
  if (t.regions) j["regions"] = texts(*t.regions);
  if (!t.leaders.empty()) j["leaders"] = people(t.leaders);
  if (!t.representatives.empty()) j["representatives"] = people(t.representatives);
  if (!t.members.empty()) j["members"] = people(t.members);
  if (t.approach) j["approach"] = t.approach->value;
  if (!t.milestones.empty()) {
    ordered_json list = ordered_json::array();
    for (const Milestone& m : t.milestones) {
      ordered_json item = ordered_json::object();
      if (m.date) item["date"] = m.date->value.to_string();
      if (m.text) item["text"] = m.text->value;
      list.push_back(std::move(item));
    }
    j["milestones"] = std::move(list);
  }
  return j;
}

ordered_json indicator_json(const Indicator& i) {
  const bool milestone = i.type.value == IndicatorType::milestone;
  ordered_json j;
  j["id"] = i.id.value;
  if (i.title) j["title"] = i.title->value;
  if (i.objective) j["objective"] = i.objective->value;
  if (i.activity) j["activity"] = i.activity->value;
  j["type"] = milestone ? "milestone" : "numeric";
  if (i.unit) j["unit"] = i.unit->value;
  j["direction"] = i.direction == Direction::increase ? "increase" : "decrease";
  if (i.baseline) {
    ordered_json b = ordered_json::object();
    if (i.baseline->date) b["date"] = i.baseline->date->value.to_string();
    if (i.baseline->value) b["value"] = i.baseline->value->value;
    j["baseline"] = std::move(b);
  }
  if (!i.targets.empty()) {
    ordered_json t = ordered_json::object();
    for (const IndicatorTarget& target : i.targets) {
      const std::string year = std::to_string(target.year.value);
      if (target.is_number && target.number)
        t[year] = *target.number;
      else
        t[year] = target.text;
    }
    j["targets"] = std::move(t);
  }
  if (!i.measurements.empty()) {
    ordered_json list = ordered_json::array();
    for (const Measurement& m : i.measurements) {
      ordered_json item = ordered_json::object();
      if (m.date) item["date"] = m.date->value.to_string();
      if (m.value) item["value"] = m.value->value;
      if (m.source) item["source"] = m.source->value;
      if (m.note) item["note"] = m.note->value;
      list.push_back(std::move(item));
    }
    j["measurements"] = std::move(list);
  }
  if (i.due) j["due"] = i.due->value.to_string();
  if (i.achieved) j["achieved"] = i.achieved->value.to_string();
  if (i.description) j["description"] = i.description->value;
  if (i.method) j["method"] = i.method->value;
  if (i.source_text) j["source"] = i.source_text->value;
  return j;
}

ordered_json activity_json(const Activity& a) {
  ordered_json j;
  j["id"] = a.id.value;
  if (a.title) j["title"] = a.title->value;
  j["type"] = a.type == ActivityType::activity ? "activity" : "project";
  j["objectives"] = texts(a.objectives);
  if (a.task_force) j["task_force"] = a.task_force->value;
  if (a.stage) j["stage"] = a.stage->value;
  j["status"] = status_name(a.status);
  if (!a.regions.empty()) j["regions"] = texts(a.regions);
  if (!a.countries.empty()) j["countries"] = texts(a.countries);
  if (a.lead) j["lead"] = person_json(*a.lead);
  if (!a.responsible.empty()) j["responsible"] = texts(a.responsible);
  if (!a.partners.empty()) j["partners"] = texts(a.partners);
  if (!a.sponsors.empty()) j["sponsors"] = texts(a.sponsors);
  if (a.budget) {
    ordered_json b = ordered_json::object();
    if (a.budget->currency) b["currency"] = a.budget->currency->value;
    if (a.budget->estimate) {
      const Amount& m = a.budget->estimate->value;
      if (m.kind == AmountKind::none)
        b["estimate"] = "none";
      else if (m.kind == AmountKind::tbd)
        b["estimate"] = "tbd";
      else if (m.kind == AmountKind::range)
        b["estimate"] = {m.min, m.max};
      else
        b["estimate"] = m.max;
    }
    if (a.budget->secured) b["secured"] = a.budget->secured->value;
    if (a.budget->note) b["note"] = a.budget->note->value;
    j["budget"] = std::move(b);
  }
  if (a.start) j["start"] = a.start->value.to_string();
  if (a.end) j["end"] = a.end->value.to_string();
  if (a.timeframe) j["timeframe"] = a.timeframe->value;
  if (!a.outputs.empty()) j["outputs"] = texts(a.outputs);
  if (a.methodology) j["methodology"] = a.methodology->value;
  if (a.outcome) j["outcome"] = a.outcome->value;
  if (a.description) j["description"] = a.description->value;
  if (!a.indicators.empty()) j["indicators"] = texts(a.indicators);
  if (a.url) j["url"] = a.url->value;
  if (a.updated) j["updated"] = a.updated->value.to_string();
  return j;
}

}  // namespace actionplan
