// actionplan import KIND FILE.csv: records from a spreadsheet, all or nothing.
#include <fmt/format.h>

#include "check/check.hpp"
#include "common.hpp"
#include "load/file_read.hpp"
#include "load/plan_loader.hpp"
#include "model/text.hpp"
#include "query/list.hpp"
#include "write/atomic.hpp"
#include "write/import_csv.hpp"

namespace fs = std::filesystem;

namespace actionplan::cli {
namespace {

struct ImportOptions {
  std::string kind;
  std::string file;
  bool dry_run = false;
};

int run_import(const ImportOptions& options, Session& session) {
  const std::optional<ListKind> kind = list_kind_from_name(options.kind);
  if (!kind || kind->projects_only)
    return session.fail(
        fmt::format("unknown kind {}; import activities, objectives, taskforces or indicators",
                    in_quotes(options.kind)));
  std::optional<Date> today = session.as_of("");
  if (!today) return k_exit_failure;
  std::optional<fs::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  if (!session.writable_folder(*root, std::string(kind_info(kind->kind).folder) + "/new.yaml"))
    return k_exit_failure;

  Diagnostics diags;
  const fs::path path = session.context.cwd / options.file;
  std::optional<std::string> text = read_plan_file(path, options.file, diags, k_max_csv_bytes);
  if (!text) {
    for (const Diagnostic& d : diags.items()) session.err << format_diagnostic(d) << "\n";
    return session.fail(fmt::format("cannot read {}; nothing was written", options.file));
  }
  const LoadResult loaded =
      load_plan(*root, session.load_options(scope_for_new_record(kind->kind)));
  const KindInfo& info = kind_info(kind->kind);
  // A file of the kind's folder, read as the loader reads it (no link followed).
  auto existing_text = [&](const std::string& file_name) {
    Diagnostics ignored;
    return read_plan_file(*root / info.folder / file_name, file_name, ignored);
  };
  const ImportResult result = prepare_import(loaded.plan, kind->kind, options.file, *text, *today,
                                             record_file_names(*root / info.folder), existing_text);
  if (!result.ok()) {
    session.show_problems(result.problems, {});
    const int count = result.problems.error_count();
    session.err << fmt::format("{} {} in {}; nothing was written\n", count,
                               count == 1 ? "problem" : "problems", options.file);
    return k_exit_failure;
  }
  // "; 3 rows already imported", for rows whose files an interrupted run wrote.
  const std::size_t skipped = result.already_imported.size();
  const std::string already =
      skipped ? fmt::format("; {} already imported",
                            plural(static_cast<long long>(skipped), "row", "rows"))
              : "";
  if (options.dry_run) {
    for (const PreparedActivity& p : result.records) session.out << p.rel_path << "\n";
    session.err << fmt::format(
        "dry run: {} would be created{}; nothing was written\n",
        plural(static_cast<long long>(result.records.size()), info.singular, info.plural), already);
    return k_exit_ok;
  }
  session.remove_interrupted_writes(*root);
  // Every file is created exclusively; if one cannot be, the ones already
  // created by this import are removed again, so the plan is as before.
  std::vector<fs::path> created;
  std::error_code ec;
  fs::create_directories(*root / info.folder, ec);
  FolderLock lock(*root / info.folder);  // the case check below and the writes happen as one
  auto existing = record_files_by_lower_id(*root / info.folder);
  for (const PreparedActivity& p : result.records) {
    const std::string name = fs::path(p.rel_path).filename().string();
    if (const std::string clash = id_clash(existing, name); !clash.empty()) {
      for (const fs::path& done : created) fs::remove(done, ec);
      return session.fail(fmt::format("cannot create {}: {}; nothing was written", p.rel_path,
                                      escape_controls(clash)));
    }
    existing.emplace(to_lower_ascii(name.substr(0, name.rfind('.'))), name);
    const WriteResult written = write_file(*root / p.rel_path, p.yaml, WriteMode::create_new);
    if (!written.ok()) {
      for (const fs::path& done : created) fs::remove(done, ec);
      return session.fail(fmt::format("cannot write {}: {}; nothing was written", p.rel_path,
                                      written.status == WriteStatus::exists
                                          ? "it was created by someone else just now"
                                          : written.message));
    }
    created.push_back(*root / p.rel_path);
  }
  for (const PreparedActivity& p : result.records) session.out << p.rel_path << "\n";
  session.err << fmt::format(
      "imported {} from {}{}\n",
      plural(static_cast<long long>(result.records.size()), info.singular, info.plural),
      options.file, already);
  return k_exit_ok;
}

}  // namespace

void add_import_command(Command app, Session& session) {
  auto options = std::make_shared<ImportOptions>();
  const Command sub = app.subcommand(
      "import",
      "Create records from a CSV file (a spreadsheet export), one per row. The first\n"
      "row names the columns: the format's keys, as 'list --format csv' writes them\n"
      "(lists separated by ';'). Every row is checked first, as add-project would: on\n"
      "any problem, each is reported as FILE.csv:ROW:COL and nothing is written (exit 2).\n"
      "Prints the created files.");
  sub.option("KIND", options->kind, "activities, objectives, taskforces or indicators").required();
  sub.option("FILE", options->file,
             "The CSV file (UTF-8; cells separated by ',', or by ';' when the first row has\n"
             "';' and no ','; first row = column names). Run again after an interruption:\n"
             "rows whose file holds what they would write count as already imported")
      .required();
  sub.flag("--dry-run", options->dry_run,
           "Check every row and print what would be created; write nothing");
  sub.callback([options, &session] { session.exit_code = run_import(*options, session); });
}

}  // namespace actionplan::cli
