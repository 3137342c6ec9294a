#include <doctest/doctest.h>

#include "model/text.hpp"

using namespace actionplan;

TEST_CASE("natural order puts O2 before O10") {
  CHECK(natural_less("O2", "O10"));
  CHECK_FALSE(natural_less("O10", "O2"));
  CHECK(natural_less("a", "b"));
  CHECK(natural_less("O1", "O1a"));
  CHECK(natural_less("activities/a9.yaml", "activities/a10.yaml"));
  CHECK_FALSE(natural_less("O1", "O1"));
  CHECK(natural_less("x01", "x1") != natural_less("x1", "x01"));  // strict weak order on ties
}

TEST_CASE("id syntax") {
  CHECK(is_valid_id("O3"));
  CHECK(is_valid_id("soil-carbon-kenya"));
  CHECK(is_valid_id("I1.a_b"));
  CHECK(is_valid_id(std::string(64, 'a')));
  CHECK_FALSE(is_valid_id(std::string(65, 'a')));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id("-x"));
  CHECK_FALSE(is_valid_id("a b"));
  CHECK_FALSE(is_valid_id("../x"));
  CHECK_FALSE(is_valid_id("é"));
}

TEST_CASE("closest match suggests plausible typos only") {
  const std::vector<std::string> stages = {"idea", "concept", "validated"};
  CHECK(closest_match("concep", stages) == "concept");
  CHECK(closest_match("CONCEPT", stages) == "concept");
  CHECK(closest_match("implementation", stages).empty());
  CHECK(closest_match("titel", {"id", "title"}) == "title");
  CHECK(closest_match("x", {"id", "title"}).empty());
  CHECK(closest_match("O25", {"O1", "O2", "O10"}) == "O2");
  // No arbitrary guess when two candidates are as close: O2 and O15 for O25, O1 and O2 for O3.
  CHECK(closest_match("O25", {"O1", "O2", "O15"}).empty());
  CHECK(closest_match("O3", {"O1", "O2"}).empty());
}

TEST_CASE("lists of known ids are compact") {
  std::vector<std::string> objectives;
  for (int i = 24; i >= 1; --i) objectives.push_back("O" + std::to_string(i));
  CHECK(describe_ids(objectives) == "O1..O24");
  CHECK(describe_ids({"O1", "O2"}) == "O1, O2");
  CHECK(describe_ids({"O1", "O3", "O4"}) == "O1, O3, O4");
  CHECK(describe_ids({}) == "none");
  CHECK(describe_ids({"a", "b", "c", "d"}, 2) == "a, b and 2 more");
}

TEST_CASE("unknown reference message names the known ids and the closest") {
  std::vector<std::string> objectives;
  for (int i = 1; i <= 24; ++i) objectives.push_back("O" + std::to_string(i));
  CHECK(unknown_reference_message("objective", "objectives", "O25", objectives) ==
        "unknown objective 'O25'; known objectives: O1..O24");
  CHECK(unknown_reference_message("task force", "task forces", "zzz", {"TF1"}) ==
        "unknown task force 'zzz'; known task forces: TF1");
}

TEST_CASE("control characters are found where escape_controls would change the text") {
  for (const std::string s : {"plain", "two\nlines\tand a tab", "Café · 日本", ""})
    CHECK_FALSE(has_control_character(s));
  for (const std::string& s : std::vector<std::string>{"bell\a", std::string("nul\0", 4), "del\x7F",
                                                       "cr\r", "c1 \xC2\x85", "bad \xFF"})
    CHECK(has_control_character(s));
  CHECK(escape_controls("plain text") == "plain text");
  CHECK(escape_controls("a\x1B[31m") == "a\\x1B[31m");
}

TEST_CASE("bidi controls are escaped for display, so a text cannot reorder a terminal line") {
  CHECK(escape_controls("evil\u202Elmay.yaml") == "evil\\u202Elmay.yaml");
  CHECK(escape_controls("a\u2066b\u2069") == "a\\u2066b\\u2069");
  CHECK(escape_controls("عربي") == "عربي");  // right-to-left text itself is kept
}

TEST_CASE("is_ascii looks at every byte, also past the last full eight") {
  CHECK(is_ascii(""));
  CHECK(is_ascii("plain text, seventeen+"));
  CHECK_FALSE(is_ascii("caf\xC3\xA9"));                       // in the tail
  CHECK_FALSE(is_ascii("\xC3\xA9 and then some more text"));  // in the first eight
  CHECK_FALSE(is_ascii(std::string(16, 'a') + "\x80"));
}

TEST_CASE("a name written for an id is answered with the id") {
  const std::vector<NamedId> stages = {{"agreement", "Funding agreement signed"},
                                       {"idea", "Project idea"}};
  const std::vector<NamedId> regions = {
      {"latin-america-caribbean", "Latin America and the Caribbean"},
      {"north-america", "North America"},
      {"africa", "Africa"}};
  CHECK(id_for_name("Funding agreement signed", stages) == "agreement");
  CHECK(id_for_name("  funding AGREEMENT signed ", stages) == "agreement");
  CHECK(id_for_name("Latin America", regions) == "latin-america-caribbean");
  CHECK(id_for_name("America", regions) == "");     // no name starts so
  CHECK(id_for_name("Latin Amer", regions) == "");  // not at a word's end
  CHECK(id_for_name("north america", regions) == "north-america");
  CHECK(id_for_name("Europe", regions) == "");
  CHECK(unknown_reference_message("stage", "stages", "Project idea", {"agreement", "idea"},
                                  IdOrder::as_given, stages) ==
        "unknown stage 'Project idea': that is the name of stage 'idea'; write idea");
}

TEST_CASE("a part of an id suggests the one id it is part of") {
  const std::vector<std::string> ids = {"andes-coffee-agroforestry-soil-carbon",
                                        "colombia-coffee-agroforestry-soils", "soil-mapping"};
  CHECK(closest_match("andes-coffee-agroforestry", ids) == "andes-coffee-agroforestry-soil-carbon");
  CHECK(closest_match("soil-mapping-2025", ids) == "soil-mapping");
  CHECK(closest_match("coffee", ids) == "");  // a part in the middle: no guess
  CHECK(closest_match("andes-coffee-agro", ids) == "andes-coffee-agroforestry-soil-carbon");
}
