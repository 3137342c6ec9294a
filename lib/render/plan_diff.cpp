#include "render/plan_diff.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "render/gaps.hpp"
#include "render/markdown.hpp"
#include "render/records.hpp"

namespace actionplan {
namespace {

using nlohmann::ordered_json;

const char* term_key(RecordKind kind) {
  switch (kind) {
    case RecordKind::objective:
      return "objective";
    case RecordKind::task_force:
      return "task_force";
    case RecordKind::activity:
      return "activity";
    case RecordKind::indicator:
      return "indicator";
    case RecordKind::plan:
      break;
  }
  return "activity";
}

const char* change_name(RecordChangeKind change) {
  switch (change) {
    case RecordChangeKind::added:
      return "added";
    case RecordChangeKind::removed:
      return "removed";
    case RecordChangeKind::changed:
      return "changed";
  }
  return "changed";
}

// A value of a field as the comment shows it: "(none)" when there is none.
std::string shown(const std::string& value) {
  return value.empty() ? "*(none)*" : md_text(shortened(value, 200));
}

std::string record_line(const Plan& plan, const RecordChange& r) {
  std::string line = fmt::format("{} {}{}", md_text(plan.term(term_key(r.kind))), md_code(r.id),
                                 r.title.empty() ? "" : ": " + md_text(shortened(r.title, 120)));
  if (r.change != RecordChangeKind::changed) return line;
  std::vector<std::string> fields;
  for (const FieldChange& f : r.fields) {
    if (!f.from.empty() && f.to.starts_with(f.from + "; "))  // items added to a list
      fields.push_back(
          fmt::format("{}: + {}", md_code(f.key), shown(f.to.substr(f.from.size() + 2))));
    else
      fields.push_back(fmt::format("{}: {} → {}", md_code(f.key), shown(f.from), shown(f.to)));
  }
  return line + "; " + join(fields, "; ");
}

// A finding whose numbers moved: each number that changed, old → new.
std::string moved_line(const FindingMove& m) {
  const Finding &a = m.before, &b = m.after;
  std::vector<std::string> moves;
  auto range = [](const std::optional<Money>& low, const std::optional<Money>& high) {
    if (!low || !high) return std::string("none");
    return *low == *high ? format_money(*low) : format_money_range(*low, *high);
  };
  auto number = [&](const char* what, const std::optional<double>& x,
                    const std::optional<double>& y, bool percent) {
    if (x == y) return;
    auto text = [&](const std::optional<double>& v) {
      return !v        ? std::string("none")
             : percent ? fmt::format("{:.0f}%", *v * 100)
                       : format_quantity(*v);
    };
    moves.push_back(fmt::format("{} {} → {}", what, text(x), text(y)));
  };
  if (a.estimate_low != b.estimate_low || a.estimate_high != b.estimate_high)
    moves.push_back(fmt::format("estimated {} → {}", range(a.estimate_low, a.estimate_high),
                                range(b.estimate_low, b.estimate_high)));
  if (a.secured != b.secured)
    moves.push_back(
        fmt::format("secured {} → {}", range(a.secured, a.secured), range(b.secured, b.secured)));
  if (a.gap_low != b.gap_low || a.gap_high != b.gap_high)
    moves.push_back(
        fmt::format("gap {} → {}", range(a.gap_low, a.gap_high), range(b.gap_low, b.gap_high)));
  number("value", a.actual, b.actual, false);
  number("expected", a.expected, b.expected, false);
  number("progress", a.ratio, b.ratio, true);
  number("similarity", a.score, b.score, true);
  if (a.unknown_estimates != b.unknown_estimates)
    moves.push_back(fmt::format("activities without an estimate {} → {}",
                                a.unknown_estimates.value_or(0), b.unknown_estimates.value_or(0)));
  if (a.severity != b.severity)
    moves.push_back(
        fmt::format("severity {} → {}", severity_name(a.severity), severity_name(b.severity)));
  return fmt::format("{} {}: {}. *Now*: {}", md_code(b.code), md_text(join(b.subject, ", ")),
                     md_text(join(moves, "; ")), md_text(b.message));
}

std::string finding_line(const Finding& f) {
  return fmt::format("**{}** {}: {}", severity_name(f.severity), md_code(f.code),
                     md_text(f.message));
}

// The Markdown sections, each list cut at `cap` items.
struct Sections {
  std::string out;
  std::size_t cap;
  std::size_t left_out = 0;

  void list(const std::string& heading, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += fmt::format("### {} ({})\n\n", heading, items.size());
    for (std::size_t i = 0; i < items.size() && i < cap; ++i) out += "- " + items[i] + "\n";
    if (items.size() > cap) {
      out += fmt::format("- … and {} more\n", items.size() - cap);
      left_out += items.size() - cap;
    }
    out += "\n";
  }
};

std::string markdown_with_cap(const Plan& after, const PlanDiff& d, const DiffStates& s,
                              std::size_t cap) {
  Sections sec{"", cap};
  const std::string head = s.head.empty() ? "the working tree" : md_code(s.head);
  sec.out =
      fmt::format("## What this change does to the plan\n\nFrom {}{} to {}{}, as of {}: {}.\n\n",
                  md_code(s.base), s.base_commit.empty() ? "" : " (" + s.base_commit + ")", head,
                  s.head_commit.empty() ? "" : " (" + s.head_commit + ")", s.as_of.to_string(),
                  md_text(diff_summary(d)));
  std::vector<std::string> items;
  for (const Finding& f : d.opened) items.push_back(finding_line(f));
  sec.list("Gaps opened", items);
  items.clear();
  for (const Finding& f : d.closed) items.push_back(finding_line(f));
  sec.list("Gaps closed", items);
  items.clear();
  for (const FindingMove& m : d.moved) items.push_back(moved_line(m));
  sec.list("Gaps whose numbers moved", items);
  items.clear();
  for (const IndicatorStatusChange& c : d.statuses)
    items.push_back(fmt::format("{} {}: {} → **{}**", md_code(c.indicator),
                                md_text(shortened(c.title, 120)), md_text(c.from), md_text(c.to)));
  sec.list("Indicator statuses", items);
  for (RecordChangeKind change :
       {RecordChangeKind::added, RecordChangeKind::changed, RecordChangeKind::removed}) {
    items.clear();
    for (const RecordChange& r : d.records)
      if (r.change == change) items.push_back(record_line(after, r));
    sec.list(fmt::format("Records {}", change_name(change)), items);
  }
  items.clear();
  for (const Diagnostic& p : d.introduced)
    items.push_back(md_code(shortened(format_diagnostic(p), 300)));
  sec.list("Validation problems introduced", items);
  if (sec.left_out)
    sec.out += fmt::format(
        "*{} more lines left out to stay under GitHub's limit for a comment; `actionplan diff "
        "{} --format json` gives them all.*\n",
        sec.left_out, md_text(s.base));
  return sec.out;
}

ordered_json record_change_json(const RecordChange& r) {
  ordered_json j = {{"kind", kind_info(r.kind).singular},
                    {"change", change_name(r.change)},
                    {"id", r.id},
                    {"title", r.title}};
  if (r.change == RecordChangeKind::changed) {
    ordered_json fields = ordered_json::array();
    for (const FieldChange& f : r.fields)
      fields.push_back({{"key", f.key}, {"from", f.from}, {"to", f.to}});
    j["fields"] = std::move(fields);
  }
  return j;
}

}  // namespace

std::string diff_summary(const PlanDiff& d) {
  if (d.empty()) return "nothing that the plan's records, gaps, statuses or checks show";
  int added = 0, removed = 0, changed = 0;
  for (const RecordChange& r : d.records)
    (r.change == RecordChangeKind::added     ? added
     : r.change == RecordChangeKind::removed ? removed
                                             : changed)++;
  std::vector<std::string> parts;
  auto part = [&](std::size_t n, const char* one, const char* many) {
    if (n) parts.push_back(plural(static_cast<long long>(n), one, many));
  };
  part(added, "record added", "records added");
  part(changed, "record changed", "records changed");
  part(removed, "record removed", "records removed");
  part(d.opened.size(), "gap opened", "gaps opened");
  part(d.closed.size(), "gap closed", "gaps closed");
  part(d.moved.size(), "gap whose numbers moved", "gaps whose numbers moved");
  part(d.statuses.size(), "indicator status changed", "indicator statuses changed");
  part(d.introduced.size(), "validation problem introduced", "validation problems introduced");
  return join(parts, "; ");
}

std::string render_diff_markdown(const Plan& after, const PlanDiff& diff, const DiffStates& states,
                                 std::size_t limit) {
  std::string out;
  for (std::size_t cap : {std::size_t(1000), std::size_t(100), std::size_t(20), std::size_t(5)}) {
    out = markdown_with_cap(after, diff, states, cap);
    if (out.size() <= limit) return out;
  }
  // Five items a list and still too long (very long messages): cut at a line.
  const std::string note =
      "\n*Cut here to stay under GitHub's limit for a comment; `--format json` gives it all.*\n";
  out.resize(out.rfind('\n', limit - note.size()) + 1);
  return out + note;
}

std::string render_diff_json(const PlanDiff& d, const DiffStates& s) {
  ordered_json doc;
  doc["base"] = {{"revision", s.base}, {"commit", s.base_commit}};
  auto or_null = [](const std::string& t) {
    return t.empty() ? ordered_json(nullptr) : ordered_json(t);
  };
  doc["head"] = {{"revision", or_null(s.head)}, {"commit", or_null(s.head_commit)}};
  doc["as_of"] = s.as_of.to_string();
  doc["summary"] = diff_summary(d);
  ordered_json records = ordered_json::array();
  for (const RecordChange& r : d.records) records.push_back(record_change_json(r));
  doc["records"] = std::move(records);
  ordered_json opened = ordered_json::array(), closed = ordered_json::array(),
               moved = ordered_json::array(), statuses = ordered_json::array(),
               problems = ordered_json::array();
  for (const Finding& f : d.opened) opened.push_back(finding_json(f));
  for (const Finding& f : d.closed) closed.push_back(finding_json(f));
  for (const FindingMove& m : d.moved)
    moved.push_back({{"before", finding_json(m.before)}, {"after", finding_json(m.after)}});
  doc["findings"] = {{"opened", opened}, {"closed", closed}, {"moved", moved}};
  for (const IndicatorStatusChange& c : d.statuses)
    statuses.push_back({{"indicator", c.indicator},
                        {"title", c.title},
                        {"from", c.from_code},
                        {"to", c.to_code},
                        {"from_words", c.from},
                        {"to_words", c.to}});
  doc["statuses"] = std::move(statuses);
  for (const Diagnostic& p : d.introduced)
    problems.push_back({{"path", p.path},
                        {"line", p.pos.line},
                        {"column", p.pos.column},
                        {"severity", p.severity == Severity::error ? "error" : "warning"},
                        {"code", p.code},
                        {"message", p.message}});
  doc["problems_introduced"] = std::move(problems);
  return json_text(std::move(doc));
}

}  // namespace actionplan
