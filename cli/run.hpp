#pragma once
// The command line: `run` parses arguments and runs one subcommand. It is the
// only code that writes to streams; main() passes std::cout and std::cerr.
#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace actionplan::cli {

// What the process knows of its surroundings; main() fills it, tests fake it.
struct Context {
  std::filesystem::path cwd;
  std::optional<std::string> source_date_epoch;  // $SOURCE_DATE_EPOCH
  long long now_unix_seconds = 0;                // the clock, read once by main()
  std::istream* in = nullptr;                    // standard input (add-project --from -, prompts)
  bool interactive = false;                      // stdin and stdout are terminals: prompts allowed
  std::optional<std::string> threads;            // $ACTIONPLAN_THREADS: workers reading the plan
};

// `args` excludes the program name. Returns the exit code (0, 1 or 2).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Context& context);

}  // namespace actionplan::cli
