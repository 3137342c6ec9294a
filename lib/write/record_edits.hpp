#pragma once
// `set-stage` and `record`: edits of existing records that change only the
// lines they must, checked as `validate` would before anything is written.
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/plan.hpp"

namespace actionplan {

struct FileEdit {
  std::string rel_path;  // the record's file, relative to the plan root
  std::string text;      // the new content (a leading UTF-8 BOM kept)
  // Why nothing may be written: problems of the file as it is (its path and
  // line), or of the request (no path; `key` names the option to blame:
  // "value", "date"; none for the record or stage named).
  Diagnostics problems;
  // Problems of the edited text, which would not validate (lines of the new text).
  Diagnostics edited_problems;
  std::string note;        // for the user, e.g. "already in stage ..."
  bool unchanged = false;  // nothing to write
  bool ok() const { return !problems.has_errors() && !edited_problems.has_errors(); }
};

// Moves an activity to `stage` and sets `updated` to `date`.
FileEdit set_stage(const Plan& plan, const std::string& activity, const std::string& stage,
                   const Date& date);

// A measurement to record, as given: its value, or a ratio's two parts (or all
// three); "" where not given.
struct NewMeasurement {
  std::string value, numerator, denominator;
  std::string level;  // a qualitative indicator's, instead of a value
  Date date;
  std::optional<std::string> source, note;
};

// Appends a measurement to a numeric or qualitative indicator. The date must come after the
// last measurement and not after `as_of`.
FileEdit record_measurement(const Plan& plan, const std::string& indicator,
                            const NewMeasurement& measurement, const Date& as_of);

// What a progress report on an activity changes (the form "Report progress on
// a project"): its stage, the funds secured in all (its budget's `secured`), a
// note dated `date` appended to its `notes`; "" where not given. `updated`
// becomes `date`. At least one of the three must be given.
struct ProgressReport {
  std::string stage, secured, note;
  Date date;
};
FileEdit report_progress(const Plan& plan, const std::string& activity,
                         const ProgressReport& report, const Date& as_of);

}  // namespace actionplan
