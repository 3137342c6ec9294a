#include "write/record_edits.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "check/check.hpp"
#include "load/decode.hpp"
#include "load/file_read.hpp"
#include "load/yaml_tree.hpp"
#include "model/fields.hpp"
#include "model/text.hpp"
#include "write/edit.hpp"
#include "write/emit.hpp"

namespace actionplan {
namespace {

std::vector<std::string_view> key_order(RecordKind kind) {
  std::vector<std::string_view> order;
  for (const FieldDoc& f : field_docs(kind)) order.push_back(f.info.key);
  return order;
}

bool starts_with_bom(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char bytes[3] = {};
  in.read(bytes, 3);
  return in.gcount() == 3 && bytes[0] == '\xEF' && bytes[1] == '\xBB' && bytes[2] == '\xBF';
}

// Reads a record file for editing: its text and tree, or errors.
struct EditSource {
  std::string text;
  std::optional<yaml::Node> root;
  bool bom = false;
};

EditSource read_source(const Plan& plan, const std::string& rel_path, FileEdit& edit) {
  EditSource s;
  Diagnostics diags;
  const std::filesystem::path path = plan.root / rel_path;
  if (std::optional<std::string> text = read_plan_file(path, rel_path, diags)) {
    s.text = std::move(*text);
    s.root = yaml::parse(s.text, rel_path, diags);
    s.bom = starts_with_bom(path);
  }
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::error) edit.problems.error(d.path, d.pos, d.code, d.message, d.key);
  return s;
}

// A surgical edit of `key` that cannot be made: reported at the key's line.
void cannot_edit(FileEdit& edit, const yaml::Node& root, std::string_view key,
                 const std::string& why) {
  const yaml::Key* found = nullptr;
  for (const yaml::Key& k : root.keys)
    if (k.text == key) found = &k;
  edit.problems.error(edit.rel_path, found ? found->pos : root.pos, "cannot-edit", why,
                      std::string(key));
}

// The edited text, checked as `validate` would check the file inside the plan.
template <class Record, class Decode, class Members>
void check_edited(const Plan& plan, FileEdit& edit, const Date& as_of, Decode decode,
                  Members members) {
  Diagnostics diags;
  std::optional<yaml::Node> root;
  if (check_written_text(edit.text, edit.rel_path, diags))
    root = yaml::parse(edit.text, edit.rel_path, diags);
  if (root) {
    Plan with = plan;
    std::vector<Record>& records = with.*members;
    Record record = decode(*root, edit.rel_path, diags);
    for (Record& r : records)
      if (r.source.path == edit.rel_path) r = record;
    with.index();
    diags.append(check_plan(with, as_of));
  }
  diags.sort();
  for (const Diagnostic& d : diags.items())
    if (d.path == edit.rel_path && d.severity == Severity::error)
      edit.edited_problems.error(d.path, d.pos, d.code, d.message, d.key);
}

// The activity an edit is about, its file set in `edit`; nullptr after a problem.
const Activity* activity_to_edit(const Plan& plan, const std::string& id, FileEdit& edit) {
  const Activity* a = plan.activity(id);
  if (!a)
    edit.problems.input_error(
        "", "",
        unknown_reference_message("activity", "activities", id, plan.ids(RecordKind::activity)));
  else
    edit.rel_path = a->source.path;
  return a;
}

// False after a problem (blamed on `key`) when the plan has no stage `stage`.
bool known_stage(const Plan& plan, const std::string& stage, const std::string& key,
                 FileEdit& edit) {
  if (plan.stage(stage)) return true;
  std::vector<std::string> stages;
  for (const Stage& s : plan.info.stages) stages.push_back(s.id.value);
  edit.problems.input_error(key, key.empty() ? "" : "unknown-reference",
                            unknown_reference_message("stage", "stages", stage, stages,
                                                      IdOrder::as_given, plan.stage_names()));
  return false;
}

}  // namespace

FileEdit set_stage(const Plan& plan, const std::string& activity, const std::string& stage,
                   const Date& date) {
  FileEdit edit;
  const Activity* a = activity_to_edit(plan, activity, edit);
  if (!a) return edit;
  if (!known_stage(plan, stage, "", edit)) return edit;
  if (plan.stage_of(*a).id.value == stage && a->stage) {
    edit.unchanged = true;
    edit.note = fmt::format("{} is already in stage '{}'; nothing to change", activity, stage);
    return edit;
  }
  EditSource source = read_source(plan, edit.rel_path, edit);
  if (!source.root) return edit;
  const std::vector<std::string_view> order = key_order(RecordKind::activity);
  EditResult staged =
      set_top_level_scalar(source.text, *source.root, "stage", yaml_scalar(stage), order);
  if (!staged.ok()) {
    cannot_edit(edit, *source.root, "stage", staged.error);
    return edit;
  }
  Diagnostics diags;
  std::optional<yaml::Node> root = yaml::parse(staged.text, edit.rel_path, diags);
  if (!root) {
    cannot_edit(edit, *source.root, "stage", "the stage could not be set surgically");
    return edit;
  }
  EditResult dated = set_top_level_scalar(staged.text, *root, "updated", date.to_string(), order);
  if (!dated.ok()) {
    cannot_edit(edit, *root, "updated", dated.error);
    return edit;
  }
  edit.text = dated.text;
  check_edited<Activity>(plan, edit, date, decode_activity, &Plan::activities);
  if (source.bom) edit.text = "\xEF\xBB\xBF" + edit.text;
  return edit;
}

namespace {

// The value of a new measurement, or a ratio's parts: numbers, a whole above 0.
// A qualitative indicator's measurement: a level of the plan's scale, and no number.
void check_level(const NewMeasurement& m, const std::vector<std::string>& scale, FileEdit& edit) {
  if (!m.value.empty() || !m.numerator.empty() || !m.denominator.empty()) {
    edit.problems.input_error(
        m.value.empty() ? (m.numerator.empty() ? "denominator" : "numerator") : "value", "",
        "a qualitative indicator records a level of the plan's scale: give --level, not a number");
    return;
  }
  if (m.level.empty()) {
    edit.problems.input_error(
        "level", "",
        fmt::format("give the level assessed: --level, one of: {}", join(scale, ", ")));
    return;
  }
  if (std::find(scale.begin(), scale.end(), m.level) == scale.end())
    edit.problems.input_error("level", "", unknown_level_message(m.level, scale));
}

void check_measured(const NewMeasurement& m, FileEdit& edit) {
  if (!m.level.empty()) {
    edit.problems.input_error(
        "level", "", "--level is for qualitative indicators; give --value (or a ratio's parts)");
    return;
  }
  if (m.value.empty() && (m.numerator.empty() || m.denominator.empty())) {
    const bool part = !m.numerator.empty() || !m.denominator.empty();
    edit.problems.input_error(
        part ? (m.numerator.empty() ? "numerator" : "denominator") : "value", "",
        part ? "a ratio needs both --numerator and --denominator"
             : "give the value measured: --value N, or a ratio's --numerator and --denominator");
    return;
  }
  for (const auto& [key, text] : {std::pair<const char*, const std::string&>{"value", m.value},
                                  {"numerator", m.numerator},
                                  {"denominator", m.denominator}}) {
    if (text.empty()) continue;
    const std::optional<double> number = parse_decimal(text);
    if (!number)
      edit.problems.input_error(
          key, "", fmt::format("{} is not a number (decimal, like 38000 or 0.5)", in_quotes(text)));
    else if (std::string_view(key) == "denominator" && *number <= 0)
      edit.problems.input_error(
          key, "",
          fmt::format("{} is not a whole to count of: give a number above 0", in_quotes(text)));
  }
}

// The measurement as one flow mapping: {date: 2026, value: 3, source: "..."}.
std::string measurement_item(const NewMeasurement& m) {
  std::string item = fmt::format("{{date: {}", m.date.to_string());
  if (!m.value.empty()) item += ", value: " + m.value;
  if (!m.numerator.empty()) item += ", numerator: " + m.numerator;
  if (!m.denominator.empty()) item += ", denominator: " + m.denominator;
  if (!m.level.empty()) item += ", level: " + yaml_scalar(m.level);
  if (m.source) item += ", source: " + yaml_scalar(*m.source);
  if (m.note) item += ", note: " + yaml_scalar(*m.note);
  return item + "}";
}

}  // namespace

FileEdit record_measurement(const Plan& plan, const std::string& indicator,
                            const NewMeasurement& measurement, const Date& as_of) {
  const Date& date = measurement.date;
  FileEdit edit;
  const Indicator* i = plan.indicator(indicator);
  if (!i) {
    edit.problems.input_error("", "",
                              unknown_reference_message("indicator", "indicators", indicator,
                                                        plan.ids(RecordKind::indicator)));
    return edit;
  }
  edit.rel_path = i->source.path;
  if (i->type.value == IndicatorType::milestone)
    edit.problems.input_error("", "",
                              fmt::format("{} is a milestone indicator: record measures values; "
                                          "set its 'achieved' date instead",
                                          indicator));
  if (i->type.value == IndicatorType::qualitative)
    check_level(measurement, plan.info.analysis.scale, edit);
  else
    check_measured(measurement, edit);
  const Measurement* last = nullptr;  // measurements are kept in date order (validate checks it)
  for (const Measurement& m : i->measurements)
    if (m.date) last = &m;
  if (last && !(last->date->value < date))
    edit.problems.input_error(
        "date", "",
        fmt::format("{} does not come after the last measurement of {} ({}); "
                    "measurements are kept oldest first, one per date",
                    date.to_string(), indicator, last->date->value.to_string()));
  if (date.first_day() > as_of)
    edit.problems.input_error(
        "date", "", fmt::format("{} is after today ({})", date.to_string(), as_of.to_string()));
  if (!edit.ok()) return edit;

  EditSource source = read_source(plan, edit.rel_path, edit);
  if (!source.root) return edit;
  EditResult appended =
      append_to_top_level_sequence(source.text, *source.root, "measurements",
                                   measurement_item(measurement), key_order(RecordKind::indicator));
  if (!appended.ok()) {
    cannot_edit(edit, *source.root, "measurements", appended.error);
    return edit;
  }
  edit.text = appended.text;
  check_edited<Indicator>(plan, edit, as_of, decode_indicator, &Plan::indicators);
  if (source.bom) edit.text = "\xEF\xBB\xBF" + edit.text;
  return edit;
}

namespace {

// The request of a progress report checked: a known stage, money, something given.
void check_progress(const Plan& plan, const ProgressReport& r, FileEdit& edit) {
  if (r.stage.empty() && r.secured.empty() && r.note.empty())
    edit.problems.input_error("", "",
                              "nothing to report: give a new stage, the funds secured or a note");
  if (!r.stage.empty()) known_stage(plan, r.stage, "stage", edit);
  if (r.secured.empty()) return;
  if (const std::string why = ambiguous_money(r.secured); !why.empty()) {
    edit.problems.input_error("budget_secured", "invalid-value",
                              fmt::format("{}: {}", in_quotes(r.secured), why));
    return;
  }
  const std::optional<double> money = parse_decimal(r.secured);
  if (!money || *money < 0)
    edit.problems.input_error(
        "secured", "invalid-value",
        fmt::format("{} is not an amount of money (a number of 0 or more)", in_quotes(r.secured)));
}

// One surgical step of a progress report on `text`: re-parsed, edited, or the
// reason it cannot be, at `key`.
template <class Step>
bool edit_step(std::string& text, FileEdit& edit, std::string_view key, Step step) {
  Diagnostics diags;
  std::optional<yaml::Node> root = yaml::parse(text, edit.rel_path, diags);
  if (!root) {
    edit.problems.input_error(std::string(key), "cannot-edit",
                              "the file could not be edited surgically");
    return false;
  }
  EditResult result = step(*root);
  if (!result.ok()) {
    cannot_edit(edit, *root, key, result.error);
    return false;
  }
  text = std::move(result.text);
  return true;
}

}  // namespace

FileEdit report_progress(const Plan& plan, const std::string& activity,
                         const ProgressReport& report, const Date& as_of) {
  FileEdit edit;
  const Activity* a = activity_to_edit(plan, activity, edit);
  if (!a) return edit;
  check_progress(plan, report, edit);
  if (!edit.ok()) return edit;
  EditSource source = read_source(plan, edit.rel_path, edit);
  if (!source.root) return edit;
  const std::vector<std::string_view> order = key_order(RecordKind::activity);
  std::vector<std::string_view> budget_order;
  const Budget no_budget;
  visit_fields(no_budget, [&](const FieldInfo& f, const auto&) { budget_order.push_back(f.key); });
  std::string text = source.text;
  const bool ok =
      (report.stage.empty() || edit_step(text, edit, "stage",
                                         [&](const yaml::Node& root) {
                                           return set_top_level_scalar(text, root, "stage",
                                                                       yaml_scalar(report.stage),
                                                                       order);
                                         })) &&
      (report.secured.empty() || edit_step(text, edit, "budget",
                                           [&](const yaml::Node& root) {
                                             return set_nested_scalar(text, root, "budget",
                                                                      "secured", report.secured,
                                                                      budget_order, order);
                                           })) &&
      (report.note.empty() ||
       edit_step(text, edit, "notes",
                 [&](const yaml::Node& root) {
                   return append_to_top_level_sequence(
                       text, root, "notes",
                       fmt::format("{{date: {}, text: {}}}", report.date.to_string(),
                                   yaml_scalar(report.note)),
                       order);
                 })) &&
      edit_step(text, edit, "updated", [&](const yaml::Node& root) {
        return set_top_level_scalar(text, root, "updated", report.date.to_string(), order);
      });
  if (!ok) return edit;
  edit.text = std::move(text);
  check_edited<Activity>(plan, edit, as_of, decode_activity, &Plan::activities);
  if (source.bom) edit.text = "\xEF\xBB\xBF" + edit.text;
  return edit;
}

}  // namespace actionplan
