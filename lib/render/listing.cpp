#include "render/listing.hpp"

#include <algorithm>

#include <utf8proc.h>
#include <nlohmann/json.hpp>

#include "analysis/rollup.hpp"
#include "model/parallel.hpp"
#include "render/csv.hpp"
#include "render/records.hpp"

namespace actionplan {
namespace {

using nlohmann::ordered_json;

// The short table, with objectives' roll-up on `as_of` after their goal.
TextTable terminal_table(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows,
                         const Date& as_of) {
  TextTable t = short_table(plan, kind, rows);
  if (kind != RecordKind::objective) return t;
  const std::vector<ObjectiveRollup> rollups = objective_rollups(plan, as_of);
  const StatusWords words(plan);
  const auto at = std::find(t.columns.begin(), t.columns.end(), "goal") - t.columns.begin() + 1;
  t.columns.insert(t.columns.begin() + at, "status");
  for (std::size_t k = 0; k < rows.size(); ++k)
    t.rows[k].insert(t.rows[k].begin() + at, words(rollups[rows[k]].status));
  return t;
}

ordered_json record_json(const Plan& plan, RecordKind kind, std::size_t i) {
  switch (kind) {
    case RecordKind::objective:
      return objective_json(plan.objectives[i]);
    case RecordKind::task_force:
      return task_force_json(plan.task_forces[i]);
    case RecordKind::activity:
      return activity_json(plan.activities[i]);
    case RecordKind::indicator:
      return indicator_json(plan.indicators[i]);
    case RecordKind::plan:
      break;
  }
  return ordered_json::object();
}

const std::string& record_id(const Plan& plan, RecordKind kind, std::size_t i) {
  switch (kind) {
    case RecordKind::objective:
      return plan.objectives[i].id.value;
    case RecordKind::task_force:
      return plan.task_forces[i].id.value;
    case RecordKind::activity:
      return plan.activities[i].id.value;
    case RecordKind::indicator:
      return plan.indicators[i].id.value;
    case RecordKind::plan:
      break;
  }
  static const std::string none;
  return none;
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

ordered_json objective_titles(const Plan& plan, const IdList& ids) {
  ordered_json j = ordered_json::object();
  for (const auto& id : ids)
    if (const Objective* o = plan.objective(id.value))
      j[id.value] = o->title ? o->title->value : "";
  return j;
}

ordered_json region_names(const Plan& plan, const IdList& ids) {
  ordered_json j = ordered_json::object();
  for (const auto& id : ids) j[id.value] = plan.region_name(id.value);
  return j;
}

std::string goal_title(const Plan& plan, const std::string& id) {
  if (plan.info.goals)
    for (const Goal& g : *plan.info.goals)
      if (g.id.value == id) return g.title ? g.title->value : "";
  return "";
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) {
      ++width;
      ++i;
      continue;
    }
    width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    i += static_cast<std::size_t>(n);
  }
  return width;
}

std::string aligned_table(const TextTable& table) {
  std::vector<std::vector<std::string>> lines;
  lines.push_back(table.columns);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (const std::string& cell : row) cells.push_back(one_line(cell));
    lines.push_back(std::move(cells));
  }
  std::vector<std::size_t> widths(table.columns.size(), 0);
  for (const auto& line : lines)
    for (std::size_t c = 0; c < line.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], display_width(line[c]));
  std::string out;
  for (const auto& line : lines) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      text += line[c];
      if (c + 1 < line.size()) text += std::string(widths[c] - display_width(line[c]) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  return out;
}

std::string render_list(const Plan& plan, RecordKind kind, const std::vector<std::size_t>& rows,
                        ListFormat format, const Date& as_of, unsigned threads) {
  std::string out;
  switch (format) {
    case ListFormat::table:
      return aligned_table(terminal_table(plan, kind, rows, as_of));
    case ListFormat::ids:
      for (std::size_t i : rows) out += record_id(plan, kind, i) + "\n";
      return out;
    case ListFormat::json: {
      // Each record written by the workers as it would sit in the array (two more
      // spaces on every line), then joined: the same text as dumping the array whole.
      if (rows.empty()) return json_text(ordered_json::array());
      std::vector<std::string> items(rows.size());
      parallel_for(rows.size(), threads, [&](std::size_t k) {
        const std::string text = json_text(record_json(plan, kind, rows[k]));
        std::string& item = items[k];
        item.reserve(text.size() + text.size() / 8);
        item = "  ";
        for (std::size_t c = 0; c + 1 < text.size(); ++c) {  // without the final newline
          item += text[c];
          if (text[c] == '\n') item += "  ";
        }
      });
      out = "[\n";
      for (std::size_t k = 0; k < items.size(); ++k)
        out += items[k] + (k + 1 < items.size() ? ",\n" : "\n");
      return out + "]\n";
    }
    case ListFormat::csv:
    case ListFormat::tsv: {
      const TextTable table = full_table(plan, kind, rows, ListCells::escaped);
      auto row_text = format == ListFormat::csv ? csv_row : tsv_row;
      out = row_text(table.columns);
      for (const auto& row : table.rows) out += row_text(row);
      return out;
    }
  }
  return out;
}

std::string show_json(const Plan& plan, RecordKind kind, const std::string& id) {
  ordered_json j;
  ordered_json resolved = ordered_json::object();
  switch (kind) {
    case RecordKind::objective: {
      const Objective& o = *plan.objective(id);
      j = objective_json(o);
      if (o.goal) resolved["goal"] = goal_title(plan, o.goal->value);
      ordered_json regions = ordered_json::object();
      for (const std::string& r : plan.regions_of(o)) regions[r] = plan.region_name(r);
      resolved["regions"] = std::move(regions);
      break;
    }
    case RecordKind::task_force: {
      const TaskForce& t = *plan.task_force(id);
      j = task_force_json(t);
      resolved["objectives"] = objective_titles(plan, t.objectives);
      break;
    }
    case RecordKind::activity: {
      const Activity& a = *plan.activity(id);
      j = activity_json(a);
      resolved["objectives"] = objective_titles(plan, a.objectives);
      const Stage& stage = plan.stage_of(a);
      resolved["stage"] = {{"id", stage.id.value},
                           {"name", stage.name ? stage.name->value : stage.id.value},
                           {"funded", stage.funded}};
      if (a.task_force)
        if (const TaskForce* t = plan.task_force(a.task_force->value))
          resolved["task_force"] = t->name ? t->name->value : "";
      if (!a.regions.empty()) resolved["regions"] = region_names(plan, a.regions);
      break;
    }
    case RecordKind::indicator: {
      const Indicator& i = *plan.indicator(id);
      j = indicator_json(i);
      if (i.objective)
        if (const Objective* o = plan.objective(i.objective->value))
          resolved["objective"] = o->title ? o->title->value : "";
      if (i.activity)
        if (const Activity* a = plan.activity(i.activity->value))
          resolved["activity"] = a->title ? a->title->value : "";
      break;
    }
    case RecordKind::plan:
      break;
  }
  j["resolved"] = std::move(resolved);
  return json_text(std::move(j));
}

std::string render_history(const std::vector<ValueOrigin>& origins, bool json) {
  if (json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const ValueOrigin& o : origins) {
      const LineCommit& c = o.commit;
      auto text = [&](const std::string& t) {
        return c.commit.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(t);
      };
      out.push_back({{"key", o.key},
                     {"line", o.line},
                     {"value", o.value},
                     {"commit", text(c.commit)},
                     {"date", text(c.date)},
                     {"author", text(c.author)},
                     {"message", text(c.message)}});
    }
    return json_text(std::move(out));
  }
  TextTable table{{"KEY", "LINE", "VALUE", "DATE", "AUTHOR", "COMMIT", "MESSAGE"}, {}};
  for (const ValueOrigin& o : origins) {
    const LineCommit& c = o.commit;
    const std::string value = escape_controls(o.value);
    table.rows.push_back(c.commit.empty()
                             ? std::vector<std::string>{o.key, std::to_string(o.line), value,
                                                        "not committed yet", "", "", ""}
                             : std::vector<std::string>{o.key, std::to_string(o.line), value,
                                                        c.date, escape_controls(c.author), c.commit,
                                                        escape_controls(c.message)});
  }
  return aligned_table(table);
}

}  // namespace actionplan
