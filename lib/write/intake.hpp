#pragma once
// `intake`: reads an issue written with one of the plan's forms
// (write/forms.hpp) and turns it into the file that add-project, record or
// set-stage would write, with exactly their checks. The issue body is
// untrusted text: only the fields of the form are read, each as its field's
// kind, and every problem names the field by its label.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/plan.hpp"
#include "write/forms.hpp"

namespace actionplan {

// The largest issue body intake reads: GitHub's own limit is 65,536
// characters, at most 4 bytes each.
inline constexpr std::size_t k_max_issue_bytes = 256 * 1024;

// One answer of an issue body: the text under a `### Label` heading, without
// the blank lines around it; "" for GitHub's `_No response_`.
struct IssueAnswer {
  std::string label;
  std::string text;
  int line = 0;  // of the heading, 1-based
};

// The answers of an issue body as GitHub writes it (CRLF or LF line ends;
// headings inside ``` fences are text).
std::vector<IssueAnswer> issue_answers(std::string_view body);

struct IntakeResult {
  const Form* form = nullptr;  // the form the issue was written with; nullptr when none
  std::string rel_path;        // the file to write, relative to the plan root
  std::string text;            // its new content
  bool create = false;         // a new record (written only if no such file exists)
  // Why nothing may be written: each at the line of its field's heading in
  // the body (path `body_name`), its message starting with the field's label.
  Diagnostics problems;
  std::string
      summary;  // one line for people: "Proposes project 'Soil labs' (activities/soil-labs.yaml)"
  bool ok() const { return form && !problems.has_errors(); }
};

// Reads `body` (named `body_name` in problems) with the form of `forms` whose
// labels it answers (or the form of `kind` when given), and prepares the change:
// a new activity, a measurement appended, or a project's progress (stage,
// funds secured, a dated note, `updated`). `today` dates what has no date of its
// own; `existing_activity_ids` are record_file_names of activities/.
IntakeResult intake(const Plan& plan, const std::vector<Form>& forms, std::string_view body,
                    const std::string& body_name, std::optional<FormKind> kind, const Date& today,
                    const std::vector<std::string>& existing_activity_ids);

// The problems of a refused issue as a Markdown comment for the person who
// wrote it; or, for an accepted one, what it changes and the file's YAML.
std::string intake_comment(const IntakeResult& result);

}  // namespace actionplan
