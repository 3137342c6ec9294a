// actionplan add-project: create activities/<id>.yaml, every value checked first.
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "check/check.hpp"
#include "common.hpp"
#include "load/file_read.hpp"
#include "load/plan_loader.hpp"
#include "model/text.hpp"
#include "render/records.hpp"
#include "write/add_record.hpp"

namespace fs = std::filesystem;

namespace actionplan::cli {
namespace {

struct AddProjectOptions {
  std::string title_argument;
  ActivityOptions activity;
  std::string from;
  bool dry_run = false;
  std::string format = "path";
};

// At a terminal, asks for the title and objectives when they were not given.
void ask_missing(AddProjectOptions& options, const fs::path& root, Session& session) {
  std::istream& in = *session.context.in;
  ActivityOptions& a = options.activity;
  std::string line;
  if (!a.values.count("title")) {
    session.err << "Title of the project: " << std::flush;
    if (std::getline(in, line) && !line.empty()) a.values["title"] = line;
  }
  if (!a.lists.count("objectives")) {
    const LoadResult loaded =
        load_plan(root, session.load_options(scope_for_new_record(RecordKind::activity)));
    session.err << "Objectives:\n";
    for (const Objective& o : loaded.plan.objectives)
      session.err << "  " << o.id.value << "  " << (o.title ? escape_controls(o.title->value) : "")
                  << "\n";
    session.err << "Which does it serve? (ids, separated by spaces): " << std::flush;
    if (std::getline(in, line)) {
      std::istringstream words(line);
      for (std::string id; words >> id;) a.lists["objectives"].push_back(id);
    }
  }
}

int run_add_project(AddProjectOptions& options, Session& session, std::istream& in) {
  ActivityOptions& a = options.activity;
  if (!session.take_title_argument(options.title_argument, a)) return k_exit_failure;
  std::optional<Date> today = session.as_of("");
  if (!today) return k_exit_failure;
  std::optional<fs::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  if (!session.writable_folder(*root, "activities/new.yaml")) return k_exit_failure;
  if (session.context.interactive && options.from.empty() && session.context.in)
    ask_missing(options, *root, session);

  std::optional<RecordInput> input;
  if (!options.from.empty()) {
    RecordInput record{options.from, {}};
    if (options.from == "-") {
      record.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } else {
      Diagnostics diags;
      std::optional<std::string> text =
          read_plan_file(session.context.cwd / options.from, options.from, diags);
      if (!text) {
        for (const Diagnostic& d : diags.items()) session.err << format_diagnostic(d) << "\n";
        return session.fail(
            fmt::format("--from: cannot use {}; nothing was written", options.from));
      }
      record.text = *text;
    }
    input = std::move(record);
  }

  const LoadResult loaded =
      load_plan(*root, session.load_options(scope_for_new_record(RecordKind::activity)));
  const PreparedActivity prepared =
      prepare_activity(loaded.plan, a, input, *today, record_file_names(*root / "activities"));
  if (const int code = session.create_record(prepared, a, *root, options.dry_run);
      code || options.dry_run)
    return code;
  if (options.format == "json")
    session.out << json_text(activity_json(prepared.record));
  else
    session.out << prepared.rel_path << "\n";
  return k_exit_ok;
}

}  // namespace

void add_add_project_command(Command app, Session& session) {
  auto options = std::make_shared<AddProjectOptions>();
  const Command sub = app.subcommand(
      "add-project",
      "Create activities/<id>.yaml from options, or from a YAML record (--from FILE, or -\n"
      "for stdin) that options override. Every value is checked first, as validate\n"
      "would: on any problem nothing is written (exit 2). Prints the new file's path.");
  sub.option("TITLE", options->title_argument, "The project's title (or --title)")
      .type_name("TITLE");
  add_record_options(sub, RecordKind::activity,
                     std::shared_ptr<ActivityOptions>(options, &options->activity));
  sub.option("--from", options->from,
             "Start from this YAML record (- for stdin); options override its fields")
      .type_name("FILE");
  sub.flag("--dry-run", options->dry_run, "Print the YAML that would be written; write nothing");
  sub.option("--format", options->format, "What to print once created: path (default) or json")
      .choices({"path", "json"})
      .type_name("path|json");
  sub.callback([options, &session] {
    session.exit_code =
        run_add_project(*options, session, session.context.in ? *session.context.in : std::cin);
  });
}

}  // namespace actionplan::cli
