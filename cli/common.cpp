#include "common.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "load/plan_loader.hpp"
#include "model/text.hpp"
#include "write/atomic.hpp"

namespace fs = std::filesystem;

namespace actionplan::cli {

int Session::fail(const std::string& message) const {
  // Messages quote command-line values: escaped, an argument cannot drive the terminal.
  err << "actionplan: error: " << escape_controls(message) << "\n";
  return k_exit_failure;
}

fs::path Session::start_dir() const {
  if (dir.empty()) return context.cwd;
  return (context.cwd / dir).lexically_normal();
}

std::optional<fs::path> Session::plan_root() const {
  const fs::path start = start_dir();
  std::error_code ec;
  if (!fs::is_directory(start, ec)) {
    fail(fmt::format("cannot use -C {}: {}", dir,
                     fs::exists(start, ec) ? "not a folder" : "no such folder"));
    return std::nullopt;
  }
  std::optional<fs::path> root = find_plan_root(start);
  if (!root)
    fail(
        fmt::format("no plan found: no plan.yaml in {} or any folder above it (create one with "
                    "'actionplan init', or point at one with -C DIR)",
                    start.string()));
  return root;
}

int Session::emit(const std::string& result, const std::string& output) const {
  if (output.empty()) {
    out << result;
    return k_exit_ok;
  }
  const fs::path path = (context.cwd / output).lexically_normal();
  std::error_code ec;
  // Inside a plan, never through a folder link planted in it (reports -> /elsewhere).
  if (const std::optional<fs::path> root = find_plan_root(start_dir())) {
    const fs::path relative = path.lexically_relative(*root);
    if (!relative.empty() && *relative.begin() != "..")
      if (const std::string folder = linked_folder(*root, relative.generic_string());
          !folder.empty())
        return fail(fmt::format(
            "-o {}: '{}' in the plan is a symbolic link or not a folder; the tool writes "
            "only into real folders of the plan; nothing was written",
            escape_controls(output), escape_controls(folder)));
  }
  // The folders made for the file, removed again if the file cannot be written.
  fs::path first_made;
  for (fs::path p = path.parent_path(); !p.empty() && !fs::exists(fs::symlink_status(p, ec));
       p = p.parent_path()) {
    first_made = p;
    if (p == p.parent_path()) break;
  }
  fs::create_directories(path.parent_path(), ec);
  if (ec)
    return fail(
        fmt::format("cannot create folder {}: {}", path.parent_path().string(), ec.message()));
  const WriteResult written = write_file(path, result, WriteMode::replace);
  if (!written.ok()) {
    if (!first_made.empty())
      for (fs::path p = path.parent_path(); p.string().size() >= first_made.string().size();
           p = p.parent_path()) {
        fs::remove(p, ec);  // only when empty
        if (p == first_made) break;
      }
    return fail(fmt::format("cannot write {}: {}", output, written.message));
  }
  err << "wrote " << escape_controls(output) << "\n";
  return k_exit_ok;
}

LoadOptions Session::load_options(LoadOptions options) const {
  if (context.threads) options.threads = thread_count(*context.threads).value_or(0);
  return options;
}

std::optional<unsigned> thread_count(const std::string& text) {
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > 1024)
    return std::nullopt;
  return n;
}

std::string output_format(const std::string& format_option, const std::string& output,
                          const std::string& fallback) {
  if (!format_option.empty()) return format_option;
  const std::string ext = fs::path(output).extension().string();
  if (ext == ".json") return "json";
  if (ext == ".csv") return "csv";
  if (ext == ".tsv") return "tsv";
  if (ext == ".md" || ext == ".markdown") return "md";
  if (ext == ".yaml" || ext == ".yml") return "yaml";
  if (ext == ".html" || ext == ".htm") return "html";
  return fallback;
}

void Session::show_problems(const Diagnostics& problems,
                            const std::map<std::string, std::string>& option_names) const {
  for (const Diagnostic& d : problems.items()) {
    if (d.severity != Severity::error) continue;
    if (!d.path.empty()) {
      err << format_diagnostic(d) << "\n";
      continue;
    }
    std::string option;
    if (!d.key.empty()) {
      auto named = option_names.find(d.key);
      if (named != option_names.end()) {
        option = named->second;
      } else {  // the option named as its key: "date" → --date
        option = "--" + d.key;
        std::replace(option.begin(), option.end(), '_', '-');
      }
    }
    err << "actionplan: error: " << (option.empty() ? "" : option + ": ") << message_with_code(d)
        << "\n";
  }
}

int Session::apply_edit(const FileEdit& edit, const fs::path& root) const {
  if (!edit.ok()) {
    show_problems(edit.problems, {});
    for (const Diagnostic& d : edit.edited_problems.items())
      err << "actionplan: error: the edited file would not validate: " << format_diagnostic(d)
          << "\n";
    err << "nothing was written\n";
    return k_exit_failure;
  }
  if (edit.unchanged) {
    err << edit.note << "\n";
    return k_exit_ok;
  }
  remove_interrupted_writes(root);
  const WriteResult written = write_file(root / edit.rel_path, edit.text, WriteMode::replace);
  if (!written.ok())
    return fail(
        fmt::format("cannot write {}: {}; the file is unchanged", edit.rel_path, written.message));
  out << edit.rel_path << "\n";
  return k_exit_ok;
}

bool Session::take_title_argument(const std::string& argument, ActivityOptions& options) const {
  if (argument.empty()) return true;
  auto title = options.values.find("title");
  if (title != options.values.end() && title->second != argument) {
    fail("give the title once: as the argument or with --title");
    return false;
  }
  options.values["title"] = argument;
  return true;
}

int Session::create_record(const PreparedActivity& prepared, const ActivityOptions& options,
                           const fs::path& root, bool dry_run) const {
  if (!prepared.ok()) {
    show_problems(prepared.problems, options.option_names);
    err << "nothing was written\n";
    return k_exit_failure;
  }
  if (dry_run) {
    out << prepared.yaml;
    err << fmt::format("dry run: {} would be created; nothing was written\n", prepared.rel_path);
    return k_exit_ok;
  }
  remove_interrupted_writes(root);
  std::error_code ec;
  const fs::path folder = (root / prepared.rel_path).parent_path();
  fs::create_directories(folder, ec);
  FolderLock lock(folder);  // the case check below and the write happen as one
  if (const std::string clash = id_clash(record_files_by_lower_id(folder),
                                         fs::path(prepared.rel_path).filename().string());
      !clash.empty())
    return fail(fmt::format("cannot create {}: {}; nothing was written", prepared.rel_path,
                            escape_controls(clash)));
  const WriteResult written =
      write_file(root / prepared.rel_path, prepared.yaml, WriteMode::create_new);
  if (written.status == WriteStatus::exists)
    return fail(fmt::format("{} was created by someone else just now; nothing was overwritten",
                            prepared.rel_path));
  if (!written.ok())
    return fail(fmt::format("cannot write {}: {}; nothing was written", prepared.rel_path,
                            written.message));
  return k_exit_ok;
}

bool Session::writable_folder(const fs::path& root, const std::string& rel_path) const {
  const std::string folder = linked_folder(root, rel_path);
  if (folder.empty()) return true;
  err << format_diagnostic(
             Diagnostic{folder,
                        {1, 1},
                        Severity::error,
                        "not-a-folder",
                        fmt::format("'{}' is a symbolic link or not a folder; actionplan writes "
                                    "only into the plan's own folders, never through a link",
                                    folder),
                        {}})
      << "\nnothing was written\n";
  return false;
}

void Session::remove_interrupted_writes(const fs::path& root) const {
  const std::vector<std::string> removed = remove_abandoned_temp_files_of_plan(root);
  if (removed.empty()) return;
  err << fmt::format(
      "removed {} left by an interrupted command: {}\n",
      plural(static_cast<long long>(removed.size()), "temporary file", "temporary files"),
      escape_controls(join(removed)));
}

int Session::show_plan_errors(const Diagnostics& diags, const std::string& what) const {
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::error) err << format_diagnostic(d) << "\n";
  const int errors = diags.error_count();
  if (errors > 0)
    err << fmt::format(
        "warning: the plan has {} (see above, or run 'actionplan validate'); "
        "{} may be incomplete\n",
        plural(errors, "error", "errors"), what);
  return errors;
}

std::optional<Date> Session::as_of(const std::string& option) const {
  if (!option.empty()) {
    std::optional<Date> date = Date::parse(option);
    if (!date || date->day == 0 || option.size() != 10) {
      const std::string hint = iso_date_hint(option, true);
      fail(fmt::format("--as-of: {} {}; {}", in_quotes(option),
                       date ? "names no day" : "is not a date",
                       hint.empty() ? "write YYYY-MM-DD, e.g. 2026-12-31" : hint));
      return std::nullopt;
    }
    return date;
  }
  if (context.source_date_epoch) {
    const std::string& text = *context.source_date_epoch;
    long long seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
      fail(fmt::format("SOURCE_DATE_EPOCH={} is not a number of seconds", text));
      return std::nullopt;
    }
    return date_from_unix_seconds(seconds);
  }
  return date_from_unix_seconds(context.now_unix_seconds);
}

void add_record_options(Command sub, RecordKind kind, std::shared_ptr<ActivityOptions> options) {
  for (const AddOption& o : add_options(kind)) {
    options->option_names[o.key] = o.names.substr(o.names.rfind(',') + 1);
    const std::string key = o.key;
    if (!o.repeatable) {
      sub.option_function(
             o.names, [options, key](const std::string& v) { options->values[key] = v; }, o.help)
          .type_name(o.type);
      continue;
    }
    const CommandOption option = sub.list_option_function(
                                        o.names,
                                        [options, key](const std::vector<std::string>& v) {
                                          auto& items = options->lists[key];
                                          items.insert(items.end(), v.begin(), v.end());
                                        },
                                        o.help)
                                     .type_name(o.type)
                                     .one_value_each();
    if (o.type == "ID" || o.type == "CODE") accept_id_lists(option);  // names may hold commas
  }
}

CommandOption accept_id_lists(CommandOption option) {
  return option.delimiter(',').transform(
      [](std::string& item) {
        const std::size_t first = item.find_first_not_of(" \t");
        item = first == std::string::npos
                   ? ""
                   : item.substr(first, item.find_last_not_of(" \t") - first + 1);
        return std::string();
      },
      "trim");
}

bool fails_gate(const std::vector<Finding>& findings, const std::string& fail_on) {
  if (fail_on == "never") return false;
  const FindingSeverity limit = fail_on == "high"     ? FindingSeverity::high
                                : fail_on == "medium" ? FindingSeverity::medium
                                                      : FindingSeverity::low;
  for (const Finding& f : findings)
    if (f.severity <= limit) return true;  // high is the first severity
  return false;
}

}  // namespace actionplan::cli
