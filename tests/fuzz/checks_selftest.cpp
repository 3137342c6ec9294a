// The fuzz targets' own checks must catch what they are meant to catch: each
// broken document below must give at least one problem, each sound one none.
// And load_over_base must load as load_plan_from_memory does: compared on
// every input in the folders given (the seed corpora of the record and plan
// targets). Registered as the ctest test fuzz/checks-selftest.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "model/diagnostic.hpp"

using namespace actionplan;
using actionplan::fuzz::csv_problems;
using actionplan::fuzz::markdown_problems;

namespace {

// Everything a load gives, as text.
std::string describe(const LoadResult& r) {
  std::string out = "files " + std::to_string(r.plan.files_read) + "; plan " +
                    (r.plan.info.loaded ? "loaded" : "not loaded") + " " +
                    (r.plan.info.title ? r.plan.info.title->value : "") + "\n";
  for (const Diagnostic& d : r.diags.items()) out += format_diagnostic(d) + "\n";
  for (const Objective& x : r.plan.objectives) out += x.source.path + " " + fuzz::record_json(x);
  for (const TaskForce& x : r.plan.task_forces) out += x.source.path + " " + fuzz::record_json(x);
  for (const Activity& x : r.plan.activities) out += x.source.path + " " + fuzz::record_json(x);
  for (const Indicator& x : r.plan.indicators) out += x.source.path + " " + fuzz::record_json(x);
  return out;
}

bool same_load(const std::vector<PlanFileContent>& changes, const std::string& what) {
  const std::string fast = describe(fuzz::load_over_base(changes));
  const std::string full = describe(load_plan_from_memory(fuzz::over_base(changes), 1));
  if (fast == full) return true;
  std::printf("FAIL: load_over_base differs from a full load for %s\n--- fast:\n%s--- full:\n%s",
              what.c_str(), fast.c_str(), full.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  int failures = 0;
  std::size_t compared = 0;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(argv[i], ec)) {
      std::ifstream in(e.path(), std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      const std::string id = fuzz::record_id_guess(text);
      std::vector<PlanFileContent> as_records;
      for (RecordKind kind : record_kinds())
        as_records.push_back({std::string(kind_info(kind).folder) + "/" + id + ".yaml", text, ""});
      const fuzz::InputPlan plan = fuzz::plan_from_input(text);
      failures += !same_load(as_records, e.path().string() + " as records");
      failures += !same_load({{"plan.yaml", text, ""}}, e.path().string() + " as plan.yaml");
      failures += !same_load(plan.files, e.path().string() + " as a plan");
      compared += 3;
    }
  }
  std::printf("%zu loads compared\n", compared);
  auto expect = [&](bool broken, const std::vector<std::string>& problems,
                    const std::string& what) {
    if (broken == problems.empty()) {
      std::printf("FAIL: %s: expected %s, got %zu problem(s)\n", what.c_str(),
                  broken ? "a problem" : "none", problems.size());
      for (const std::string& p : problems) std::printf("  %s\n", p.c_str());
      ++failures;
    }
  };
  const std::string table = "| a | b |\n|---|---|\n| 1 | 2 |\n";
  expect(false,
         markdown_problems("# Title\n\n" + table +
                           "\nText &lt;b&gt; \\<i> `<code>` and ``a ` <b> ``.\n"),
         "a sound document");
  expect(
      false,
      markdown_problems("```mermaid\nxychart-beta\n  x-axis [\"a\", \"b\"]\n  bar [1, 2.5]\n```\n"),
      "a sound chart");
  expect(true, markdown_problems("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"), "a row too wide");
  expect(true, markdown_problems("| a | b |\n|---|---|\n| 1 \\\\| 2 |\n"),
         "a pipe after an escaped backslash (escaped too, as in cmark-gfm)");
  expect(true, markdown_problems(table + "next line\n"), "a line continuing a table");
  expect(true, markdown_problems("| a | b |\n|---|---|\n| `x\ry` | 2 |\n"), "a CR inside a row");
  expect(true, markdown_problems("Hello <script>alert(1)</script>\n"), "a tag");
  expect(true, markdown_problems("Hello `code` <b>x</b>\n"), "a tag after a code span");
  expect(true, markdown_problems("A `span\nover` lines <!-- c -->\n"),
         "a comment after a span over lines");
  expect(true, markdown_problems("| `a` <img src=x> | b |\n|---|---|\n"), "a tag in a table cell");
  expect(true, markdown_problems("## <h1>\n"), "a tag in a heading");
  expect(true, markdown_problems("```\ncode\n"), "an unclosed code block");
  expect(true, markdown_problems("```mermaid\n  title \"a\"b\"\n```\n"),
         "an unbalanced quote in a chart");
  expect(true, markdown_problems("```mermaid\n  line [1, -inf]\n```\n"),
         "an infinite value in a chart");
  expect(true, markdown_problems("```mermaid\n  bar [1e-05, 2]\n```\n"), "an exponent in a chart");
  expect(false, markdown_problems("```mermaid\n  bar [-1.5, .5, 20]\n```\n"), "chart numbers");
  expect(true, markdown_problems("```mermaid\n  title \"%%{init}\"\n```\n"), "a Mermaid directive");
  expect(false, csv_problems("a,b\r\n1,\"x,\"\"y\"\"\r\nz\"\r\n"), "sound CSV");
  expect(false, csv_problems("a,b\r\n-5,'=1+1\r\n"), "a negative number and a defused formula");
  expect(true, csv_problems("a,b\r\n1,2,3\r\n"), "a CSV row too wide");
  expect(true, csv_problems("a,b\r\n1,=HYPERLINK(x)\r\n"), "a CSV formula");
  expect(true, csv_problems("a,b\n1,2\n"), "CSV rows ending in LF");
  expect(true, csv_problems("a,b\r\n1,\"2\r\n"), "an unclosed CSV quote");
  std::printf("%s\n", failures ? "checks self-test FAILED" : "checks self-test passed");
  return failures ? 1 : 0;
}
