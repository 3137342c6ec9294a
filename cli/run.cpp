#include "run.hpp"

#include <algorithm>
#include <exception>

#include "common.hpp"
#include "model/text.hpp"

namespace actionplan::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Context& context) {
  Session session{out, err, context, {}, 0};
  const CommandLine line{
      "actionplan: plan, check and report on an initiative's strategy implementation.\n"
      "A plan is a folder of YAML records (plan.yaml, objectives/, taskforces/, activities/,\n"
      "indicators/), normally a git repository.",
      "actionplan"};
  line.version_flag("--version", std::string("actionplan ") + ACTIONPLAN_VERSION,
                    "Print the version and exit");
  const Command app = line.root();
  app.option("-C,--dir", session.dir,
             "Run as if started in DIR (the plan is found in DIR or a folder above it)")
      .type_name("DIR");
  line.require_subcommand(1);
  line.fallthrough();
  line.footer(
      "Exit codes: 0 success, 1 problems found, 2 the command could not do its job.\n"
      "Run 'actionplan COMMAND --help' for the options of a command.");

  add_init_command(app, session);
  add_validate_command(app, session);
  add_add_project_command(app, session);
  add_record_creation_commands(app, session);
  add_record_command(app, session);
  add_set_stage_command(app, session);
  add_gap_analysis_command(app, session);
  add_report_command(app, session);
  add_list_command(app, session);
  add_import_command(app, session);
  add_show_command(app, session);
  add_forms_command(app, session);
  add_diff_command(app, session);
  add_schema_command(app, session);
  add_completion_command(app, session);

  // An unknown command gets its own message (CLI11 would only say one is required).
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-C" || arg == "--dir") {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') continue;
    std::vector<std::string> names;
    for (const CommandSummary& sub : app.subcommands()) names.push_back(sub.name);
    if (std::find(names.begin(), names.end(), arg) != names.end()) break;
    std::string message = "unknown command '" + arg + "'";
    const std::string suggestion = closest_match(arg, names);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    session.fail(message);
    err << "Run 'actionplan --help' for the list of commands.\n";
    return k_exit_failure;
  }

  if (context.threads && !context.threads->empty() && !thread_count(*context.threads))
    return session.fail(
        "ACTIONPLAN_THREADS=" + escape_controls(*context.threads) +
        " is not a number of workers from 1 to 1024 (leave it unset to use every core)");

  try {
    if (const std::optional<ParseStop> stop = line.parse(args, out, err)) {
      if (!stop->refused) return stop->exit_code;  // help or the version
      session.fail(stop->message);
      err << "Run '" << stop->command << " --help' for more information.\n";
      return k_exit_failure;
    }
  } catch (const std::exception& e) {
    return session.fail(std::string("internal error: ") + e.what());
  }
  return session.exit_code;
}

}  // namespace actionplan::cli
