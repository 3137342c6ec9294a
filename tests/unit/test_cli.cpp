#include <doctest/doctest.h>

#include <sstream>

#include "helpers.hpp"
#include "run.hpp"

using namespace actionplan;

namespace {
struct Result {
  int code;
  std::string out, err;
};
Result run_cli(std::vector<std::string> args, const std::filesystem::path& cwd,
               std::optional<std::string> epoch = "1795219200") {
  std::ostringstream out, err;
  cli::Context context{cwd, epoch, 0, nullptr, false, std::nullopt};
  const int code = cli::run(args, out, err, context);
  return {code, out.str(), err.str()};
}
}  // namespace

TEST_CASE("run() is testable in-process: validate a plan") {
  test::TempDir dir;
  dir.write("plan.yaml", test::k_plan_yaml);
  dir.write("objectives/O1.yaml", "id: O1\ntitle: t\ngoal: G9\n");
  Result r = run_cli({"validate"}, dir.path());
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "objectives/O1.yaml:3:7: error: unknown goal 'G9'; known goals: G1; did you mean 'G1'? "
        "(goals are listed in plan.yaml) [unknown-reference]\n"
        "1 error, 0 warnings in 2 files\n");
}

TEST_CASE("the as-of date: --as-of, else SOURCE_DATE_EPOCH, else the clock") {
  test::TempDir dir;
  dir.write("plan.yaml", test::k_plan_yaml);
  CHECK(
      run_cli({"validate", "--format", "json"}, dir.path()).out.find("\"as_of\": \"2026-11-21\"") !=
      std::string::npos);
  CHECK(run_cli({"validate", "--format", "json", "--as-of", "2025-01-31"}, dir.path())
            .out.find("\"as_of\": \"2025-01-31\"") != std::string::npos);
  CHECK(run_cli({"validate", "--format", "json"}, dir.path(), std::nullopt)
            .out.find("\"as_of\": \"1970-01-01\"") != std::string::npos);
  CHECK(run_cli({"validate", "--as-of", "2025"}, dir.path()).code == 2);
}

TEST_CASE("bad arguments exit 2 with a message") {
  test::TempDir dir;
  Result r = run_cli({"validate"}, dir.path());
  CHECK(r.code == 2);
  CHECK(r.err.find("actionplan: error: no plan found") == 0);
  CHECK(run_cli({"validate", "--bogus"}, dir.path()).code == 2);
  CHECK(run_cli({}, dir.path()).code == 2);
  CHECK(run_cli({"--version"}, dir.path()).out == "actionplan " ACTIONPLAN_VERSION "\n");
}

TEST_CASE("add-project asks for a missing title and objective only at a terminal") {
  test::TempDir dir;
  dir.write("plan.yaml", "format: 1\ntitle: T\n");
  dir.write("objectives/O1.yaml", "id: O1\ntitle: Healthy soils\n");
  std::istringstream answers("Compost pilots\nO1\n");
  std::ostringstream out, err;
  cli::Context context{dir.path(), "1795219200", 0, &answers, true, std::nullopt};
  CHECK(cli::run({"add-project"}, out, err, context) == 0);
  CHECK(out.str() == "activities/compost-pilots.yaml\n");
  CHECK(err.str() ==
        "Title of the project: Objectives:\n  O1  Healthy soils\nWhich does it serve? (ids, "
        "separated by spaces): ");

  std::istringstream unused("Should not be read\nO1\n");
  std::ostringstream out2, err2;
  cli::Context scripted{dir.path(), "1795219200", 0, &unused, false, std::nullopt};
  CHECK(cli::run({"add-project"}, out2, err2, scripted) == 2);  // no prompt: a script never hangs
  CHECK(err2.str().find("a title is required") != std::string::npos);
}
