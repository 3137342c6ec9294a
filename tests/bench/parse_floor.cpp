// The floor under `validate`: libyaml's parser walking the events of every
// record file of a plan (already in memory), doing nothing with them, on one
// core. actionplan cannot read the files faster than this divided by its
// workers. usage: parse_floor PLAN_DIR   (prints "<files> files <seconds> s")
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <yaml.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: parse_floor PLAN_DIR\n";
    return 2;
  }
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1]))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      texts.push_back(text.str());
    }
  const auto start = std::chrono::steady_clock::now();
  std::size_t events = 0;
  for (const std::string& text : texts) {
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    yaml_event_t event{};
    bool more = true;
    while (more && yaml_parser_parse(&parser, &event)) {
      more = event.type != YAML_STREAM_END_EVENT;
      ++events;
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::cout << texts.size() << " files " << took.count() << " s\n";
  std::cerr << events << " events\n";
  return 0;
}
