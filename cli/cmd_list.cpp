// actionplan list KIND / actionplan show ID: read records from the shell.
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "check/check.hpp"
#include "common.hpp"
#include "history/git.hpp"
#include "model/text.hpp"
#include "query/list.hpp"
#include "render/listing.hpp"

namespace actionplan::cli {
namespace {

struct ListOptions {
  std::string kind;
  ListFilter filter;
  std::string format;
  std::string output;
};

int run_list(const ListOptions& options, Session& session) {
  const std::optional<ListKind> kind = list_kind_from_name(options.kind);
  if (!kind) {
    std::vector<std::string> names = {"objectives", "taskforces", "activities", "projects",
                                      "indicators"};
    std::string message =
        fmt::format("unknown kind {}; list {}", in_quotes(options.kind), list_kind_names());
    const std::string suggestion = closest_match(options.kind, names);
    if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
    return session.fail(message);
  }
  const std::string format_name = output_format(options.format, options.output, "table");
  const std::vector<std::pair<std::string, ListFormat>> formats = {{"table", ListFormat::table},
                                                                   {"json", ListFormat::json},
                                                                   {"csv", ListFormat::csv},
                                                                   {"tsv", ListFormat::tsv},
                                                                   {"ids", ListFormat::ids}};
  auto format = std::find_if(formats.begin(), formats.end(),
                             [&](const auto& f) { return f.first == format_name; });
  if (format == formats.end())
    return session.fail(fmt::format(
        "-o {}: list writes table, json, csv, tsv or ids; give --format", options.output));

  std::optional<Date> as_of = session.as_of("");
  if (!as_of) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  // Objectives and task forces are listed without reading activities and indicators,
  // except for the objectives' table, which shows their status.
  LoadOptions scope;
  const bool status = kind->kind == RecordKind::objective && format->second == ListFormat::table;
  if ((kind->kind == RecordKind::objective || kind->kind == RecordKind::task_force) && !status)
    scope.activities = scope.indicators = Load::names;
  const LoadResult loaded = load_and_check(*root, *as_of, session.load_options(scope));
  if (std::vector<std::string> problems = check_list_filter(loaded.plan, *kind, options.filter);
      !problems.empty()) {
    for (std::size_t i = 0; i + 1 < problems.size(); ++i)
      session.err << "actionplan: error: " << problems[i] << "\n";
    return session.fail(problems.back());
  }
  const int errors = session.show_plan_errors(loaded.diags, "the list below");
  const std::vector<std::size_t> rows = select_records(loaded.plan, *kind, options.filter);
  if (const int code = session.emit(render_list(loaded.plan, kind->kind, rows, format->second,
                                                *as_of, session.load_options().threads),
                                    options.output))
    return code;
  return errors > 0 ? k_exit_problems : k_exit_ok;
}

struct ShowOptions {
  std::string id;
  std::string kind;
  std::string format;
  std::string output;
  bool history = false;
};

const char* source_path(const Plan& plan, RecordKind kind, const std::string& id) {
  switch (kind) {
    case RecordKind::objective:
      return plan.objective(id)->source.path.c_str();
    case RecordKind::task_force:
      return plan.task_force(id)->source.path.c_str();
    case RecordKind::activity:
      return plan.activity(id)->source.path.c_str();
    case RecordKind::indicator:
      return plan.indicator(id)->source.path.c_str();
    case RecordKind::plan:
      break;
  }
  return "";
}

int run_show(const ShowOptions& options, Session& session) {
  std::optional<RecordKind> wanted;
  if (!options.kind.empty()) {
    const std::optional<ListKind> k = list_kind_from_name(options.kind);
    if (!k || k->projects_only)
      return session.fail(
          fmt::format("--kind: unknown kind {}; kinds: objective, taskforce, activity, indicator",
                      in_quotes(options.kind)));
    wanted = k->kind;
  }
  const std::string format_name = output_format(options.format, options.output, "yaml");
  if (format_name != "yaml" && format_name != "json")
    return session.fail(
        fmt::format("-o {}: show writes yaml or json; give --format", options.output));
  std::optional<Date> as_of = session.as_of("");
  if (!as_of) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const LoadResult loaded = load_and_check(*root, *as_of, session.load_options());
  const Plan& plan = loaded.plan;

  std::vector<RecordKind> kinds = kinds_of_id(plan, options.id);
  if (wanted)
    kinds.erase(
        std::remove_if(kinds.begin(), kinds.end(), [&](RecordKind k) { return k != *wanted; }),
        kinds.end());
  if (kinds.empty()) {
    std::vector<std::string> all;
    for (RecordKind k : wanted ? std::vector<RecordKind>{*wanted} : record_kinds())
      for (const std::string& id : plan.ids(k)) all.push_back(id);
    std::string message =
        fmt::format("no {} has the id {}", wanted ? kind_info(*wanted).singular : "record",
                    in_quotes(options.id));
    const std::string suggestion = closest_match(options.id, all);
    if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
    return session.fail(message);
  }
  if (kinds.size() > 1) {
    std::vector<std::string> names;
    for (RecordKind k : kinds) names.push_back(kind_info(k).singular);
    return session.fail(
        fmt::format("{} is the id of more than one record ({}); choose one with --kind",
                    in_quotes(options.id), join(names, ", ")));
  }
  const int errors = session.show_plan_errors(loaded.diags, "the record below");
  if (options.history) {
    const std::string rel_path = source_path(plan, kinds.front(), options.id);
    const FileHistory history = blame_plan_file(*root, rel_path);
    if (!history.error.empty()) return session.fail(history.error);
    std::ifstream in(plan.root / rel_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (const int code =
            session.emit(render_history(value_origins(text.str(), history), format_name == "json"),
                         options.output))
      return code;
    return errors > 0 ? k_exit_problems : k_exit_ok;
  }
  std::string result;
  if (format_name == "json") {
    result = show_json(plan, kinds.front(), options.id);
  } else {
    std::ifstream in(plan.root / source_path(plan, kinds.front(), options.id), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
      return session.fail(
          fmt::format("cannot read {}", source_path(plan, kinds.front(), options.id)));
    result = text.str();
  }
  if (const int code = session.emit(result, options.output)) return code;
  return errors > 0 ? k_exit_problems : k_exit_ok;
}

}  // namespace

void add_list_command(Command app, Session& session) {
  auto options = std::make_shared<ListOptions>();
  const Command sub = app.subcommand(
      "list",
      "List the records of a kind: objectives, taskforces, activities (projects for type\n"
      "project only) or indicators, in id order. Filters of different options must all\n"
      "match; an option given twice matches either value. Formats: an aligned table\n"
      "(default), json (the format's keys), csv and tsv (every key as a column, lists\n"
      "joined with '; '), or ids (one per line, for xargs).");
  sub.option("KIND", options->kind, "objectives, taskforces, activities, projects or indicators")
      .required();
  accept_id_lists(sub.option("-O,--objective", options->filter.objectives,
                             "Records of this objective (activities, indicators, task forces: "
                             "those that work on it)")
                      .type_name("ID"));
  accept_id_lists(
      sub.option("--goal", options->filter.goals, "Objectives of this goal").type_name("ID"));
  accept_id_lists(
      sub.option("--stage", options->filter.stages, "Activities in this stage").type_name("ID"));
  accept_id_lists(
      sub.option(
             "--region", options->filter.regions,
             "Activities in this region (or 'global'); objectives that must cover it; task forces "
             "with a representative of it")
          .type_name("ID"));
  accept_id_lists(sub.option("--task-force", options->filter.task_forces,
                             "Activities and objectives of this task force")
                      .type_name("ID"));
  accept_id_lists(sub.option("--status", options->filter.statuses,
                             "Activities with this status: active, on-hold, cancelled")
                      .type_name("STATUS"));
  accept_id_lists(sub.option("--type", options->filter.types,
                             "Activities of this type (project, activity); indicators of this "
                             "type (numeric, milestone)")
                      .type_name("TYPE"));
  sub.option("--format", options->format,
             "table (default), json, csv, tsv or ids; default from -o's extension")
      .choices({"table", "json", "csv", "tsv", "ids"})
      .type_name("table|json|csv|tsv|ids");
  sub.option("-o,--output", options->output,
             "Write to FILE (atomically, creating folders) instead of stdout")
      .type_name("FILE");
  sub.callback([options, &session] { session.exit_code = run_list(*options, session); });
}

void add_show_command(Command app, Session& session) {
  auto options = std::make_shared<ShowOptions>();
  const Command sub = app.subcommand(
      "show",
      "Show one record: its file as written (yaml, the default), or as JSON with the\n"
      "names of what it refers to under \"resolved\" (objective titles, stage name...).");
  sub.option("ID", options->id, "The record's id").required();
  sub.option(
         "--kind", options->kind,
         "objective, taskforce, activity or indicator, when the id names records of several kinds")
      .type_name("KIND");
  sub.option("--format", options->format, "yaml (default) or json; default from -o's extension")
      .choices({"yaml", "json"})
      .type_name("yaml|json");
  sub.flag("--history", options->history,
           "Each value with the commit (date, author, message) that last set it, read with "
           "git's blame: who to ask about a number. A table, or JSON with --format json");
  sub.option("-o,--output", options->output,
             "Write to FILE (atomically, creating folders) instead of stdout")
      .type_name("FILE");
  sub.callback([options, &session] { session.exit_code = run_show(*options, session); });
}

}  // namespace actionplan::cli
