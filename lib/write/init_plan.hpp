#pragma once
// `init`: the files of a new, ready-to-edit plan, and writing them without
// ever overwriting anything.
#include <filesystem>
#include <string>
#include <vector>

namespace actionplan {

struct PlanFile {
  std::string path;  // relative to the plan folder
  std::string content;
};

// The blank template: plan.yaml with the default stages written out, the
// four record folders (kept by .gitkeep), a README for contributors and the
// JSON Schemas that the files' `# yaml-language-server: $schema=` lines name.
std::vector<PlanFile> blank_plan_files(const std::string& title);

enum class InitMode { refuse_existing, keep_existing };  // keep_existing: --force

struct InitResult {
  std::vector<std::string> created;
  std::vector<std::string> kept;  // existed already (keep_existing only)
  std::string error;              // set when nothing could be done; nothing was written
};

// Writes `files` into `dir` (created if missing). refuse_existing: when `dir`
// holds plan.yaml or any of the files, writes nothing and says which.
// keep_existing: writes only the missing files. Never overwrites a file.
InitResult write_plan_files(const std::filesystem::path& dir, const std::vector<PlanFile>& files,
                            InitMode mode);

// The schema hint line for a record file in `folder` ("" for plan.yaml).
std::string schema_hint(const std::string& schema_name, bool in_record_folder);

}  // namespace actionplan
