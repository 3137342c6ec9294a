#include "check/check.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "model/text.hpp"

namespace actionplan {
namespace {

constexpr std::string_view k_countries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR "
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY "
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV "
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG "
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA "
    "ZM ZW";

bool is_currency_code(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string stem_of(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  return name.substr(0, name.rfind('.'));
}

class Checker {
 public:
  Checker(const Plan& plan, const Date& as_of, FutureDates future)
      : m_plan(plan), m_as_of(as_of), m_future(future) {
    if (plan.info.regions) {
      for (const NamedEntry& r : *plan.info.regions) m_regions.push_back(r.id.value);
      m_regions.push_back("global");
    }
    if (plan.info.actors)
      for (const NamedEntry& a : *plan.info.actors) m_actors.push_back(a.id.value);
    if (plan.info.regions)
      for (const NamedEntry& r : *plan.info.regions) m_parts["region"].push_back(r.id.value);
    if (plan.info.dimensions)
      for (const Dimension& d : *plan.info.dimensions)
        for (const auto& v : d.values) m_parts[d.id.value].push_back(v.value);
    for (auto& [dimension, values] : m_parts)
      m_part_sets[dimension] = {values.begin(), values.end()};
  }

  Diagnostics run() {
    if (m_plan.info.loaded) check_plan_info();
    check_ids(m_plan.objectives, "objective");
    check_ids(m_plan.task_forces, "task force");
    check_ids(m_plan.activities, "activity");
    check_ids(m_plan.indicators, "indicator");
    for (const Objective& o : m_plan.objectives) check_objective(o);
    for (const TaskForce& t : m_plan.task_forces) check_task_force(t);
    for (const Activity& a : m_plan.activities) check_activity(a);
    for (const Indicator& i : m_plan.indicators) check_indicator(i);
    return std::move(m_diags);
  }

 private:
  // `key`: the top-level key of the record to blame (Diagnostic::key).
  void error(const std::string& path, std::string_view key, Position pos, const char* code,
             std::string message) {
    m_diags.error(path, pos, code, std::move(message), std::string(key));
  }

  void reference(const std::string& path, const char* key, const Located<std::string>& ref,
                 RecordKind kind) {
    if (m_plan.has(kind, ref.value)) return;
    const KindInfo& info = kind_info(kind);
    error(path, key, ref.pos, "unknown-reference",
          unknown_reference_message(info.singular, info.plural, ref.value, m_plan.ids(kind)));
  }

  void region(const std::string& path, const char* key, const Located<std::string>& ref) {
    if (!m_plan.info.regions) return;  // any region is accepted when the plan lists none
    if (std::find(m_regions.begin(), m_regions.end(), ref.value) != m_regions.end()) return;
    error(path, key, ref.pos, "unknown-reference",
          unknown_reference_message("region", "regions", ref.value, m_regions, IdOrder::natural,
                                    m_plan.region_names()) +
              " (regions are listed in plan.yaml)");
  }

  void not_before(const std::string& path, const char* key,
                  const std::optional<Located<Date>>& start,
                  const std::optional<Located<Date>>& end, const char* start_key,
                  const char* end_key) {
    if (!start || !end || end->value.last_day() >= start->value.first_day()) return;
    error(path, key, end->pos, "end-before-start",
          fmt::format("'{}' {} is before '{}' {}", end_key, end->value.to_string(), start_key,
                      start->value.to_string()));
  }

  void not_future(const std::string& path, const char* key, const Located<Date>& date,
                  const char* what) {
    if (m_future == FutureDates::left_out || !is_after(date.value, m_as_of)) return;
    error(path, key, date.pos, "date-in-future",
          fmt::format("{} {} is after the as-of date {}; check the date", what,
                      date.value.to_string(), m_as_of.to_string()));
  }

  void currency(const std::string& path, const char* key, const Text& code) {
    if (code && !is_currency_code(code->value))
      error(path, key, code->pos, "invalid-currency",
            fmt::format("currency {} is not an ISO 4217 code such as EUR or USD",
                        in_quotes(code->value)));
  }

  template <class T>
  void unique_entries(const std::string& path, const char* key, const std::vector<T>& entries,
                      const char* what) {
    std::map<std::string, const T*> seen;
    for (const T& entry : entries) {
      auto [it, inserted] = seen.emplace(entry.id.value, &entry);
      if (!inserted)
        error(path, key, entry.id.pos, "duplicate-id",
              fmt::format("{} id {} is used twice (first at line {})", what,
                          in_quotes(entry.id.value), it->second->id.pos.line));
    }
  }

  void check_plan_info() {
    const PlanInfo& info = m_plan.info;
    const std::string& path = info.source.path;
    if (info.format && info.format->value > k_format_version &&
        info.format->value == std::floor(info.format->value))
      m_diags.warning(
          path, info.format->pos, "newer-format",
          fmt::format(
              "the plan is written in format {}, newer than this actionplan reads (format {}): "
              "update actionplan; until then keys it does not know are only warnings",
              format_number(info.format->value), k_format_version));
    else if (info.format && info.format->value != k_format_version)
      error(path, "format", info.format->pos, "unsupported-format",
            fmt::format("format {} is not supported; this version of actionplan reads format {}",
                        format_number(info.format->value), k_format_version));
    currency(path, "currency", info.currency);
    if (info.period)
      not_before(path, "period", info.period->start, info.period->end, "start", "end");
    if (info.goals) unique_entries(path, "goals", *info.goals, "goal");
    if (info.regions) unique_entries(path, "regions", *info.regions, "region");
    if (info.actors) unique_entries(path, "actors", *info.actors, "actor");
    if (info.regions)
      for (const NamedEntry& r : *info.regions)
        if (r.id.value == "global")
          error(path, "regions", r.id.pos, "reserved-id",
                "'global' is reserved for activities that cover the whole world; choose another "
                "region id");
    if (info.dimensions) {
      unique_entries(path, "dimensions", *info.dimensions, "dimension");
      for (const Dimension& d : *info.dimensions)
        if (d.id.value == "region" || d.id.value == "country")
          error(path, "dimensions", d.id.pos, "reserved-id",
                fmt::format("'{}' is built in (the plan's regions, ISO country codes); choose "
                            "another dimension id",
                            d.id.value));
    }
    unique_entries(path, "stages", info.stages, "stage");
    if (info.stages_given && info.stages.empty())
      error(path, "stages", info.stages_pos, "empty-list", "'stages' must list at least one stage");
    const AnalysisSettings& a = info.analysis;
    if (a.at_risk > a.on_track) {
      auto it = a.given.count("at_risk") ? a.given.find("at_risk") : a.given.find("on_track");
      error(path, "analysis", it == a.given.end() ? info.source.pos : it->second, "invalid-value",
            fmt::format("'analysis' at_risk ({}) must not be above on_track ({})",
                        format_number(a.at_risk), format_number(a.on_track)));
    }
  }

  // id = file name; ids unique within the kind, also ignoring letter case.
  template <class T>
  void check_ids(const std::vector<T>& records, const char* what) {
    std::map<std::string, const T*> by_lower;
    for (const T& r : records) {
      if (r.id.value.empty()) continue;
      const std::string stem = stem_of(r.source.path);
      if (r.id.value != stem) {
        const std::string file = r.source.path.substr(r.source.path.rfind('/') + 1);
        error(r.source.path, "id", r.id.pos, "id-mismatch",
              is_valid_id(stem)
                  ? fmt::format("id {} does not match the file name {}; rename the file to {} or "
                                "change the id to {}",
                                in_quotes(r.id.value), in_quotes(file),
                                in_quotes(r.id.value + ".yaml"), in_quotes(stem))
                  : fmt::format("id {} does not match the file name {}; rename the file to {}",
                                in_quotes(r.id.value), in_quotes(file),
                                in_quotes(r.id.value + ".yaml")));
      }
      if (is_windows_reserved(r.id.value))
        error(r.source.path, "id", r.id.pos, "reserved-id",
              fmt::format("id {} is a name Windows reserves (CON, NUL, COM1...): its file cannot "
                          "be checked out "
                          "on Windows; choose another id and rename the file",
                          in_quotes(r.id.value)));
      auto [it, inserted] = by_lower.emplace(to_lower_ascii(r.id.value), &r);
      if (inserted) continue;
      const T& first = *it->second;
      if (first.id.value == r.id.value)
        error(r.source.path, "id", r.id.pos, "duplicate-id",
              fmt::format("{} id {} is already used by {}", what, in_quotes(r.id.value),
                          first.source.path));
      else
        error(
            r.source.path, "id", r.id.pos, "id-case-clash",
            fmt::format("{} id {} differs from {} ({}) only by letter case; the two files "
                        "collide on Windows and macOS",
                        what, in_quotes(r.id.value), in_quotes(first.id.value), first.source.path));
    }
  }

  void objectives_list(const std::string& path, const IdList& objectives,
                       const std::optional<Position>& list) {
    if (list && objectives.empty())
      error(path, "objectives", *list, "empty-list",
            "'objectives' must name at least one objective");
    for (const auto& ref : objectives) reference(path, "objectives", ref, RecordKind::objective);
  }

  void check_objective(const Objective& o) {
    const std::string& path = o.source.path;
    const auto& goals = m_plan.info.goals;
    if (goals && !goals->empty() && !o.goal) {
      std::vector<std::string> ids;
      for (const Goal& g : *goals) ids.push_back(g.id.value);
      error(path, "goal", o.source.pos, "missing-key",
            fmt::format("the objective is missing the key 'goal' (the plan has goals: {})",
                        describe_ids(ids)));
    }
    if (o.goal && m_plan.info.loaded) {  // without plan.yaml, its goals are unknown
      std::vector<std::string> ids;
      if (goals)
        for (const Goal& g : *goals) ids.push_back(g.id.value);
      if (std::find(ids.begin(), ids.end(), o.goal->value) == ids.end())
        error(path, "goal", o.goal->pos, "unknown-reference",
              unknown_reference_message("goal", "goals", o.goal->value, ids) +
                  " (goals are listed in plan.yaml)");
    }
    if (o.regions)
      for (const auto& r : *o.regions) region(path, "regions", r);
  }

  void check_task_force(const TaskForce& t) {
    const std::string& path = t.source.path;
    objectives_list(path, t.objectives, t.objectives_list);
    if (t.regions)
      for (const auto& r : *t.regions) region(path, "regions", r);
    for (const Person& p : t.representatives)
      if (p.region) region(path, "representatives", *p.region);
  }

  void check_activity(const Activity& a) {
    const std::string& path = a.source.path;
    objectives_list(path, a.objectives, a.objectives_list);
    if (a.task_force) reference(path, "task_force", *a.task_force, RecordKind::task_force);
    if (a.stage && m_plan.info.loaded && !m_plan.stage(a.stage->value)) {
      std::vector<std::string> ids;
      for (const Stage& s : m_plan.info.stages) ids.push_back(s.id.value);
      error(path, "stage", a.stage->pos, "unknown-reference",
            unknown_reference_message("stage", "stages", a.stage->value, ids, IdOrder::as_given,
                                      m_plan.stage_names()) +
                " (stages are listed in plan.yaml)");
    }
    for (const auto& r : a.regions) region(path, "regions", r);
    for (const auto& c : a.countries) {
      if (is_country_code(c.value)) continue;
      std::string message =
          fmt::format("country {} is not an ISO 3166-1 alpha-2 code", in_quotes(c.value));
      std::string upper = c.value;
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (is_country_code(upper))
        message += fmt::format("; did you mean {}?", in_quotes(upper));
      else
        message += " (two capital letters, e.g. KE, PE, FR)";
      error(path, "countries", c.pos, "invalid-country", std::move(message));
    }
    for (const auto& ref : a.indicators) reference(path, "indicators", ref, RecordKind::indicator);
    if (m_plan.info.actors)
      for (const auto& r : a.responsible)
        if (std::find(m_actors.begin(), m_actors.end(), r.value) == m_actors.end()) {
          std::string message =
              fmt::format("responsible {} is not an actor of the plan; known actors: {}",
                          in_quotes(r.value), describe_ids(m_actors));
          const std::string suggestion = closest_match(r.value, m_actors);
          if (!suggestion.empty())
            message += fmt::format("; did you mean {}?", in_quotes(suggestion));
          m_diags.warning(path, r.pos, "unknown-actor", std::move(message), "responsible");
        }
    if (a.budget) {
      const Budget& b = *a.budget;
      currency(path, "budget", b.currency);
      if (b.secured && b.estimate &&
          (b.estimate->value.kind == AmountKind::number ||
           b.estimate->value.kind == AmountKind::range) &&
          b.secured->value > b.estimate->value.max)
        error(path, "budget", b.secured->pos, "secured-above-estimate",
              fmt::format("secured {} is more than the estimate's maximum {}; raise the estimate "
                          "or correct the secured amount",
                          format_number(b.secured->value), format_number(b.estimate->value.max)));
    }
    not_before(path, "end", a.start, a.end, "start", "end");
    if (a.url && a.url->value.rfind("http://", 0) != 0 && a.url->value.rfind("https://", 0) != 0)
      error(path, "url", a.url->pos, "invalid-url",
            fmt::format("'url' must start with http:// or https://; got {}",
                        in_quotes(a.url->value)));
    else if (a.url && (a.url->value.find_first_of(" \t\n") != std::string::npos ||
                       a.url->value.find("://") + 3 == a.url->value.size()))
      error(path, "url", a.url->pos, "invalid-url",
            fmt::format("'url' is not a valid web address: {}", in_quotes(a.url->value)));
  }

  // A measurement's value, or a ratio: both parts, a whole above 0, and a value
  // written beside them that is theirs (rounded to a whole number at most).
  void measurement_value(const std::string& path, const Measurement& m) {
    if (m.numerator.has_value() != m.denominator.has_value()) {
      const bool numerator = m.numerator.has_value();
      error(path, "measurements", (numerator ? m.numerator : m.denominator)->pos, "missing-key",
            fmt::format("a measurement with a {} needs a {} too: a ratio is numerator of "
                        "denominator, e.g. {{numerator: 38, denominator: 90}}",
                        numerator ? "'numerator'" : "'denominator'",
                        numerator ? "'denominator'" : "'numerator'"));
      return;
    }
    if (!m.denominator) return;
    if (m.denominator->value <= 0) {
      error(path, "measurements", m.denominator->pos, "invalid-denominator",
            fmt::format("'denominator' is {}: a ratio's whole must be more than 0",
                        format_number(m.denominator->value)));
      return;
    }
    const double derived = 100 * m.numerator->value / m.denominator->value;
    if (m.value && std::abs(m.value->value - derived) > 0.5)
      error(path, "measurements", m.value->pos, "ratio-mismatch",
            fmt::format("value {} is not {} of {} ({}%); leave 'value' out (it is derived) or "
                        "correct it",
                        format_number(m.value->value), format_number(m.numerator->value),
                        format_number(m.denominator->value),
                        format_number(std::round(derived * 10) / 10)));
  }

  // A cumulative indicator counts the total since its baseline: a value below
  // the one before is a warning at that value.
  void no_fall(const std::string& path, const Measurement& m, const Measurement* previous) {
    const std::optional<double> now = measured_value(m);
    const std::optional<double> before = previous ? measured_value(*previous) : std::nullopt;
    if (!now || !before || *now >= *before) return;
    m_diags.warning(
        path, m.value ? m.value->pos : m.pos, "cumulative-decrease",
        fmt::format("value {} is below the one before it ({}{}): a cumulative indicator counts "
                    "the total since its baseline and cannot fall; correct the value, or write "
                    "'aggregation: level' if it measures a state",
                    format_number(*now), format_number(*before),
                    previous->date ? " on " + previous->date->value.to_string() : ""),
        "measurements");
  }

  // A level named by a qualitative indicator: one of the plan's scale.
  void known_level(const std::string& path, const char* key, const Located<std::string>& level) {
    const std::vector<std::string>& scale = m_plan.info.analysis.scale;
    if (std::find(scale.begin(), scale.end(), level.value) != scale.end()) return;
    error(path, key, level.pos, "unknown-level", unknown_level_message(level.value, scale));
  }

  // A qualitative indicator names levels, never numbers; the others never a level.
  void levels(const std::string& path, const Indicator& i) {
    const bool qualitative = i.type.value == IndicatorType::qualitative;
    auto wrong = [&](const char* key, Position pos, bool level) {
      error(path, key, pos, "invalid-value",
            level ? "'level' is for qualitative indicators; write 'type: qualitative' or give a "
                    "'value'"
                  : "a qualitative indicator's assessments give a 'level' of the plan's scale, "
                    "not a number");
    };
    if (i.baseline) {
      if (i.baseline->level && !qualitative) wrong("baseline", i.baseline->level->pos, true);
      if (i.baseline->level && qualitative) known_level(path, "baseline", *i.baseline->level);
      if (i.baseline->value && qualitative) wrong("baseline", i.baseline->value->pos, false);
    }
    for (const Measurement& m : i.measurements) {
      if (m.level && !qualitative) wrong("measurements", m.level->pos, true);
      if (m.level && qualitative) known_level(path, "measurements", *m.level);
      const auto* number = m.value ? &*m.value : m.numerator ? &*m.numerator : nullptr;
      if (number && qualitative) wrong("measurements", number->pos, false);
    }
    if (qualitative)
      for (const IndicatorTarget& t : i.targets)
        known_level(path, "targets", Located<std::string>{t.text, t.pos});
  }

  // A measurement's parts: known dimensions and parts, and, for a count, adding up to
  // its value (a share or a ratio's percentage does not add up).
  // A dimension measurements may be split by: region and country (built in), or one
  // of plan.yaml's dimensions.
  bool known_dimension(const std::string& path, const char* key,
                       const Located<std::string>& dimension) {
    const std::string& d = dimension.value;
    if (d == "region" || d == "country" || m_part_sets.count(d)) return true;
    std::vector<std::string> names = {"region", "country"};
    if (m_plan.info.dimensions)
      for (const Dimension& known : *m_plan.info.dimensions) names.push_back(known.id.value);
    error(path, key, dimension.pos, "unknown-dimension",
          unknown_reference_message("dimension", "dimensions", d, names));
    return false;
  }

  // A part of a known dimension: an ISO country code, a listed region (any region
  // when the plan lists none), a value of the dimension.
  void known_part(const std::string& path, const char* key, const std::string& dimension,
                  const Located<std::string>& part) {
    const auto set = m_part_sets.find(dimension);
    if (dimension == "country" ? is_country_code(part.value)
                               : set == m_part_sets.end() || set->second.count(part.value))
      return;
    error(path, key, part.pos, "unknown-dimension",
          dimension == "country"
              ? fmt::format("{} is not an ISO 3166-1 alpha-2 country code (e.g. KE)",
                            in_quotes(part.value))
          : dimension == "region"
              ? unknown_reference_message("region", "regions", part.value, m_parts[dimension])
              : unknown_reference_message("value of " + in_quotes(dimension),
                                          "values of " + in_quotes(dimension), part.value,
                                          m_parts[dimension]));
  }

  void parts(const std::string& path, const Indicator& i, const Measurement& m) {
    if (m.by.empty()) return;
    if (i.type.value == IndicatorType::qualitative) {
      error(path, "measurements", m.by.front().dimension.pos, "invalid-value",
            "'by' splits a number: a qualitative indicator's levels cannot be split");
      return;
    }
    const bool additive = m.value && !m.numerator && !(i.unit && i.unit->value == "%");
    for (const Breakdown& b : m.by) {
      if (!known_dimension(path, "measurements", b.dimension)) continue;
      double sum = 0;
      for (const Part& p : b.parts) {
        sum += p.value.value;
        known_part(path, "measurements", b.dimension.value, p.name);
      }
      if (!additive || std::abs(sum - m.value->value) <= 1e-6 * std::max(1.0, m.value->value))
        continue;
      const std::string text = fmt::format(
          "the parts by {} add up to {}, {} the value {}", b.dimension.value, format_number(sum),
          sum > m.value->value ? "more than" : "less than", format_number(m.value->value));
      if (sum > m.value->value)
        error(path, "measurements", b.dimension.pos, "parts-mismatch",
              text + ": correct a part or the value");
      else
        m_diags.warning(path, b.dimension.pos, "parts-mismatch",
                        text + ": give the parts that are missing", "measurements");
    }
  }

  void check_indicator(const Indicator& i) {
    const std::string& path = i.source.path;
    if (i.objective && i.activity)
      error(path, "activity", i.activity->pos, "indicator-subject",
            "an indicator measures exactly one thing: give 'objective' or 'activity', not both");
    else if (!i.objective && !i.activity)
      error(path, "objective", i.source.pos, "indicator-subject",
            "the indicator is missing 'objective' or 'activity' (what it measures)");
    if (i.objective) reference(path, "objective", *i.objective, RecordKind::objective);
    if (i.activity) reference(path, "activity", *i.activity, RecordKind::activity);

    const bool milestone = i.type.value == IndicatorType::milestone;
    if (!milestone) {
      for (const auto* field : {&i.due, &i.achieved})
        if (*field)
          error(path, field == &i.due ? "due" : "achieved", (*field)->pos, "milestone-only",
                fmt::format("'{}' applies to milestone indicators only; add 'type: milestone' or "
                            "remove it",
                            field == &i.due ? "due" : "achieved"));
      for (const IndicatorTarget& t : i.targets)
        if (!t.is_number && i.type.value == IndicatorType::numeric)
          error(path, "targets", t.pos, "invalid-number",
                fmt::format("target for {} must be a number for a numeric indicator; got {}{}",
                            t.year.value, in_quotes(t.text),
                            parse_decimal(t.text) ? " (remove the quotes)" : ""));
    }
    if (i.achieved) not_future(path, "achieved", *i.achieved, "'achieved'");
    if (milestone && i.every.value != Recurrence::none)
      error(path, "every", i.every.pos, "invalid-value",
            "a milestone is reached once: 'every' applies to numeric and qualitative indicators");
    levels(path, i);

    const Measurement* previous = nullptr;
    const Measurement* last_valued = nullptr;  // the last measurement with a value
    for (const PartTargets& t : i.targets_by)
      if (known_dimension(path, "targets_by", t.dimension))
        known_part(path, "targets_by", t.dimension.value, t.part);
    for (const Measurement& m : i.measurements) {
      measurement_value(path, m);
      parts(path, i, m);
      if (i.aggregation == Aggregation::cumulative && measured_value(m)) {
        no_fall(path, m, last_valued);
        last_valued = &m;
      }
      if (!m.date) continue;
      if (previous && !(previous->date->value < m.date->value))
        error(path, "measurements", m.date->pos, "measurements-unordered",
              fmt::format("measurement dated {} does not come after the one before it ({}); list "
                          "measurements oldest first, one per date",
                          m.date->value.to_string(), previous->date->value.to_string()));
      not_future(path, "measurements", *m.date, "measurement date");
      previous = &m;
    }
  }

  const Plan& m_plan;
  Date m_as_of;
  FutureDates m_future;
  std::vector<std::string> m_regions;
  std::vector<std::string> m_actors;
  // What a measurement may be split into, by dimension: the plan's regions (when it
  // lists them) and its dimensions' values; as listed (messages) and as a set.
  std::map<std::string, std::vector<std::string>> m_parts;
  std::map<std::string, std::set<std::string>> m_part_sets;
  Diagnostics m_diags;
};

}  // namespace

std::string unknown_level_message(const std::string& level, const std::vector<std::string>& scale) {
  std::string message = fmt::format("unknown level {}; the plan's scale (lowest first): {}",
                                    in_quotes(level), join(scale, ", "));
  if (const std::string near = closest_match(level, scale); !near.empty())
    message += fmt::format("; did you mean {}?", in_quotes(near));
  return message;
}

bool is_country_code(std::string_view code) {
  if (code.size() != 2) return false;
  for (std::size_t i = 0; i + 2 <= k_countries.size(); i += 3)
    if (k_countries.substr(i, 2) == code) return true;
  return false;
}

Diagnostics check_plan(const Plan& plan, const Date& as_of, FutureDates future) {
  return Checker(plan, as_of, future).run();
}

LoadOptions scope_for_new_record(RecordKind kind) {
  LoadOptions options;
  options.activities = Load::names;
  options.indicators = Load::names;
  switch (kind) {
    case RecordKind::objective:
      options.objectives = Load::nothing;
      break;
    case RecordKind::task_force:
      options.task_forces = Load::nothing;
      break;
    case RecordKind::activity:
      options.activities = Load::nothing;
      break;
    case RecordKind::indicator:
      options.indicators = Load::nothing;
      break;
    case RecordKind::plan:
      break;
  }
  return options;
}

LoadOptions scope_for_edit(RecordKind kind, const std::string& id) {
  LoadOptions options;
  options.activities = Load::names;
  options.indicators = Load::names;
  options.also = {kind, id};
  return options;
}

LoadResult load_and_check(const std::filesystem::path& root, const Date& as_of,
                          const LoadOptions& options, FutureDates future) {
  LoadResult result = load_plan(root, options);
  result.diags.append(check_plan(result.plan, as_of, future));
  result.diags.sort();
  return result;
}

Diagnostics check_closed_period(const Plan& then, const Plan& now) {
  Diagnostics out;
  if (!now.info.closed_until) return out;
  const Date& closed = now.info.closed_until->value;
  const std::string why =
      fmt::format("values dated on or before closed_until, {}, were published", closed.to_string());
  for (const Indicator& i : now.indicators) {
    const Indicator* old = then.indicator(i.id.value);
    if (!old) continue;
    std::map<Date, const Measurement*> before;
    for (const Measurement& m : old->measurements)
      if (m.date && !(closed < m.date->value)) before.emplace(m.date->value, &m);
    for (const Measurement& m : i.measurements) {
      if (!m.date || closed < m.date->value) continue;
      auto was = before.find(m.date->value);
      const bool is_new = was == before.end();
      const bool changed = is_new || measurement_figures(*was->second) != measurement_figures(m);
      if (!is_new) before.erase(was);
      if (changed && !m.restated)
        out.error(
            i.source.path, m.pos, "closed-period",
            fmt::format("the value of {} for {} was {} since the last report ({}): "
                        "give the reason as 'restated: ...'",
                        i.id.value, m.date->value.to_string(), is_new ? "added" : "changed", why));
    }
    for (const auto& [date, m] : before) {
      // At the measurement now in its place: the first one after its date, else the last.
      Position at = i.measurements.empty() ? i.source.pos : i.measurements.back().pos;
      for (auto it = i.measurements.rbegin(); it != i.measurements.rend(); ++it)
        if (it->date && date < it->date->value) at = it->pos;
      out.error(i.source.path, at, "closed-period",
                fmt::format("the value of {} for {} was removed since the last report ({}): "
                            "restore it; to correct it, change it and give the reason as "
                            "'restated: ...'",
                            i.id.value, date.to_string(), why));
    }
  }
  return out;
}

}  // namespace actionplan
