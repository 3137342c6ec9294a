// actionplan forms and intake: the issue forms of the plan, and the issues written with them.
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "model/text.hpp"
#include "write/atomic.hpp"
#include "write/forms.hpp"
#include "write/intake.hpp"

namespace actionplan::cli {
namespace {

struct FormsOptions {
  bool check = false;
};

int run_forms(const FormsOptions& options, Session& session) {
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const LoadResult loaded = load_plan(*root, session.load_options());
  session.show_plan_errors(loaded.diags, "the forms");
  using State = FormFileStatus::State;
  int out_of_date = 0, failed = 0;
  for (const FormFileStatus& s : sync_forms(*root, loaded.plan, options.check)) {
    switch (s.state) {
      case State::current:
        break;
      case State::written:
        session.out << s.path << "\n";
        break;
      case State::removed:
        session.err << fmt::format("removed {}: the plan has nothing to choose from in it\n",
                                   s.path);
        break;
      case State::stale:
      case State::missing:
        ++out_of_date;
        session.err << fmt::format(
            "{}:1:1: error: {} [forms-out-of-date]\n", s.path,
            s.state == State::missing
                ? "this issue form of the plan is missing; run 'actionplan forms' and commit it"
                : "this issue form is out of date with the plan; run 'actionplan forms' and "
                  "commit the change");
        break;
      case State::foreign:
        ++failed;
        session.err << fmt::format(
            "{}:1:1: error: this file was not written by 'actionplan forms'; it is left as it "
            "is: rename it to let forms write the plan's form [not-generated]\n",
            s.path);
        break;
      case State::failed:
        ++failed;
        session.err << fmt::format("actionplan: error: cannot write {}: {}\n", s.path, s.message);
        break;
    }
  }
  if (failed) return options.check ? k_exit_problems : k_exit_failure;
  if (out_of_date) return k_exit_problems;
  if (options.check) session.err << "the issue forms are up to date with the plan\n";
  return k_exit_ok;
}

struct IntakeOptions {
  std::string file;     // the issue body: a file, or - for stdin
  std::string event;    // a GitHub event payload holding it (issue.body)
  std::string form;     // project, value or progress; default: the form the headings answer
  std::string comment;  // where to write the Markdown comment for the issue
  std::string as_of;
  bool dry_run = false;
};

// At most `limit` + 1 bytes of a stream: enough to tell that it is too large.
std::string read_capped(std::istream& in, std::size_t limit) {
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// The issue body, and the name problems give it; nullopt after reporting.
std::optional<std::pair<std::string, std::string>> read_body(const IntakeOptions& o,
                                                             Session& session) {
  if (!o.event.empty()) {
    std::ifstream in(session.context.cwd / o.event, std::ios::binary);
    const std::string text = read_capped(in, 64u << 20);
    const nlohmann::json event = nlohmann::json::parse(text, nullptr, false);
    if (!in.is_open() || event.is_discarded() || !event.is_object()) {
      session.fail(fmt::format("--event: cannot read {} as a GitHub event (JSON)", o.event));
      return std::nullopt;
    }
    const nlohmann::json* issue = event.contains("issue") ? &event["issue"] : nullptr;
    if (!issue || !issue->is_object()) {
      session.fail(fmt::format("--event: {} is not the event of an issue", o.event));
      return std::nullopt;
    }
    const auto body = issue->find("body");
    return std::pair{body != issue->end() && body->is_string() ? body->get<std::string>() : "",
                     std::string("issue")};
  }
  if (o.file.empty() || o.file == "-") {
    std::istream& in = session.context.in ? *session.context.in : std::cin;
    return std::pair{read_capped(in, k_max_issue_bytes), std::string("<stdin>")};
  }
  std::ifstream in(session.context.cwd / o.file, std::ios::binary);
  if (!in) {
    session.fail(fmt::format("cannot read {}", o.file));
    return std::nullopt;
  }
  return std::pair{read_capped(in, k_max_issue_bytes), o.file};
}

int write_intake(const IntakeResult& result, const std::filesystem::path& root, Session& session) {
  if (result.create) {
    PreparedActivity prepared;
    prepared.rel_path = result.rel_path;
    prepared.yaml = result.text;
    if (const int code = session.create_record(prepared, {}, root, false)) return code;
    session.out << result.rel_path << "\n";
    return k_exit_ok;
  }
  FileEdit edit;
  edit.rel_path = result.rel_path;
  edit.text = result.text;
  return session.apply_edit(edit, root);
}

int run_intake(const IntakeOptions& o, Session& session) {
  std::optional<Date> today = session.as_of(o.as_of);
  if (!today) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  for (const char* folder : {"activities/new.yaml", "indicators/new.yaml"})
    if (!session.writable_folder(*root, folder)) return k_exit_failure;
  std::optional<std::pair<std::string, std::string>> body = read_body(o, session);
  if (!body) return k_exit_failure;
  const LoadResult loaded = load_plan(*root, session.load_options());
  std::optional<FormKind> kind;
  if (o.form == "project") kind = FormKind::project;
  if (o.form == "value") kind = FormKind::value;
  if (o.form == "progress") kind = FormKind::progress;
  const std::vector<Form> forms = issue_forms(loaded.plan);
  const IntakeResult result = intake(loaded.plan, forms, body->first, body->second, kind, *today,
                                     record_file_names(*root / "activities"));
  if (!o.comment.empty()) {
    const WriteResult written =
        write_file(session.context.cwd / o.comment, intake_comment(result), WriteMode::replace);
    if (!written.ok())
      return session.fail(fmt::format("cannot write {}: {}", o.comment, written.message));
  }
  if (!result.ok()) {
    for (const Diagnostic& d : result.problems.items()) session.err << format_diagnostic(d) << "\n";
    session.err << "the issue was not added to the plan; nothing was written\n";
    return k_exit_problems;
  }
  session.err << result.summary << "\n";
  if (o.dry_run) {
    session.out << result.text;
    session.err << fmt::format("dry run: {} would be written; nothing was written\n",
                               result.rel_path);
    return k_exit_ok;
  }
  return write_intake(result, *root, session);
}

}  // namespace

void add_forms_command(Command app, Session& session) {
  auto options = std::make_shared<FormsOptions>();
  const Command sub = app.subcommand(
      "forms",
      "Write the plan's GitHub issue forms (.github/ISSUE_TEMPLATE/actionplan-*.yml):\n"
      "'Propose a project', 'Record a value' and 'Report progress on a project', with\n"
      "the plan's objectives, regions, stages, task forces, indicators and projects as\n"
      "choices. Run it again after changing the plan: only forms that changed are\n"
      "written (their paths printed). --check writes nothing and exits 1 when the\n"
      "committed forms are out of date. 'actionplan intake' reads the issues.");
  sub.flag("--check", options->check,
           "Write nothing; exit 1 when a form is missing or out of date with the plan");
  sub.callback([options, &session] { session.exit_code = run_forms(*options, session); });

  auto o = std::make_shared<IntakeOptions>();
  const Command intake = app.subcommand(
      "intake",
      "Read an issue written with one of the plan's forms (see 'actionplan forms') and\n"
      "apply it with the checks of add-project, record or set-stage: a new project's\n"
      "file, a value appended to an indicator, or a project's progress (stage, funds\n"
      "secured, a dated note). Prints the file written. When the issue cannot be\n"
      "added, every problem is named by the form's question, and nothing is written\n"
      "(exit 1). Only the form's questions are read; a body over 256 KiB is refused.");
  intake.option("FILE", o->file, "The issue's body as GitHub writes it (- for stdin)")
      .type_name("FILE|-");
  intake
      .option("--event", o->event,
              "Read the body from a GitHub event payload instead ($GITHUB_EVENT_PATH): "
              "issue.body")
      .type_name("FILE");
  intake
      .option("--form", o->form,
              "The form it was written with (default: the one whose questions it answers)")
      .choices({"project", "value", "progress"})
      .type_name("project|value|progress");
  intake
      .option("--comment", o->comment,
              "Also write a Markdown comment for the issue: the change, or the problems to "
              "correct")
      .type_name("FILE");
  intake
      .option("--as-of", o->as_of,
              "Today's date (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else today")
      .type_name("DATE");
  intake.flag("--dry-run", o->dry_run, "Print the file that would be written; write nothing");
  intake.callback([o, &session] {
    if (!o->file.empty() && !o->event.empty())
      session.exit_code = session.fail("give the issue's body once: FILE or --event");
    else
      session.exit_code = run_intake(*o, session);
  });
}

}  // namespace actionplan::cli
