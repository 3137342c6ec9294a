#pragma once
// `set-stage` and `record`: edits of existing records that change only the
// lines they must, checked as `validate` would before anything is written.
#include <optional>
#include <string>
#include <vector>

#include "model/plan.hpp"

namespace actionplan {

struct FileEdit {
  std::string rel_path;             // the record's file, relative to the plan root
  std::string text;                 // the new content (a leading UTF-8 BOM kept)
  std::vector<std::string> errors;  // complete lines; nothing may be written when set
  std::string note;                 // for the user, e.g. "already in stage ..."
  bool unchanged = false;           // nothing to write
  bool ok() const { return errors.empty(); }
};

// Moves an activity to `stage` and sets `updated` to `date`.
FileEdit set_stage(const Plan& plan, const std::string& activity, const std::string& stage,
                   const Date& date);

// Appends a measurement to a numeric indicator. The date must come after the
// last measurement and not after `as_of`.
FileEdit record_measurement(const Plan& plan, const std::string& indicator,
                            const std::string& value, const Date& date,
                            const std::optional<std::string>& source,
                            const std::optional<std::string>& note, const Date& as_of);

}  // namespace actionplan
