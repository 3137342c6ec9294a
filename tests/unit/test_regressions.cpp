// Regression tests, each named after what it broke.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "model/text.hpp"
#include "render/diagnostics.hpp"

using namespace actionplan;
using V = std::vector<std::string>;

TEST_CASE("control characters written as YAML escapes cannot reach the output") {
  auto r = test::load(
      {{"objectives/O1.yaml", "id: O1\ntitle: \"red \\e[31m\\nfake::error\"\ngoal: G1\n"}});
  CHECK(r.lines() == V{"objectives/O1.yaml:2:8: error: 'title' contains a control character ('red "
                       "\\x1B[31m\\nfake::error'); remove it [control-character]"});
  auto ok =
      test::load({{"objectives/O1.yaml", "id: O1\ntitle: \"tab\\tand\\nnewline\"\ngoal: G1\n"}});
  CHECK(ok.lines() == V{});
}

TEST_CASE("a diagnostic is always one line, whatever the path or message holds") {
  Diagnostics d;
  d.error("a\nb\x1b.yaml", {1, 1}, "c", "x\ry\x85");
  const std::string line = format_diagnostic(d.items()[0]);
  CHECK(line == "a\\nb\\x1B.yaml:1:1: error: x\\ry\\x85 [c]");
  CHECK(escape_controls("caf\xC3\xA9 \xC2\x85") == "caf\xC3\xA9 \\u0085");
}

TEST_CASE("a path holding ':' is quoted, so PATH:LINE:COL splits one way only") {
  Diagnostics d;
  d.error("activities/a:3:4.yaml", {1, 2}, "c", "m");
  d.error("say \"hi\".yaml", {5, 6}, "c", "m");
  d.error("activities/ok.yaml", {7, 8}, "c", "m");
  CHECK(format_diagnostic(d.items()[0]) == "\"activities/a:3:4.yaml\":1:2: error: m [c]");
  CHECK(format_diagnostic(d.items()[1]) == "\"say \\\"hi\\\".yaml\":5:6: error: m [c]");
  CHECK(format_diagnostic(d.items()[2]) == "activities/ok.yaml:7:8: error: m [c]");
}

TEST_CASE("json output survives file names that are not UTF-8") {
  Diagnostics d;
  d.error("activities/\xff.yaml", {1, 1}, "c", "m");
  auto doc = nlohmann::json::parse(render_diagnostics(d, DiagnosticFormat::json, 1, {2026, 1, 1}));
  CHECK(doc["diagnostics"][0]["path"] == "activities/\xEF\xBF\xBD.yaml");
}

TEST_CASE("dates with trailing words are refused, real timestamps accepted") {
  CHECK_FALSE(Date::parse("2020-01-01 kick-off meeting"));
  CHECK_FALSE(Date::parse("2020-01-01T"));
  CHECK(Date::parse("2020-01-01T10:00:00Z"));
  CHECK(Date::parse("2020-01-01 10:00:00.5 +02:00"));
  CHECK(Date::parse("2001-12-14t21:59:43.10-05:00"));
  CHECK(Date::parse("2020-01-01 1:02:03"));
  CHECK(Date::parse("2020-01-01T23:59:59-23:59"));
}

TEST_CASE("a timestamp with a time that is not on a clock is refused") {
  CHECK_FALSE(Date::parse("2025-11-02T25:00:00Z"));
  CHECK_FALSE(Date::parse("2025-11-02T23:61:00Z"));
  CHECK_FALSE(Date::parse("2025-11-02T23:00:60Z"));
  CHECK_FALSE(Date::parse("2025-11-02T23:00:00+25:00"));
  CHECK_FALSE(Date::parse("2025-11-02T23:00:00+01:75"));
}

TEST_CASE("an empty text does not satisfy a required key") {
  auto r = test::load({{"objectives/O1.yaml", "id: O1\ntitle: \"  \"\ngoal: G1\n"},
                       {"taskforces/TF1.yaml",
                        "id: TF1\nname: t\nobjectives: [O1]\nleaders:\n  - {name: \"\"}\n"}});
  CHECK(r.lines() ==
        V{"objectives/O1.yaml:2:1: error: the objective has an empty 'title'; give it a value "
          "[missing-key]",
          "taskforces/TF1.yaml:5:6: error: a person in 'leaders' has an empty 'name'; give it a "
          "value "
          "[missing-key]"});
}

TEST_CASE("a quoted numeric target gets the remove-the-quotes hint") {
  auto r = test::load(
      {{"objectives/O1.yaml", "id: O1\ntitle: t\ngoal: G1\n"},
       {"indicators/I1.yaml", "id: I1\ntitle: t\nobjective: O1\ntargets: {2030: \"50\"}\n"}});
  CHECK(r.lines() == V{"indicators/I1.yaml:4:17: error: target for 2030 must be a number for a "
                       "numeric indicator; got '50' (remove the quotes) [invalid-number]"});
}

TEST_CASE("id-mismatch never suggests an invalid id") {
  auto r = test::load({{"objectives/a b.yaml", "id: O1\ntitle: t\ngoal: G1\n"}});
  CHECK(r.lines() == V{"objectives/a b.yaml:1:5: error: id 'O1' does not match the file name 'a "
                       "b.yaml'; rename the file to 'O1.yaml' [id-mismatch]"});
}
