// The issue forms of a plan (write/forms) and reading back the issues written with
// them (write/intake): what GitHub writes, read as the form's questions, checked as
// add-project, record and a progress report check.
#include <doctest/doctest.h>

#include "helpers.hpp"
#include "write/add_record.hpp"
#include "write/forms.hpp"
#include "write/intake.hpp"

using namespace actionplan;

namespace {

const std::map<std::string, std::string> k_files = {
    {"objectives/O1.yaml", "id: O1\ntitle: Soils, water and air\ngoal: G1\n"},
    {"objectives/O2.yaml", "id: O2\ntitle: Advisers\ngoal: G1\n"},
    {"activities/labs.yaml",
     "id: labs\ntitle: Labs\nobjectives: [O1]\nstage: concept\n"
     "budget:\n  estimate: 5000\n  # a comment kept\nupdated: 2026-01\n"},
    {"indicators/I1.yaml",
     "id: I1\ntitle: Hectares\nobjective: O1\nunit: ha\nmeasurements:\n  - {date: 2025, value: "
     "4}\n"},
};

const Date k_today{2026, 11, 21};

IntakeResult read(const test::Loaded& loaded, const std::string& body) {
  return intake(loaded.plan, issue_forms(loaded.plan), body, "issue.md", std::nullopt, k_today,
                {"labs.yaml"});
}

}  // namespace

TEST_CASE("an issue body is read as GitHub writes it: headings, empty answers, CRLF, fences") {
  const std::vector<IssueAnswer> answers = issue_answers(
      "intro\r\n### Title\r\n\r\nSoil labs\r\n\r\n### Lead\r\n\r\n_No response_\r\n\r\n"
      "### Description\r\n\r\n```\r\n### not a heading\r\n```\r\nafter\r\n");
  REQUIRE(answers.size() == 3);
  CHECK(answers[0].label == "Title");
  CHECK(answers[0].text == "Soil labs");
  CHECK(answers[0].line == 2);
  CHECK(answers[1].text.empty());
  CHECK(answers[2].text == "```\n### not a heading\n```\nafter");
  CHECK(answers[2].line == 10);
}

TEST_CASE("a dropdown choice is the id and the title on one line, shortened") {
  CHECK(form_choice("O1", "Soils,\n  \"water\"") == "O1: Soils, \"water\"");
  CHECK(form_choice("global", "") == "global");
  const std::string long_title(150, 'e');
  CHECK(form_choice("O1", "é" + long_title) == "O1: é" + std::string(99, 'e') + "…");
}

TEST_CASE("the forms that apply: none for a blank plan; ids past 500 records are typed") {
  CHECK(issue_forms(test::load({}).plan).empty());
  std::map<std::string, std::string> files = {{"objectives/O1.yaml", "id: O1\ntitle: A\n"}};
  CHECK(issue_forms(test::load(files).plan).size() == 1);
  for (int n = 0; n < 501; ++n)
    files["activities/a" + std::to_string(n) + ".yaml"] =
        "id: a" + std::to_string(n) + "\ntitle: A\nobjectives: [O1]\n";
  const std::vector<Form> forms = issue_forms(test::load(files).plan);
  REQUIRE(forms.size() == 2);
  CHECK(forms[1].kind == FormKind::progress);
  CHECK(forms[1].fields[0].type == FieldType::input);
  CHECK(form_yaml(forms[1]) == form_yaml(issue_forms(test::load(files).plan)[1]));
}

TEST_CASE("a project's issue gives the file add-project writes, commas in titles kept apart") {
  const test::Loaded loaded = test::load(k_files);
  const IntakeResult result =
      read(loaded,
           "### Title\n\nSoil labs\n\n### Objectives\n\nO1: Soils, water and air, O2: Advisers\n\n"
           "### Sponsors\n\n- AFD\n- Ministry of Agriculture, Kenya\n\n### Estimated budget\n\n"
           "250000\n\n### Publication\n\n- [X] The information above may be published in the plan "
           "and its reports.\n");
  REQUIRE(result.ok());
  CHECK(result.create);
  ActivityOptions options;
  options.values = {{"title", "Soil labs"}, {"budget_estimate", "250000"}};
  options.lists = {{"objectives", {"O1", "O2"}},
                   {"sponsors", {"AFD", "Ministry of Agriculture, Kenya"}}};
  const PreparedActivity expected =
      prepare_activity(loaded.plan, options, std::nullopt, k_today, {"labs.yaml"});
  CHECK(result.rel_path == expected.rel_path);
  CHECK(result.text == expected.yaml);
}

TEST_CASE("each problem is named by the form's question, at its heading's line") {
  const IntakeResult result = read(test::load(k_files),
                                   "### Title\n\nLabs\n\n### Objectives\n\nO3\n\n### Stage\n\n"
                                   "x\n\n### Colour\n\nred\n\n### Publication\n\n- [ ] The "
                                   "information above may be published in the plan and its "
                                   "reports.\n");
  CHECK_FALSE(result.ok());
  CHECK(result.text.empty());
  const std::vector<std::string> lines = test::lines(result.problems);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].starts_with("issue.md:5:1: error: Objectives: unknown objective 'O3'"));
  CHECK(lines[1].starts_with("issue.md:9:1: error: Stage: unknown stage 'x'"));
  CHECK(lines[2].starts_with("issue.md:13:1: error: '### Colour' is not a question"));
  CHECK(lines[3].starts_with("issue.md:17:1: error: Publication: tick the box"));
  CHECK(intake_comment(result).find("- Objectives: unknown objective") != std::string::npos);
}

TEST_CASE("an answer's title already taken gets the next free id") {
  const IntakeResult result =
      read(test::load(k_files),
           "### Title\n\nLabs\n\n### Objectives\n\nO1\n\n### Publication\n\n- [x] The information "
           "above may be published in the plan and its reports.\n");
  REQUIRE(result.ok());
  CHECK(result.rel_path == "activities/labs-2.yaml");
}

TEST_CASE("a value and a progress report edit the record's file in place") {
  test::TempDir dir;
  dir.write("plan.yaml", test::k_plan_yaml);
  for (const auto& [path, text] : k_files) dir.write(path, text);
  const LoadResult loaded = load_and_check(dir.path(), k_today);
  const std::vector<Form> forms = issue_forms(loaded.plan);
  const IntakeResult value = intake(loaded.plan, forms,
                                    "### Indicator\n\nI1: Hectares (ha)\n\n### Value\n\n38/90\n\n"
                                    "### Date\n\n2026-06\n",
                                    "v.md", std::nullopt, k_today, {});
  REQUIRE(value.ok());
  CHECK(value.text.ends_with("  - {date: 2026-06, numerator: 38, denominator: 90}\n"));
  const IntakeResult progress =
      intake(loaded.plan, forms,
             "### Project\n\nlabs: Labs\n\n### Stage\n\nproposal\n\n### Funds secured\n\n1200\n\n"
             "### Progress\n\nSent.\n",
             "p.md", FormKind::progress, k_today, {});
  REQUIRE(progress.ok());
  CHECK(progress.text ==
        "id: labs\ntitle: Labs\nobjectives: [O1]\nstage: proposal\nbudget:\n  estimate: 5000\n"
        "  secured: 1200\n  # a comment kept\nupdated: 2026-11-21\nnotes:\n"
        "  - {date: 2026-11-21, text: Sent.}\n");
  const IntakeResult none = intake(loaded.plan, forms,
                                   "### Project\n\nlabs\n\n### Stage\n\nNone\n\n### Progress"
                                   "\n\nStarted.\n",
                                   "p.md", FormKind::progress, k_today, {});
  REQUIRE(none.ok());  // GitHub's "None" of a dropdown without an answer: the stage stays
  CHECK(none.text.find("stage: concept\n") != std::string::npos);
  const IntakeResult over =
      intake(loaded.plan, forms, "### Project\n\nlabs\n\n### Funds secured\n\n9000\n", "p.md",
             FormKind::progress, k_today, {});
  REQUIRE(over.problems.items().size() == 1);
  CHECK(over.problems.items()[0].message.starts_with("Funds secured: "));
  CHECK(over.problems.items()[0].code == "secured-above-estimate");
}

TEST_CASE("a body over the limit or of no form is refused before any answer is read") {
  const test::Loaded loaded = test::load(k_files);
  const IntakeResult large = read(loaded, std::string(k_max_issue_bytes + 1, 'a'));
  CHECK(large.problems.items().at(0).code == "too-large");
  CHECK(read(loaded, "### Steps\n\nrun it\n").problems.items().at(0).code == "unknown-form");
}

TEST_CASE("the comment for the issue stays under GitHub's 65,536 characters") {
  const test::Loaded loaded = test::load(k_files);
  std::string body = "### Title\n\nT\n\n### Objectives\n\nO1\n\n";
  for (int n = 0; n < 3000; ++n) body += "### h" + std::to_string(n) + "\n\nx\n\n";
  const std::string refused = intake_comment(read(loaded, body));
  CHECK(refused.size() < 65536);
  CHECK(refused.find("- … and 2951 more.\n") != std::string::npos);
  const std::string title(30000, 'T');
  const std::string description(200000, 'd');
  const IntakeResult big =
      read(loaded, "### Title\n\n" + title + "\n\n### Objectives\n\nO1\n\n### Description\n\n" +
                       description +
                       "\n\n### Publication\n\n- [X] The information above may "
                       "be published in the plan and its reports.\n");
  REQUIRE(big.ok());
  CHECK(intake_comment(big).size() < 65536);
  CHECK(intake_comment(big).find("(shortened here: the whole file is in the change)") !=
        std::string::npos);
}

TEST_CASE("a title with backticks cannot close the comment's code block") {
  const IntakeResult result =
      read(test::load(k_files),
           "### Title\n\nA ```` fence\n\n### Objectives\n\nO1\n\n### Publication\n\n- [X] The "
           "information above may be published in the plan and its reports.\n");
  REQUIRE(result.ok());
  CHECK(intake_comment(result).find("`````yaml\n") != std::string::npos);
}

TEST_CASE("the comment mentions no one: an @ of the issue is followed by a word joiner") {
  const IntakeResult result =
      read(test::load(k_files), "### Title\n\nx\n\n### Objectives\n\nO1, @octocat\n");
  const std::string comment = intake_comment(result);
  CHECK(comment.find("@\u2060octocat") != std::string::npos);
  CHECK(comment.find("@octocat") == std::string::npos);
}
