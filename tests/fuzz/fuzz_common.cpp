#include "fuzz_common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#include <nlohmann/json.hpp>

#include "load/decode.hpp"
#include "load/file_read.hpp"
#include "load/yaml_tree.hpp"
#include "model/text.hpp"
#include "render/diagnostics.hpp"
#include "render/records.hpp"
#include "write/emit.hpp"

namespace actionplan::fuzz {

void fail(std::string_view what, std::string_view detail) {
  constexpr std::size_t k_shown = 4000;
  std::fprintf(stderr, "\nfuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!detail.empty()) {
    const std::size_t shown = std::min(detail.size(), k_shown);
    std::fprintf(stderr, "---\n%.*s%s\n---\n", static_cast<int>(shown), detail.data(),
                 detail.size() > shown ? "\n[... cut]" : "");
  }
  std::fflush(stderr);
  std::abort();
}

const Date& as_of() {
  static const Date k_date{2026, 12, 31};
  return k_date;
}

const std::vector<PlanFileContent>& base_plan_files() {
  static const std::vector<PlanFileContent> k_files = {
      {"plan.yaml", R"(# A small valid plan used by the end-to-end tests.
format: 1
title: Minimal test plan
id: minimal
currency: EUR
goals:
  - {id: G1, title: Healthy soils}
regions:
  - {id: africa, name: Africa}
  - {id: europe, name: Europe}
actors:
  - {id: secretariat, name: Secretariat}
)",
       ""},
      {"objectives/O1.yaml", R"(id: O1
title: Increase soil organic carbon
goal: G1
targets:
  2030: Carbon stocks stop declining
  2050: Carbon stocks rise by 4 per 1000 a year
)",
       ""},
      {"objectives/O2.yaml", R"(id: O2
title: Train advisers
goal: G1
regions: [africa]
)",
       ""},
      {"taskforces/TF1.yaml", R"(id: TF1
name: Soil carbon task force
objectives: [O1]
leaders:
  - {name: Ana Lima, org: Embrapa, email: ana@example.org}
representatives:
  - {name: Kofi Mensah, org: CSIR, region: africa}
members:
  - Jane Doe
)",
       ""},
      {"activities/soil-mapping.yaml", R"(id: soil-mapping
title: Soil carbon mapping
objectives: [O1]
task_force: TF1
stage: concept
regions: [africa]
countries: [KE]
responsible: [secretariat]
budget: {currency: EUR, estimate: [100000, 200000], secured: 50000}
start: 2026-01
end: 2027-12
indicators: [I1]
updated: 2026-10-01
)",
       ""},
      {"indicators/I1.yaml", R"(id: I1
title: Hectares under improved management
objective: O1
unit: ha
baseline: {date: 2020, value: 0}
targets: {2030: 1000, 2050: 5000}
measurements:
  - {date: 2024, value: 200}
  - {date: 2025-06, value: 400, source: Survey}
)",
       ""},
  };
  return k_files;
}

void put_file(std::vector<PlanFileContent>& files, const std::string& path, std::string content) {
  for (PlanFileContent& f : files)
    if (f.path == path) {
      f.content = std::move(content);
      return;
    }
  files.push_back({path, std::move(content), ""});
}

std::string record_id_guess(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (!line.starts_with("id:")) continue;
    line.remove_prefix(3);
    while (!line.empty() && (line.front() == ' ' || line.front() == '"' || line.front() == '\''))
      line.remove_prefix(1);
    while (!line.empty() &&
           (line.back() == ' ' || line.back() == '"' || line.back() == '\'' || line.back() == '\r'))
      line.remove_suffix(1);
    const bool plausible = !line.empty() && line.size() <= 64 && line.front() != '.' &&
                           std::all_of(line.begin(), line.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                           });
    return plausible ? std::string(line) : "fuzz";
  }
  return "fuzz";
}

InputPlan plan_from_input(std::string_view input) {
  InputPlan out;
  std::string lead;                         // text before the first "==> " line
  std::size_t current = std::string::npos;  // index into out.files; npos: the lead
  std::size_t at = 0;
  while (at < input.size()) {
    std::size_t end = input.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? input.size() : end + 1;
    const std::string_view line = input.substr(at, next - at);
    at = next;
    if (!line.starts_with("==> ")) {
      (current == std::string::npos ? lead : out.files[current].content).append(line);
      continue;
    }
    std::string_view path = line.substr(4);
    while (!path.empty() && (path.back() == '\n' || path.back() == '\r' || path.back() == ' '))
      path.remove_suffix(1);
    if (path.ends_with(" <==")) path.remove_suffix(4);
    put_file(out.files, std::string(path), "");  // a path given again starts over
    for (std::size_t i = 0; i < out.files.size(); ++i)
      if (out.files[i].path == path) current = i;
  }
  const std::string lead_path = "activities/" + record_id_guess(lead) + ".yaml";
  const bool taken = std::any_of(out.files.begin(), out.files.end(),
                                 [&](const PlanFileContent& f) { return f.path == lead_path; });
  if ((!lead.empty() || out.files.empty()) && !taken)  // a section of the same path wins
    out.files.insert(out.files.begin(), {lead_path, lead, ""});
  out.whole = std::any_of(out.files.begin(), out.files.end(),
                          [](const PlanFileContent& f) { return f.path == "plan.yaml"; });
  return out;
}

std::vector<PlanFileContent> over_base(const std::vector<PlanFileContent>& changes) {
  std::vector<PlanFileContent> files = base_plan_files();
  for (const PlanFileContent& f : changes) put_file(files, f.path, f.content);
  return files;
}

namespace {

void add(Diagnostics& diags, const Diagnostic& d) {
  if (d.severity == Severity::error)
    diags.error(d.path, d.pos, d.code, d.message);
  else
    diags.warning(d.path, d.pos, d.code, d.message);
}

bool is_record_path(const std::string& path) {
  for (RecordKind kind : record_kinds())
    if (path.starts_with(std::string(kind_info(kind).folder) + "/")) return true;
  return false;
}

// The base's records of one kind not replaced by `changed`, then `added`, in
// the loader's order (natural order of paths) for Plan::index.
template <class R>
void merge(std::vector<R>& records, std::vector<R>& added, const std::set<std::string>& changed) {
  std::erase_if(records, [&](const R& r) { return changed.count(r.source.path) > 0; });
  for (R& r : added) records.push_back(std::move(r));
  std::stable_sort(records.begin(), records.end(), [](const R& a, const R& b) {
    return natural_less(a.source.path, b.source.path);
  });
}

}  // namespace

LoadResult load_over_base(const std::vector<PlanFileContent>& changes) {
  static const LoadResult k_base = load_plan_from_memory(base_plan_files(), 1);
  std::set<std::string> changed;
  for (const PlanFileContent& f : changes) changed.insert(f.path);
  const bool new_plan_file = changed.count("plan.yaml") > 0;
  LoadResult loaded = load_plan_from_memory(changes, 1);
  LoadResult out = k_base;
  Plan& plan = out.plan;
  if (new_plan_file) plan.info = std::move(loaded.plan.info);
  merge(plan.objectives, loaded.plan.objectives, changed);
  merge(plan.task_forces, loaded.plan.task_forces, changed);
  merge(plan.activities, loaded.plan.activities, changed);
  merge(plan.indicators, loaded.plan.indicators, changed);
  plan.index();
  std::set<std::string> files = changed;
  for (const PlanFileContent& f : base_plan_files()) files.insert(f.path);
  plan.files_read = 1 + static_cast<int>(std::count_if(files.begin(), files.end(), is_record_path));
  Diagnostics diags;
  for (const Diagnostic& d : k_base.diags.items())
    if (!changed.count(d.path)) add(diags, d);
  for (const Diagnostic& d : loaded.diags.items())
    if (d.path != "plan.yaml" || new_plan_file) add(diags, d);
  diags.sort();
  out.diags = std::move(diags);
  return out;
}

// ---- Markdown ------------------------------------------------------------

namespace {

bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Lines as CommonMark sees them: ended by LF, CRLF or a lone CR.
std::vector<std::string_view> md_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  lines.push_back(text.substr(start));  // "" after a final line ending
  return lines;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Pipes that separate cells: those not right after a backslash. As in
// cmark-gfm (and md_invariants.py), "\\|" escapes the pipe as well.
std::vector<std::size_t> cell_separators(std::string_view line) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) at.push_back(i);
  return at;
}

// Raw HTML (or an autolink) in one inline context: an unescaped '<' starting
// a tag, closing tag, comment, declaration or processing instruction outside
// code spans. The renderer writes none itself, so any is from the input.
void scan_inline(std::string_view text, std::vector<std::string>& problems) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && is_ascii_punct(text[i + 1])) {
      i += 2;
      continue;
    }
    if (c == '`') {
      std::size_t run = 0;
      while (i + run < text.size() && text[i + run] == '`') ++run;
      // The code span ends at the next run of exactly as many backticks.
      std::size_t j = i + run;
      std::size_t close = std::string_view::npos;
      while (j < text.size()) {
        if (text[j] != '`') {
          ++j;
          continue;
        }
        std::size_t other = 0;
        while (j + other < text.size() && text[j + other] == '`') ++other;
        if (other == run) {
          close = j;
          break;
        }
        j += other;
      }
      i = close == std::string_view::npos ? i + run : close + run;
      continue;
    }
    if (c == '<' && i + 1 < text.size()) {
      const char n = text[i + 1];
      if (is_alpha(n) || n == '/' || n == '!' || n == '?') {
        std::size_t end = std::min(text.size(), i + 40);
        problems.push_back("raw HTML from the input: '" + std::string(text.substr(i, end - i)) +
                           "'");
      }
    }
    ++i;
  }
}

struct Fence {
  char mark = 0;
  std::size_t length = 0;
  std::string info;
};

// A fence line (``` or ~~~, at most three spaces in), or mark 0.
Fence fence_of(std::string_view line) {
  Fence f;
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  if (indent > 3 || indent >= line.size() || (line[indent] != '`' && line[indent] != '~')) return f;
  std::size_t n = 0;
  while (indent + n < line.size() && line[indent + n] == line[indent]) ++n;
  if (n < 3) return f;
  std::string_view info = line.substr(indent + n);
  if (line[indent] == '`' && info.find('`') != std::string_view::npos) return f;
  f.mark = line[indent];
  f.length = n;
  const std::size_t first = info.find_first_not_of(' ');
  f.info = first == std::string_view::npos
               ? ""
               : std::string(info.substr(first, info.find(' ', first) - first));
  return f;
}

// A number as Mermaid's xychart grammar reads one: [+-]?(\d+(\.\d+)?|\.\d+)
// (no exponent, no inf or nan).
bool is_mermaid_number(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (dot == std::string_view::npos) return digits(whole);
  return (whole.empty() || digits(whole)) && digits(fraction);
}

// A Mermaid chart line: labels stay inside their quotes, no Markdown or HTML
// characters, no directives, and the data series are plain decimal numbers.
void check_mermaid_line(std::string_view line, std::vector<std::string>& problems) {
  const std::string shown(line.substr(0, 120));
  if (std::count(line.begin(), line.end(), '"') % 2 != 0)
    problems.push_back("Mermaid: unbalanced quotes: " + shown);
  // The y-axis range "0 --> 500" is the one place an arrow may stand, after the closing quote.
  std::string_view outside_range = line;
  if (const std::size_t arrow = line.rfind("\" 0 --> ");
      arrow != std::string_view::npos && line.find("y-axis") != std::string_view::npos) {
    outside_range = line.substr(0, arrow + 1);
    if (!is_mermaid_number(line.substr(arrow + 8)))
      problems.push_back("Mermaid: the y-axis range does not end in a number: " + shown);
  }
  if (outside_range.find_first_of("`<>") != std::string_view::npos)
    problems.push_back("Mermaid: ` < or >: " + shown);
  if (line.find("%%") != std::string_view::npos)
    problems.push_back("Mermaid: directive '%%': " + shown);
  std::string_view body = line;
  while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
  for (std::string_view series : {"bar [", "line ["}) {
    if (!body.starts_with(series)) continue;
    if (!body.ends_with("]")) {
      problems.push_back("Mermaid: data series not closed: " + shown);
      continue;
    }
    std::string_view items = body.substr(series.size(), body.size() - series.size() - 1);
    while (!items.empty()) {
      std::size_t comma = items.find(',');
      std::string_view item = items.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!is_mermaid_number(item))
        problems.push_back("Mermaid: not a number Mermaid reads '" + std::string(item) +
                           "': " + shown);
      if (comma == std::string_view::npos) break;
      items.remove_prefix(comma + 1);
    }
  }
}

}  // namespace

std::vector<std::string> markdown_problems(std::string_view markdown) {
  std::vector<std::string> problems;
  const std::vector<std::string_view> lines = md_lines(markdown);
  std::vector<std::size_t> table;  // cells per row of the current table
  std::string paragraph;           // the current inline context outside tables
  Fence open;
  std::size_t open_line = 0;
  auto end_paragraph = [&] {
    scan_inline(paragraph, problems);
    paragraph.clear();
  };
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = lines[n];
    if (open.mark) {  // inside a fenced code block: literal text
      const Fence f = fence_of(line);
      if (f.mark == open.mark && f.length >= open.length && f.info.empty()) {
        open = {};
        continue;
      }
      if (open.info == "mermaid") check_mermaid_line(line, problems);
      continue;
    }
    const bool row = line.starts_with("|");
    if (!row && !table.empty()) {
      if (std::set<std::size_t>(table.begin(), table.end()).size() != 1) {
        std::string widths;
        for (std::size_t w : table) widths += (widths.empty() ? "" : ", ") + std::to_string(w);
        problems.push_back("a table has rows of different widths (pipes per row: " + widths + ")");
      }
      if (!is_blank(line))  // GFM would take this line as one more row
        problems.push_back("a table is followed by a non-blank line: '" +
                           std::string(line.substr(0, 80)) + "'");
      table.clear();
    }
    if (row) {
      end_paragraph();
      const std::vector<std::size_t> pipes = cell_separators(line);
      table.push_back(pipes.size());
      for (std::size_t i = 0; i + 1 < pipes.size(); ++i)  // each cell is its own inline context
        scan_inline(line.substr(pipes[i] + 1, pipes[i + 1] - pipes[i] - 1), problems);
      if (!pipes.empty()) scan_inline(line.substr(pipes.back() + 1), problems);
      continue;
    }
    if (const Fence f = fence_of(line); f.mark) {
      end_paragraph();
      open = f;
      open_line = n + 1;
      continue;
    }
    if (is_blank(line)) {
      end_paragraph();
      continue;
    }
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent <= 3 && line[indent] == '#') {  // a heading is one line
      end_paragraph();
      scan_inline(line, problems);
      continue;
    }
    paragraph += std::string(line) + "\n";
  }
  end_paragraph();
  if (open.mark)
    problems.push_back("a code block opened on line " + std::to_string(open_line) +
                       " is not closed");
  return problems;
}

namespace {

std::string joined(const std::vector<std::string>& problems) {
  std::string out;
  for (const std::string& p : problems) out += p + "\n";
  return out;
}

}  // namespace

void check_markdown(std::string_view markdown, std::string_view what) {
  check_utf8(markdown, what);
  const std::vector<std::string> problems = markdown_problems(markdown);
  if (!problems.empty())
    fail(std::string(what) + ": Markdown invariant broken",
         joined(problems) + "--- document:\n" + std::string(markdown));
}

// ---- CSV, JSON, UTF-8 ----------------------------------------------------

std::vector<std::string> csv_problems(std::string_view csv) {
  std::vector<std::string> problems;
  if (!csv.empty() && !csv.ends_with("\r\n"))
    problems.push_back("the last row does not end in CRLF");
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  auto end_field = [&] {
    if (!field.empty() && std::strchr("=+-@\t\r", field[0])) {
      const std::string_view rest =
          std::string_view(field).substr(field[0] == '-' || field[0] == '+' ? 1 : 0);
      if (!parse_decimal(rest))
        problems.push_back("a field a spreadsheet would run as a formula: " + field.substr(0, 60));
    }
    rows.back().push_back(field);
    field.clear();
    was_quoted = false;
  };
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        if (i + 1 < csv.size() && csv[i + 1] != ',' && csv[i + 1] != '\r')
          problems.push_back("text after a closing quote in row " + std::to_string(rows.size()));
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || was_quoted)
        problems.push_back("a quote inside an unquoted field in row " +
                           std::to_string(rows.size()));
      quoted = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      end_field();
      rows.emplace_back();
      ++i;
    } else if (c == '\r' || c == '\n') {
      problems.push_back("a bare CR or LF outside quotes in row " + std::to_string(rows.size()));
    } else {
      field += c;
    }
  }
  if (quoted) problems.push_back("a quoted field is not closed");
  if (!field.empty() || !rows.back().empty())
    end_field();
  else
    rows.pop_back();
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (rows[r].size() != rows[0].size())
      problems.push_back("row " + std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                         " fields, the header " + std::to_string(rows[0].size()));
  return problems;
}

void check_csv(std::string_view csv, std::string_view what) {
  check_utf8(csv, what);
  const std::vector<std::string> problems = csv_problems(csv);
  if (!problems.empty())
    fail(std::string(what) + ": CSV invariant broken",
         joined(problems) + "--- document:\n" + std::string(csv));
}

void check_json(std::string_view json, std::string_view what) {
  check_utf8(json, what);
  if (!nlohmann::json::accept(json)) fail(std::string(what) + ": not valid JSON", json);
}

void check_utf8(std::string_view text, std::string_view what) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    bool ok = n != 0 && i + n <= text.size();
    std::uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; ok && k < n; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      ok = (d & 0xC0) == 0x80;
      cp = (cp << 6) | (d & 0x3F);
    }
    // No overlong forms, surrogates or code points past U+10FFFF.
    if (ok)
      ok = !((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
             (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF);
    if (!ok) {
      const std::size_t from = i < 40 ? 0 : i - 40;
      fail(std::string(what) + ": invalid UTF-8 at byte " + std::to_string(i),
           text.substr(from, 80));
    }
    i += n;
  }
}

// ---- Diagnostics ---------------------------------------------------------

void check_diagnostics(const Diagnostics& diags, const std::vector<PlanFileContent>& files) {
  std::set<std::string> folders = {"plan.yaml"};
  for (RecordKind kind : record_kinds()) folders.insert(kind_info(kind).folder);
  for (const Diagnostic& d : diags.items()) {
    const std::string shown = format_diagnostic(d);
    require(!d.code.empty() && std::all_of(d.code.begin(), d.code.end(),
                                           [](char c) {
                                             return (c >= 'a' && c <= 'z') ||
                                                    (c >= '0' && c <= '9') || c == '-';
                                           }),
            "diagnostic code is not kebab-case", shown);
    require(d.pos.line >= 1 && d.pos.column >= 1, "diagnostic position below 1:1", shown);
    require(!d.message.empty(), "diagnostic without a message", shown);
    const PlanFileContent* file = nullptr;
    for (const PlanFileContent& f : files)
      if (f.path == d.path) file = &f;
    if (!file) {
      require(folders.count(d.path) > 0, "diagnostic names a file that is not in the plan", shown);
      continue;
    }
    const auto lines =
        static_cast<int>(std::count(file->content.begin(), file->content.end(), '\n')) + 1;
    require(d.pos.line <= lines, "diagnostic line past the end of its file",
            shown + "\n--- file:\n" + file->content);
  }
  const Date date = as_of();
  const std::string text = render_diagnostics(diags, DiagnosticFormat::text, 1, date);
  const std::string github = render_diagnostics(diags, DiagnosticFormat::github, 1, date);
  for (const std::string* out : {&text, &github}) {
    check_utf8(*out, "diagnostics");
    require(static_cast<std::size_t>(std::count(out->begin(), out->end(), '\n')) ==
                diags.items().size(),
            "diagnostics: not one line per diagnostic", *out);
    for (char c : *out) {
      const auto u = static_cast<unsigned char>(c);
      require(c == '\n' || (u >= 0x20 && u != 0x7F),
              "diagnostics: a control character in the output", *out);
    }
  }
  const std::string json = render_diagnostics(diags, DiagnosticFormat::json, 1, date);
  check_json(json, "diagnostics as JSON");
  const nlohmann::json parsed = nlohmann::json::parse(json);
  require(parsed.contains("diagnostics") && parsed.at("diagnostics").size() == diags.items().size(),
          "diagnostics as JSON: not one entry per diagnostic", json);
}

// ---- Records -------------------------------------------------------------

std::string record_json(const Activity& record) {
  const std::optional<Budget>& b = record.budget;
  if (b && !b->currency && !b->estimate && !b->secured &&
      !b->note) {  // `budget: {}` means no budget
    Activity without = record;
    without.budget.reset();
    return json_text(activity_json(without));
  }
  return json_text(activity_json(record));
}
std::string record_json(const Objective& record) {
  return json_text(objective_json(record));
}
std::string record_json(const TaskForce& record) {
  return json_text(task_force_json(record));
}
std::string record_json(const Indicator& record) {
  return json_text(indicator_json(record));
}

namespace {

template <class R>
void round_trip(const R& record, std::string_view what, std::string (*emit)(const R&),
                R (*decode)(const yaml::Node&, const std::string&, Diagnostics&)) {
  const std::string yaml = emit(record);
  const std::string name = std::string(what) + " emitted";
  check_utf8(yaml, name);
  Diagnostics diags;
  std::string text = yaml;
  if (!check_plan_text(text, "emitted.yaml", diags))
    fail(std::string(what) + ": the loader refuses the emitted YAML",
         yaml + "--- because:\n" + render_diagnostics(diags, DiagnosticFormat::text, 1, as_of()));
  std::optional<yaml::Node> root = yaml::parse(text, "emitted.yaml", diags);
  if (!root)
    fail(std::string(what) + ": the emitted YAML does not parse",
         yaml + "--- because:\n" + render_diagnostics(diags, DiagnosticFormat::text, 1, as_of()));
  const R again = decode(*root, "emitted.yaml", diags);
  for (const Diagnostic& d : diags.items())
    require(d.code != "wrong-type" && d.code != "unknown-key" && d.code != "duplicate-key" &&
                d.code != "yaml-syntax",
            std::string(what) + ": the emitted YAML has a problem the record had not",
            format_diagnostic(d) + "\n--- YAML:\n" + yaml);
  const std::string before = record_json(record), after = record_json(again);
  if (before != after)
    fail(std::string(what) + ": the emitted YAML reads back to other values",
         "--- values:\n" + before + "--- read back:\n" + after + "--- YAML:\n" + yaml);
  const std::string yaml_again = emit(again);
  if (yaml_again != yaml)
    fail(std::string(what) + ": emitting the read-back record gives other YAML",
         yaml + "--- then:\n" + yaml_again);
}

}  // namespace

void check_round_trip(const Activity& record, std::string_view what) {
  round_trip<Activity>(record, what, emit_activity, decode_activity);
}
void check_round_trip(const Objective& record, std::string_view what) {
  round_trip<Objective>(record, what, emit_objective, decode_objective);
}
void check_round_trip(const TaskForce& record, std::string_view what) {
  round_trip<TaskForce>(record, what, emit_task_force, decode_task_force);
}
void check_round_trip(const Indicator& record, std::string_view what) {
  round_trip<Indicator>(record, what, emit_indicator, decode_indicator);
}

void check_html(std::string_view html, std::size_t charts, std::string_view what) {
  check_utf8(html, what);
  // Every '<' starts a tag the tool wrote: plan text reaches the page as entities only.
  std::size_t open = 0, close = 0;
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    const std::size_t end = html.find('>', at);
    if (end == std::string_view::npos) fail(what, "a tag is never closed");
    std::string tag(html.substr(at + 1, end - at - 1));
    std::transform(tag.begin(), tag.end(), tag.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const std::string name = tag.substr(0, tag.find_first_of(" \n\t"));
    for (std::string_view bad :
         {"script", "img", "iframe", "link", "object", "embed", "image", "use", "foreignobject"})
      if (name == bad) fail(what, "the page holds <" + name + ">");
    for (std::string_view attribute : {" on", " href=", " src=", " xlink:href="})
      if (tag.find(attribute) != std::string::npos && name != "!doctype")
        fail(what, "a tag with" + std::string(attribute) + ": <" + tag.substr(0, 80) + ">");
    open += name == "svg";
    close += name == "/svg";
  }
  if (open != close || open != charts)
    fail(what, "<svg> " + std::to_string(open) + ", </svg> " + std::to_string(close) + ", charts " +
                   std::to_string(charts));
}

}  // namespace actionplan::fuzz
