// actionplan: reads the process's surroundings once and hands over to run().
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include "run.hpp"

int main(int argc, char** argv) {
  // A full disk or a file-size limit must fail a write cleanly, not kill the process.
  std::signal(SIGXFSZ, SIG_IGN);
  actionplan::cli::Context context;
  std::error_code ec;
  context.cwd = std::filesystem::current_path(ec);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) context.source_date_epoch = epoch;
  if (const char* threads = std::getenv("ACTIONPLAN_THREADS")) context.threads = threads;
  context.now_unix_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  context.in = &std::cin;
  context.interactive =
      ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);  // never prompt in pipes or CI
  std::vector<std::string> args(argv + 1, argv + argc);
  const int code = actionplan::cli::run(args, std::cout, std::cerr, context);
  // A full disk, a file-size limit or a closed stdout: say so, never exit 0 on a cut output.
  if (!std::cout.flush()) {
    std::cerr << "actionplan: error: cannot write the output to standard output (disk full, file "
                 "too large "
                 "or closed); it is incomplete\n";
    return 2;
  }
  return code;
}
