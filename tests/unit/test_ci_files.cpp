#include <doctest/doctest.h>

#include "helpers.hpp"
#include "write/ci_files.hpp"

using namespace actionplan;

TEST_CASE("the CI files name and install this version") {
  const PlanFile github = ci_file(CiSystem::github);
  CHECK(github.path == ".github/workflows/actionplan.yml");
  CHECK(ci_file_version(github.content) == ACTIONPLAN_VERSION);
  CHECK(github.content.find(std::string("uses: ") + ACTIONPLAN_REPOSITORY + "@v" +
                            ACTIONPLAN_VERSION + "\n") != std::string::npos);
  CHECK(github.content.find("container: debian:bookworm") != std::string::npos);
  const PlanFile gitlab = ci_file(CiSystem::gitlab);
  CHECK(gitlab.path == ".gitlab-ci.yml");
  CHECK(ci_file_version(gitlab.content) == ACTIONPLAN_VERSION);
  CHECK(gitlab.content.find(std::string("ACTIONPLAN_VERSION: \"") + ACTIONPLAN_VERSION + "\"") !=
        std::string::npos);
  for (const PlanFile& f : {github, gitlab})
    CHECK(f.content.find('@' + std::string("VERSION@")) == std::string::npos);  // all filled in
}

TEST_CASE("the version that wrote a CI file, and what to say about it") {
  CHECK(ci_file_version("# Written by actionplan 0.3.1 (`actionplan init`). Checks\n") == "0.3.1");
  CHECK(ci_file_version("# Written by `actionplan init`. Checks every pull request\n").empty());
  CHECK(ci_file_version("name: my own workflow\n").empty());
  CHECK(ci_file_version("# Written by actionplan\n").empty());
  CHECK(
      ci_file_note(".github/workflows/actionplan.yml", ci_file(CiSystem::github).content).empty());
  CHECK(ci_file_note(".github/workflows/actionplan.yml", "# Written by actionplan 0.0.1 (x)\n") ==
        std::string(".github/workflows/actionplan.yml is from actionplan 0.0.1, this is ") +
            ACTIONPLAN_VERSION + "; 'actionplan init --update-ci' writes this version's");
  const std::string old = ci_file_note(".gitlab-ci.yml", "# Written by `actionplan init`.\n");
  CHECK(old.find("is from an older actionplan") != std::string::npos);
  CHECK(old.find("'actionplan init --update-ci --ci gitlab'") != std::string::npos);
}

TEST_CASE("update_ci_file writes the CI file alone, and nothing when it is current") {
  test::TempDir dir;
  dir.write("plan.yaml", "format: 1\ntitle: T\n");
  CiUpdate first = update_ci_file(dir.path(), CiSystem::github);
  CHECK(first.error.empty());
  CHECK(first.changed);
  CHECK_FALSE(first.existed);
  CHECK(test::read(dir.path() / first.path) == ci_file(CiSystem::github).content);
  CiUpdate again = update_ci_file(dir.path(), CiSystem::github);
  CHECK_FALSE(again.changed);
  CHECK(again.existed);
  CHECK(again.old_version == ACTIONPLAN_VERSION);
  dir.write(".github/workflows/actionplan.yml", "# Written by actionplan 0.0.1 (x)\nname: old\n");
  CiUpdate replaced = update_ci_file(dir.path(), CiSystem::github);
  CHECK(replaced.changed);
  CHECK(replaced.old_version == "0.0.1");
  CHECK(test::read(dir.path() / ".github/workflows/actionplan.yml") ==
        ci_file(CiSystem::github).content);
  CHECK(test::read(dir.path() / "plan.yaml") == "format: 1\ntitle: T\n");
  // A folder where the file should be: refused, nothing written.
  std::filesystem::create_directories(dir.path() / ".gitlab-ci.yml");
  CiUpdate refused = update_ci_file(dir.path(), CiSystem::gitlab);
  CHECK(refused.error == ".gitlab-ci.yml is not a regular file; nothing was written");
  CHECK_FALSE(refused.changed);
}
