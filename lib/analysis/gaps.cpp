#include "analysis/gaps.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analysis/overlap.hpp"
#include "analysis/rollup.hpp"
#include "model/text.hpp"

namespace actionplan {
namespace {

bool counts(const Activity& a) {
  return a.status == ActivityStatus::active;
}

std::string percent(double ratio) {
  return fmt::format("{:.0f}%", ratio * 100);
}

class Analyser {
 public:
  Analyser(const Plan& plan, const Date& as_of, unsigned threads)
      : m_plan(plan), m_as_of(as_of), m_threads(threads) {
    m_activity = plan.term("activity", "activity");
    m_activities = plan.term("activities", "activities");
    m_task_force = plan.term("task_force", "task force");
    m_objective = plan.term("objective", "objective");
    m_indicator = plan.term("indicator", "indicator");
    for (const Activity& a : plan.activities)
      if (counts(a))
        for (const auto& o : a.objectives) m_serving[o.value].push_back(&a);
    for (const TaskForce& t : plan.task_forces)
      for (const auto& o : t.objectives) m_task_forces_of[o.value].push_back(&t);
    for (const Indicator& i : plan.indicators)
      for (const std::string& o : plan.objectives_measured(i)) m_indicators_of[o].push_back(&i);
  }

  GapAnalysis run() {
    GapAnalysis out;
    out.as_of = m_as_of;
    out.coverage = coverage();
    out.funding = funding();
    objectives(out.coverage);
    task_forces();
    indicators();
    activities();
    for (const FundingLine& line : out.funding) funding_gap(line);
    overlaps();
    sort_findings();
    out.findings = std::move(m_findings);
    return out;
  }

 private:
  Finding& add(const char* code, FindingSeverity severity, std::vector<std::string> subject,
               std::string message, std::vector<std::string> objectives) {
    Finding f;
    f.code = code;
    f.severity = severity;
    f.subject = std::move(subject);
    f.message = std::move(message);
    f.objectives = std::move(objectives);
    m_findings.push_back(std::move(f));
    return m_findings.back();
  }

  // "objective O5 ('Restore degraded soils')": the id to find it, the title to know it.
  std::string objective_label(const std::string& id) const {
    const Objective* o = m_plan.objective(id);
    return o && o->title ? fmt::format("{} {} ('{}')", m_objective, id, o->title->value)
                         : fmt::format("{} {}", m_objective, id);
  }

  std::vector<std::string> objectives_of(const Activity& a) const {
    std::vector<std::string> out;
    for (const auto& o : a.objectives) out.push_back(o.value);
    return out;
  }

  CoverageMatrix coverage() const {
    CoverageMatrix m;
    if (m_plan.info.regions)
      for (const NamedEntry& r : *m_plan.info.regions) m.regions.push_back(r.id.value);
    m.regions.push_back("global");
    for (const Objective& o : m_plan.objectives) {
      CoverageMatrix::Row row;
      row.objective = o.id.value;
      row.counts.assign(m.regions.size(), 0);
      row.required.assign(m.regions.size(), false);
      const std::vector<std::string> required = m_plan.regions_of(o);
      for (std::size_t c = 0; c < m.regions.size(); ++c)
        row.required[c] =
            std::find(required.begin(), required.end(), m.regions[c]) != required.end();
      auto serving = m_serving.find(o.id.value);
      if (serving != m_serving.end()) {
        row.total = static_cast<int>(serving->second.size());
        for (const Activity* a : serving->second) {
          std::set<std::string> regions;
          for (const auto& r : a->regions) regions.insert(r.value);
          for (std::size_t c = 0; c < m.regions.size(); ++c)
            if (regions.count(m.regions[c])) ++row.counts[c];
        }
      }
      m.rows.push_back(std::move(row));
    }
    return m;
  }

  std::vector<FundingLine> funding() const {
    std::vector<FundingLine> out;
    for (const Objective& o : m_plan.objectives) {
      auto serving = m_serving.find(o.id.value);
      if (serving == m_serving.end()) continue;
      std::vector<MoneyTotals> money;
      std::map<std::string, std::pair<int, int>> counts;  // currency → activities, shared
      for (const Activity* a : serving->second) {
        add_budget(money, *a, m_plan.info.default_currency());
        auto& [activities, shared] =
            counts[a->budget && a->budget->currency ? a->budget->currency->value
                                                    : m_plan.info.default_currency()];
        ++activities;
        if (a->objectives.size() > 1) ++shared;
      }
      for (MoneyTotals& m : money) {
        const auto [activities, shared] = counts[m.currency];
        out.push_back({o.id.value, std::move(m), activities, shared});
      }
    }
    return out;
  }

  void objectives(const CoverageMatrix& coverage) {
    std::vector<std::string> funded_stages;
    for (const Stage& s : m_plan.info.stages)
      if (s.funded) funded_stages.push_back(s.name ? s.name->value : s.id.value);
    for (std::size_t r = 0; r < m_plan.objectives.size(); ++r) {
      const Objective& o = m_plan.objectives[r];
      const std::string& id = o.id.value;
      const std::string label = objective_label(id);
      auto serving = m_serving.find(id);
      const bool has_activities = serving != m_serving.end();
      if (!has_activities) {
        add("objective-without-activities", FindingSeverity::high, {id},
            fmt::format("no active {} serves {}", m_activity, label), {id});
      } else if (std::none_of(serving->second.begin(), serving->second.end(),
                              [&](const Activity* a) { return m_plan.is_funded(*a); })) {
        add("objective-unfunded", FindingSeverity::medium, {id},
            fmt::format(
                "{} active {} {} {}, but none is in a funded stage ({})", serving->second.size(),
                serving->second.size() == 1 ? m_activity : m_activities,
                serving->second.size() == 1 ? "serves" : "serve", label,
                funded_stages.empty() ? "the plan marks no stage as funded" : join(funded_stages)),
            {id});
      }
      if (!m_task_forces_of.count(id))
        add("objective-without-task-force", FindingSeverity::medium, {id},
            fmt::format("no {} works on {}", m_task_force, label), {id});
      if (!m_indicators_of.count(id))
        add("objective-without-indicators", FindingSeverity::medium, {id},
            fmt::format("no indicator measures {}", label), {id});
      const CoverageMatrix::Row& row = coverage.rows[r];
      for (std::size_t c = 0; c < coverage.regions.size(); ++c) {
        if (!row.required[c] || row.counts[c] > 0) continue;
        const std::string& region = coverage.regions[c];
        Finding& f = add(
            "region-gap", FindingSeverity::low, {id, region},
            fmt::format("{} has no active {} in {}", label, m_activity, m_plan.region_name(region)),
            {id});
        f.region = region;
      }
    }
  }

  void task_forces() {
    for (const TaskForce& t : m_plan.task_forces) {
      std::vector<std::string> objectives;
      for (const auto& o : t.objectives) objectives.push_back(o.value);
      const std::string label = t.name ? fmt::format("{} ({})", t.name->value, t.id.value)
                                       : fmt::format("{} {}", m_task_force, t.id.value);
      if (t.leaders.empty())
        add("task-force-without-leader", FindingSeverity::medium, {t.id.value},
            fmt::format("{} has no leader", label), objectives);
      // Its own regions, else the regions its objectives must cover (the
      // plan's regions by default).
      std::vector<std::string> needed;
      if (t.regions)
        for (const auto& r : *t.regions) needed.push_back(r.value);
      else
        for (const auto& ref : t.objectives)
          if (const Objective* o = m_plan.objective(ref.value))
            for (const std::string& r : m_plan.regions_of(*o))
              if (std::find(needed.begin(), needed.end(), r) == needed.end()) needed.push_back(r);
      if (!t.regions && t.objectives.empty() && m_plan.info.regions)
        for (const NamedEntry& r : *m_plan.info.regions) needed.push_back(r.id.value);
      std::set<std::string> covered;
      for (const Person& p : t.representatives)
        if (p.region) covered.insert(p.region->value);
      std::vector<std::string> missing, names;
      if (m_plan.info.regions)
        for (const NamedEntry& r : *m_plan.info.regions)  // plan order
          if (std::find(needed.begin(), needed.end(), r.id.value) != needed.end() &&
              !covered.count(r.id.value)) {
            missing.push_back(r.id.value);
            names.push_back(m_plan.region_name(r.id.value));
          }
      if (missing.empty()) continue;
      std::vector<std::string> subject = {t.id.value};
      subject.insert(subject.end(), missing.begin(), missing.end());
      add("task-force-missing-representative", FindingSeverity::low, subject,
          fmt::format("{} has no representative for {}", label, join(names)), objectives);
    }
  }

  // A part behind (a region, a country, a dimension's value) while the whole is not.
  void parts_behind(const Indicator& i, const std::string& label, const IndicatorProgress& whole,
                    const std::vector<std::string>& objectives) {
    const AnalysisSettings& settings = m_plan.info.analysis;
    for (const PartProgress& part : part_progress(i, settings, m_as_of)) {
      const IndicatorProgress& p = part.progress;
      if (p.status != ProgressStatus::off_track && p.status != ProgressStatus::at_risk &&
          p.status != ProgressStatus::missed)
        continue;
      auto text = [&](double value) { return indicator_value_text(i, value, settings); };
      const std::string name = m_plan.part_name(part.dimension, part.part);
      std::string how =
          p.expected && p.next_target
              ? fmt::format("{} in {} against {} expected on the way to {} by {}",
                            text(p.latest->value), p.latest->date.to_string(), text(*p.expected),
                            text(p.next_target->value), p.next_target->date.year)
              : fmt::format("{} in {}", text(p.latest->value), p.latest->date.to_string());
      Finding& f = add("indicator-part-behind", FindingSeverity::medium, {i.id.value},
                       fmt::format("{} is behind in {}: {}, while the whole is {}", label, name,
                                   how, StatusWords(m_plan)(whole.status)),
                       objectives);
      f.dimension = part.dimension;
      f.part = part.part;
      if (part.dimension == "region") f.region = part.part;
      f.expected = p.expected;
      f.actual = p.latest->value;
      f.ratio = p.ratio;
      f.date = p.latest->date.to_string();
    }
  }

  void indicators() {
    const AnalysisSettings& settings = m_plan.info.analysis;
    for (const Indicator& i : m_plan.indicators) {
      const std::string& id = i.id.value;
      const std::string label =
          fmt::format("{} {}{}", m_indicator, id, i.title ? " (" + i.title->value + ")" : "");
      const std::vector<std::string> objectives = m_plan.objectives_measured(i);
      if (i.type.value == IndicatorType::milestone) {
        if (milestone_status(i, m_as_of) == MilestoneStatus::overdue) {
          Finding& f = add("milestone-overdue", FindingSeverity::high, {id},
                           fmt::format("milestone {} was due {} and is not achieved", label,
                                       i.due->value.to_string()),
                           objectives);
          f.date = i.due->value.to_string();
        }
        continue;
      }
      const IndicatorProgress p = indicator_progress(i, settings, m_as_of);
      if (p.status == ProgressStatus::no_data) {
        add("indicator-no-data", FindingSeverity::medium, {id},
            fmt::format("{} has no measurements yet", label), objectives);
        continue;
      }
      if (p.stale) {
        Finding& f = add("indicator-stale", FindingSeverity::low, {id},
                         fmt::format("{} was last measured {}, more than {} months before {}",
                                     label, p.latest->date.to_string(), settings.stale_after_months,
                                     m_as_of.to_string()),
                         objectives);
        f.date = p.latest->date.to_string();
      }
      const bool behind = p.status == ProgressStatus::off_track ||
                          p.status == ProgressStatus::at_risk || p.status == ProgressStatus::missed;
      if (!behind) parts_behind(i, label, p, objectives);
      if (!behind) continue;
      auto text = [&](double value) { return indicator_value_text(i, value, settings); };
      if (!p.years.empty()) {  // every: year
        Finding& f = add(
            "indicator-off-track",
            p.status == ProgressStatus::at_risk ? FindingSeverity::medium : FindingSeverity::high,
            {id},
            fmt::format("{} missed its yearly target in {}", label,
                        missed_years_text(i, p, settings)),
            objectives);
        f.date = std::to_string(p.years.back().year);
        continue;
      }
      std::string message =
          p.status == ProgressStatus::missed
              ? fmt::format("{} missed its target of {} for {}: {} in {}", label,
                            text(p.next_target->value), p.next_target->date.year,
                            text(p.latest->value), p.latest->date.to_string())
              : fmt::format("{} is behind: {} in {} against {} expected on the way to {} by {}",
                            label, text(p.latest->value), p.latest->date.to_string(),
                            text(*p.expected), text(p.next_target->value),
                            p.next_target->date.year);
      if (p.ratio && p.status != ProgressStatus::missed)
        message += fmt::format(" ({} of the expected progress)", percent(*p.ratio));
      Finding& f =
          add("indicator-off-track",
              p.status == ProgressStatus::at_risk ? FindingSeverity::medium : FindingSeverity::high,
              {id}, std::move(message), objectives);
      f.expected = p.expected;
      f.actual = p.latest->value;
      f.ratio = p.ratio;
      f.date = p.latest->date.to_string();
    }
  }

  void activities() {
    const int months = m_plan.info.analysis.stale_after_months;
    for (const Activity& a : m_plan.activities) {
      if (!counts(a) || m_plan.is_completed(a)) continue;
      const std::string label = fmt::format("{} {} ('{}')", m_activity, a.id.value, title_of(a));
      if (a.updated && add_months(a.updated->value.last_day(), months) < m_as_of) {
        Finding& f =
            add("activity-stale", FindingSeverity::low, {a.id.value},
                fmt::format("{} was last reviewed {}, more than {} months before {}", label,
                            a.updated->value.to_string(), months, m_as_of.to_string()),
                objectives_of(a));
        f.date = a.updated->value.to_string();
      }
      if (a.end && a.end->value.last_day() < m_as_of) {
        const Stage& stage = m_plan.stage_of(a);
        Finding& f = add(
            "activity-overdue", FindingSeverity::medium, {a.id.value},
            fmt::format("{} was to end {} but is at stage '{}'", label, a.end->value.to_string(),
                        stage.name ? stage.name->value : stage.id.value),
            objectives_of(a));
        f.date = a.end->value.to_string();
      }
    }
  }

  void funding_gap(const FundingLine& funding) {
    const MoneyTotals& line = funding.money;
    if (line.gap_high <= 0) return;
    const std::string range = format_money_range(line.estimate_low, line.estimate_high);
    const std::string gap = format_money_range(line.gap_low, line.gap_high);
    std::string message =
        fmt::format("{}: {} {} estimated, {} secured: a gap of {} {}, summed {} by {}",
                    objective_label(funding.objective), line.currency, range,
                    format_money(line.secured), line.currency, gap, m_activity, m_activity);
    if (line.unknown > 0)
      message += fmt::format("; {} more {} with no estimate yet (unknown, not zero)", line.unknown,
                             line.unknown == 1 ? m_activity : m_activities);
    Finding& f = add("funding-gap", FindingSeverity::medium, {funding.objective, line.currency},
                     std::move(message), {funding.objective});
    f.currency = line.currency;
    f.estimate_low = line.estimate_low;
    f.estimate_high = line.estimate_high;
    f.secured = line.secured;
    f.gap_low = line.gap_low;
    f.gap_high = line.gap_high;
    f.unknown_estimates = line.unknown;
  }

  void overlaps() {
    std::vector<Copies> copies;
    const std::vector<Overlap> pairs = find_overlaps(m_plan, m_plan.info.analysis.overlap_threshold,
                                                     k_overlaps_per_activity, m_threads, &copies);
    for (const Copies& c : copies) {
      std::vector<std::string> ids, named;
      for (const Activity* a : c.members) ids.push_back(a->id.value);
      for (std::size_t i = 0; i < std::min<std::size_t>(ids.size(), 10); ++i)
        named.push_back(ids[i]);
      if (ids.size() > named.size())
        named.push_back(fmt::format("and {} more", ids.size() - named.size()));
      const std::string where =
          c.region.empty()
              ? ""
              : " in " + (c.region == "global" ? "global" : m_plan.region_name(c.region));
      Finding& f =
          add("potential-overlap", FindingSeverity::low, ids,
              fmt::format(
                  "{} {} say the same ('{}') and serve {} {}{}: {}; copies to merge or tell apart",
                  ids.size(), m_activities, title_of(*c.members.front()), m_objective, c.objective,
                  where, join(named)),
              {c.objective});
      f.score = 1;
      f.shared_words = c.words;
      if (!c.region.empty()) f.region = c.region;
    }
    for (const Overlap& o : pairs) {
      std::vector<std::string> words = o.shared_words;
      if (words.size() > 8) {
        words.resize(8);
        words.push_back("…");
      }
      const std::string where =
          o.region.empty()
              ? ""
              : " in " + (o.region == "global" ? "global" : m_plan.region_name(o.region));
      Finding& f =
          add("potential-overlap", FindingSeverity::low, {o.a->id.value, o.b->id.value},
              fmt::format("{} '{}' and '{}' both serve {} {}{} and look alike (similarity {:.2f}; "
                          "shared words: {}): candidates to connect",
                          m_activities, title_of(*o.a), title_of(*o.b), m_objective, o.objective,
                          where, o.score, join(words)),
              {o.objective});
      f.score = std::round(o.score * 100) / 100;
      f.shared_words = o.shared_words;
      if (!o.region.empty()) f.region = o.region;
    }
  }

  void sort_findings() {
    const std::vector<std::string>& codes = finding_codes();
    auto code_index = [&](const std::string& code) {
      return std::find(codes.begin(), codes.end(), code) - codes.begin();
    };
    std::stable_sort(m_findings.begin(), m_findings.end(), [&](const Finding& x, const Finding& y) {
      if (x.severity != y.severity) return x.severity < y.severity;
      if (x.code != y.code) return code_index(x.code) < code_index(y.code);
      for (std::size_t i = 0; i < std::min(x.subject.size(), y.subject.size()); ++i)
        if (x.subject[i] != y.subject[i]) return natural_less(x.subject[i], y.subject[i]);
      return x.subject.size() < y.subject.size();
    });
  }

  const Plan& m_plan;
  Date m_as_of;
  unsigned m_threads = 0;
  std::string m_activity, m_activities, m_task_force, m_objective, m_indicator;
  std::map<std::string, std::vector<const Activity*>> m_serving;
  std::map<std::string, std::vector<const TaskForce*>> m_task_forces_of;
  std::map<std::string, std::vector<const Indicator*>> m_indicators_of;
  std::vector<Finding> m_findings;
};

}  // namespace

void add_budget(std::vector<MoneyTotals>& totals, const Activity& a,
                const std::string& default_currency) {
  const std::string currency =
      a.budget && a.budget->currency ? a.budget->currency->value : default_currency;
  auto it = std::find_if(totals.begin(), totals.end(),
                         [&](const MoneyTotals& m) { return m.currency == currency; });
  if (it == totals.end()) {
    totals.push_back({currency});
    it = totals.end() - 1;
  }
  const auto estimate = a.budget ? a.budget->estimate : std::nullopt;
  if (!estimate || estimate->value.kind == AmountKind::tbd)
    ++it->unknown;
  else if (estimate->value.kind == AmountKind::none)
    ++it->none;
  const Money secured = a.budget && a.budget->secured ? a.budget->secured->value : 0;
  if (estimate &&
      (estimate->value.kind == AmountKind::number || estimate->value.kind == AmountKind::range)) {
    it->estimate_low += estimate->value.min;
    it->estimate_high += estimate->value.max;
    it->gap_low += std::max<Money>(0, estimate->value.min - secured);
    it->gap_high += std::max<Money>(0, estimate->value.max - secured);
  }
  it->secured += secured;
  std::sort(totals.begin(), totals.end(),
            [](const MoneyTotals& x, const MoneyTotals& y) { return x.currency < y.currency; });
}

const char* severity_name(FindingSeverity severity) {
  switch (severity) {
    case FindingSeverity::high:
      return "high";
    case FindingSeverity::medium:
      return "medium";
    case FindingSeverity::low:
      return "low";
  }
  return "";
}

const std::vector<std::string>& finding_codes() {
  static const std::vector<std::string> k_codes = {"objective-without-activities",
                                                   "objective-unfunded",
                                                   "objective-without-task-force",
                                                   "objective-without-indicators",
                                                   "region-gap",
                                                   "task-force-without-leader",
                                                   "task-force-missing-representative",
                                                   "indicator-no-data",
                                                   "indicator-stale",
                                                   "indicator-off-track",
                                                   "indicator-part-behind",
                                                   "milestone-overdue",
                                                   "activity-stale",
                                                   "activity-overdue",
                                                   "funding-gap",
                                                   "potential-overlap"};
  return k_codes;
}

GapAnalysis analyse_gaps(const Plan& plan, const Date& as_of, unsigned threads) {
  return Analyser(plan, as_of, threads).run();
}

void keep_objectives(GapAnalysis& analysis, const std::vector<std::string>& objectives) {
  auto wanted = [&](const std::string& id) {
    return std::find(objectives.begin(), objectives.end(), id) != objectives.end();
  };
  std::erase_if(analysis.findings, [&](const Finding& f) {
    return std::none_of(f.objectives.begin(), f.objectives.end(), wanted);
  });
  std::erase_if(analysis.funding, [&](const FundingLine& l) { return !wanted(l.objective); });
  std::erase_if(analysis.coverage.rows,
                [&](const CoverageMatrix::Row& r) { return !wanted(r.objective); });
}

std::string format_money_range(Money low, Money high) {
  return low == high ? format_money(high)
                     : fmt::format("{}–{}", format_money(low), format_money(high));
}

std::string estimate_text(const MoneyTotals& m) {
  if (m.estimate_high == 0 && m.unknown > 0) return "unknown";
  return format_money_range(m.estimate_low, m.estimate_high);
}

std::string gap_text(const MoneyTotals& m) {
  if (m.estimate_high == 0 && m.unknown > 0) return "unknown";
  return format_money_range(m.gap_low, m.gap_high);
}

std::string format_quantity(double value) {
  if (std::fabs(value) >= 100) return format_money(std::round(value));
  return format_money(std::round(value * 100) / 100);
}

std::string indicator_value_text(const Indicator& indicator, double value,
                                 const AnalysisSettings& settings) {
  if (indicator.type.value == IndicatorType::qualitative) return level_at(settings.scale, value);
  const Text& unit = indicator.unit;
  if (!unit || unit->value == "count") return format_quantity(value);
  if (unit->value == "%") return format_quantity(value) + "%";
  return format_quantity(value) + " " + unit->value;
}

std::string missed_years_text(const Indicator& indicator, const IndicatorProgress& progress,
                              const AnalysisSettings& settings) {
  constexpr std::size_t k_named = 5;  // the latest years missed are named, earlier ones counted
  std::vector<const YearCheck*> missed;
  for (const YearCheck& y : progress.years)
    if (!y.met) missed.push_back(&y);
  const std::size_t earlier = missed.size() > k_named ? missed.size() - k_named : 0;
  std::vector<std::string> named;
  for (std::size_t k = earlier; k < missed.size(); ++k)
    named.push_back(fmt::format("{} ({} against {})", missed[k]->year,
                                missed[k]->value
                                    ? indicator_value_text(indicator, *missed[k]->value, settings)
                                    : "nothing recorded",
                                indicator_value_text(indicator, missed[k]->target, settings)));
  if (named.empty()) return "";
  std::string text = named.back();
  if (named.size() > 1) {
    named.pop_back();
    text = join(named, ", ") + (earlier ? ", " : " and ") + text;
  }
  return earlier ? text + fmt::format(" and {} earlier years", earlier) : text;
}

std::string format_money(Money amount) {
  const Money rounded = std::round(amount * 100) / 100;
  const Money units = std::floor(std::fabs(rounded));
  // Whole numbers a long long holds (below 2^63) are written as integers; larger ones by fmt.
  std::string digits = units < 9e18L ? fmt::format_int(static_cast<long long>(units)).str()
                                     : fmt::format("{:.0f}", units);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  if (rounded < 0) grouped = "-" + grouped;
  if (const auto cents = static_cast<int>(std::round((std::fabs(rounded) - units) * 100));
      cents != 0)
    grouped += fmt::format(".{:02}", cents);
  return grouped;
}

}  // namespace actionplan
