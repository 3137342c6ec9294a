// actionplan init: create a ready-to-edit plan.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "common.hpp"
#include "history/git.hpp"
#include "model/text.hpp"
#include "write/ci_files.hpp"
#include "write/forms.hpp"
#include "write/init_plan.hpp"
#include "write/templates.hpp"

namespace fs = std::filesystem;

namespace actionplan::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
  std::string title;
  std::string template_name = "blank";
  bool no_git = false;
  bool no_ci = false;
  std::string ci = "github";
  bool update_ci = false;
  bool force = false;
  bool list_templates = false;
};

// The CI files in `dir` that another version of actionplan wrote, each with how to update it.
void note_other_ci_files(const fs::path& dir, Session& session) {
  for (CiSystem system : {CiSystem::github, CiSystem::gitlab}) {
    const std::string path = ci_file(system).path;
    std::ifstream in(dir / path, std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    if (const std::string note = ci_file_note(path, text.str()); !note.empty())
      session.err << "note: " << note << "\n";
  }
}

// Says what --update-ci did to one file; false after reporting a failure.
bool report_update(const CiUpdate& update, Session& session) {
  if (!update.error.empty()) {
    session.fail(update.error);
    return false;
  }
  if (!update.changed) {
    session.err << fmt::format("{} is the one of actionplan {} already; nothing was written.\n",
                               update.path, k_actionplan_version);
    return true;
  }
  session.out << update.path << "\n";
  if (!update.existed)
    session.err << fmt::format("Wrote {} (actionplan {}).\n", update.path, k_actionplan_version);
  else
    session.err << fmt::format(
        "Replaced {} ({}) with the one of actionplan {}. If you had changed it, 'git diff {}' "
        "shows what to carry over.\n",
        update.path,
        update.old_version.empty() ? "from an older actionplan"
                                   : "from actionplan " + update.old_version,
        k_actionplan_version, update.path);
  return true;
}

// --update-ci: this version's CI files (GitHub: the check and report workflow, and
// the intake workflow of the issue forms), and nothing else.
int run_update_ci(const fs::path& dir, CiSystem system, Session& session) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / "plan.yaml", ec))
    return session.fail(fmt::format(
        "{} holds no plan (plan.yaml); --update-ci rewrites the CI file of an existing plan; "
        "run 'actionplan init' to create one",
        dir.string()));
  std::vector<PlanFile> files = {ci_file(system)};
  if (system == CiSystem::github) files.push_back(intake_workflow_file());
  bool intake_new = false;
  for (const PlanFile& file : files) {
    const CiUpdate update = update_ci_file(dir, file);
    if (!report_update(update, session)) return k_exit_failure;
    intake_new = intake_new || (update.changed && !update.existed && &file != &files.front());
  }
  session.err << "Nothing else was touched.\n";
  if (intake_new)
    session.err << "The check job now runs 'actionplan forms --check': run 'actionplan forms' "
                   "and commit the issue forms it writes (docs/ci.md, \"Issue forms\").\n";
  return k_exit_ok;
}

int run_init(const InitOptions& options, Session& session) {
  if (options.list_templates) {
    for (const TemplateInfo& t : list_templates())
      session.out << t.name << "\t" << t.description << "\n";
    return k_exit_ok;
  }
  const std::vector<TemplateInfo> templates = list_templates();
  auto chosen = std::find_if(templates.begin(), templates.end(), [&](const TemplateInfo& t) {
    return t.name == options.template_name;
  });
  if (chosen == templates.end()) {
    std::vector<std::string> names;
    for (const TemplateInfo& t : templates) names.push_back(t.name);
    std::string message = fmt::format("unknown template '{}'; templates: {}", options.template_name,
                                      describe_ids(names, 20, IdOrder::as_given));
    const std::string suggestion = closest_match(options.template_name, names);
    if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
    return session.fail(message);
  }
  fs::path dir = (session.start_dir() / options.dir).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();  // "plan/" and "." name the folder itself
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return session.fail(fmt::format("{} exists and is not a folder", dir.string()));
  const bool write_ci = !options.no_ci && options.ci != "none";
  const CiSystem ci = ci_system_from_name(options.ci).value_or(CiSystem::github);
  if (options.update_ci) {
    if (!write_ci) return session.fail("--update-ci writes a CI file: give --ci github or gitlab");
    return run_update_ci(dir, ci, session);
  }

  // The title written: --title, else the folder's name for a blank plan; an
  // example keeps its own title unless --title is given.
  std::string title = options.title;
  if (title.empty() && chosen->name == "blank") {
    title = dir.filename().string();
    if (title.empty() || title == "." || title == "..") title = "Untitled plan";
  }
  std::vector<PlanFile> files = *template_files(chosen->name, title);
  if (write_ci) files.push_back(ci_file(ci));
  if (write_ci && ci == CiSystem::github) {  // the issue forms, and the workflow that reads them
    files.push_back(intake_workflow_file());
    std::vector<PlanFileContent> contents;
    for (const PlanFile& f : files) contents.push_back({f.path, f.content, "", 0});
    for (PlanFile& form : form_files(load_plan_from_memory(contents, 1).plan))
      files.push_back(std::move(form));
  }
  if (title.empty()) title = chosen->description;

  fs::path existing = dir;  // the nearest folder that exists: DIR may not exist yet
  while (!fs::exists(existing, ec) && existing.has_relative_path())
    existing = existing.parent_path();
  const bool git = !options.no_git && !inside_git_repository(existing);

  const InitResult result = write_plan_files(
      dir, files, options.force ? InitMode::keep_existing : InitMode::refuse_existing);
  if (!result.error.empty()) {
    const int code = session.fail(result.error);
    note_other_ci_files(dir, session);
    return code;
  }
  for (const std::string& path : result.created) session.out << path << "\n";
  for (const std::string& path : result.kept)
    session.err << "kept existing " << path << " (init never overwrites)\n";
  note_other_ci_files(dir, session);
  if (git) {
    if (auto error = init_git_repository(dir)) return session.fail(*error);
  }
  if (result.kept.empty())
    session.err << fmt::format("Created plan '{}' in {}{}.\n", title, dir.string(),
                               git ? " (new git repository)" : "");
  else
    session.err << fmt::format("Added {} missing files to {}; kept {} existing ones{}.\n",
                               result.created.size(), dir.string(), result.kept.size(),
                               git ? " (new git repository)" : "");
  session.err << "Next: edit plan.yaml, add records, then run 'actionplan validate'.\n";
  return k_exit_ok;
}

}  // namespace

void add_init_command(Command app, Session& session) {
  auto options = std::make_shared<InitOptions>();
  const Command sub = app.subcommand(
      "init",
      "Create a ready-to-edit plan in DIR (default: the current folder): plan.yaml with\n"
      "the default project pipeline, the four record folders, a README for contributors,\n"
      "editor schema hints and a CI file that checks every pull request and writes the\n"
      "annual report (.github/workflows/actionplan.yml, or .gitlab-ci.yml with --ci gitlab).\n"
      "With GitHub, also the plan's issue forms (see 'actionplan forms') and the workflow\n"
      "that turns the issues into pull requests (.github/workflows/actionplan-intake.yml).\n"
      "Makes DIR a git repository unless it is inside one.\n"
      "Refuses (exit 2, nothing written) when DIR already holds a plan or any file init\n"
      "would write; --force writes only the missing files and never overwrites one.\n"
      "Prints the created files on stdout. On a plan whose CI file another version\n"
      "wrote, says so; --update-ci rewrites that file alone.");
  sub.option("DIR", options->dir, "Folder of the new plan (created if missing)").type_name("DIR");
  sub.option("--title", options->title, "Title of the plan (default: the folder's name)")
      .type_name("TEXT");
  sub.option("--template", options->template_name,
             "Starting point: blank (default) or a shipped example (see --list-templates)")
      .type_name("NAME");
  sub.flag("--list-templates", options->list_templates, "List the templates and exit");
  sub.flag("--no-git", options->no_git, "Do not create a git repository");
  sub.option("--ci", options->ci,
             "The CI file to write: github (default: .github/workflows/actionplan.yml), "
             "gitlab (.gitlab-ci.yml) or none")
      .choices({"github", "gitlab", "none"})
      .type_name("github|gitlab|none");
  sub.flag("--no-ci", options->no_ci, "Write no CI file (the same as --ci none)");
  sub.flag("--force", options->force,
           "Add the missing files to an existing folder or plan (never overwrites)");
  sub.flag("--update-ci", options->update_ci,
           "Rewrite the CI file of the plan in DIR with this version's (which installs\n"
           "this version's released package), and touch nothing else");
  sub.callback([options, sub, &session] {
    if (options->update_ci)
      for (const char* other : {"--force", "--template", "--title", "--no-ci", "--list-templates"})
        if (sub.get_option(other).count() > 0) {
          session.exit_code = session.fail(fmt::format(
              "--update-ci rewrites the CI file alone; it takes DIR and --ci, not {}", other));
          return;
        }
    session.exit_code = run_init(*options, session);
  });
}

}  // namespace actionplan::cli
