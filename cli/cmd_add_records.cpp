// actionplan add-objective, add-task-force, add-indicator: create records,
// every value checked first, as add-project does.
#include <fmt/format.h>

#include "check/check.hpp"
#include "common.hpp"
#include "load/plan_loader.hpp"
#include "write/add_record.hpp"

namespace fs = std::filesystem;

namespace actionplan::cli {
namespace {

struct AddOptions {
  std::string title_argument;
  ActivityOptions record;
  bool dry_run = false;
};

int run_add(RecordKind kind, AddOptions& options, Session& session) {
  ActivityOptions& o = options.record;
  if (!session.take_title_argument(options.title_argument, o)) return k_exit_failure;
  std::optional<Date> today = session.as_of("");
  if (!today) return k_exit_failure;
  std::optional<fs::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const std::string folder = kind_info(kind).folder;
  if (!session.writable_folder(*root, folder + "/new.yaml")) return k_exit_failure;
  const LoadResult loaded = load_plan(*root, session.load_options(scope_for_new_record(kind)));
  const PreparedActivity prepared =
      prepare_record(kind, loaded.plan, o, *today, record_file_names(*root / folder));
  if (const int code = session.create_record(prepared, o, *root, options.dry_run);
      code || options.dry_run)
    return code;
  session.out << prepared.rel_path << "\n";
  return k_exit_ok;
}

void add_command(Command app, Session& session, RecordKind kind, const char* name, const char* help,
                 const char* title_help) {
  auto options = std::make_shared<AddOptions>();
  const Command sub = app.subcommand(name, help);
  sub.option("TITLE", options->title_argument, title_help).type_name("TITLE");
  add_record_options(sub, kind, std::shared_ptr<ActivityOptions>(options, &options->record));
  sub.flag("--dry-run", options->dry_run, "Print the YAML that would be written; write nothing");
  sub.callback([options, kind, &session] { session.exit_code = run_add(kind, *options, session); });
}

}  // namespace

void add_record_creation_commands(Command app, Session& session) {
  add_command(app, session, RecordKind::objective, "add-objective",
              "Create objectives/<id>.yaml; every value is checked first, as add-project does.",
              "The objective's title");
  add_command(app, session, RecordKind::task_force, "add-task-force",
              "Create taskforces/<id>.yaml; every value is checked first, as add-project does.",
              "The task force's name");
  add_command(
      app, session, RecordKind::indicator, "add-indicator",
      "Create indicators/<id>.yaml (numeric, milestone, qualitative); every value is checked "
      "first.",
      "The indicator's title");
}

}  // namespace actionplan::cli
