#pragma once
// The CI files `init` writes into a plan repository: a GitHub Actions workflow
// that installs this version's released .deb through the action of the
// tool's own repository (action.yml), or a GitLab CI file with the same steps.
// Both run in the debian:bookworm container, where the tool is built and
// tested; both name the version that wrote them, so that `init` can tell a
// plan whose CI is from another version, and `init --update-ci` replace it.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "write/init_plan.hpp"

namespace actionplan {

// This build's version ("0.1.0": the tag of a release, else the VERSION file)
// and the GitHub repository whose releases and action the CI files use.
inline constexpr std::string_view k_actionplan_version = ACTIONPLAN_VERSION;
inline constexpr std::string_view k_actionplan_repository = ACTIONPLAN_REPOSITORY;

enum class CiSystem { github, gitlab };

// "github" or "gitlab" → the system; nullopt otherwise.
std::optional<CiSystem> ci_system_from_name(std::string_view name);

// The file for `system`: `.github/workflows/actionplan.yml` (GitHub: validate
// with annotations and the gap analysis as job summary on every pull request,
// the annual report each January, committed and tagged) or `.gitlab-ci.yml`
// (the same on merge requests; the report from a pipeline schedule, kept as
// an artifact). docs/ci.md shows both.
PlanFile ci_file(CiSystem system);

// The GitHub workflow that turns issues written with the plan's issue forms
// (`actionplan forms`) into pull requests: `.github/workflows/actionplan-intake.yml`.
// `init` writes it beside the GitHub workflow; docs/ci.md shows it.
PlanFile intake_workflow_file();

// The version of actionplan that wrote a CI file, from its first line ("0.1.0");
// "" when no version is named (a workflow of actionplan 0.1.0 or before, which
// built the tool from source, or a file init did not write).
std::string ci_file_version(std::string_view content);

// What to tell about an existing CI file (`content` at `path`): that another
// version wrote it, and how to write this version's; "" when this version wrote it.
std::string ci_file_note(const std::string& path, std::string_view content);

// `init --update-ci`: writes this version's CI file into the plan at `root`,
// replacing the one there atomically and touching nothing else.
struct CiUpdate {
  std::string path;         // relative to root
  std::string old_version;  // of the file replaced ("" when none was named)
  bool existed = false;
  bool changed = false;  // false: the file was this version's already; nothing written
  std::string error;     // nothing was written
};
CiUpdate update_ci_file(const std::filesystem::path& root, CiSystem system);
// The same for one of the files `init` writes for CI (intake_workflow_file()).
CiUpdate update_ci_file(const std::filesystem::path& root, const PlanFile& file);

}  // namespace actionplan
