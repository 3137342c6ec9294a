#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.hpp"
#include "write/atomic.hpp"
#include "write/init_plan.hpp"
#include "write/templates.hpp"
#include "write/yaml_text.hpp"

using namespace actionplan;

namespace {
std::vector<std::string> names(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_CASE("create_new never overwrites and leaves no temporary file") {
  test::TempDir dir;
  const auto file = dir.path() / "a.yaml";
  CHECK(write_file(file, "one\n", WriteMode::create_new).ok());
  WriteResult again = write_file(file, "two\n", WriteMode::create_new);
  CHECK(again.status == WriteStatus::exists);
  CHECK(test::read(file) == "one\n");
  CHECK(names(dir.path()) == std::vector<std::string>{"a.yaml"});
}

TEST_CASE("replace swaps the content atomically") {
  test::TempDir dir;
  const auto file = dir.path() / "a.yaml";
  dir.write("a.yaml", "old\n");
  CHECK(write_file(file, "new\n", WriteMode::replace).ok());
  CHECK(test::read(file) == "new\n");
  CHECK(names(dir.path()) == std::vector<std::string>{"a.yaml"});
}

TEST_CASE("a write into a missing folder fails cleanly") {
  test::TempDir dir;
  WriteResult r = write_file(dir.path() / "no/such/a.yaml", "x", WriteMode::create_new);
  CHECK(r.status == WriteStatus::failed);
  CHECK(r.message.find("No such file or directory") != std::string::npos);
}

TEST_CASE("eight concurrent creators of one file: exactly one wins, the file is whole") {
  test::TempDir dir;
  const auto file = dir.path() / "same.yaml";
  std::atomic<int> written{0}, exists{0};
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        const std::string content(100000, static_cast<char>('a' + t));
        WriteResult r = write_file(file, content, WriteMode::create_new);
        (r.ok() ? written : exists)++;
      });
  }
  CHECK(written == 1);
  CHECK(exists == 7);
  const std::string content = test::read(file);
  CHECK(content.size() == 100000);
  CHECK(content == std::string(100000, content[0]));
  CHECK(names(dir.path()) == std::vector<std::string>{"same.yaml"});
}

TEST_CASE(
    "temporary files of a killed writer are removed; a live writer's, other names and links are "
    "kept") {
  test::TempDir dir;
  dir.write(".a.yaml.tmp-Ab12Cd", "half");           // its writer died: nobody holds its lock
  dir.write(".b.yaml.tmp-Zz99zz", "being written");  // its writer holds the lock
  dir.write(".c.yaml.tmp-abc", "not ours");          // not mkostemp's six characters
  dir.write("notes.tmp-Ab12Cd", "not ours");         // no leading dot
  dir.write("a.yaml", "id: a\n");
  std::filesystem::create_symlink("a.yaml", dir.path() / ".d.yaml.tmp-Ab12Cd");
  const int live = ::open((dir.path() / ".b.yaml.tmp-Zz99zz").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(live >= 0);
  REQUIRE(::flock(live, LOCK_EX) == 0);
  CHECK(remove_abandoned_temp_files(dir.path()) == std::vector<std::string>{".a.yaml.tmp-Ab12Cd"});
  CHECK(names(dir.path()) == std::vector<std::string>{".b.yaml.tmp-Zz99zz", ".c.yaml.tmp-abc",
                                                      ".d.yaml.tmp-Ab12Cd", "a.yaml",
                                                      "notes.tmp-Ab12Cd"});
  ::close(live);  // the writer is gone
  CHECK(remove_abandoned_temp_files(dir.path()) == std::vector<std::string>{".b.yaml.tmp-Zz99zz"});
  CHECK(test::read(dir.path() / "a.yaml") == "id: a\n");
}

TEST_CASE("the plan's cleanup looks in the root and the four record folders only") {
  test::TempDir dir;
  dir.write(".plan.yaml.tmp-aaaaaa", "");
  dir.write("activities/.x.yaml.tmp-bbbbbb", "");
  dir.write("indicators/.i.yaml.tmp-cccccc", "");
  dir.write("docs/.r.md.tmp-dddddd", "");
  CHECK(remove_abandoned_temp_files_of_plan(dir.path()) ==
        std::vector<std::string>{".plan.yaml.tmp-aaaaaa", "activities/.x.yaml.tmp-bbbbbb",
                                 "indicators/.i.yaml.tmp-cccccc"});
  CHECK(std::filesystem::exists(dir.path() / "docs/.r.md.tmp-dddddd"));
}

TEST_CASE("a write in progress is not taken for a killed one: concurrent writers and cleaners") {
  test::TempDir dir;
  std::atomic<bool> stop{false};
  std::thread cleaner([&] {
    while (!stop) remove_abandoned_temp_files(dir.path());
  });
  int failures = 0;
  for (int i = 0; i < 300; ++i)
    if (!write_file(dir.path() / ("f" + std::to_string(i) + ".yaml"), "x\n", WriteMode::create_new)
             .ok())
      ++failures;
  stop = true;
  cleaner.join();
  CHECK(failures == 0);
  CHECK(names(dir.path()).size() == 300);
}

TEST_CASE("double-quoted YAML reads back as written") {
  CHECK(yaml_double_quoted("plain") == "\"plain\"");
  CHECK(yaml_double_quoted("a \"b\" \\ c\nd\te") == "\"a \\\"b\\\" \\\\ c\\nd\\te\"");
  CHECK(yaml_double_quoted(std::string("\x01", 1)) == "\"\\x01\"");
}

TEST_CASE("a fresh plan from init validates clean and keeps its title") {
  test::TempDir dir;
  InitResult r = write_plan_files(dir.path(), blank_plan_files("Soils: \"4 per 1000\""),
                                  InitMode::refuse_existing);
  CHECK(r.error.empty());
  CHECK(r.created.size() == 11);
  LoadResult loaded = load_and_check(dir.path(), Date{2026, 11, 21});
  CHECK(test::lines(loaded.diags) == std::vector<std::string>{});
  CHECK(loaded.plan.info.title->value == "Soils: \"4 per 1000\"");
  CHECK(loaded.plan.info.stages.size() == 8);
  CHECK(loaded.plan.info.stages_given);
}

TEST_CASE("init refuses an existing plan or file and writes nothing; force keeps files") {
  test::TempDir dir;
  dir.write("README.md", "mine\n");
  InitResult refused =
      write_plan_files(dir.path(), blank_plan_files("T"), InitMode::refuse_existing);
  CHECK(refused.error.find("already holds README.md") != std::string::npos);
  CHECK(names(dir.path()) == std::vector<std::string>{"README.md"});

  InitResult forced = write_plan_files(dir.path(), blank_plan_files("T"), InitMode::keep_existing);
  CHECK(forced.error.empty());
  CHECK(forced.kept == std::vector<std::string>{"README.md"});
  CHECK(test::read(dir.path() / "README.md") == "mine\n");

  InitResult again = write_plan_files(dir.path(), blank_plan_files("T"), InitMode::refuse_existing);
  CHECK(again.error.find("already holds a plan") != std::string::npos);
}

TEST_CASE("every template writes a plan that validates clean") {
  const std::vector<TemplateInfo> templates = list_templates();
  REQUIRE(templates.size() >= 2);
  CHECK(templates[0].name == "blank");
  for (const TemplateInfo& t : templates) {
    CAPTURE(t.name);
    test::TempDir dir;
    auto files = template_files(t.name, "");
    REQUIRE(files);
    InitResult r = write_plan_files(dir.path(), *files, InitMode::refuse_existing);
    CHECK(r.error.empty());
    CHECK(std::filesystem::exists(dir.path() / "README.md"));
    CHECK(std::filesystem::exists(dir.path() / ".actionplan/schemas/activity.schema.json"));
    LoadResult loaded = load_and_check(dir.path(), Date{2026, 11, 21});
    CHECK(test::lines(loaded.diags) == std::vector<std::string>{});
  }
  CHECK_FALSE(template_files("no-such-template", ""));
}

TEST_CASE("--title replaces the template's title") {
  auto files = template_files("4p1000", "Our soils plan");
  REQUIRE(files);
  auto plan = std::find_if(files->begin(), files->end(),
                           [](const PlanFile& f) { return f.path == "plan.yaml"; });
  REQUIRE(plan != files->end());
  CHECK(plan->content.find("\ntitle: \"Our soils plan\"\n") != std::string::npos);
  CHECK(plan->content.find("Strategic Plan'") == std::string::npos);
}

TEST_CASE("a replaced file keeps its owner and group when the writer may give them") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "ap-owner-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "x.yaml";
  REQUIRE(write_file(file, "a\n", WriteMode::create_new).ok());
  if (::geteuid() == 0) {  // only root can give a file to another user
    REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
    REQUIRE(write_file(file, "b\n", WriteMode::replace).ok());
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK(st.st_uid == 65534);
    CHECK(st.st_gid == 65534);
  }
  fs::remove_all(dir);
}
