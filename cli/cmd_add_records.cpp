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
  if (const int code = session.create_record(prepared, *root, options.dry_run);
      code || options.dry_run)
    return code;
  session.out << prepared.rel_path << "\n";
  return k_exit_ok;
}

struct Spec {
  const char* option;  // "--goal" or "-O,--objective"
  const char* key;     // key of the format the option sets
  const char* help;
  const char* type;
  bool repeatable;
};

void add_command(CLI::App& app, Session& session, RecordKind kind, const char* name,
                 const char* help, const char* title_help, const std::vector<Spec>& specs) {
  auto options = std::make_shared<AddOptions>();
  CLI::App* sub = app.add_subcommand(name, help);
  sub->add_option("TITLE", options->title_argument, title_help)->type_name("TITLE");
  std::vector<Spec> all = {
      {"--title", "title", title_help, "TEXT", false},
      {"--id", "id", "The id and file name (default: a slug of the title)", "ID", false}};
  all.insert(all.end(), specs.begin(), specs.end());
  for (const Spec& s : all) {
    const std::string names = s.option;
    const std::string key = s.key;
    options->record.option_names[key] = names.substr(names.rfind(',') + 1);
    if (s.repeatable) {
      CLI::Option* option = sub->add_option_function<std::vector<std::string>>(
                                   names,
                                   [options, key](const std::vector<std::string>& v) {
                                     auto& items = options->record.lists[key];
                                     items.insert(items.end(), v.begin(), v.end());
                                   },
                                   s.help)
                                ->type_name(s.type)
                                ->allow_extra_args(false);
      if (std::string_view(s.type) == "ID")
        accept_id_lists(option);  // names and targets may hold commas
    } else {
      sub->add_option_function<std::string>(
             names, [options, key](const std::string& v) { options->record.values[key] = v; },
             s.help)
          ->type_name(s.type);
    }
  }
  sub->add_flag("--dry-run", options->dry_run,
                "Print the YAML that would be written; write nothing");
  sub->callback(
      [options, kind, &session] { session.exit_code = run_add(kind, *options, session); });
}

}  // namespace

void add_record_creation_commands(CLI::App& app, Session& session) {
  add_command(
      app, session, RecordKind::objective, "add-objective",
      "Create objectives/<id>.yaml; every value is checked first, as add-project does.",
      "The objective's title",
      {{"--goal", "goal", "The goal it serves (required when the plan has goals)", "ID", false},
       {"--description", "description", "What the objective is", "TEXT", false},
       {"--problem", "problem", "The problem behind it", "TEXT", false},
       {"--target", "targets", "A target: YEAR=TEXT, e.g. 2030=\"Losses halted\" (repeatable)",
        "YEAR=TEXT", true},
       {"--region", "regions",
        "A region it must cover (repeatable or comma-separated; default all)", "ID", true}});
  add_command(
      app, session, RecordKind::task_force, "add-task-force",
      "Create taskforces/<id>.yaml; every value is checked first, as add-project does.",
      "The task force's name",
      {{"-O,--objective", "objectives",
        "An objective it works on (repeatable or comma-separated, at least one)", "ID", true},
       {"--leader", "leaders", "A leader's name (repeatable)", "NAME", true},
       {"--member", "members", "A member's name (repeatable)", "NAME", true},
       {"--approach", "approach", "How it works", "TEXT", false}});
  add_command(
      app, session, RecordKind::indicator, "add-indicator",
      "Create indicators/<id>.yaml, numeric or milestone; every value is checked first.",
      "The indicator's title",
      {{"--objective", "objective", "The objective it measures (or --activity)", "ID", false},
       {"--activity", "activity", "The activity it measures (or --objective)", "ID", false},
       {"--type", "type", "numeric (default) or milestone", "TYPE", false},
       {"--unit", "unit", "Unit: count, %, ha, tCO2e ...", "TEXT", false},
       {"--direction", "direction", "increase (default) or decrease", "DIR", false},
       {"--baseline", "baseline_value", "Baseline value", "N", false},
       {"--baseline-date", "baseline_date", "Baseline date", "DATE", false},
       {"--target", "targets", "A target: YEAR=VALUE (a number; text for milestones) (repeatable)",
        "YEAR=VALUE", true},
       {"--due", "due", "Due date (milestones)", "DATE", false},
       {"--description", "description", "What it measures", "TEXT", false},
       {"--method", "method", "How it is measured", "TEXT", false},
       {"--source", "source", "Where the data come from", "TEXT", false}});
}

}  // namespace actionplan::cli
