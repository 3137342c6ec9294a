// actionplan schema: print the JSON Schema of a record kind.
#include <fmt/format.h>

#include "common.hpp"
#include "render/schema.hpp"

namespace actionplan::cli {

void add_schema_command(CLI::App& app, Session& session) {
  auto kind = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "schema",
      "Print the JSON Schema (draft 2020-12) of a record kind: plan, objective,\n"
      "taskforce, activity or indicator. Editors use these to complete and check YAML.");
  sub->add_option("KIND", *kind, "plan, objective, taskforce, activity or indicator")
      ->required();
  sub->callback([kind, &session] {
    std::optional<RecordKind> k = kind_from_schema_name(*kind);
    if (!k) {
      session.exit_code = session.fail(fmt::format(
          "unknown kind '{}'; kinds: plan, objective, taskforce, activity, indicator", *kind));
      return;
    }
    session.out << json_schema(*k);
  });
}

}  // namespace actionplan::cli
