#include "analysis/changes.hpp"

#include <set>

namespace actionplan {
namespace {

ActivityRef ref(const Activity& a) {
  return {a.id.value, a.title ? a.title->value : a.id.value};
}

std::string stage_label(const Plan& plan, const Activity& a) {
  const Stage& s = plan.stage_of(a);
  return s.name ? s.name->value : s.id.value;
}

}  // namespace

PlanChanges diff_plans(const Plan& before, const Plan& after) {
  PlanChanges out;
  std::set<std::string_view> seen;
  for (const Activity& a : after.activities) {  // natural order
    if (!seen.insert(a.id.value).second) continue;
    const Activity* old = before.activity(a.id.value);
    if (!old) {
      out.added.push_back(ref(a));
      continue;
    }
    if (before.stage_of(*old).id.value != after.stage_of(a).id.value)
      out.stage_moves.push_back({ref(a), stage_label(before, *old), stage_label(after, a)});
    if (old->status != a.status)
      out.status_changes.push_back({ref(a), status_name(old->status), status_name(a.status)});
    const double was = old->budget && old->budget->secured ? old->budget->secured->value : 0;
    const double now = a.budget && a.budget->secured ? a.budget->secured->value : 0;
    if (was != now) {
      const std::string currency = a.budget && a.budget->currency ? a.budget->currency->value
                                                                  : after.info.default_currency();
      out.secured.push_back({ref(a), currency, was, now});
    }
  }
  seen.clear();
  for (const Activity& a : before.activities)
    if (seen.insert(a.id.value).second && !after.activity(a.id.value))
      out.removed.push_back(ref(a));
  seen.clear();
  for (const Indicator& i : after.indicators) {
    if (!seen.insert(i.id.value).second) continue;
    std::set<Date> known;
    if (const Indicator* old = before.indicator(i.id.value))
      for (const Measurement& m : old->measurements)
        if (m.date) known.insert(m.date->value);
    for (const Measurement& m : i.measurements)
      if (const std::optional<double> value = measured_value(m);
          m.date && value && !known.count(m.date->value))
        out.recorded.push_back({i.id.value, i.title ? i.title->value : i.id.value,
                                m.date->value.to_string(), *value, i.unit ? i.unit->value : ""});
  }
  return out;
}

}  // namespace actionplan
