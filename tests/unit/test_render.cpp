#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "load/decode.hpp"
#include "render/diagnostics.hpp"
#include "render/markdown.hpp"
#include "render/schema.hpp"

using namespace actionplan;

namespace {
Diagnostics sample() {
  Diagnostics d;
  d.warning("b.yaml", {2, 3}, "unknown-key", "unknown key 'x'");
  d.error("a,b:c.yaml", {1, 5}, "bad", "100% wrong:\nsecond line");
  d.error("a10.yaml", {}, "file-too-large", "too large");
  d.error("a9.yaml", {4, 1}, "x", "y");
  d.sort();
  return d;
}
}  // namespace

TEST_CASE("text format: one GCC-style line each, sorted by path then line") {
  CHECK(render_diagnostics(sample(), DiagnosticFormat::text, 3, {2026, 1, 1}) ==
        "\"a,b:c.yaml\":1:5: error: 100% wrong:\\nsecond line [bad]\n"
        "a9.yaml:4:1: error: y [x]\n"
        "a10.yaml:1:1: error: too large [file-too-large]\n"
        "b.yaml:2:3: warning: unknown key 'x' [unknown-key]\n");
  CHECK(summary_line(sample(), 3) == "3 errors, 1 warning in 3 files");
}

TEST_CASE("github annotations start at the repository's root") {
  namespace fs = std::filesystem;
  const fs::path base = fs::temp_directory_path() / "ap-annotation-prefix";
  fs::remove_all(base);
  fs::create_directories(base / "repo/.git");
  fs::create_directories(base / "repo/plans/cms");
  fs::create_directories(base / "elsewhere");
  CHECK(annotation_prefix(base / "repo/plans/cms", "") == "plans/cms/");
  CHECK(annotation_prefix(base / "repo", "") == "");
  CHECK(annotation_prefix(base / "repo/plans/cms", base / "repo/plans") == "cms/");
  CHECK(annotation_prefix(base / "repo/plans/cms", base / "elsewhere") ==
        "plans/cms/");  // not inside: git root
  CHECK(annotation_prefix(base / "elsewhere", "") == "");
  Diagnostics d;
  d.error("activities/x.yaml", {3, 1}, "c", "m");
  CHECK(render_diagnostics(d, DiagnosticFormat::github, 1, {2026, 1, 1}, "plans/cms/") ==
        "::error file=plans/cms/activities/x.yaml,line=3,col=1::m [c]\n");
  fs::remove_all(base);
}

TEST_CASE("github format escapes data and properties") {
  const std::string out = render_diagnostics(sample(), DiagnosticFormat::github, 3, {2026, 1, 1});
  CHECK(out.find("::error file=a%2Cb%3Ac.yaml,line=1,col=5::100%25 wrong:%0Asecond line [bad]\n") !=
        std::string::npos);
  CHECK(out.find("::warning file=b.yaml,line=2,col=3::unknown key 'x' [unknown-key]\n") !=
        std::string::npos);
}

TEST_CASE("json format is valid JSON with a summary") {
  auto doc =
      nlohmann::json::parse(render_diagnostics(sample(), DiagnosticFormat::json, 3, {2026, 1, 2}));
  CHECK(doc["as_of"] == "2026-01-02");
  CHECK(doc["diagnostics"].size() == 4);
  CHECK(doc["diagnostics"][0]["path"] == "a,b:c.yaml");
  CHECK(doc["diagnostics"][0]["message"] == "100% wrong:\nsecond line");
  CHECK(doc["diagnostics"][3]["severity"] == "warning");
  CHECK(doc["summary"]["errors"] == 3);
  CHECK(doc["summary"]["warnings"] == 1);
  CHECK(doc["summary"]["files"] == 3);
}

TEST_CASE("schemas come from the field tables") {
  for (RecordKind kind : {RecordKind::plan, RecordKind::objective, RecordKind::task_force,
                          RecordKind::activity, RecordKind::indicator}) {
    auto schema = nlohmann::json::parse(json_schema(kind));
    CHECK(schema["type"] == "object");
    for (const FieldDoc& f : field_docs(kind))
      CHECK(schema["properties"].contains(std::string(f.info.key)));
    CHECK(kind_from_schema_name(schema_name(kind)) == kind);
  }
  auto activity = nlohmann::json::parse(json_schema(RecordKind::activity));
  CHECK(activity["required"] == nlohmann::json::array({"id", "title", "objectives"}));
  CHECK(kind_from_schema_name("activities") == RecordKind::activity);
  CHECK_FALSE(kind_from_schema_name("projects"));
}

TEST_CASE("nested schemas come from the nested field tables, closed to unknown keys") {
  auto activity = nlohmann::json::parse(json_schema(RecordKind::activity));
  CHECK(activity["additionalProperties"] == false);
  CHECK(activity["patternProperties"].contains("^x-"));
  const auto& budget = activity["properties"]["budget"];
  CHECK(budget["additionalProperties"] == false);
  CHECK(budget["properties"].contains("note"));
  CHECK(budget["type"] ==
        nlohmann::json::array({"object", "null"}));  // optional: may be left empty
  const auto& lead = activity["properties"]["lead"]["oneOf"];
  CHECK(lead[1]["required"] == nlohmann::json::array({"name"}));
  CHECK_FALSE(lead[1]["properties"].contains("region"));  // only representatives name a region
  auto plan = nlohmann::json::parse(json_schema(RecordKind::plan));
  const auto& on_track = plan["properties"]["analysis"]["properties"]["on_track"];
  CHECK(on_track["maximum"] == 1);
  CHECK(plan["properties"]["title"]["minLength"] == 1);
  auto task_force = nlohmann::json::parse(json_schema(RecordKind::task_force));
  CHECK(task_force["properties"]["representatives"]["items"]["oneOf"][1]["properties"].contains(
      "region"));
  CHECK(task_force["properties"]["objectives"]["minItems"] == 1);
}

TEST_CASE("text at the start of a paragraph stays text") {
  CHECK(md_text("- not a list") == "\\- not a list");
  CHECK(md_text("+ not a list") == "\\+ not a list");
  CHECK(md_text("2024. A year") == "2024\\. A year");
  CHECK(md_text("3) third") == "3\\) third");
  CHECK(md_text("---") == "\\---");
  CHECK(md_text("- - -") == "\\- - -");
  CHECK(md_text("===") == "\\===");
  CHECK(md_text("    indented code") == "indented code");
  CHECK(md_text("-5 degrees") == "-5 degrees");
  CHECK(md_text("3.5 million hectares") == "3.5 million hectares");
  CHECK(md_text("2024 was a year") == "2024 was a year");
  CHECK(md_text("1234567890. long number") == "1234567890. long number");
}
