#include "write/init_plan.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "model/records.hpp"
#include "model/text.hpp"
#include "render/schema.hpp"
#include "write/atomic.hpp"
#include "write/yaml_text.hpp"

namespace fs = std::filesystem;

namespace actionplan {
namespace {

constexpr const char* k_schema_folder = ".actionplan/schemas";

std::string plan_yaml(const std::string& title) {
  std::string stages;
  for (const Stage& s : default_stages())
    stages += fmt::format("  - {{id: {}, name: {}, funded: {}}}\n", s.id.value,
                          yaml_double_quoted(s.name->value), s.funded ? "true" : "false");
  return fmt::format(R"({hint}
# The plan: what the initiative wants to achieve and how it works.
# Records live next to this file, one per file: objectives/, taskforces/,
# activities/ and indicators/. Check everything with `actionplan validate`.
format: 1
title: {title}
description: |
  What this plan is about, in a few sentences.
# vision: "..."
# mission: "..."
# period: {{start: 2025, end: 2030}}
horizons: [2030, 2050]
currency: USD

# Goals group the objectives; each objective names its goal once goals exist.
# goals:
#   - {{id: G1, title: "..."}}

# Regions the plan covers; activities and task forces name them by id.
# regions:
#   - {{id: africa, name: Africa}}

# Bodies named as responsible for activities.
# actors:
#   - {{id: secretariat, name: Secretariat}}

# The project pipeline, in order. `funded: true` marks the stages in which
# a project's funding is secured. Rename, add or remove stages as you work.
stages:
{stages}
# Thresholds of the gap analysis.
analysis:
  stale_after_months: 12
  on_track: 0.9
  at_risk: 0.6
  overlap_threshold: 0.5
)",
                     fmt::arg("hint", schema_hint("plan", false)),
                     fmt::arg("title", yaml_double_quoted(title)), fmt::arg("stages", stages));
}

std::string readme(const std::string& title) {
  return fmt::format(R"(# {title}

This folder is a plan managed with the `actionplan` command-line tool:
plain YAML files, one record per file, so that two people adding two projects
never touch the same file.

| folder | holds |
|---|---|
| `plan.yaml` | the plan: title, goals, regions, actors, the project pipeline (`stages`) |
| `objectives/` | one file per objective, e.g. `objectives/O1.yaml` |
| `taskforces/` | one file per task force or working group |
| `activities/` | one file per project or activity |
| `indicators/` | one file per indicator, with its measurements |

## Contributing

1. Add or edit a record. The file name is the record's `id` plus `.yaml`.
   Start a new file with its editor hint, e.g. for an activity:
   `# yaml-language-server: $schema=../.actionplan/schemas/activity.schema.json`
   (editors with YAML support then complete and check the keys).
2. Run `actionplan validate`. Every problem is shown as
   `FILE:LINE:COLUMN: error: what is wrong [rule]`; fix them all.
3. Open a pull request.

A minimal project (`activities/soil-mapping-kenya.yaml`):

```yaml
id: soil-mapping-kenya
title: Soil carbon mapping in Kenya
objectives: [O1]
stage: idea
```
)",
                     fmt::arg("title", title));
}

}  // namespace

std::string schema_hint(const std::string& schema_name, bool in_record_folder) {
  return fmt::format("# yaml-language-server: $schema={}{}/{}.schema.json",
                     in_record_folder ? "../" : "", k_schema_folder, schema_name);
}

std::vector<PlanFile> blank_plan_files(const std::string& title) {
  std::vector<PlanFile> files;
  files.push_back({"plan.yaml", plan_yaml(title)});
  files.push_back({"README.md", readme(title)});
  for (RecordKind kind : record_kinds())
    files.push_back({fmt::format("{}/.gitkeep", kind_info(kind).folder), ""});
  for (RecordKind kind : {RecordKind::plan, RecordKind::objective, RecordKind::task_force,
                          RecordKind::activity, RecordKind::indicator})
    files.push_back(
        {fmt::format("{}/{}.schema.json", k_schema_folder, schema_name(kind)), json_schema(kind)});
  return files;
}

InitResult write_plan_files(const fs::path& dir, const std::vector<PlanFile>& files,
                            InitMode mode) {
  InitResult result;
  std::error_code ec;
  if (mode == InitMode::refuse_existing) {
    if (fs::exists(fs::symlink_status(dir / "plan.yaml", ec))) {
      result.error = fmt::format(
          "{} already holds a plan (plan.yaml); nothing was written "
          "(--force adds only the missing files)",
          dir.string());
      return result;
    }
    std::vector<std::string> existing;
    for (const PlanFile& f : files)
      if (fs::exists(fs::symlink_status(dir / f.path, ec))) existing.push_back(f.path);
    if (!existing.empty()) {
      result.error = fmt::format(
          "{} already holds {}; nothing was written (--force adds only "
          "the missing files and never overwrites)",
          dir.string(), join(existing));
      return result;
    }
  }
  std::vector<std::string> linked;  // never write through a link out of the plan
  for (const PlanFile& f : files)
    if (const std::string folder = linked_folder(dir, f.path);
        !folder.empty() && std::find(linked.begin(), linked.end(), folder) == linked.end())
      linked.push_back(folder);
  if (!linked.empty()) {
    result.error = fmt::format(
        "{} {}; init writes only into real folders of the plan; nothing was written", join(linked),
        linked.size() == 1 ? "is a symbolic link or not a folder"
                           : "are symbolic links or not folders");
    return result;
  }
  // A failed write (a full disk) takes back what this call created, files and folders,
  // so that the plan is as before and a re-run can start over.
  std::vector<fs::path> made;  // in the order created
  auto undo = [&](std::string message) {
    for (auto it = made.rbegin(); it != made.rend(); ++it)
      fs::remove(*it, ec);  // folders only when empty
    result.created.clear();
    result.kept.clear();
    result.error = std::move(message) + "; nothing was written";
    return result;
  };
  for (const PlanFile& f : files) {
    const fs::path target = dir / f.path;
    std::vector<fs::path>
        missing;  // the folders above target that do not exist yet, innermost first
    for (fs::path p = target.parent_path(); !p.empty() && !fs::exists(fs::symlink_status(p, ec));
         p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) break;
    }
    fs::create_directories(target.parent_path(), ec);
    made.insert(made.end(), missing.rbegin(), missing.rend());
    if (ec)
      return undo(
          fmt::format("cannot create folder {}: {}", target.parent_path().string(), ec.message()));
    const WriteResult written = write_file(target, f.content, WriteMode::create_new);
    if (written.status == WriteStatus::exists) {
      result.kept.push_back(f.path);
    } else if (!written.ok()) {
      return undo(fmt::format("cannot write {}: {}", target.string(), written.message));
    } else {
      made.push_back(target);
      result.created.push_back(f.path);
    }
  }
  return result;
}

}  // namespace actionplan
