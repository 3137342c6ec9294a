#include <doctest/doctest.h>

#include "helpers.hpp"
#include "load/plan_loader.hpp"

using namespace actionplan;

TEST_CASE("plan root is found by walking up") {
  test::TempDir dir;
  dir.write("plan.yaml", test::k_plan_yaml);
  dir.write("activities/deep/er/x.txt", "");
  CHECK(find_plan_root(dir.path() / "activities/deep/er") == dir.path());
  CHECK(find_plan_root(dir.path()) == dir.path());
  test::TempDir empty;
  CHECK_FALSE(find_plan_root(empty.path()));
}

TEST_CASE("records are sorted in natural order and looked up by id") {
  std::map<std::string, std::string> files;
  for (int i : {10, 2, 1})
    files["objectives/O" + std::to_string(i) + ".yaml"] =
        "id: O" + std::to_string(i) + "\ntitle: t\ngoal: G1\n";
  auto r = test::load(files);
  REQUIRE(r.plan.objectives.size() == 3);
  CHECK(r.plan.objectives[0].id.value == "O1");
  CHECK(r.plan.objectives[1].id.value == "O2");
  CHECK(r.plan.objectives[2].id.value == "O10");
  CHECK(r.plan.objective("O10")->source.path == "objectives/O10.yaml");
  CHECK(r.plan.objective("O3") == nullptr);
  CHECK(r.plan.files_read == 4);
  CHECK(r.plan.info.loaded);
}

TEST_CASE("ignored entries: hidden files, other extensions; sub-folders warned") {
  auto r = test::load({{"activities/.draft.yaml", "id: [broken"},
                       {"activities/notes.txt", "x"},
                       {"activities/old/a.yaml", "id: a"},
                       {"reports/2025.md", "x"}});
  CHECK(r.lines() == std::vector<std::string>{
                         "activities/old:1:1: warning: sub-folder ignored: records of 'activities' "
                         "must sit directly in it [subfolder-ignored]"});
  CHECK(r.plan.files_read == 1);
}

TEST_CASE("parallel loading gives the same result as one thread") {
  test::TempDir dir;
  dir.write("plan.yaml", test::k_plan_yaml);
  for (int i = 0; i < 200; ++i) {
    const std::string id = "a" + std::to_string(i);
    dir.write("activities/" + id + ".yaml",
              i % 7 == 0 ? "id: " + id + "\ntitle: [broken\n"
                         : "id: " + id + "\ntitle: t\nobjectives: [O1]\nbad: 1\n");
  }
  LoadOptions single, eight;
  single.threads = 1;
  eight.threads = 8;
  LoadResult one = load_plan(dir.path(), single);
  LoadResult many = load_plan(dir.path(), eight);
  CHECK(test::lines(one.diags) == test::lines(many.diags));
  CHECK(one.plan.activities.size() == many.plan.activities.size());
  CHECK(one.plan.activities.size() == 171);
  CHECK(one.diags.items().size() == 200);
}

TEST_CASE("a folder where a record folder should be a file is reported") {
  auto r = test::load({{"objectives", "not a folder"}});
  CHECK(r.lines() ==
        std::vector<std::string>{"objectives:1:1: error: 'objectives' must be a folder of "
                                 "record files [not-a-folder]"});
}

TEST_CASE("the shipped example plan loads clean") {
  LoadResult r = load_and_check(std::filesystem::path(ACTIONPLAN_SOURCE_DIR) / "examples/4p1000",
                                Date{2026, 11, 21});
  CHECK(test::lines(r.diags) == std::vector<std::string>{});
  CHECK(r.plan.objectives.size() >= 8);
  CHECK(r.plan.activities.size() >= 25);
  CHECK(r.plan.info.goals->size() == 6);
}

TEST_CASE("a kind loaded by names is known by its file names, nothing read") {
  test::TempDir dir;
  dir.write("plan.yaml", test::k_plan_yaml);
  dir.write("objectives/O1.yaml", "id: O1\ntitle: Soils\n");
  dir.write("activities/a2.yaml", "id: a2\ntitle: [broken\n");
  dir.write("activities/a10.yml", "id: a10\ntitle: Ten\nobjectives: [O1]\n");
  dir.write("indicators/i1.yaml", "not: [valid\n");
  LoadOptions options;
  options.activities = Load::names;
  options.indicators = Load::nothing;
  LoadResult loaded = load_plan(dir.path(), options);
  CHECK(loaded.diags.items().empty());  // the broken files were not read
  CHECK(loaded.plan.objectives.size() == 1);
  CHECK(loaded.plan.activities.empty());
  CHECK(loaded.plan.ids(RecordKind::activity) == std::vector<std::string>{"a2", "a10"});
  CHECK(loaded.plan.has(RecordKind::activity, "a10"));
  CHECK_FALSE(loaded.plan.has(RecordKind::activity, "A10"));
  CHECK_FALSE(loaded.plan.has(RecordKind::indicator, "i1"));

  options.also = {RecordKind::activity, "a10"};  // this one decoded all the same
  loaded = load_plan(dir.path(), options);
  CHECK(loaded.diags.items().empty());
  REQUIRE(loaded.plan.activities.size() == 1);
  CHECK(loaded.plan.activity("a10")->title->value == "Ten");
  CHECK(loaded.plan.ids(RecordKind::activity) == std::vector<std::string>{"a2", "a10"});
}
