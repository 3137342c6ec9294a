// Replays stored inputs through a fuzz target without libFuzzer: a main() that
// runs LLVMFuzzerTestOneInput once per file of each folder (or file) given, in
// name order. Used by the ctest tests fuzz/replay-<target> in every build
// (g++ or clang, with or without sanitizers). A folder that does not exist
// counts as empty; files named README* or starting with '.' are skipped.
// Exits 0 when every input ran; a failed check or a crash aborts.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::size_t total = 0;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    std::vector<fs::path> inputs;
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      for (const fs::directory_entry& e : fs::directory_iterator(arg)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && name[0] != '.' && !name.starts_with("README"))
          inputs.push_back(e.path());
      }
    } else if (fs::is_regular_file(arg, ec)) {
      inputs.push_back(arg);
    }
    std::sort(inputs.begin(), inputs.end());
    for (const fs::path& input : inputs) {
      std::fprintf(stderr, "replay: %s\n", input.string().c_str());
      std::ifstream in(input, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      if (!in.good() && !in.eof()) {
        std::fprintf(stderr, "replay: cannot read %s\n", input.string().c_str());
        return 1;
      }
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::printf("replayed %zu inputs from %s\n", inputs.size(), arg.string().c_str());
    total += inputs.size();
  }
  std::printf("replayed %zu inputs in all\n", total);
  return 0;
}
