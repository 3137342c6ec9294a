#include "write/intake.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "model/text.hpp"
#include "render/markdown.hpp"
#include "write/add_record.hpp"
#include "write/record_edits.hpp"

namespace actionplan {
namespace {

std::string trimmed(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      lines.push_back(std::move(line));
      line.clear();
    } else {
      line += text[i];
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// An answer's text as GitHub writes it: "_No response_" is none.
std::string answer_text(const std::string& text) {
  const std::string t = trimmed(text);
  return t == "_No response_" ? "" : t;
}

// The answers of the body, each with the form field it answers (nullptr for a
// heading that is none of the form's).
struct Answer {
  IssueAnswer answer;
  const FormField* field = nullptr;
};

const FormField* field_labelled(const Form& form, std::string_view label) {
  for (const FormField& f : form.fields)
    if (f.label == label) return &f;
  return nullptr;
}

// The form whose labels the body's headings answer most.
const Form* form_of(const std::vector<Form>& forms, const std::vector<IssueAnswer>& answers,
                    std::optional<FormKind> kind) {
  const Form* best = nullptr;
  std::size_t best_count = 0;
  for (const Form& form : forms) {
    if (kind && form.kind != *kind) continue;
    std::size_t count = 0;
    for (const IssueAnswer& a : answers) count += field_labelled(form, a.label) != nullptr;
    if (count > best_count || (kind && !best)) best = &form, best_count = count;
  }
  return best;
}

// The record ids named by a dropdown's answer: each choice's id ("O3: Title"
// → O3). A multiple choice is "a, b": the form's own choices are matched first,
// as titles may hold commas; what is left is split at commas.
std::vector<std::string> chosen_ids(const FormField& field, std::string_view text) {
  std::vector<std::string> ids;
  auto id_of = [](std::string_view choice) {
    const std::size_t colon = choice.find(": ");
    return trimmed(colon == std::string_view::npos ? choice : choice.substr(0, colon));
  };
  while (!text.empty()) {
    const std::string* match = nullptr;
    for (const std::string& o : field.options)
      if (text.starts_with(o) &&
          (text.size() == o.size() || text.substr(o.size()).starts_with(",")))
        if (!match || o.size() > match->size()) match = &o;
    std::size_t end = match ? match->size() : text.find(',');
    if (!field.multiple) end = text.size();
    const std::string id = id_of(text.substr(0, std::min(end, text.size())));
    if (!id.empty()) ids.push_back(id);
    if (end >= text.size()) break;
    text.remove_prefix(end + 1);
    while (text.starts_with(' ')) text.remove_prefix(1);
  }
  return ids;
}

// A list typed in a text field: one item per line (a leading "- " or "* " dropped),
// or, with `commas`, also separated by commas.
std::vector<std::string> items_of(const std::string& text, bool commas) {
  std::vector<std::string> items;
  for (std::string line : lines_of(text)) {
    line = trimmed(line);
    if (line.starts_with("- ") || line.starts_with("* ")) line = trimmed(line.substr(2));
    std::size_t start = 0;
    while (start <= line.size()) {
      const std::size_t end = commas ? line.find(',', start) : std::string::npos;
      std::string item = trimmed(std::string_view(line).substr(start, end - start));
      if (!item.empty()) items.push_back(std::move(item));
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  return items;
}

// Whether every box of a checkboxes answer is ticked ("- [X] label").
bool all_ticked(const FormField& field, const std::string& text) {
  for (const std::string& box : field.options) {
    bool ticked = false;
    for (const std::string& line : lines_of(text)) {
      const std::string t = trimmed(line);
      if ((t.starts_with("- [X] ") || t.starts_with("- [x] ")) && trimmed(t.substr(6)) == box)
        ticked = true;
    }
    if (!ticked) return false;
  }
  return true;
}

}  // namespace

std::vector<IssueAnswer> issue_answers(std::string_view body) {
  std::vector<IssueAnswer> answers;
  const std::vector<std::string> lines = lines_of(body);
  std::string fence;  // the ``` or ~~~ of an open code block
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    const std::string t = trimmed(line);
    if (!fence.empty()) {
      if (t.starts_with(fence)) fence.clear();
    } else if (t.starts_with("```") || t.starts_with("~~~")) {
      fence = t.substr(0, 3);
    } else if (line.starts_with("### ")) {
      answers.push_back({trimmed(line.substr(4)), "", static_cast<int>(n + 1)});
      continue;
    }
    if (!answers.empty()) answers.back().text += line + "\n";
  }
  for (IssueAnswer& a : answers) a.text = answer_text(a.text);
  return answers;
}

}  // namespace actionplan

namespace actionplan {
namespace {

// A check's message for the person who filled in the form, after the question's
// label: "'url' must start with..." (the YAML key) reads "the answer must start with...".
std::string for_the_form(const Diagnostic& d) {
  const std::string key = "'" + d.key + "' ";
  if (d.key.empty() || !d.message.starts_with(key)) return d.message;
  return "the answer " + d.message.substr(key.size());
}

// The answers given to a form's fields, by field id, with the problems found reading them.
class Reading {
 public:
  Reading(const Form& form, const std::string& body_name, IntakeResult& out)
      : m_form(form), m_name(body_name), m_out(out) {}

  void read(const std::vector<IssueAnswer>& answers) {
    const FormField* last = nullptr;
    for (const IssueAnswer& a : answers) {
      const FormField* f = field_labelled(m_form, a.label);
      if (!f && last && last->type == FieldType::textarea) {  // a heading written in a text
        Given& g = m_given[last->id];
        g.text += fmt::format("\n\n### {}\n\n{}", a.label, a.text);
        continue;
      }
      if (!f) {
        problem(a.line, "", "unknown-field",
                fmt::format("'### {}' is not a question of the form '{}'; remove it from the "
                            "issue",
                            escape_controls(a.label), m_form.name));
        continue;
      }
      if (m_given.count(f->id)) {
        problem(a.line, f->label, "duplicate-field", "answered twice; keep one answer");
        continue;
      }
      // GitHub's "None", offered by a dropdown that needs no answer, is no answer.
      m_given[f->id] = {f->type == FieldType::dropdown && a.text == "None" ? "" : a.text, a.line};
      last = f;
    }
    for (const FormField& f : m_form.fields)
      if (f.required && f.type != FieldType::checkboxes && text(f.id).empty())
        problem(line(f.id), f.label, "missing-key", "required: give an answer");
  }

  const std::string& text(const std::string& id) const {
    static const std::string none;
    auto it = m_given.find(id);
    return it == m_given.end() ? none : it->second.text;
  }
  int line(const std::string& id) const {
    auto it = m_given.find(id);
    return it == m_given.end() ? 1 : it->second.line;
  }
  const FormField* field(const std::string& id) const {
    for (const FormField& f : m_form.fields)
      if (f.id == id) return &f;
    return nullptr;
  }
  // The field that fills `key` (an option key), or nullptr.
  // A record key names the field of one of its nested keys: `budget` or `secured`
  // (a check's key) is the field of `budget_secured`, when no field is its own.
  const FormField* field_for_key(const std::string& key) const {
    if (key.empty()) return nullptr;
    for (const FormField& f : m_form.fields)
      if (f.key == key) return &f;
    for (const FormField& f : m_form.fields)
      if (f.key.starts_with(key + "_") || f.key.ends_with("_" + key)) return &f;
    return nullptr;
  }
  // A problem of a field (by its label; none: of the whole issue).
  void problem(int line, const std::string& label, const std::string& code,
               const std::string& message) {
    m_out.problems.error(m_name, {line, 1}, code,
                         label.empty() ? message : fmt::format("{}: {}", label, message));
  }
  // A problem a command's check found, blamed on the field that fills its
  // key; else, for a key no field fills, on `other_id`; for no key, on `record_id`.
  void blame(const Diagnostic& d, const std::string& record_id, const std::string& other_id = {}) {
    const FormField* f = field_for_key(d.key);
    if (!f) f = field(d.key.empty() || other_id.empty() ? record_id : other_id);
    problem(f ? line(f->id) : 1, f ? f->label : "", d.code.empty() ? "invalid-value" : d.code,
            f ? for_the_form(d) : d.message);
  }

 private:
  struct Given {
    std::string text;
    int line = 1;
  };
  const Form& m_form;
  const std::string& m_name;
  IntakeResult& m_out;
  std::map<std::string, Given> m_given;
};

// The ids or items an answer gives: a dropdown's choices, or a list typed in.
std::vector<std::string> listed(const FormField& f, const std::string& text) {
  if (f.type == FieldType::dropdown) return chosen_ids(f, text);
  return items_of(text, f.key != "sponsors");
}

// The id a new project gets: the slug of its title, with -2, -3... when taken.
std::string free_id(const std::string& title, const std::vector<std::string>& existing) {
  const std::string base = slug(title);
  auto taken = [&](const std::string& id) {
    return std::any_of(existing.begin(), existing.end(), [&](const std::string& file) {
      const std::size_t dot = file.rfind('.');
      return to_lower_ascii(file.substr(0, dot)) == to_lower_ascii(id);
    });
  };
  std::string id = base;
  for (int n = 2; !base.empty() && taken(id); ++n) id = fmt::format("{}-{}", base, n);
  return id;
}

void intake_project(const Plan& plan, Reading& r, const Form& form, const Date& today,
                    const std::vector<std::string>& existing, IntakeResult& out) {
  ActivityOptions options;
  for (const FormField& f : form.fields) {
    const std::string& text = r.text(f.id);
    if (f.type == FieldType::checkboxes) {
      if (!all_ticked(f, text))
        r.problem(r.line(f.id), f.label, "not-agreed",
                  "tick the box to agree, or the project cannot be added");
      continue;
    }
    if (text.empty()) continue;
    options.option_names[f.key] = f.label;
    if (f.key == "objectives" || f.key == "regions" || f.key == "countries" || f.key == "sponsors")
      options.lists[f.key] = listed(f, text);
    else if (f.type == FieldType::dropdown)
      options.values[f.key] = chosen_ids(f, text).empty() ? text : chosen_ids(f, text).front();
    else
      options.values[f.key] = text;
  }
  if (auto title = options.values.find("title"); title != options.values.end()) {
    const std::string id = free_id(title->second, existing);
    if (id != slug(title->second)) options.values["id"] = id;
  }
  const PreparedActivity prepared = prepare_activity(plan, options, std::nullopt, today, existing);
  // A missing answer is said once, by its question: not again as a problem of the whole record.
  const bool missing = out.problems.has_errors();
  for (const Diagnostic& d : prepared.problems.items())
    if (d.severity == Severity::error && !(missing && d.key.empty())) r.blame(d, "title");
  if (!prepared.ok()) return;
  out.rel_path = prepared.rel_path, out.text = prepared.yaml, out.create = true;
  out.summary = fmt::format("Proposes the project {} ({})", in_quotes(options.values["title"]),
                            prepared.rel_path);
}

// The record a dropdown's answer names: its choice's id, or the text as typed.
std::string chosen_id(const FormField* f, const std::string& text) {
  if (!f) return text;
  const std::vector<std::string> ids = chosen_ids(*f, text);
  return ids.empty() ? text : ids.front();
}

// The problems of an edit, blamed on the fields that caused them.
void blame_edit(Reading& r, const FileEdit& edit, const std::string& record_id,
                const std::string& other_id) {
  for (const Diagnostic& d : edit.problems.items())
    if (d.severity == Severity::error) r.blame(d, record_id, other_id);
  for (const Diagnostic& d : edit.edited_problems.items()) r.blame(d, other_id);
}

void take_edit(FileEdit edit, Reading& r, const std::string& record_id, const std::string& other_id,
               IntakeResult& out) {
  blame_edit(r, edit, record_id, other_id);
  if (!edit.ok() || out.problems.has_errors()) return;
  out.rel_path = edit.rel_path;
  out.text = std::move(edit.text);
}

void intake_value(const Plan& plan, Reading& r, const Date& today, IntakeResult& out) {
  const std::string id = chosen_id(r.field("indicator"), r.text("indicator"));
  const Indicator* indicator = plan.indicator(id);
  NewMeasurement m;
  const std::string value = r.text("value");
  if (indicator && indicator->type.value == IndicatorType::qualitative) {
    m.level = value;
  } else if (const std::size_t slash = value.find('/'); slash != std::string::npos) {
    m.numerator = trimmed(value.substr(0, slash));
    m.denominator = trimmed(value.substr(slash + 1));
  } else {
    m.value = value;
  }
  if (!r.text("source").empty()) m.source = r.text("source");
  if (!r.text("note").empty()) m.note = r.text("note");
  const std::optional<Date> date = Date::parse(r.text("date"));
  if (!date && !r.text("date").empty())
    r.problem(r.line("date"), r.field("date")->label, "invalid-value", not_a_date(r.text("date")));
  if (id.empty() || !date) return;
  m.date = *date;
  // A problem of a ratio's parts or of a level is the Value field's.
  take_edit(record_measurement(plan, id, m, today), r, "indicator", "value", out);
  if (!out.rel_path.empty())
    out.summary =
        fmt::format("Records {} = {} on {} ({})", id, value, date->to_string(), out.rel_path);
}

void intake_progress(const Plan& plan, Reading& r, const Date& today, IntakeResult& out) {
  const std::string id = chosen_id(r.field("project"), r.text("project"));
  if (id.empty()) return;
  ProgressReport report;
  if (!r.text("stage").empty()) report.stage = chosen_id(r.field("stage"), r.text("stage"));
  report.secured = r.text("secured");
  report.note = r.text("note");
  report.date = today;
  take_edit(report_progress(plan, id, report, today), r, "project", "note", out);
  if (!out.rel_path.empty())
    out.summary = fmt::format("Reports progress on {} ({})", id, out.rel_path);
}

}  // namespace
}  // namespace actionplan

namespace actionplan {

IntakeResult intake(const Plan& plan, const std::vector<Form>& forms, std::string_view body,
                    const std::string& body_name, std::optional<FormKind> kind, const Date& today,
                    const std::vector<std::string>& existing_activity_ids) {
  IntakeResult out;
  if (body.size() > k_max_issue_bytes) {
    out.problems.error(body_name, {1, 1}, "too-large",
                       fmt::format("the issue is longer than {} bytes, the most a form's answers "
                                   "are read from (GitHub allows 65,536 characters)",
                                   k_max_issue_bytes));
    return out;
  }
  const std::vector<IssueAnswer> answers = issue_answers(body);
  out.form = form_of(forms, answers, kind);
  if (!out.form) {
    std::vector<std::string> names;
    for (const Form& f : forms) names.push_back(in_quotes(f.name));
    out.problems.error(body_name, {1, 1}, "unknown-form",
                       names.empty() ? "the plan has no issue forms (see 'actionplan forms')"
                                     : fmt::format("this issue answers none of the plan's forms "
                                                   "({}): its '### ' headings are not their "
                                                   "questions",
                                                   join(names, ", ")));
    return out;
  }
  Reading reading(*out.form, body_name, out);
  reading.read(answers);
  switch (out.form->kind) {
    case FormKind::project:
      intake_project(plan, reading, *out.form, today, existing_activity_ids, out);
      break;
    case FormKind::value:
      intake_value(plan, reading, today, out);
      break;
    case FormKind::progress:
      intake_progress(plan, reading, today, out);
      break;
  }
  out.problems.sort();
  if (out.problems.has_errors()) out.rel_path.clear(), out.text.clear(), out.summary.clear();
  return out;
}

namespace {

// Text of the issue for a comment, in Markdown, that notifies no one: an "@"
// is followed by a word joiner (U+2060), so "@someone" mentions nobody.
std::string quiet_md(std::string_view text, std::size_t max_characters) {
  std::string out;
  for (const char c : md_text(shortened(text, max_characters))) {
    out += c;
    if (c == '@') out += "\u2060";
  }
  return out;
}

}  // namespace

std::string intake_comment(const IntakeResult& result) {
  // Under GitHub's 65,536 characters for a comment, whatever the issue holds.
  constexpr std::size_t k_listed = 50, k_message = 400, k_yaml = 40000;
  if (!result.ok()) {
    std::string out =
        "**This issue cannot be added to the plan yet.** Please edit it (⋯ → Edit) to correct "
        "what follows; it is read again when you save.\n\n";
    std::size_t errors = 0;
    for (const Diagnostic& d : result.problems.items())
      if (d.severity == Severity::error && ++errors <= k_listed)
        out += fmt::format("- {}\n", quiet_md(d.message, k_message));
    if (errors > k_listed) out += fmt::format("- … and {} more.\n", errors - k_listed);
    return out;
  }
  std::string yaml = result.text;
  if (yaml.size() > k_yaml)
    yaml = shortened(yaml, k_yaml) + "\n# (shortened here: the whole file is in the change)\n";
  std::size_t run = 0, longest = 0;  // a fence longer than any run of backticks in the file
  for (const char c : yaml) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  return fmt::format("{}.\n\n`{}`{}:\n\n{}yaml\n{}{}\n", quiet_md(result.summary, k_message),
                     result.rel_path, result.create ? " (new)" : "", fence, yaml, fence);
}

}  // namespace actionplan
