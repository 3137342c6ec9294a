#include "write/forms.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "write/atomic.hpp"
#include "write/yaml_text.hpp"

namespace actionplan {
namespace {

constexpr std::string_view k_marker = "# Written by `actionplan forms`";
constexpr std::size_t k_max_title = 100;     // characters of a title in a dropdown choice
constexpr std::size_t k_max_dropdown = 500;  // past this, a record is named by its id
constexpr std::string_view k_folder = ".github/ISSUE_TEMPLATE/";

// The title on one line, at most k_max_title characters.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return shortened(out, k_max_title);
}

FormField input(std::string id, std::string key, std::string label, std::string description,
                std::string placeholder = {}) {
  FormField f;
  f.id = std::move(id), f.key = std::move(key), f.label = std::move(label);
  f.description = std::move(description), f.placeholder = std::move(placeholder);
  return f;
}

FormField textarea(std::string id, std::string key, std::string label, std::string description) {
  FormField f = input(std::move(id), std::move(key), std::move(label), std::move(description));
  f.type = FieldType::textarea;
  return f;
}

// A dropdown of `choices`, or, when there are too many for a list, an input
// that asks for the id.
FormField choice(std::string id, std::string key, std::string label, std::string description,
                 std::vector<std::string> choices, bool multiple) {
  FormField f = input(std::move(id), std::move(key), std::move(label), std::move(description));
  if (choices.size() > k_max_dropdown) {
    f.description += multiple ? " Give their ids, separated by commas." : " Give its id.";
    return f;
  }
  f.type = FieldType::dropdown;
  f.multiple = multiple;
  f.options = std::move(choices);
  return f;
}

FormField required(FormField f) {
  f.required = true;
  return f;
}

std::string term(const Plan& plan, const char* key) {
  return plan.term(key);
}
std::string label(const Plan& plan, const char* key) {
  return capitalised(term(plan, key));
}

template <class R, class Title>
std::vector<std::string> choices_of(const std::vector<R>& records, Title title) {
  std::vector<std::string> out;
  for (const R& r : records) out.push_back(form_choice(r.id.value, title(r)));
  return out;
}

std::string text_of(const Text& t) {
  return t ? t->value : "";
}

Form project_form(const Plan& plan) {
  Form form{FormKind::project,
            std::string(k_folder) + "actionplan-project.yml",
            "Propose a project",
            fmt::format("Add a project to {}: it becomes a pull request that the secretariat "
                        "reviews.",
                        text_of(plan.info.title).empty() ? "the plan" : text_of(plan.info.title)),
            "Project: ",
            "Fill in what you know; only the title and the " + term(plan, "objectives") +
                " are required. Each answer is checked as soon as the issue is opened: if "
                "something cannot be read, a comment says which field to correct, and you "
                "can edit the issue.",
            {}};
  auto& f = form.fields;
  f.push_back(required(input("title", "title", "Title", "The project's name, as people know it")));
  f.push_back(required(choice(
      "objectives", "objectives", label(plan, "objectives"),
      fmt::format("The {} it serves: one or more.", term(plan, "objectives")),
      choices_of(plan.objectives, [](const Objective& o) { return text_of(o.title); }), true)));
  if (!plan.task_forces.empty())
    f.push_back(choice(
        "task_force", "task_force", label(plan, "task_force"),
        fmt::format("The {} it belongs to, if any.", term(plan, "task_force")),
        choices_of(plan.task_forces, [](const TaskForce& t) { return text_of(t.name); }), false));
  if (plan.info.regions && !plan.info.regions->empty()) {
    std::vector<std::string> regions = {form_choice("global", "the whole world")};
    for (const NamedEntry& r : *plan.info.regions)
      regions.push_back(form_choice(r.id.value, text_of(r.name)));
    f.push_back(choice("regions", "regions", "Regions", "Where it works.", regions, true));
  }
  f.push_back(input("countries", "countries", "Countries",
                    "Two-letter country codes (ISO 3166-1), separated by commas.", "KE, PE"));
  std::vector<std::string> stages;
  for (const Stage& s : plan.info.stages)
    stages.push_back(form_choice(s.id.value, text_of(s.name)));
  FormField stage = choice("stage", "stage", "Stage",
                           "Where it stands (default: the pipeline's first stage).", stages, false);
  stage.default_option = stage.type == FieldType::dropdown ? 0 : -1;
  f.push_back(stage);
  f.push_back(input("lead", "lead", "Lead", "The project team leader's name."));
  f.push_back(input("lead_org", "lead_org", "Lead organisation", "The leader's organisation."));
  f.push_back(textarea("sponsors", "sponsors", "Sponsors",
                       "Organisations that fund or support it, one per line."));
  f.push_back(input("budget", "budget_estimate", "Estimated budget",
                    "What it costs: a number (250000), a range (45000-90000), none (no cost) or "
                    "tbd (not known yet). Digits only: no currency sign, no thousands separator.",
                    "250000"));
  f.push_back(
      input("currency", "budget_currency", "Currency",
            fmt::format("Three capital letters; leave empty for {}.", plan.info.default_currency()),
            plan.info.default_currency()));
  f.push_back(input("secured", "budget_secured", "Funds secured",
                    "Money already secured, in the same currency (a number).", "50000"));
  f.push_back(input("start", "start", "Start date", "YYYY, YYYY-MM or YYYY-MM-DD.", "2027-01"));
  f.push_back(input("end", "end", "End date", "YYYY, YYYY-MM or YYYY-MM-DD.", "2029-12"));
  f.push_back(input("url", "url", "Web page", "A page about it (https://...)."));
  f.push_back(textarea("description", "description", "Description", "What it does, and for whom."));
  FormField consent =
      required(FormField{"consent",
                         "consent",
                         "Publication",
                         "",
                         "",
                         FieldType::checkboxes,
                         false,
                         false,
                         -1,
                         {"The information above may be published in the plan and its reports."}});
  f.push_back(consent);
  return form;
}

std::string indicator_title(const Indicator& i) {
  const std::string unit = text_of(i.unit);
  return unit.empty() ? text_of(i.title) : fmt::format("{} ({})", text_of(i.title), unit);
}

Form value_form(const Plan& plan, const std::vector<const Indicator*>& measured) {
  Form form{FormKind::value,
            std::string(k_folder) + "actionplan-value.yml",
            "Record a value",
            fmt::format("Report a new value of an {} of the plan.", term(plan, "indicator")),
            "Value: ",
            "One value per issue. It is checked as soon as the issue is opened: if something "
            "cannot be read, a comment says which field to correct, and you can edit the issue.",
            {}};
  std::vector<std::string> choices;
  bool qualitative = false;
  for (const Indicator* i : measured) {
    choices.push_back(form_choice(i->id.value, indicator_title(*i)));
    qualitative = qualitative || i->type.value == IndicatorType::qualitative;
  }
  auto& f = form.fields;
  f.push_back(
      required(choice("indicator", "indicator", label(plan, "indicator"),
                      fmt::format("The {} measured.", term(plan, "indicator")), choices, false)));
  std::string how =
      "A number, with a decimal point and no thousands separator (38000, 12.5); for a ratio, "
      "its two counts as 38/90.";
  if (qualitative)
    how += fmt::format(" For an assessment, one of: {}.", join(plan.info.analysis.scale, ", "));
  f.push_back(required(input("value", "value", "Value", how, "38000")));
  f.push_back(required(input("date", "date", "Date",
                             "When it was measured: YYYY, YYYY-MM or YYYY-MM-DD.", "2026-06")));
  f.push_back(input("source", "source", "Source",
                    "Where the value comes from: a report, a survey, a web page."));
  f.push_back(textarea("note", "note", "Note", "Anything a reader of the value should know."));
  return form;
}

Form progress_form(const Plan& plan) {
  Form form{FormKind::progress,
            std::string(k_folder) + "actionplan-progress.yml",
            "Report progress on a project",
            "Tell the secretariat where a project stands: its stage, the funds secured, what "
            "happened.",
            "Progress: ",
            "Give what changed; leave the rest empty. It is checked as soon as the issue is "
            "opened: if something cannot be read, a comment says which field to correct.",
            {}};
  auto& f = form.fields;
  f.push_back(required(choice(
      "project", "activity", "Project", "The project you report on.",
      choices_of(plan.activities, [](const Activity& a) { return text_of(a.title); }), false)));
  std::vector<std::string> stages;
  for (const Stage& s : plan.info.stages)
    stages.push_back(form_choice(s.id.value, text_of(s.name)));
  f.push_back(choice("stage", "stage", "Stage", "Its stage now, if it moved.", stages, false));
  f.push_back(input("secured", "budget_secured", "Funds secured",
                    "All the money secured so far, in the project's currency (a number).",
                    "120000"));
  f.push_back(textarea("note", "note", "Progress", "What happened since the last report."));
  return form;
}

// One element of a form's body.
void field_yaml(std::string& out, const FormField& f) {
  static constexpr std::string_view k_types[] = {"input", "textarea", "dropdown", "checkboxes"};
  out += fmt::format("  - type: {}\n    id: {}\n    attributes:\n      label: {}\n",
                     k_types[static_cast<int>(f.type)], f.id, yaml_double_quoted(f.label));
  if (!f.description.empty())
    out += fmt::format("      description: {}\n", yaml_double_quoted(f.description));
  if (!f.placeholder.empty())
    out += fmt::format("      placeholder: {}\n", yaml_double_quoted(f.placeholder));
  if (f.type == FieldType::dropdown) {
    if (f.multiple) out += "      multiple: true\n";
    out += "      options:\n";
    for (const std::string& o : f.options) out += "        - " + yaml_double_quoted(o) + "\n";
    if (f.default_option >= 0) out += fmt::format("      default: {}\n", f.default_option);
  }
  if (f.type == FieldType::checkboxes) {
    out += "      options:\n";
    for (const std::string& o : f.options)
      out += fmt::format("        - label: {}\n          required: {}\n", yaml_double_quoted(o),
                         f.required);
    return;
  }
  if (f.required) out += "    validations:\n      required: true\n";
}

}  // namespace

std::string form_choice(std::string_view id, std::string_view title) {
  const std::string shown = one_line(title);
  return shown.empty() ? std::string(id) : fmt::format("{}: {}", id, shown);
}

bool is_generated_form(std::string_view content) {
  return content.starts_with(k_marker);
}

std::vector<std::string> form_paths() {
  return {std::string(k_folder) + "actionplan-project.yml",
          std::string(k_folder) + "actionplan-value.yml",
          std::string(k_folder) + "actionplan-progress.yml"};
}

}  // namespace actionplan

namespace actionplan {

std::string form_yaml(const Form& form) {
  std::string out = fmt::format(
      "{} from the plan: run it again after changing the plan\n"
      "# rather than editing this file. `actionplan intake` reads the issues written\n"
      "# with it (docs/ci.md, \"Issue forms\", in actionplan's documentation).\n",
      k_marker);
  out += fmt::format("name: {}\ndescription: {}\ntitle: {}\nlabels: [{}]\nbody:\n",
                     yaml_double_quoted(form.name), yaml_double_quoted(form.description),
                     yaml_double_quoted(form.title), yaml_double_quoted(k_form_label));
  out += fmt::format("  - type: markdown\n    attributes:\n      value: {}\n",
                     yaml_double_quoted(form.intro));
  for (const FormField& f : form.fields) field_yaml(out, f);
  return out;
}

std::vector<Form> issue_forms(const Plan& plan) {
  std::vector<Form> forms;
  if (!plan.objectives.empty()) forms.push_back(project_form(plan));
  std::vector<const Indicator*> measured;
  for (const Indicator& i : plan.indicators)
    if (i.type.value != IndicatorType::milestone) measured.push_back(&i);
  if (!measured.empty()) forms.push_back(value_form(plan, measured));
  if (!plan.activities.empty()) forms.push_back(progress_form(plan));
  return forms;
}

std::vector<PlanFile> form_files(const Plan& plan) {
  std::vector<PlanFile> files;
  for (const Form& form : issue_forms(plan)) files.push_back({form.path, form_yaml(form)});
  return files;
}

}  // namespace actionplan

namespace actionplan {
namespace {

// A file's content; nullopt when there is none (or it is not a regular file).
std::optional<std::string> file_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec)))
    return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

FormFileStatus sync_one(const std::filesystem::path& root, const std::string& path,
                        const std::optional<std::string>& content, bool check_only) {
  using State = FormFileStatus::State;
  const std::filesystem::path target = root / path;
  std::error_code ec;
  const bool exists = std::filesystem::exists(std::filesystem::symlink_status(target, ec));
  const std::optional<std::string> current = file_text(target);
  if (exists && (!current || !is_generated_form(*current)))
    return {path, content ? State::foreign : State::current, ""};
  if (current == content) return {path, State::current, ""};
  if (check_only)
    return {path, content ? (current ? State::stale : State::missing) : State::stale, ""};
  if (const std::string linked = linked_folder(root, path); !linked.empty())
    return {path, State::failed, linked + " is a symbolic link or not a folder"};
  if (!content) {
    std::filesystem::remove(target, ec);
    return {path, ec ? State::failed : State::removed, ec.message()};
  }
  std::filesystem::create_directories(target.parent_path(), ec);
  const WriteResult written = write_file(target, *content, WriteMode::replace);
  return {path, written.ok() ? State::written : State::failed, written.message};
}

}  // namespace

std::vector<FormFileStatus> sync_forms(const std::filesystem::path& root, const Plan& plan,
                                       bool check_only) {
  const std::vector<PlanFile> files = form_files(plan);
  std::vector<FormFileStatus> out;
  for (const std::string& path : form_paths()) {
    std::optional<std::string> content;
    for (const PlanFile& f : files)
      if (f.path == path) content = f.content;
    out.push_back(sync_one(root, path, content, check_only));
  }
  return out;
}

}  // namespace actionplan
