// actionplan record and set-stage: edits of existing records, surgical and atomic.
#include <fmt/format.h>

#include "common.hpp"
#include "load/plan_loader.hpp"

namespace actionplan::cli {
namespace {

struct RecordOptions {
  std::string indicator, value, date, source, note;
  bool has_source = false, has_note = false;
};

struct SetStageOptions {
  std::string activity, stage, date;
};

std::optional<Date> date_option(const Session& session, const std::string& text, const Date& today) {
  if (text.empty()) return today;
  std::optional<Date> date = Date::parse(text);
  if (!date) session.fail(fmt::format("--date: {} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD", text));
  return date;
}

int run_record(const RecordOptions& o, Session& session) {
  std::optional<Date> today = session.as_of("");
  if (!today) return k_exit_failure;
  std::optional<Date> date = date_option(session, o.date, *today);
  if (!date) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const LoadResult loaded = load_plan(*root);
  const FileEdit edit =
      record_measurement(loaded.plan, o.indicator, o.value, *date, o.has_source ? std::optional(o.source) : std::nullopt,
                         o.has_note ? std::optional(o.note) : std::nullopt, *today);
  return session.apply_edit(edit, *root);
}

int run_set_stage(const SetStageOptions& o, Session& session) {
  std::optional<Date> today = session.as_of("");
  if (!today) return k_exit_failure;
  std::optional<Date> date = date_option(session, o.date, *today);
  if (!date) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const LoadResult loaded = load_plan(*root);
  return session.apply_edit(set_stage(loaded.plan, o.activity, o.stage, *date), *root);
}

}  // namespace

void add_record_command(CLI::App& app, Session& session) {
  auto o = std::make_shared<RecordOptions>();
  CLI::App* sub = app.add_subcommand(
      "record",
      "Append a measurement to an indicator: one line is added to its file, the rest of\n"
      "the file (comments included) is kept byte for byte. The date must come after the\n"
      "last measurement. Prints the file's path.");
  sub->add_option("INDICATOR", o->indicator, "The indicator's id")->required()->type_name("ID");
  sub->add_option("--value", o->value, "The value measured (a decimal number)")->required()->type_name("N");
  sub->add_option("--date", o->date, "When (YYYY, YYYY-MM or YYYY-MM-DD; default today)")->type_name("DATE");
  sub->add_option_function<std::string>(
         "--source", [o](const std::string& v) { o->source = v, o->has_source = true; }, "Where the value comes from")
      ->type_name("TEXT");
  sub->add_option_function<std::string>(
         "--note", [o](const std::string& v) { o->note = v, o->has_note = true; }, "A note on the value")
      ->type_name("TEXT");
  sub->callback([o, &session] { session.exit_code = run_record(*o, session); });
}

void add_set_stage_command(CLI::App& app, Session& session) {
  auto o = std::make_shared<SetStageOptions>();
  CLI::App* sub = app.add_subcommand(
      "set-stage",
      "Move an activity to another stage of the pipeline and set its 'updated' date:\n"
      "only those two values change in its file. Prints the file's path.");
  sub->add_option("ACTIVITY", o->activity, "The activity's id")->required()->type_name("ID");
  sub->add_option("STAGE", o->stage, "The stage's id (see plan.yaml)")->required()->type_name("STAGE");
  sub->add_option("--date", o->date, "The 'updated' date (default today)")->type_name("DATE");
  sub->callback([o, &session] { session.exit_code = run_set_stage(*o, session); });
}

}  // namespace actionplan::cli
