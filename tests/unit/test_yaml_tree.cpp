#include <doctest/doctest.h>

#include "helpers.hpp"
#include "load/yaml_tree.hpp"

using namespace actionplan;

namespace {
std::vector<std::string> refusals(const std::string& text) {
  Diagnostics diags;
  yaml::parse(text, "f.yaml", diags);
  return test::lines(diags);
}
}  // namespace

TEST_CASE("the tree keeps 1-based positions, order and scalar style") {
  Diagnostics diags;
  auto root =
      yaml::parse("id: a\ntitle: 'yes'\nlist:\n  - 010\n  - {k: v}\nempty:\n", "f.yaml", diags);
  REQUIRE(root);
  CHECK(diags.items().empty());
  REQUIRE(root->keys.size() == 4);
  CHECK(root->keys[1].text == "title");
  CHECK(root->keys[1].pos == Position{2, 1});
  const yaml::Node* title = root->find("title");
  REQUIRE(title);
  CHECK(title->text == "yes");
  CHECK_FALSE(title->plain);
  CHECK(title->pos == Position{2, 8});
  const yaml::Node* list = root->find("list");
  REQUIRE(list);
  CHECK(list->is_sequence());
  CHECK(list->items[0].text == "010");
  CHECK(list->items[0].plain);
  CHECK(list->items[0].pos == Position{4, 5});
  CHECK(list->items[1].is_mapping());
  CHECK(list->items[1].flow);
  CHECK(root->find("empty")->is_null());
  CHECK(root->find("missing") == nullptr);
}

TEST_CASE("safety rules refuse with a code and a position") {
  using V = std::vector<std::string>;
  CHECK(refusals("a: &x 1\n") == V{"f.yaml:1:4: error: YAML anchors ('&x') are not allowed; write "
                                   "each value out in full [anchor]"});
  CHECK(refusals("a: *x\n") == V{"f.yaml:1:4: error: YAML aliases ('*x') are not allowed; write "
                                 "the value out in full [alias]"});
  CHECK(refusals("a: !!int 1\n") ==
        V{"f.yaml:1:4: error: explicit YAML tags ('!!int') are not allowed; remove the tag [tag]"});
  CHECK(refusals("a: 1\n<<: {b: 2}\n") == V{"f.yaml:2:1: error: YAML merge keys ('<<') are not "
                                            "allowed; write the keys out [merge-key]"});
  CHECK(refusals("? [a]\n: 1\n") ==
        V{"f.yaml:1:3: error: a key must be a plain text, not a list or mapping [complex-key]"});
  CHECK(
      refusals("a: 1\n---\nb: 2\n") ==
      V{"f.yaml:2:1: error: more than one YAML document ('---') in a file; put each record in its "
        "own file [multiple-documents]"});
  CHECK(refusals("") ==
        V{"f.yaml:1:1: error: file is empty; a record is a YAML mapping of keys [empty-file]"});
  CHECK(refusals("# c\n") ==
        V{"f.yaml:1:1: error: file is empty; a record is a YAML mapping of keys [empty-file]"});
  CHECK(refusals("- a\n") ==
        V{"f.yaml:1:1: error: the top level must be a mapping of keys (like 'id: ...'), not a list "
          "[not-a-mapping]"});
  CHECK(refusals("a: [b\n") ==
        V{"f.yaml:1:4: error: YAML syntax: this list ('[') is not closed where expected; add "
          "',' between items or the closing ']' [yaml-syntax]"});
  CHECK(refusals("a: ! x\n") ==
        V{"f.yaml:1:4: error: explicit YAML tags ('!') are not allowed; remove the tag [tag]"});
  CHECK(refusals("a: 1\n...\nb: 2\n") == V{"f.yaml:3:1: error: more than one YAML document in a "
                                           "file (text after '...'); put each record in its own "
                                           "file [multiple-documents]"});
  CHECK(refusals("a: 1\n: 2\n") ==
        V{"f.yaml:2:1: error: empty key; write a key before the ':' [complex-key]"});
  CHECK(refusals("a: 1\n~: 2\n") ==
        V{"f.yaml:2:1: error: empty key; write a key before the ':' [complex-key]"});
}

TEST_CASE("null is a plain empty value, ~ or null; quoted, it is text") {
  Diagnostics diags;
  auto root =
      yaml::parse("a:\nb: ~\nc: null\nd: NULL\ne: 'null'\nf: \"\"\ng: nil\n", "f.yaml", diags);
  REQUIRE(root);
  for (const char* key : {"a", "b", "c", "d"}) CHECK(root->find(key)->is_null());
  CHECK(root->find("e")->text == "null");
  CHECK(root->find("f")->is_scalar());
  CHECK(root->find("f")->text.empty());
  CHECK(root->find("g")->text == "nil");
}

TEST_CASE("columns count bytes, also after accented letters and on CRLF lines") {
  Diagnostics diags;
  auto root =
      yaml::parse("t: \xC3\xA9t\xC3\xA9\r\nu: [\xE2\x82\xAC, x]\r\nv: y\n", "f.yaml", diags);
  REQUIRE(root);
  CHECK(root->find("u")->items[1].pos == Position{2, 10});
  CHECK(root->keys[2].pos == Position{3, 1});
  CHECK(root->find("v")->pos == Position{3, 4});
  auto bom =
      yaml::parse("\xEF\xBB\xBFt: \xC3\xA9\nu: v\n", "f.yaml", diags);  // a BOM left in the text
  REQUIRE(bom);
  CHECK(bom->find("t")->pos == Position{1, 4});
  CHECK(bom->find("u")->pos == Position{2, 4});
  CHECK(refusals("t: \xC3\xA9\xC3\xA9\nu: \xC3\xA9: x\n") ==
        std::vector<std::string>{
            "f.yaml:2:6: error: YAML syntax: a ':' here cannot start a value; put the whole "
            "value in quotes, or check the indentation [yaml-syntax]"});
}

TEST_CASE("YAML syntax errors say what to fix, at the line to fix") {
  using V = std::vector<std::string>;
  CHECK(refusals("a: 1\nb c\nd: 2\n") == V{"f.yaml:2:1: error: YAML syntax: this line has no ':' "
                                           "after its key (or it is a text that needs quotes) "
                                           "[yaml-syntax]"});
  CHECK(refusals("a: 1\n\tb: 2\n") == V{"f.yaml:2:1: error: YAML syntax: a tab is used for "
                                        "indentation here; indent with spaces [yaml-syntax]"});
  CHECK(refusals("a: 'x\nb: 2\n") == V{"f.yaml:1:4: error: YAML syntax: this quoted text is never "
                                       "closed; add the closing quote [yaml-syntax]"});
  CHECK(refusals("a: {b: 1\n") == V{"f.yaml:1:4: error: YAML syntax: this mapping ('{') is not "
                                    "closed where expected; add ',' between "
                                    "entries or the closing '}' [yaml-syntax]"});
  CHECK(refusals("a: 1\n b: 2\n") == V{"f.yaml:2:3: error: YAML syntax: a ':' here cannot start a "
                                       "value; put the whole value in quotes, or "
                                       "check the indentation [yaml-syntax]"});
  CHECK(refusals("a:\n  b: 1\n c: 2\n") == V{"f.yaml:3:2: error: YAML syntax: this line is not "
                                             "indented like the keys of the mapping that starts "
                                             "at line 1; check its indentation [yaml-syntax]"});
  CHECK(refusals("a: @b\n") == V{"f.yaml:1:4: error: YAML syntax: a value cannot start with '@'; "
                                 "put the value in quotes [yaml-syntax]"});
  CHECK(refusals("a: \"x\\qy\"\n") ==
        V{"f.yaml:1:6: error: YAML syntax: this '\\' starts an escape that YAML does not know; "
          "write '\\\\' for "
          "a backslash, or put the value in single quotes [yaml-syntax]"});
  CHECK(refusals("a: 1\nb: [1,") ==  // no final line break: still on the last line
        V{"f.yaml:2:7: error: YAML syntax: the file ends where a value is expected; is a closing "
          "']' or '}' "
          "missing? [yaml-syntax]"});
  CHECK(refusals("a: \xC3\xA9\nb: [1,") == V{"f.yaml:2:7: error: YAML syntax: the file ends where "
                                             "a value is expected; is a closing ']' or '}' "
                                             "missing? [yaml-syntax]"});
  CHECK(refusals("a: [1,\n") == V{"f.yaml:2:1: error: YAML syntax: the file ends where a value is "
                                  "expected; is a closing ']' or '}' "
                                  "missing? [yaml-syntax]"});
}

TEST_CASE("nesting is limited to 32 levels") {
  Diagnostics ok;
  CHECK(yaml::parse("a: " + std::string(31, '[') + std::string(31, ']') + "\n", "f.yaml", ok));
  CHECK(ok.items().empty());
  CHECK(refusals("a: " + std::string(32, '[') + std::string(32, ']') + "\n") ==
        std::vector<std::string>{
            "f.yaml:1:35: error: nesting deeper than 32 levels is not allowed [too-deep]"});
  CHECK(refusals("a: " + std::string(100000, '[') + std::string(100000, ']') + "\n").size() == 1);
}

TEST_CASE("every duplicate key is reported with both lines, the first value kept") {
  Diagnostics diags;
  auto root = yaml::parse("a: 1\nb: 2\na: 3\nc: {x: 1, x: 2}\n", "f.yaml", diags);
  REQUIRE(root);
  CHECK(root->find("a")->text == "1");
  CHECK(test::lines(diags) ==
        std::vector<std::string>{
            "f.yaml:3:1: error: duplicate key 'a' (first at line 1); keep only one [duplicate-key]",
            "f.yaml:4:11: error: duplicate key 'x' (first at line 4); keep only one "
            "[duplicate-key]"});
}

TEST_CASE("duplicate keys are found in large mappings too") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text += "k3: again\nk30: again\nk40: new\nk40: twice\n";  // lines 41 to 44
  Diagnostics diags;
  auto root = yaml::parse(text, "big.yaml", diags);
  REQUIRE(root);
  CHECK(root->keys.size() == 41);
  CHECK(root->find("k30")->text == "30");
  CHECK(root->find("k40")->text == "new");
  CHECK(test::lines(diags) ==
        std::vector<std::string>{"big.yaml:41:1: error: duplicate key 'k3' (first at line 4); keep "
                                 "only one [duplicate-key]",
                                 "big.yaml:42:1: error: duplicate key 'k30' (first at line 31); "
                                 "keep only one [duplicate-key]",
                                 "big.yaml:44:1: error: duplicate key 'k40' (first at line 43); "
                                 "keep only one [duplicate-key]"});
}

TEST_CASE("a comment after a plain scalar is kept with its position") {
  Diagnostics d;
  auto root = yaml::parse(
      "title: Soil day #2 in schools\nid: x # note\nq: \"a #b\"\nw: a#b\nn: b  # on purpose\n",
      "f.yaml", d);
  REQUIRE(root);
  CHECK(root->find("title")->text == "Soil day");
  CHECK(root->find("title")->comment == "#2 in schools");
  CHECK(root->find("title")->comment_pos == Position{1, 17});
  CHECK(root->find("id")->comment == "# note");
  CHECK(root->find("q")->comment.empty());
  CHECK(root->find("w")->comment.empty());
  CHECK(root->find("w")->text == "a#b");
  CHECK(root->find("n")->comment.empty());
}
