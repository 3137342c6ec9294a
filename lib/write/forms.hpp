#pragma once
// The GitHub issue forms of a plan (`actionplan forms`): web forms through
// which people who do not write YAML propose a project, record a value or
// report progress. Each form is generated from the plan itself (its
// objectives, regions, stages, task forces and indicators fill the dropdowns;
// its `terms` name things), and `intake` (write/intake.hpp) reads the issues
// written with them through the same description: one source of truth for
// each field's label, kind and the record key it fills.
#include <filesystem>
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "write/init_plan.hpp"

namespace actionplan {

enum class FormKind { project, value, progress };

// A form element's kind in GitHub's issue-form syntax.
enum class FieldType { input, textarea, dropdown, checkboxes };

struct FormField {
  std::string id;     // the element's id: "objectives"
  std::string key;    // what it fills: an add-project option key ("budget_estimate"), or
                      // "indicator", "value", "date", "source", "note", "activity", "consent"
  std::string label;  // the heading of its answer in the issue: "Objectives"
  std::string description;
  std::string placeholder;
  FieldType type = FieldType::input;
  bool multiple = false;  // a dropdown of several choices, answered "a, b"
  bool required = false;
  int default_option = -1;           // a dropdown's preselected option
  std::vector<std::string> options;  // a dropdown's choices ("O3: Title"); a checkbox's label
};

struct Form {
  FormKind kind;
  std::string path;  // ".github/ISSUE_TEMPLATE/actionplan-project.yml", relative to the plan
  std::string name;  // "Propose a project"
  std::string description;
  std::string title;  // the issue title it starts with: "Project: "
  std::string intro;  // Markdown shown above the fields (never part of the issue)
  std::vector<FormField> fields;
};

// Every issue is labelled so; the intake workflow runs on issues with this label.
inline constexpr std::string_view k_form_label = "actionplan";

// The forms that apply to `plan`, in FormKind order: "Propose a project" when it
// has objectives, "Record a value" when it has an indicator that is not a
// milestone, "Report progress on a project" when it has activities.
std::vector<Form> issue_forms(const Plan& plan);

// The three forms' files, whether or not they apply (for `forms` to remove one
// that no longer does).
std::vector<std::string> form_paths();

// The file of a form: GitHub's issue-form YAML, every text double-quoted,
// byte-identical for the same plan.
std::string form_yaml(const Form& form);

// The files `forms` writes (and `init` with them).
std::vector<PlanFile> form_files(const Plan& plan);

// A dropdown choice for a record: "O3: Title of the objective", the title on one
// line and shortened to 100 characters. intake reads the id before ": ".
std::string form_choice(std::string_view id, std::string_view title);

// `forms`: brings the plan's issue forms up to date in `root`, or with
// `check_only` only compares. Each form that applies is written when its file
// differs; a form file `forms` wrote that no longer applies is removed. A file
// of the same name that `forms` did not write is never touched (an error).
struct FormFileStatus {
  std::string path;
  enum class State { current, written, removed, stale, missing, foreign, failed } state;
  std::string message;  // failed: why
};
std::vector<FormFileStatus> sync_forms(const std::filesystem::path& root, const Plan& plan,
                                       bool check_only);

// True when the file at `content` is one `forms` wrote (its first line says so):
// `forms` replaces or removes only such files.
bool is_generated_form(std::string_view content);

}  // namespace actionplan
