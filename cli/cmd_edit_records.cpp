// actionplan record and set-stage: edits of existing records, surgical and atomic.
#include <fmt/format.h>

#include "check/check.hpp"
#include "common.hpp"
#include "load/plan_loader.hpp"
#include "model/text.hpp"
#include "write/atomic.hpp"

namespace actionplan::cli {
namespace {

struct RecordOptions {
  std::string indicator, value, numerator, denominator, level, date, source, note;
  bool has_source = false, has_note = false;
};

struct SetStageOptions {
  std::string activity, stage, date;
};

// What both edits start from: today, the date to use, the plan.
struct EditStart {
  Date today;
  Date date;
  std::filesystem::path root;
  FolderLock lock;  // held from reading the record until the edit is in place
  LoadResult loaded;
};

std::optional<EditStart> start_edit(const Session& session, const std::string& date_text,
                                    RecordKind kind, const std::string& id) {
  std::optional<Date> today = session.as_of("");
  if (!today) return std::nullopt;
  std::optional<Date> date = date_text.empty() ? today : Date::parse(date_text);
  if (!date) {
    session.fail("--date: " + not_a_date(date_text));
    return std::nullopt;
  }
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return std::nullopt;
  if (!session.writable_folder(*root, std::string(kind_info(kind).folder) + "/" + id + ".yaml"))
    return std::nullopt;
  FolderLock lock(*root / kind_info(kind).folder);
  LoadResult loaded = load_plan(*root, session.load_options(scope_for_edit(kind, id)));
  // The record's own file refused or unreadable (a symlink, bad YAML...): say why, by its path.
  const std::string stem = std::string(kind_info(kind).folder) + "/" + id + ".";
  bool refused = false;
  for (const Diagnostic& d : loaded.diags.items())
    if (d.severity == Severity::error && (d.path == stem + "yaml" || d.path == stem + "yml")) {
      session.err << format_diagnostic(d) << "\n";
      refused = true;
    }
  if (refused) {
    session.fail(fmt::format("{} {} cannot be edited until its file is fixed; nothing was written",
                             kind_info(kind).singular, in_quotes(id)));
    return std::nullopt;
  }
  return EditStart{*today, *date, *root, std::move(lock), std::move(loaded)};
}

int run_record(const RecordOptions& o, Session& session) {
  std::optional<EditStart> s = start_edit(session, o.date, RecordKind::indicator, o.indicator);
  if (!s) return k_exit_failure;
  const NewMeasurement measurement{o.value,
                                   o.numerator,
                                   o.denominator,
                                   o.level,
                                   s->date,
                                   o.has_source ? std::optional(o.source) : std::nullopt,
                                   o.has_note ? std::optional(o.note) : std::nullopt};
  return session.apply_edit(record_measurement(s->loaded.plan, o.indicator, measurement, s->today),
                            s->root);
}

int run_set_stage(const SetStageOptions& o, Session& session) {
  std::optional<EditStart> s = start_edit(session, o.date, RecordKind::activity, o.activity);
  if (!s) return k_exit_failure;
  return session.apply_edit(set_stage(s->loaded.plan, o.activity, o.stage, s->date), s->root);
}

}  // namespace

void add_record_command(Command app, Session& session) {
  auto o = std::make_shared<RecordOptions>();
  const Command sub = app.subcommand(
      "record",
      "Append a measurement to an indicator: one line is added to its file, the rest of\n"
      "the file (comments included) is kept byte for byte. The date must come after the\n"
      "last measurement. Give --value, or a ratio's --numerator and --denominator, or\n"
      "for a qualitative indicator the --level assessed.\n"
      "Prints the file's path.");
  sub.option("INDICATOR", o->indicator, "The indicator's id").required().type_name("ID");
  sub.option("--value", o->value, "The value measured (a decimal number)").type_name("N");
  sub.option("--numerator", o->numerator,
             "A ratio's part, e.g. 38 (of 90 National Focal Points); with --denominator, "
             "instead of --value: the value is the percentage")
      .type_name("N");
  sub.option("--denominator", o->denominator, "A ratio's whole, e.g. 90 (above 0)").type_name("N");
  sub.option("--level", o->level,
             "A qualitative indicator's assessment: a level of plan.yaml's scale, e.g. "
             "\"in progress\"")
      .type_name("TEXT");
  sub.option("--date", o->date, "When (YYYY, YYYY-MM or YYYY-MM-DD; default today)")
      .type_name("DATE");
  sub.option_function(
         "--source", [o](const std::string& v) { o->source = v, o->has_source = true; },
         "Where the value comes from")
      .type_name("TEXT");
  sub.option_function(
         "--note", [o](const std::string& v) { o->note = v, o->has_note = true; },
         "A note on the value")
      .type_name("TEXT");
  sub.callback([o, &session] { session.exit_code = run_record(*o, session); });
}

void add_set_stage_command(Command app, Session& session) {
  auto o = std::make_shared<SetStageOptions>();
  const Command sub = app.subcommand(
      "set-stage",
      "Move an activity to another stage of the pipeline and set its 'updated' date:\n"
      "only those two values change in its file. Prints the file's path.");
  sub.option("ACTIVITY", o->activity, "The activity's id").required().type_name("ID");
  sub.option("STAGE", o->stage, "The stage's id (see plan.yaml)").required().type_name("STAGE");
  sub.option("--date", o->date, "The 'updated' date (default today)").type_name("DATE");
  sub.callback([o, &session] { session.exit_code = run_set_stage(*o, session); });
}

}  // namespace actionplan::cli
