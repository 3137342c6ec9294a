// actionplan diff: what a change from BASE to HEAD does to the plan.
#include <fmt/format.h>

#include "analysis/plan_diff.hpp"
#include "check/check.hpp"
#include "common.hpp"
#include "history/git.hpp"
#include "render/plan_diff.hpp"

namespace actionplan::cli {
namespace {

struct DiffOptions {
  std::string base, head;
  std::string as_of;
  std::string format;
  std::string output;
  std::string fail_on = "never";
};

// One state of the plan, checked as `validate` checks the working tree; nullopt
// after reporting. `rev` "" is the working tree.
std::optional<LoadResult> load_state(const std::filesystem::path& root, const std::string& rev,
                                     const Date& as_of, std::string& commit, Session& session) {
  if (rev.empty()) return load_and_check(root, as_of, session.load_options());
  const PlanAtRevision at = read_plan_at_revision(root, rev);
  if (!at.error.empty()) {
    session.fail(fmt::format("{}: {}", rev, at.error));
    return std::nullopt;
  }
  commit = at.commit;
  LoadResult loaded = load_plan_from_memory(at.files, session.load_options().threads);
  loaded.diags.append(check_plan(loaded.plan, as_of));
  loaded.diags.sort();
  return loaded;
}

int run_diff(const DiffOptions& o, Session& session) {
  std::optional<Date> as_of = session.as_of(o.as_of);
  if (!as_of) return k_exit_failure;
  std::optional<std::filesystem::path> root = session.plan_root();
  if (!root) return k_exit_failure;
  const std::string format = output_format(o.format, o.output, "md");
  if (format != "md" && format != "json")
    return session.fail("-o " + o.output + ": diff writes md or json; give --format");
  DiffStates states{o.base, "", o.head, "", *as_of};
  std::optional<LoadResult> before = load_state(*root, o.base, *as_of, states.base_commit, session);
  if (!before) return k_exit_failure;
  std::optional<LoadResult> after = load_state(*root, o.head, *as_of, states.head_commit, session);
  if (!after) return k_exit_failure;
  after->diags.append(check_closed_period(before->plan, after->plan));
  after->diags.sort();
  keep_known_on(before->plan, *as_of);
  keep_known_on(after->plan, *as_of);
  const PlanDiff diff =
      diff_plan_states(before->plan, before->diags, after->plan, after->diags, *as_of);
  const std::string text = format == "json" ? render_diff_json(diff, states)
                                            : render_diff_markdown(after->plan, diff, states);
  if (const int code = session.emit(text, o.output)) return code;
  session.err << diff_summary(diff) << "\n";
  // The gate: gaps the change opens, and gaps it makes more severe.
  std::vector<Finding> worse = diff.opened;
  for (const FindingMove& m : diff.moved)
    if (m.after.severity < m.before.severity) worse.push_back(m.after);  // high comes first
  return fails_gate(worse, o.fail_on) ? k_exit_problems : k_exit_ok;
}

}  // namespace

void add_diff_command(Command app, Session& session) {
  auto o = std::make_shared<DiffOptions>();
  const Command sub = app.subcommand(
      "diff",
      "What the change from BASE to HEAD (default: the working tree) does to the plan:\n"
      "records added, removed and changed field by field; gap-analysis findings opened,\n"
      "closed or whose numbers moved; indicators whose status changed; validation\n"
      "problems introduced. Both states are read from the git repository's objects\n"
      "(no checkout) and checked as validate checks the working tree. Markdown for a\n"
      "pull-request comment (under GitHub's 65,536 characters), or JSON.");
  sub.option("BASE", o->base, "The state before: a commit, tag or branch")
      .required()
      .type_name("REV");
  sub.option("HEAD", o->head, "The state after (default: the working tree)").type_name("REV");
  sub.option("--as-of", o->as_of,
             "Analyse both states as known on this date (YYYY-MM-DD); default "
             "SOURCE_DATE_EPOCH, else today")
      .type_name("DATE");
  sub.option("--format", o->format, "md (default) or json; default from -o's extension")
      .choices({"md", "json"})
      .type_name("md|json");
  sub.option("-o,--output", o->output, "Write to FILE (atomically, creating folders)")
      .type_name("FILE");
  sub.option("--fail-on", o->fail_on,
             "Exit 1 when the change opens a gap of this severity or higher: high, medium, low "
             "or never (default)")
      .choices({"high", "medium", "low", "never"})
      .type_name("SEVERITY");
  sub.callback([o, &session] { session.exit_code = run_diff(*o, session); });
}

}  // namespace actionplan::cli
