// Fuzz target (c): `add-project --from FILE` input through to the emitted YAML.
// The input is the --from record; it is prepared inside the base plan exactly
// as the command does (prepare_activity: decode, defaults, id from the title,
// every check of `validate`). Checks: nothing throws or crashes; each error is
// one printable line; whenever YAML was produced, it loads through the same
// loader (in the base plan, at the path add-project would write) to the same
// record (every value, as `record show --format json` shows them) and emits
// the same YAML again; when the record was accepted, the written file gives
// `validate` no error.
#include "check/check.hpp"
#include "fuzz_common.hpp"
#include "write/add_record.hpp"
#include "write/emit.hpp"

using namespace actionplan;

namespace {

struct Context {
  LoadResult base = load_plan_from_memory(fuzz::base_plan_files(), 1);
  ActivityOptions options;  // none given on the command line, but named as the command names them
  std::vector<std::string> existing_ids;

  Context() {
    const std::pair<const char*, const char*> names[] = {{"title", "--title"},
                                                         {"id", "--id"},
                                                         {"objectives", "--objective"},
                                                         {"task_force", "--task-force"},
                                                         {"regions", "--region"},
                                                         {"countries", "--country"},
                                                         {"stage", "--stage"},
                                                         {"type", "--type"},
                                                         {"lead", "--lead"},
                                                         {"lead_org", "--lead-org"},
                                                         {"sponsors", "--sponsor"},
                                                         {"partners", "--partner"},
                                                         {"responsible", "--responsible"},
                                                         {"budget", "--budget"},
                                                         {"secured", "--secured"},
                                                         {"currency", "--currency"},
                                                         {"start", "--start"},
                                                         {"end", "--end"},
                                                         {"timeframe", "--timeframe"},
                                                         {"indicators", "--indicator"},
                                                         {"url", "--url"},
                                                         {"description", "--description"}};
    for (const auto& [key, name] : names) options.option_names[key] = name;
    for (const PlanFileContent& f : fuzz::base_plan_files())
      if (f.path.starts_with("activities/"))
        existing_ids.push_back(f.path.substr(11, f.path.size() - 11 - 5));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Context k_context;
  const RecordInput input{"new.yaml", fuzz::as_text(data, size)};
  const PreparedActivity prepared = prepare_activity(k_context.base.plan, k_context.options, input,
                                                     fuzz::as_of(), k_context.existing_ids);

  for (const Diagnostic& d : prepared.problems.items()) {
    // As the command prints it: a file's problem formatted, an option's as its message.
    const std::string e = d.path.empty() ? message_with_code(d) : format_diagnostic(d);
    fuzz::require(!e.empty(), "add-project: an empty error line");
    for (char c : e) {
      const auto u = static_cast<unsigned char>(c);
      fuzz::require(u >= 0x20 && u != 0x7F, "add-project: an error line with a control character",
                    e);
    }
    fuzz::check_utf8(e, "add-project error line");
  }
  if (prepared.yaml.empty()) {
    fuzz::require(!prepared.ok(), "add-project: accepted a record but produced no YAML");
    return 0;
  }

  const std::string& path = prepared.rel_path;
  fuzz::require(path == "activities/" + prepared.record.id.value + ".yaml",
                "add-project: the file name is not the record's id", path);
  const LoadResult loaded = fuzz::load_over_base({{path, prepared.yaml, ""}});
  const Activity* again = nullptr;
  for (const Activity& a : loaded.plan.activities)
    if (a.source.path == path) again = &a;
  std::string problems;
  for (const Diagnostic& d : loaded.diags.items())
    if (d.path == path) problems += format_diagnostic(d) + "\n";
  if (!again)
    fuzz::fail("add-project: the emitted YAML does not load",
               problems + "--- YAML:\n" + prepared.yaml);

  const std::string before = fuzz::record_json(prepared.record), after = fuzz::record_json(*again);
  if (before != after)
    fuzz::fail(
        "add-project: the emitted YAML loads as another record",
        "--- prepared:\n" + before + "--- loaded:\n" + after + "--- YAML:\n" + prepared.yaml);
  const std::string yaml_again = emit_activity(*again);
  if (yaml_again != prepared.yaml)
    fuzz::fail("add-project: emitting the loaded record gives other YAML",
               prepared.yaml + "--- then:\n" + yaml_again);

  if (prepared.ok()) {  // what add-project writes must validate in the plan it was checked against
    Diagnostics diags = loaded.diags;
    diags.append(check_plan(loaded.plan, fuzz::as_of()));
    std::string errors;
    for (const Diagnostic& d : diags.items())
      if (d.severity == Severity::error) errors += format_diagnostic(d) + "\n";
    if (!errors.empty())
      fuzz::fail("add-project: accepted a record that validate then refuses",
                 errors + "--- YAML:\n" + prepared.yaml);
  }
  return 0;
}
