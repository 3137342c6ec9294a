// actionplan schema: print the JSON Schema of a record kind.
#include <fmt/format.h>

#include "common.hpp"
#include "render/schema.hpp"

namespace actionplan::cli {

void add_schema_command(Command app, Session& session) {
  auto kind = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("json");
  const Command sub = app.subcommand(
      "schema",
      "Print the JSON Schema (draft 2020-12) of a record kind: plan, objective,\n"
      "taskforce, activity or indicator. Editors use these to complete and check YAML.\n"
      "Without KIND, prints every schema: one JSON object, kind name -> schema.\n"
      "--format markdown prints the kind's keys as the tables of docs/format.md.");
  sub.option("KIND", *kind, "plan, objective, taskforce, activity or indicator (default: all)");
  sub.option("-o,--output", *output, "Write the schema to FILE (atomically, creating folders)")
      .type_name("FILE");
  sub.option("--format", *format,
             "json (default): the JSON Schema; markdown: the keys as tables (key, required, "
             "type, meaning)")
      .choices({"json", "markdown"})
      .type_name("json|markdown");
  sub.callback([kind, output, format, &session] {
    if (*format == "markdown") {
      std::optional<RecordKind> k = kind->empty() ? std::nullopt : kind_from_schema_name(*kind);
      if (!k) {
        session.exit_code = session.fail(fmt::format(
            "--format markdown prints one kind; kinds: plan, objective, taskforce, activity, "
            "indicator{}",
            kind->empty() ? "" : fmt::format(" (not '{}')", *kind)));
        return;
      }
      session.exit_code = session.emit(key_tables(*k), *output);
      return;
    }
    if (kind->empty()) {
      std::string all = "{\n";
      std::vector<RecordKind> kinds = {RecordKind::plan};
      for (RecordKind k : record_kinds()) kinds.push_back(k);
      for (std::size_t i = 0; i < kinds.size(); ++i) {
        std::string schema = json_schema(kinds[i]);
        schema.pop_back();  // the final newline
        std::string indented;
        for (char c : schema) indented += c == '\n' ? std::string("\n  ") : std::string(1, c);
        all += fmt::format("  \"{}\": {}{}\n", schema_name(kinds[i]), indented,
                           i + 1 < kinds.size() ? "," : "");
      }
      session.exit_code = session.emit(all + "}\n", *output);
      return;
    }
    std::optional<RecordKind> k = kind_from_schema_name(*kind);
    if (!k) {
      session.exit_code = session.fail(fmt::format(
          "unknown kind '{}'; kinds: plan, objective, taskforce, activity, indicator", *kind));
      return;
    }
    session.exit_code = session.emit(json_schema(*k), *output);
  });
}

}  // namespace actionplan::cli
