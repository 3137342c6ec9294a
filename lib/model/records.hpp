#pragma once
// The records of a plan directory (spec/FORMAT.md) as plain structs. Every
// value keeps its source position; optional keys are std::optional or empty.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/values.hpp"

namespace actionplan {

enum class RecordKind { plan, objective, task_force, activity, indicator };

// The plan format this tool reads (plan.yaml's `format`).
inline constexpr int k_format_version = 1;

// The folder of a kind ("objectives"), its singular noun ("objective") and
// the id-ish name used on the command line and in schemas.
struct KindInfo {
  RecordKind kind;
  const char* folder;
  const char* singular;
  const char* plural;
};
const KindInfo& kind_info(RecordKind kind);
const std::vector<RecordKind>& record_kinds();  // the four folder kinds

enum class ActivityType { project, activity };
enum class ActivityStatus { active, on_hold, cancelled };
// "active", "on-hold" or "cancelled", as written in the format.
const char* status_name(ActivityStatus status);

// Where a record came from: path relative to the plan root and the position
// of its top-level mapping.
struct Source {
  std::string path;
  Position pos{1, 1};
  // A hash of the file's text (std::hash): the same bytes give the same hash,
  // so `diff` compares only the records whose file changed. 0: not from a file.
  std::size_t text_hash = 0;
};

struct Goal {
  Located<std::string> id;
  Text title;
  Text description;
  Position pos;
};

struct NamedEntry {  // regions and actors
  Located<std::string> id;
  Text name;
  Position pos;
};

// A dimension measurements may be split by (plan.yaml's `dimensions`); `region`
// and `country` are built in.
struct Dimension {
  Located<std::string> id;
  Text name;
  std::vector<Located<std::string>> values;
  Position pos;
};

struct Stage {
  Located<std::string> id;
  Text name;
  bool funded = false;
  Position pos;
};

struct Period {
  std::optional<Located<Date>> start;
  std::optional<Located<Date>> end;
};

// How an indicator's progress is judged (analysis/progress.hpp): against the
// straight line to its target, or by Open SDG's growth-rate method; `plan`:
// as plan.yaml's analysis says.
enum class ProgressMethod { plan, linear, growth_rate };

// The levels of qualitative indicators when plan.yaml gives no `scale`, lowest first.
inline const std::vector<std::string> k_default_scale = {"not started", "in progress", "achieved"};

struct AnalysisSettings {
  ProgressMethod progress_method = ProgressMethod::linear;
  // plan.yaml's `scale` (not under `analysis`): the levels a qualitative
  // indicator's assessments and targets name, lowest first.
  std::vector<std::string> scale = k_default_scale;
  int stale_after_months = 12;
  double on_track = 0.9;
  double at_risk = 0.6;
  double overlap_threshold = 0.5;
  std::map<std::string, Position> given;  // keys written in the file
};

struct PlanInfo {
  Source source;
  bool loaded = false;  // false when plan.yaml could not be read or parsed
  std::optional<Located<double>> format;
  Text title;
  Text id;
  Text description;
  Text vision;
  Text mission;
  std::optional<Period> period;
  std::optional<Located<Date>> closed_until;  // values dated on or before it are published
  std::vector<Located<int>> horizons;
  Text currency;
  std::optional<std::vector<Goal>> goals;
  std::optional<std::vector<NamedEntry>> regions;
  std::optional<std::vector<NamedEntry>> actors;
  std::optional<std::vector<Dimension>> dimensions;
  std::vector<Stage> stages;  // the default pipeline when the file has none
  bool stages_given = false;
  Position stages_pos;
  std::map<std::string, Located<std::string>> terms;
  AnalysisSettings analysis;

  std::string default_currency() const { return currency ? currency->value : "USD"; }
};

struct YearText {
  Located<int> year;
  Located<std::string> text;
};

struct Objective {
  Source source;
  Located<std::string> id;
  Text title;
  std::optional<Located<std::string>> goal;
  Text description;
  Text problem;
  std::vector<YearText> targets;
  std::optional<IdList> regions;
};

struct Milestone {
  std::optional<Located<Date>> date;
  Text text;
  Position pos;
};

// A dated note on an activity's progress (`notes`), e.g. from the form
// "Report progress on a project".
struct Note {
  std::optional<Located<Date>> date;
  Text text;
  Position pos;
};

struct TaskForce {
  Source source;
  Located<std::string> id;
  Text name;
  IdList objectives;
  std::optional<Position> objectives_list;  // where a list was written, even an empty one
  std::optional<IdList> regions;            // geographic task forces: the regions they work in
  std::vector<Person> leaders;
  std::vector<Person> representatives;
  std::vector<Person> members;
  Text approach;
  std::vector<Milestone> milestones;
};

struct Budget {
  Text currency;
  std::optional<Located<Amount>> estimate;
  std::optional<Located<double>> secured;
  Text note;
  Position pos;
};

struct Activity {
  Source source;
  Located<std::string> id;
  Text title;
  ActivityType type = ActivityType::project;
  IdList objectives;
  std::optional<Position> objectives_list;  // where a list was written, even an empty one
  std::optional<Located<std::string>> task_force;
  std::optional<Located<std::string>> stage;
  ActivityStatus status = ActivityStatus::active;
  IdList regions;
  IdList countries;
  std::optional<Person> lead;
  std::vector<Located<std::string>> responsible;
  std::vector<Located<std::string>> partners;
  std::vector<Located<std::string>> sponsors;
  std::optional<Budget> budget;
  std::optional<Located<Date>> start;
  std::optional<Located<Date>> end;
  Text timeframe;
  std::vector<Located<std::string>> outputs;
  Text methodology;
  Text outcome;
  Text description;
  IdList indicators;
  Text url;
  std::optional<Located<Date>> updated;
  std::vector<Note> notes;  // progress notes, oldest first
};

// numeric: values; milestone: a date achieved; qualitative: dated assessments, each
// a level of the plan's scale (AnalysisSettings::scale).
enum class IndicatorType { numeric, milestone, qualitative };
enum class Direction { increase, decrease };
// What a value counts: the state on its date (level), the total since the
// baseline (cumulative: never falls), or its own period only (per_period: the
// periods add up).
enum class Aggregation { level, cumulative, per_period };
// A recurring target (`every: year`) holds for each calendar year up to its
// year, and is checked year by year.
enum class Recurrence { none, year };

struct DatedValue {
  std::optional<Located<Date>> date;
  std::optional<Located<double>> value;
  Text level;  // a qualitative indicator's
  Position pos;
};

// A measurement's value split by one dimension: `by: {region: {africa: 10, asia: 8}}`.
struct Part {
  Located<std::string> name;  // africa
  Located<double> value;      // 10
};
struct Breakdown {
  Located<std::string> dimension;  // region
  std::vector<Part> parts;
};

struct Measurement {
  std::optional<Located<Date>> date;
  std::optional<Located<double>> value;
  std::optional<Located<double>> numerator;  // a ratio: the value is 100 × numerator ÷ denominator
  std::optional<Located<double>> denominator;
  Text level;  // a qualitative indicator's assessment: a level of the plan's scale
  std::vector<Breakdown> by;
  Text source;
  Text note;
  Text restated;  // why a published value (dated on or before `closed_until`) was changed
  Position pos;
};

// A measurement's figures as one text (value, ratio, level, parts), to tell
// whether two versions of it differ (`closed-period`, "Values restated").
std::string measurement_figures(const Measurement& m);

struct IndicatorTarget {
  Located<int> year;
  std::optional<double> number;  // numeric indicators
  std::string text;              // milestone and qualitative indicators, or the number as written
  bool is_number = false;
  Position pos;
};

// A part's own targets (`targets_by: {region: {africa: {2030: 15}}}`), instead of
// its share of the indicator's.
struct PartTargets {
  Located<std::string> dimension;
  Located<std::string> part;
  std::vector<IndicatorTarget> targets;
};

struct Indicator {
  Source source;
  Located<std::string> id;
  Text title;
  std::optional<Located<std::string>> objective;
  std::optional<Located<std::string>> activity;
  Located<IndicatorType> type{IndicatorType::numeric, {}};
  Text unit;
  Direction direction = Direction::increase;
  Aggregation aggregation = Aggregation::level;
  Located<Recurrence> every{Recurrence::none, {}};
  ProgressMethod progress_method = ProgressMethod::plan;
  std::optional<DatedValue> baseline;
  std::vector<IndicatorTarget> targets;
  std::vector<PartTargets> targets_by;
  std::vector<Measurement> measurements;
  std::optional<Located<Date>> due;
  std::optional<Located<Date>> achieved;
  Text description;
  Text method;
  Text source_text;  // the `source` key
};

// A measurement's value: as written, else the percentage its numerator and
// denominator give (none for a denominator of 0, or a part missing).
std::optional<double> measured_value(const Measurement& m);

// A record as people know it: its title (a task force: its name), else its id.
inline std::string title_of(const Objective& o) {
  return o.title ? o.title->value : o.id.value;
}
inline std::string title_of(const Activity& a) {
  return a.title ? a.title->value : a.id.value;
}
inline std::string title_of(const Indicator& i) {
  return i.title ? i.title->value : i.id.value;
}
inline std::string name_of(const TaskForce& t) {
  return t.name ? t.name->value : t.id.value;
}

// The default stages of FORMAT.md, in pipeline order.
std::vector<Stage> default_stages();

}  // namespace actionplan
