// Fuzz target (d): an issue body through `intake`. The input is the body of an
// issue; it is read with the forms of the base plan (written once to a
// temporary folder, so that a value or a progress report edits a real file's
// text; nothing is ever written back). Checks: nothing throws or crashes; each
// problem is one printable line that starts with its body's name and has a
// code; a refused issue gives no file; an accepted one gives a file that loads
// into the plan without an error of its own; the comment for the issue is
// UTF-8 and under GitHub's 65,536 characters.
#include <cstdlib>
#include <fstream>

#include "check/check.hpp"
#include "fuzz_common.hpp"
#include "write/forms.hpp"
#include "write/intake.hpp"

using namespace actionplan;

namespace {

struct Context {
  std::filesystem::path dir;
  LoadResult base;
  std::vector<Form> forms;

  Context() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fuzz-intake-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
    for (const PlanFileContent& f : fuzz::base_plan_files()) {
      std::filesystem::create_directories((dir / f.path).parent_path());
      std::ofstream(dir / f.path, std::ios::binary) << f.content;
    }
    base = load_plan(dir, {});
    forms = issue_forms(base.plan);
  }
  ~Context() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

void check_problems(const IntakeResult& result) {
  for (const Diagnostic& d : result.problems.items()) {
    const std::string line = format_diagnostic(d);
    fuzz::require(line.starts_with("issue.md:"), "intake: a problem not of the issue", line);
    fuzz::require(!d.code.empty(), "intake: a problem without a code", line);
    for (char c : line) {
      const auto u = static_cast<unsigned char>(c);
      fuzz::require(u >= 0x20 && u != 0x7F, "intake: a problem line with a control character",
                    line);
    }
    fuzz::check_utf8(line, "intake problem");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Context k_context;
  const std::string body = fuzz::as_text(data, size);
  const IntakeResult result = intake(k_context.base.plan, k_context.forms, body, "issue.md",
                                     std::nullopt, fuzz::as_of(), {"soil-mapping.yaml"});
  check_problems(result);
  const std::string comment = intake_comment(result);
  fuzz::check_utf8(comment, "intake comment");
  fuzz::require(comment.size() < 65536, "intake: a comment over GitHub's limit");
  if (!result.ok()) {
    fuzz::require(result.text.empty(), "intake: a refused issue gave a file");
    return 0;
  }
  fuzz::require(!result.text.empty() && !result.rel_path.empty(), "intake: accepted, no file");
  const LoadResult loaded = fuzz::load_over_base({{result.rel_path, result.text, "", 0}});
  Diagnostics diags = loaded.diags;
  diags.append(check_plan(loaded.plan, fuzz::as_of()));
  for (const Diagnostic& d : diags.items())
    fuzz::require(d.path != result.rel_path || d.severity != Severity::error,
                  "intake: the file written does not validate", format_diagnostic(d));
  return 0;
}
