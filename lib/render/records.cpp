#include "render/records.hpp"

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

}  // namespace

ordered_json activity_json(const Activity& a) {
  ordered_json j;
  j["id"] = a.id.value;
  if (a.title) j["title"] = a.title->value;
  j["type"] = a.type == ActivityType::activity ? "activity" : "project";
  j["objectives"] = texts(a.objectives);
  if (a.task_force) j["task_force"] = a.task_force->value;
  if (a.stage) j["stage"] = a.stage->value;
  j["status"] = a.status == ActivityStatus::active ? "active" : a.status == ActivityStatus::on_hold ? "on-hold" : "cancelled";
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
      if (m.kind == AmountKind::none) b["estimate"] = "none";
      else if (m.kind == AmountKind::tbd) b["estimate"] = "tbd";
      else if (m.kind == AmountKind::range) b["estimate"] = {m.min, m.max};
      else b["estimate"] = m.max;
    }
    if (a.budget->secured) b["secured"] = a.budget->secured->value;
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
