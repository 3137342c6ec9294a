#include "analysis/changes.hpp"

#include <map>
#include <set>

#include "load/decode.hpp"
#include "load/yaml_tree.hpp"
#include "query/list.hpp"

namespace actionplan {
namespace {

ActivityRef ref(const Activity& a) {
  return {a.id.value, a.title ? a.title->value : a.id.value};
}

std::string stage_label(const Plan& plan, const Activity& a) {
  const Stage& s = plan.stage_of(a);
  return s.name ? s.name->value : s.id.value;
}

// A measurement's figures for people: "42", "38 of 90", "in progress".
std::string figures_for_people(const Measurement& m) {
  if (m.level) return m.level->value;
  if (m.numerator && m.denominator)
    return format_number(m.numerator->value) + " of " + format_number(m.denominator->value);
  return m.value ? format_number(m.value->value) : "";
}

// Measurements that give a `restated` reason and whose figures differ from the
// earlier version's of the same date (or that it did not have).
void restated_values(const Plan& before, const Plan& after, std::vector<RestatedValue>& out) {
  for (const Indicator& i : after.indicators) {
    const Indicator* old = before.indicator(i.id.value);
    for (const Measurement& m : i.measurements) {
      if (!m.restated || !m.date) continue;
      const Measurement* was = nullptr;
      if (old)
        for (const Measurement& o : old->measurements)
          if (o.date && o.date->value == m.date->value) was = &o;
      if (was && measurement_figures(*was) == measurement_figures(m)) continue;
      out.push_back({i.id.value, i.title ? i.title->value : "", m.date->value.to_string(),
                     was ? figures_for_people(*was) : "", figures_for_people(m),
                     m.restated->value});
    }
  }
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
  restated_values(before, after, out.restated);
  return out;
}

namespace {

// A record file's text as `list --format csv` cells of its targets and baseline
// (none for a file that is empty, unreadable or of another kind).
struct TargetCells {
  std::string id, title;
  std::map<std::string, std::string> cells;  // "targets.2030" → "500"
};

TargetCells target_cells(RecordKind kind, const std::string& path, const std::string& text) {
  TargetCells out;
  if (text.empty()) return out;
  Diagnostics diags;
  const std::optional<yaml::Node> root = yaml::parse(text, path, diags);
  if (!root) return out;
  Plan plan;
  if (kind == RecordKind::objective) {
    plan.objectives.push_back(decode_objective(*root, path, diags));
    out.id = plan.objectives.front().id.value;
    out.title = plan.objectives.front().title ? plan.objectives.front().title->value : "";
  } else {
    plan.indicators.push_back(decode_indicator(*root, path, diags));
    out.id = plan.indicators.front().id.value;
    out.title = plan.indicators.front().title ? plan.indicators.front().title->value : "";
  }
  plan.index();
  const TextTable table = full_table(plan, kind, {0}, ListCells::plain);
  for (std::size_t c = 0; c < table.columns.size() && !table.rows.empty(); ++c)
    if (table.columns[c].starts_with("targets.") || table.columns[c].starts_with("baseline."))
      if (!table.rows[0][c].empty()) out.cells[table.columns[c]] = table.rows[0][c];
  return out;
}

}  // namespace

std::vector<TargetRevision> target_revisions(const std::vector<FileRevision>& revisions) {
  std::vector<TargetRevision> out;
  // A file's text after one commit is its text before the next: each is read once.
  std::map<std::string, std::pair<const std::string*, TargetCells>> last;  // by path
  for (const FileRevision& r : revisions) {
    const RecordKind kind =
        r.path.starts_with("objectives/") ? RecordKind::objective : RecordKind::indicator;
    auto known = last.find(r.path);
    const TargetCells before = known != last.end() && *known->second.first == r.before
                                   ? std::move(known->second.second)
                                   : target_cells(kind, r.path, r.before);
    const TargetCells& after =
        (last[r.path] = {&r.after, target_cells(kind, r.path, r.after)}).second;
    const TargetCells& named = after.id.empty() ? before : after;
    std::map<std::string, std::pair<std::string, std::string>> changed;  // field → from, to
    for (const auto& [field, value] : before.cells) changed[field].first = value;
    for (const auto& [field, value] : after.cells) changed[field].second = value;
    for (const auto& [field, values] : changed)
      if (values.first != values.second)
        out.push_back({kind, named.id, named.title, field, values.first, values.second, r.commit});
  }
  return out;
}

}  // namespace actionplan
