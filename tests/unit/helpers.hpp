#pragma once
// Test helpers: temporary folders, plans built from strings, diagnostics as text.
#include <cstdlib>

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "load/plan_loader.hpp"

// Lets doctest print lists of diagnostics when a comparison fails.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{\n";
    for (const std::string& line : lines) out += "  " + line + "\n";
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace test {

// A fresh folder removed at the end of the scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ap-unit-XXXXXX").string();
    m_path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

  void write(const std::string& rel, const std::string& content) const {
    const auto full = m_path / rel;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
  }

 private:
  std::filesystem::path m_path;
};

inline std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<std::string> lines(const actionplan::Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(actionplan::format_diagnostic(d));
  return out;
}

inline const std::string k_plan_yaml =
    "format: 1\n"
    "title: Test plan\n"
    "goals:\n  - {id: G1, title: Goal}\n"
    "regions:\n  - {id: africa, name: Africa}\n  - {id: asia, name: Asia}\n"
    "actors:\n  - {id: secretariat, name: Secretariat}\n";

// Loads a plan made of plan.yaml (k_plan_yaml unless given) and `files`,
// then runs the checks as of 2026-11-21. Returns all diagnostics, sorted.
struct Loaded {
  actionplan::Plan plan;
  actionplan::Diagnostics diags;
  std::vector<std::string> lines() const { return test::lines(diags); }
};

inline Loaded load(std::map<std::string, std::string> files,
                   actionplan::Date as_of = {2026, 11, 21}) {
  TempDir dir;
  if (!files.count("plan.yaml")) files["plan.yaml"] = k_plan_yaml;
  for (const auto& [path, text] : files) dir.write(path, text);
  actionplan::LoadResult result = actionplan::load_and_check(dir.path(), as_of);
  return {std::move(result.plan), std::move(result.diags)};
}

}  // namespace test
