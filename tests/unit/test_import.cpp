// CSV reading and the row checks of `import`.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "render/csv.hpp"
#include "write/import_csv.hpp"

using namespace actionplan;
using V = std::vector<std::string>;

namespace {

std::vector<V> cells(const std::string& text, V& errors) {
  std::vector<V> out;
  Diagnostics problems;
  for (const CsvRow& row : parse_csv(text, "t.csv", problems)) {
    V line;
    for (const CsvField& f : row) line.push_back(f.text);
    out.push_back(line);
  }
  for (const std::string& line : test::lines(problems)) errors.push_back(line);
  return out;
}

const std::map<std::string, std::string> k_plan = {
    {"plan.yaml", "format: 1\ntitle: T\nregions: [{id: africa, name: Africa}]\n"},
    {"objectives/O1.yaml", "id: O1\ntitle: One\n"},
    {"activities/a1.yaml", "id: a1\ntitle: Existing\nobjectives: [O1]\n"},
};

}  // namespace

TEST_CASE("CSV as RFC 4180: quotes, doubled quotes, CRLF, line breaks in fields, a BOM") {
  V errors;
  CHECK(cells("\xEF\xBB\xBF"
              "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\r\n",
              errors) == std::vector<V>{{"a", "b"}, {"x, y", "say \"hi\""}, {"two\nlines", ""}});
  CHECK(errors.empty());
  CHECK(cells("a\nb", errors) == std::vector<V>{{"a"}, {"b"}});  // no final line break
  CHECK(cells("a,\"open\n", errors).empty());
  CHECK(
      errors ==
      V{"t.csv:1:2: error: a quoted field is not closed before the end of the file [csv-syntax]"});
  errors.clear();
  CHECK(cells("a,b\"c\n", errors).empty());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("t.csv:1:2: error: a quote inside a field", 0) == 0);
}

TEST_CASE("CSV fields keep their row and column, counted in records, not lines") {
  Diagnostics errors;
  const std::vector<CsvRow> rows = parse_csv("h1,h2\n\"multi\nline\",x\ny,z\n", "t.csv", errors);
  REQUIRE(rows.size() == 3);
  CHECK(rows[2][1].text == "z");
  CHECK(rows[2][1].row == 3);
  CHECK(rows[2][1].column == 2);
}

TEST_CASE("import checks every row, maps aliases and lists, and names ROW:COL") {
  auto r = test::load(k_plan);
  REQUIRE(r.lines() == V{});
  const Date today{2026, 11, 21};
  ImportResult ok =
      prepare_import(r.plan, RecordKind::activity, "p.csv",
                     "Title,Objective,Region,Sponsor,Budget\nNew one,O1,africa,A; B ; ,'=1+1\n",
                     today, {"a1.yaml"});
  REQUIRE(test::lines(ok.problems).size() ==
          1);  // "=1+1" (defused as '=1+1) is still not an amount
  CHECK(test::lines(ok.problems)[0] ==
        "p.csv:2:5: error: '=1+1' is not an amount; write 250000, 45000-90000, none or tbd "
        "[invalid-value]");

  ImportResult good =
      prepare_import(r.plan, RecordKind::activity, "p.csv",
                     "Title,Objective,Region,Sponsor,Budget\nNew one,O1,africa,A; B ; ,1000\n"
                     "Second,O1,,,\n",
                     today, {"a1.yaml"});
  REQUIRE(good.ok());
  REQUIRE(good.records.size() == 2);
  CHECK(good.records[0].rel_path == "activities/new-one.yaml");
  CHECK(good.records[0].record.sponsors.size() == 2);
  CHECK(good.records[0].record.sponsors[1].value == "B");
  CHECK(good.records[1].rel_path == "activities/second.yaml");

  ImportResult bad = prepare_import(r.plan, RecordKind::activity, "p.csv",
                                    "id,title,objectives,regions\nA1,Clash,O1,\nn2,Fine,O2,asia\n",
                                    today, {"a1.yaml"});
  CHECK(test::lines(bad.problems) ==
        V{"p.csv:2:1: error: an activity with the id 'A1' already exists: "
          "activities/a1.yaml; give this row its "
          "own id in the column 'id' [duplicate-id]",
          "p.csv:3:3: error: unknown objective 'O2'; known objectives: O1; did you "
          "mean 'O1'? [unknown-reference]",
          "p.csv:3:4: error: unknown region 'asia'; known regions: africa, global "
          "(regions are listed in plan.yaml) "
          "[unknown-reference]"});
  CHECK(bad.records.size() == 0);
}

TEST_CASE("a CRLF inside a quoted cell (Excel, git's autocrlf) is kept as a line break") {
  V errors;
  CHECK(cells("a,b\r\n\"two\r\nlines\",\"x\r\n\r\ny\"\r\n", errors) ==
        std::vector<V>{{"a", "b"}, {"two\nlines", "x\n\ny"}});
  CHECK(errors.empty());
}

TEST_CASE("the separator is read from the header: ';' when it has ';' and no ',' outside quotes") {
  CHECK(csv_separator("title;objectives\r\nA,B;O1\r\n") == ';');
  CHECK(csv_separator("\"Title, long\";objectives\n") == ';');  // the comma is quoted
  CHECK(csv_separator("title,objectives;x\n") == ',');
  CHECK(csv_separator("title\nA;B\n") == ',');  // a ';' below the header says nothing
  CHECK(csv_separator("\"a\"\"b\";c\n") == ';');
  V errors;
  CHECK(cells("\xEF\xBB\xBF"
              "title;sponsors\r\n\"Soil; water\";\"A; B\"\r\nx,y;z\r\n",
              errors) ==
        std::vector<V>{{"title", "sponsors"}, {"Soil; water", "A; B"}, {"x,y", "z"}});
  CHECK(errors.empty());
}

TEST_CASE("list cells: ';' and '\\' inside an item are escaped, and split back the same") {
  const V items = {"Ministry of Agriculture; Kenya", "C:\\data\\", "plain", "a\\;b"};
  const std::string cell = list_cell(items);
  CHECK(cell == "Ministry of Agriculture\\; Kenya; C:\\\\data\\\\; plain; a\\\\\\;b");
  CHECK(list_items(cell) == items);
  CHECK(list_items("A; B ; ;") == V{"A", "B"});
  CHECK(list_items("C:\\Users; x") == V{"C:\\Users", "x"});  // a lone backslash is kept
}

TEST_CASE("import: empty header cells at the end are no columns; a value under one is an error") {
  auto r = test::load(k_plan);
  const Date today{2026, 11, 21};
  ImportResult ok =
      prepare_import(r.plan, RecordKind::activity, "p.csv",
                     "title,objectives,,\r\nOne,O1,,\r\nTwo,O1\r\n", today, {"a1.yaml"});
  CHECK(test::lines(ok.problems) == V{});
  CHECK(ok.records.size() == 2);
  ImportResult bad = prepare_import(r.plan, RecordKind::activity, "p.csv",
                                    "title,objectives,,\r\nOne,O1,, x\r\nTwo\r\nThree,O1,,,\r\n",
                                    today, {"a1.yaml"});
  CHECK(test::lines(bad.problems) ==
        V{"p.csv:2:4: error: this cell is under no column: the header's column 4 is "
          "empty; name the column or "
          "empty the cell [csv-syntax]",
          "p.csv:3:1: error: this row has 1 field, the header 2 [csv-syntax]",
          "p.csv:4:1: error: this row has 5 fields, the header 4 [csv-syntax]"});
  ImportResult middle = prepare_import(r.plan, RecordKind::activity, "p.csv",
                                       "title,,objectives\nOne,,O1\n", today, {"a1.yaml"});
  REQUIRE(test::lines(middle.problems).size() ==
          1);  // an empty header between columns is still refused
  CHECK(test::lines(middle.problems)[0].rfind("p.csv:1:2: error: unknown column ''", 0) == 0);
}

TEST_CASE("import: a list item with an escaped ';' stays one item") {
  auto r = test::load(k_plan);
  ImportResult ok =
      prepare_import(r.plan, RecordKind::activity, "p.csv",
                     "title,objectives,partners\nOne,O1,Ministry of Agriculture\\; Kenya; FAO\n",
                     Date{2026, 11, 21}, {});
  REQUIRE(ok.records.size() == 1);
  REQUIRE(ok.records[0].record.partners.size() == 2);
  CHECK(ok.records[0].record.partners[0].value == "Ministry of Agriculture; Kenya");
  CHECK(ok.records[0].record.partners[1].value == "FAO");
}

TEST_CASE(
    "import run again: rows whose file holds exactly what they would write are already imported") {
  auto r = test::load(k_plan);
  const Date today{2026, 11, 21};
  const std::string csv = "title,objectives\nNew one,O1\nSecond,O1\n";
  ImportResult first =
      prepare_import(r.plan, RecordKind::activity, "p.csv", csv, today, {"a1.yaml"});
  REQUIRE(first.records.size() == 2);
  std::map<std::string, std::string> files = {{"a1.yaml", "id: a1\n"},
                                              {"new-one.yaml", first.records[0].yaml}};
  auto existing = [&](const std::string& name) -> std::optional<std::string> {
    auto it = files.find(name);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  ImportResult again = prepare_import(r.plan, RecordKind::activity, "p.csv", csv, today,
                                      {"a1.yaml", "new-one.yaml"}, existing);
  CHECK(test::lines(again.problems) == V{});
  CHECK(again.already_imported == V{"activities/new-one.yaml"});
  REQUIRE(again.records.size() == 1);
  CHECK(again.records[0].rel_path == "activities/second.yaml");

  // Everything there already: nothing to write, and no error.
  files["second.yaml"] = first.records[1].yaml;
  ImportResult all = prepare_import(r.plan, RecordKind::activity, "p.csv", csv, today,
                                    {"a1.yaml", "new-one.yaml", "second.yaml"}, existing);
  CHECK(test::lines(all.problems) == V{});
  CHECK(all.records.empty());
  CHECK(all.already_imported.size() == 2);

  // Another content (another day, an edit since) is still a clash, and so is a second row with that
  // id.
  files["new-one.yaml"] += "# edited\n";
  ImportResult edited = prepare_import(r.plan, RecordKind::activity, "p.csv", csv, today,
                                       {"a1.yaml", "new-one.yaml"}, existing);
  REQUIRE(test::lines(edited.problems).size() == 1);
  CHECK(test::lines(edited.problems)[0].rfind(
            "p.csv:2:1: error: an activity with the id 'new-one' (made from the title) already "
            "exists: activities/new-one.yaml",
            0) == 0);
  files["new-one.yaml"] = first.records[0].yaml;
  ImportResult twice = prepare_import(r.plan, RecordKind::activity, "p.csv",
                                      "title,objectives\nNew one,O1\nNew one,O1\n", today,
                                      {"a1.yaml", "new-one.yaml"}, existing);
  CHECK(twice.already_imported == V{"activities/new-one.yaml"});
  REQUIRE(test::lines(twice.problems).size() == 1);
  CHECK(test::lines(twice.problems)[0].find("(an earlier row of this file)") != std::string::npos);
}
