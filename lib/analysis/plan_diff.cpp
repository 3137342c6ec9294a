#include "analysis/plan_diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analysis/progress.hpp"
#include "analysis/rollup.hpp"
#include "query/list.hpp"

namespace actionplan {
namespace {

// A record's cells by column name, as `list --format csv` flattens it.
using Cells = std::map<std::string, std::string>;

std::string cell(const Cells& cells, const std::string& column) {
  auto it = cells.find(column);
  return it == cells.end() ? "" : it->second;
}

// The cells of the records at `rows` of a kind, in that order, and the columns.
std::pair<std::vector<std::string>, std::vector<Cells>> cells_of(
    const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows) {
  const TextTable table = full_table(plan, kind, rows, ListCells::plain);
  std::vector<Cells> out;
  for (const std::vector<std::string>& row : table.rows) {
    Cells& cells = out.emplace_back();
    for (std::size_t c = 0; c < row.size() && c < table.columns.size(); ++c)
      if (!row[c].empty()) cells[table.columns[c]] = row[c];
  }
  return {table.columns, std::move(out)};
}

// A stage's id as people read it: its name in the plan (the id when unnamed).
std::string stage_text(const Plan& plan, const std::string& id) {
  const Stage* s = id.empty() ? nullptr : plan.stage(id);
  return s && s->name ? s->name->value : id;
}

std::string title_of(const TaskForce& t) {
  return t.name ? t.name->value : "";
}
template <class R>
std::string title_of(const R& r) {
  return r.title ? r.title->value : "";
}

// Each id's first record (as the plan's lookups see it), by index.
template <class R>
std::map<std::string, std::size_t, bool (*)(std::string_view, std::string_view)> index_of(
    const std::vector<R>& records) {
  std::map<std::string, std::size_t, bool (*)(std::string_view, std::string_view)> out(
      natural_less);
  for (std::size_t i = 0; i < records.size(); ++i) out.emplace(records[i].id.value, i);
  return out;
}

// Changed records: only those whose file's text differs are flattened and compared.
template <class R>
void diff_changed(const Plan& before, const Plan& after, RecordKind kind,
                  const std::vector<R>& new_records,
                  const std::vector<std::pair<std::size_t, std::size_t>>& pairs,
                  std::vector<RecordChange>& out) {
  std::vector<std::size_t> old_rows, new_rows;
  for (const auto& [o, n] : pairs) old_rows.push_back(o), new_rows.push_back(n);
  const auto [old_columns, old_cells] = cells_of(before, kind, old_rows);
  const auto [new_columns, new_cells] = cells_of(after, kind, new_rows);
  std::vector<std::string> columns = new_columns;  // then those only the old state had
  for (const std::string& c : old_columns)
    if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const R& record = new_records[pairs[p].second];
    RecordChange change{kind, RecordChangeKind::changed, record.id.value, title_of(record), {}};
    for (const std::string& c : columns) {
      std::string from = cell(old_cells[p], c), to = cell(new_cells[p], c);
      if (from == to) continue;
      if (c == "stage") from = stage_text(before, from), to = stage_text(after, to);
      change.fields.push_back({c, std::move(from), std::move(to)});
    }
    if (!change.fields.empty()) out.push_back(std::move(change));
  }
}

template <class R>
void diff_kind(const Plan& before, const Plan& after, RecordKind kind,
               const std::vector<R>& old_records, const std::vector<R>& new_records,
               std::vector<RecordChange>& out) {
  const auto old_index = index_of(old_records), new_index = index_of(new_records);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;  // in both, their files differing
  std::vector<RecordChange> added_removed;
  for (const auto& [id, n] : new_index) {
    auto o = old_index.find(id);
    if (o == old_index.end())
      added_removed.push_back({kind, RecordChangeKind::added, id, title_of(new_records[n]), {}});
    else if (const std::size_t h = new_records[n].source.text_hash;
             !h || h != old_records[o->second].source.text_hash)
      pairs.emplace_back(o->second, n);
  }
  for (const auto& [id, o] : old_index)
    if (!new_index.count(id))
      added_removed.push_back({kind, RecordChangeKind::removed, id, title_of(old_records[o]), {}});
  std::vector<RecordChange> changed;
  diff_changed(before, after, kind, new_records, pairs, changed);
  // In id order within the kind.
  std::vector<RecordChange> all = std::move(added_removed);
  all.insert(all.end(), std::make_move_iterator(changed.begin()),
             std::make_move_iterator(changed.end()));
  std::stable_sort(all.begin(), all.end(), [](const RecordChange& a, const RecordChange& b) {
    return natural_less(a.id, b.id);
  });
  out.insert(out.end(), std::make_move_iterator(all.begin()), std::make_move_iterator(all.end()));
}

// What makes a finding the same finding in both states: its rule and what it is about.
std::string finding_key(const Finding& f) {
  std::string key = f.code;
  for (const std::string& s : f.subject) key += "\x1F" + s;
  for (const auto* part : {&f.currency, &f.region, &f.dimension, &f.part})
    key += "\x1E" + part->value_or("");
  return key;
}

// The numbers of a finding, which move when the plan's figures do (a renamed
// objective changes the message, not the finding).
std::vector<std::optional<double>> numbers_of(const Finding& f) {
  std::vector<std::optional<double>> out = {f.expected, f.actual, f.ratio, f.score};
  for (const auto* money : {&f.estimate_low, &f.estimate_high, &f.secured, &f.gap_low, &f.gap_high})
    out.push_back(*money ? std::optional<double>(static_cast<double>(**money)) : std::nullopt);
  out.push_back(f.unknown_estimates ? std::optional<double>(*f.unknown_estimates) : std::nullopt);
  return out;
}

void diff_findings(const Plan& before, const Plan& after, const Date& as_of, PlanDiff& out) {
  const GapAnalysis old_gaps = analyse_gaps(before, as_of), new_gaps = analyse_gaps(after, as_of);
  std::unordered_map<std::string, const Finding*> old_by_key, new_by_key;
  for (const Finding& f : old_gaps.findings) old_by_key.emplace(finding_key(f), &f);
  for (const Finding& f : new_gaps.findings) new_by_key.emplace(finding_key(f), &f);
  for (const Finding& f : new_gaps.findings) {
    auto was = old_by_key.find(finding_key(f));
    if (was == old_by_key.end())
      out.opened.push_back(f);
    else if (numbers_of(*was->second) != numbers_of(f))
      out.moved.push_back({*was->second, f});
  }
  for (const Finding& f : old_gaps.findings)
    if (!new_by_key.count(finding_key(f))) out.closed.push_back(f);
}

// An indicator's status on `as_of`: its code and the plan's word for it.
std::pair<std::string, std::string> status_of(const Plan& plan, const Indicator& i,
                                              const Date& as_of, const StatusWords& words) {
  if (i.type.value == IndicatorType::milestone) {
    const MilestoneStatus s = milestone_status(i, as_of);
    return {milestone_status_name(s), words(s)};
  }
  const ProgressStatus s = indicator_progress(i, plan.info.analysis, as_of).status;
  return {progress_status_name(s), words(s)};
}

void diff_statuses(const Plan& before, const Plan& after, const Date& as_of, PlanDiff& out) {
  const StatusWords words(after);  // both in the new state's terms
  for (const Indicator& i : after.indicators) {
    const Indicator* was = before.indicator(i.id.value);
    if (!was) continue;
    const auto [from_code, from] = status_of(before, *was, as_of, words);
    const auto [to_code, to] = status_of(after, i, as_of, words);
    if (from_code != to_code)
      out.statuses.push_back(
          {i.id.value, i.title ? i.title->value : "", from, to, from_code, to_code});
  }
}

void diff_problems(const Diagnostics& before, const Diagnostics& after, PlanDiff& out) {
  std::multiset<std::string> old_keys;
  auto key = [](const Diagnostic& d) { return d.path + "\x1F" + d.code + "\x1F" + d.message; };
  for (const Diagnostic& d : before.items()) old_keys.insert(key(d));
  for (const Diagnostic& d : after.items()) {
    auto it = old_keys.find(key(d));
    if (it != old_keys.end())
      old_keys.erase(it);
    else
      out.introduced.push_back(d);
  }
}

}  // namespace

PlanDiff diff_plan_states(const Plan& before, const Diagnostics& before_problems, const Plan& after,
                          const Diagnostics& after_problems, const Date& as_of) {
  PlanDiff out;
  diff_kind(before, after, RecordKind::objective, before.objectives, after.objectives, out.records);
  diff_kind(before, after, RecordKind::task_force, before.task_forces, after.task_forces,
            out.records);
  diff_kind(before, after, RecordKind::activity, before.activities, after.activities, out.records);
  diff_kind(before, after, RecordKind::indicator, before.indicators, after.indicators, out.records);
  diff_findings(before, after, as_of, out);
  diff_statuses(before, after, as_of, out);
  diff_problems(before_problems, after_problems, out);
  return out;
}

}  // namespace actionplan
