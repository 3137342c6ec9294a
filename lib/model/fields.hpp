#pragma once
// The one description of each record kind (spec/FORMAT.md): for each key, its
// name, whether it is required, what kind of value it holds, its line in the
// docs, the command-line option that sets it and its CSV column, bound to the
// member of the struct that holds it. Every piece of code that goes through a
// record key by key walks these tables with `visit_fields(record, visitor)`:
// decoding (load/decode), the JSON Schemas and the docs' key tables
// (render/schema), emitting (write/emit), `show --format json`
// (render/records), `list` and `import` columns (query/list,
// write/import_csv) and the add-* options (write/add_record, cli/).
//
// A visitor is called as `visitor(const FieldInfo&, Member&)` for each key in
// the format's order; for the keys of a nested mapping (a budget, a person, a
// measurement) it visits the nested struct with the same function.
// plan.yaml, which the tool only reads, has its table in load/decode.cpp.
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "model/records.hpp"

namespace actionplan {

enum class Need { required, optional };

// What a key holds, and so how it is read, checked, written and shown.
enum class Value {
  id,               // the record's own id
  ref,              // the id of another record or plan entry (`refers` names it)
  refs,             // a list of them
  text,             // any scalar, kept as written
  texts,            // a list of texts
  url,              // an http(s) URL
  currency,         // an ISO 4217 code
  countries,        // a list of ISO 3166-1 alpha-2 codes
  date,             // YYYY, YYYY-MM or YYYY-MM-DD
  number,           // a decimal number within ±10^15
  money,            // a number of 0 or more
  amount,           // money, a range [min, max], none or tbd
  choice,           // one of `choices`, the first the default
  year_texts,       // a mapping year → text
  year_values,      // a mapping year → number (a milestone's: text)
  breakdown,        // a mapping dimension → {part: number}
  part_targets,     // a mapping dimension → part → year → number
  person,           // a name, or a mapping of the person keys (no region)
  persons,          // a list of them
  representatives,  // a list of persons, each naming a region
  mapping,          // a mapping of its own keys
  mappings,         // a list of such mappings
};

// The command-line option of add-* that sets a key: "-O,--objective"; names
// empty when none does.
struct Option {
  std::string_view names;
  std::string_view help;
  std::string_view type;  // the value's name in --help: "ID", "DATE"
};

// Where a key's column goes in `list --format csv|tsv` (and so which columns
// `import` reads back).
enum class Column {
  shown,  // in key order
  early,  // right after the id: the column a table is read by (an objective's goal)
};

struct FieldInfo {
  std::string_view key;
  Need need = Need::optional;
  Value value = Value::text;
  std::string_view refers = {};         // ref, refs: "objective", "region", "task force"...
  std::string_view type = {};           // the docs' type, where it says more than the value's
  std::string_view meaning = {};        // the docs' one line
  std::string_view required_when = {};  // the docs' "required" for a rule of its own
  std::span<const std::string_view> choices = {};  // choice: the names, the default first
  std::string_view item = {};     // mappings: what one item is called ("a measurement")
  Option option = {};             // the add-* option that sets it
  std::string_view aliases = {};  // import: other column names, comma-separated
  Column column = Column::shown;
  bool imported = false;  // import reads its column (its option's, or its own)
  bool flow = false;      // a mapping written on one line: {date: 2024, value: 3}
};

// The names of each enumeration as the format writes them, in enum order (the default first).
inline constexpr std::string_view k_activity_types[] = {"project", "activity"};
inline constexpr std::string_view k_activity_statuses[] = {"active", "on-hold", "cancelled"};
inline constexpr std::string_view k_indicator_types[] = {"numeric", "milestone", "qualitative"};
inline constexpr std::string_view k_directions[] = {"increase", "decrease"};
inline constexpr std::string_view k_aggregations[] = {"level", "cumulative", "per-period"};
inline constexpr std::string_view k_recurrences[] = {"none", "year"};
inline constexpr std::string_view k_progress_methods[] = {"plan", "linear", "growth-rate"};

// The words plan.yaml's `terms` may replace, with the default of each: the
// names of things, then the words for an indicator's (or an objective's,
// or a goal's) status.
struct TermInfo {
  std::string_view key;
  std::string_view word;     // the default
  std::string_view meaning;  // the docs' one line
};
inline constexpr TermInfo k_terms[] = {
    {"objective", "objective", "default \"objective\""},
    {"objectives", "objectives", "default \"objectives\""},
    {"task_force", "task force", "default \"task force\""},
    {"task_forces", "task forces", "default \"task forces\""},
    {"activity", "activity", "default \"activity\""},
    {"activities", "activities", "default \"activities\""},
    {"indicator", "indicator", "default \"indicator\""},
    {"indicators", "indicators", "default \"indicators\""},
    {"on_track", "on track",
     "status: progress at least `on_track` of the expected; default \"on track\""},
    {"at_risk", "at risk",
     "status: progress between `at_risk` and `on_track`; default \"at risk\""},
    {"off_track", "off track", "status: progress below `at_risk`; default \"off track\""},
    {"achieved", "target achieved",
     "status: the last target passed was reached (an objective or goal: all were); default "
     "\"target achieved\""},
    {"missed", "target missed",
     "status: the last target passed was not reached; default \"target missed\""},
    {"no_data", "no data", "status: nothing to judge yet; default \"no data\""},
    {"not_assessable", "not assessable",
     "status: values the method cannot judge; default \"not assessable\""},
    {"milestone_achieved", "achieved", "status of a milestone reached; default \"achieved\""},
    {"overdue", "overdue", "status of a milestone past its `due` date; default \"overdue\""},
    {"due", "due", "status of a milestone due later; default \"due\""},
};

// The options every add-* command shares.
inline constexpr Option k_id_option = {"--id",
                                       "The id and file name (default: a slug of the title)", "ID"};

// The key of add-*'s options (write/add_record.hpp) that a key's option, or its
// column in `import`, fills: the key itself, but `title` for the key `--title`
// sets (a task force's name), and for a nested key, both joined by '_'
// (`budget_estimate`).
constexpr std::string_view option_key(const FieldInfo& f) {
  return f.option.names == "--title" ? "title" : f.key;
}

// Whether a key holds a list: its option may be repeated, its CSV cell holds "a; b".
constexpr bool holds_list(Value value) {
  return value == Value::refs || value == Value::texts || value == Value::countries ||
         value == Value::persons || value == Value::representatives || value == Value::year_texts ||
         value == Value::year_values;
}

// The option key of a key of a nested mapping: the parent's own for a person's
// name (`lead`, set by --lead), else both keys joined by '_' (`lead_org`,
// `budget_estimate`, `baseline_date`): import's spelling of the column too.
inline std::string nested_option_key(const FieldInfo& parent, const FieldInfo& child) {
  if (parent.value == Value::person && child.key == "name") return std::string(parent.key);
  return std::string(parent.key) + "_" + std::string(child.key);
}

// The id of a record: the same in every kind.
inline constexpr FieldInfo k_id_field = {.key = "id",
                                         .need = Need::required,
                                         .value = Value::id,
                                         .meaning = "equals the file name",
                                         .option = k_id_option,
                                         .imported = true};

// The objectives a task force or an activity serves: `help` says which.
constexpr FieldInfo objectives_field(std::string_view help) {
  return {.key = "objectives",
          .need = Need::required,
          .value = Value::refs,
          .refers = "objective",
          .meaning = "non-empty (`empty-list`)",
          .option = {"-O,--objective", help, "ID"},
          .aliases = "objective",
          .imported = true};
}

// ---- nested mappings --------------------------------------------------------------

template <class P, class V>
requires std::is_same_v<std::remove_const_t<P>, Person>
void visit_fields(P& p, V&& v) {
  v(FieldInfo{.key = "name", .need = Need::required, .meaning = "the person's name"}, p.name);
  v(FieldInfo{.key = "org",
              .meaning = "organisation",
              .option = {"--lead-org", "The lead's organisation", "ORG"},
              .aliases = "organisation,organization",
              .imported = true},
    p.org);
  v(FieldInfo{.key = "email", .meaning = "e-mail address (never shown in reports)"}, p.email);
  v(FieldInfo{.key = "role", .meaning = "role in the team"}, p.role);
  v(FieldInfo{.key = "expertise", .value = Value::texts, .meaning = "fields of expertise"},
    p.expertise);
  v(FieldInfo{.key = "region",
              .value = Value::ref,
              .refers = "region",
              .meaning = "the region represented; for other persons `region` is an unknown key",
              .required_when = "representatives only"},
    p.region);
}

template <class B, class V>
requires std::is_same_v<std::remove_const_t<B>, Budget>
void visit_fields(B& b, V&& v) {
  v(FieldInfo{.key = "currency",
              .value = Value::currency,
              .meaning =
                  "three capital letters, e.g. `EUR`; default the plan's `currency` (else `USD`)",
              .option = {"--currency", "Currency of the budget (default: the plan's)", "CODE"},
              .aliases = "currency",
              .imported = true},
    b.currency);
  v(FieldInfo{.key = "estimate",
              .value = Value::amount,
              .meaning = "what the activity costs: `250000`, `[250000, 400000]`, `none` or `tbd`",
              .option = {"--budget", "Estimated budget: 250000, 45000-90000, none or tbd",
                         "AMOUNT"},
              .aliases = "budget,estimate,cost",
              .imported = true},
    b.estimate);
  v(FieldInfo{.key = "secured",
              .value = Value::money,
              .meaning = "funds already secured; not above the estimate's maximum "
                         "(`secured-above-estimate`)",
              .option = {"--secured", "Money secured so far", "MONEY"},
              .aliases = "secured",
              .imported = true},
    b.secured);
  v(FieldInfo{.key = "note",
              .meaning = "the estimate as the source document words it, with its conditions "
                         "(\"US$45,000–90,000 per regional training, provided that…\"); shown "
                         "with the budget, never added up",
              .aliases = "budget_note",
              .imported = true},
    b.note);
}

template <class D, class V>
requires std::is_same_v<std::remove_const_t<D>, DatedValue>
void visit_fields(D& d, V&& v) {
  v(FieldInfo{.key = "date",
              .value = Value::date,
              .option = {"--baseline-date", "Baseline date", "DATE"},
              .aliases = "baseline_date",
              .imported = true},
    d.date);
  v(FieldInfo{.key = "value",
              .value = Value::number,
              .required_when = "unless `level` is given",
              .option = {"--baseline", "Baseline value", "N"},
              .aliases = "baseline",
              .imported = true},
    d.value);
  v(FieldInfo{.key = "level",
              .meaning = "a qualitative indicator's starting level, from plan.yaml's `scale` "
                         "(`unknown-level`)",
              .required_when = "qualitative: instead of `value`"},
    d.level);
}

template <class M, class V>
requires std::is_same_v<std::remove_const_t<M>, Measurement>
void visit_fields(M& m, V&& v) {
  v(FieldInfo{.key = "date",
              .need = Need::required,
              .value = Value::date,
              .meaning = "oldest first, one per date"},
    m.date);
  v(FieldInfo{.key = "value",
              .value = Value::number,
              .meaning = "the value measured; a ratio's may be left out (it is derived)",
              .required_when = "unless `numerator` and `denominator`, or `level`, are given"},
    m.value);
  v(FieldInfo{.key = "numerator",
              .value = Value::number,
              .meaning = "a ratio's part, e.g. 38 (of 90); the value is 100 × numerator ÷ "
                         "denominator (`ratio-mismatch` when a value given differs)",
              .required_when = "with `denominator`"},
    m.numerator);
  v(FieldInfo{.key = "denominator",
              .value = Value::number,
              .meaning = "a ratio's whole, e.g. 90; more than 0 (`invalid-denominator`)",
              .required_when = "with `numerator`"},
    m.denominator);
  v(FieldInfo{.key = "level",
              .meaning = "a qualitative indicator's assessment: one of plan.yaml's `scale` "
                         "(`unknown-level`), e.g. `in progress`",
              .required_when = "qualitative: instead of `value`"},
    m.level);
  v(FieldInfo{.key = "by",
              .value = Value::breakdown,
              .meaning = "the value split by `region`, `country` or a dimension of plan.yaml's "
                         "`dimensions`: `{region: {africa: 10, asia: 8}}` "
                         "(`unknown-dimension`); a count's parts add up to its value "
                         "(`parts-mismatch`)"},
    m.by);
  v(FieldInfo{.key = "source"}, m.source);
  v(FieldInfo{.key = "note"}, m.note);
  v(FieldInfo{.key = "restated",
              .meaning = "why a value already published (dated on or before plan.yaml's "
                         "`closed_until`) was changed: required for such a change "
                         "(`closed-period`)"},
    m.restated);
}

template <class M, class V>
requires std::is_same_v<std::remove_const_t<M>, Milestone>
void visit_fields(M& m, V&& v) {
  v(FieldInfo{.key = "date", .need = Need::required, .value = Value::date}, m.date);
  v(FieldInfo{.key = "text", .need = Need::required, .meaning = "what is to be reached"}, m.text);
}

template <class N, class V>
requires std::is_same_v<std::remove_const_t<N>, Note>
void visit_fields(N& n, V&& v) {
  v(FieldInfo{.key = "date", .need = Need::required, .value = Value::date}, n.date);
  v(FieldInfo{.key = "text", .need = Need::required, .meaning = "what happened"}, n.text);
}

// ---- the record kinds ---------------------------------------------------------------

template <class O, class V>
requires std::is_same_v<std::remove_const_t<O>, Objective>
void visit_fields(O& o, V&& v) {
  v(k_id_field, o.id);
  v(FieldInfo{.key = "title",
              .need = Need::required,
              .option = {"--title", "The objective's title", "TEXT"},
              .aliases = "name",
              .imported = true},
    o.title);
  v(FieldInfo{.key = "goal",
              .value = Value::ref,
              .refers = "goal",
              .meaning = "a goal id from `plan.yaml`",
              .required_when = "when the plan has goals",
              .option = {"--goal", "The goal it serves (required when the plan has goals)", "ID"},
              .column = Column::early,
              .imported = true},
    o.goal);
  v(FieldInfo{.key = "description",
              .option = {"--description", "What the objective is", "TEXT"},
              .imported = true},
    o.description);
  v(FieldInfo{.key = "problem",
              .meaning = "the problem behind the objective",
              .option = {"--problem", "The problem behind it", "TEXT"},
              .imported = true},
    o.problem);
  v(FieldInfo{.key = "targets",
              .value = Value::year_texts,
              .meaning = "e.g. `{2030: \"...\", 2050: \"...\"}`; keys are four-digit years "
                         "(`invalid-year`)",
              .option = {"--target",
                         "A target: YEAR=TEXT, e.g. 2030=\"Losses halted\" (repeatable)",
                         "YEAR=TEXT"},
              .imported = true},
    o.targets);
  v(FieldInfo{.key = "regions",
              .value = Value::refs,
              .refers = "region",
              .meaning = "the regions this objective must cover; default: all plan regions",
              .option = {"--region",
                         "A region it must cover (repeatable or comma-separated; default all)",
                         "ID"},
              .aliases = "region",
              .imported = true},
    o.regions);
}

template <class T, class V>
requires std::is_same_v<std::remove_const_t<T>, TaskForce>
void visit_fields(T& t, V&& v) {
  v(k_id_field, t.id);
  v(FieldInfo{.key = "name",
              .need = Need::required,
              .option = {"--title", "The task force's name", "TEXT"},
              .aliases = "title",
              .imported = true},
    t.name);
  v(objectives_field("An objective it works on (repeatable or comma-separated, at least one)"),
    t.objectives);
  v(FieldInfo{.key = "regions",
              .value = Value::refs,
              .refers = "region",
              .meaning = "the regions a geographic task force works in (the Andes, Central Asia); "
                         "its regional representatives are expected for these regions only. "
                         "Default: the regions of its objectives"},
    t.regions);
  v(FieldInfo{.key = "leaders",
              .value = Value::persons,
              .meaning = "task force leaders",
              .option = {"--leader", "A leader's name (repeatable)", "NAME"},
              .aliases = "leader",
              .imported = true},
    t.leaders);
  v(FieldInfo{.key = "representatives",
              .value = Value::representatives,
              .meaning = "regional representatives; each should have `region:` (warning "
                         "`representative-without-region` otherwise)"},
    t.representatives);
  v(FieldInfo{.key = "members",
              .value = Value::persons,
              .option = {"--member", "A member's name (repeatable)", "NAME"},
              .aliases = "member",
              .imported = true},
    t.members);
  v(
      FieldInfo{
          .key = "approach", .option = {"--approach", "How it works", "TEXT"}, .imported = true},
      t.approach);
  v(FieldInfo{.key = "milestones", .value = Value::mappings, .item = "a milestone", .flow = true},
    t.milestones);
}

template <class A, class V>
requires std::is_same_v<std::remove_const_t<A>, Activity>
void visit_fields(A& a, V&& v) {
  v(k_id_field, a.id);
  v(FieldInfo{.key = "title",
              .need = Need::required,
              .option = {"--title", "The project's title", "TEXT"},
              .aliases = "name",
              .imported = true},
    a.title);
  v(FieldInfo{.key = "type",
              .value = Value::choice,
              .meaning = "default `project`",
              .choices = k_activity_types,
              .option = {"--type", "project (default) or activity", "TYPE"},
              .imported = true},
    a.type);
  v(objectives_field("An objective it serves (repeatable or comma-separated, at least one)"),
    a.objectives);
  v(FieldInfo{.key = "task_force",
              .value = Value::ref,
              .refers = "task force",
              .option = {"--task-force", "The task force it belongs to", "ID"},
              .aliases = "taskforce",
              .imported = true},
    a.task_force);
  v(FieldInfo{.key = "stage",
              .value = Value::ref,
              .refers = "stage",
              .meaning = "a stage id of the plan; default the plan's first stage",
              .option = {"--stage", "Its stage in the pipeline (default: the plan's first stage)",
                         "ID"},
              .imported = true},
    a.stage);
  v(FieldInfo{.key = "status",
              .value = Value::choice,
              .meaning = "default `active`",
              .choices = k_activity_statuses,
              .imported = true},
    a.status);
  v(FieldInfo{.key = "regions",
              .value = Value::refs,
              .refers = "region",
              .type = "list of region refs or `global`",
              .option = {"--region",
                         "A region (repeatable or comma-separated; a plan region or global)", "ID"},
              .aliases = "region",
              .imported = true},
    a.regions);
  v(FieldInfo{.key = "countries",
              .value = Value::countries,
              .meaning = "two capital letters: `KE`, `PE`, `FR` (`invalid-country`)",
              .option = {"--country",
                         "An ISO 3166-1 alpha-2 country code (repeatable or comma-separated)",
                         "CODE"},
              .aliases = "country",
              .imported = true},
    a.countries);
  v(FieldInfo{.key = "lead",
              .value = Value::person,
              .meaning = "project team leader",
              .option = {"--lead", "The project team leader's name", "NAME"},
              .aliases = "lead.name,leader",
              .imported = true},
    a.lead);
  v(FieldInfo{.key = "responsible",
              .value = Value::texts,
              .type = "list of actor ids or text",
              .meaning = "who is responsible; compared with the plan's `actors`",
              .option = {"--responsible", "A responsible body (repeatable; an actor id or text)",
                         "TEXT"},
              .imported = true},
    a.responsible);
  v(FieldInfo{.key = "partners",
              .value = Value::texts,
              .meaning = "organisations",
              .option = {"--partner", "A partner (repeatable)", "ORG"},
              .aliases = "partner",
              .imported = true},
    a.partners);
  v(FieldInfo{.key = "sponsors",
              .value = Value::texts,
              .meaning = "organisations",
              .option = {"--sponsor", "A sponsor (repeatable)", "ORG"},
              .aliases = "sponsor,donor,donors",
              .imported = true},
    a.sponsors);
  v(FieldInfo{.key = "budget", .value = Value::mapping}, a.budget);
  v(FieldInfo{.key = "start",
              .value = Value::date,
              .option = {"--start", "Start date: YYYY, YYYY-MM or YYYY-MM-DD", "DATE"},
              .imported = true},
    a.start);
  v(FieldInfo{.key = "end",
              .value = Value::date,
              .meaning = "not before `start` (`end-before-start`)",
              .option = {"--end", "End date", "DATE"},
              .imported = true},
    a.end);
  v(FieldInfo{.key = "timeframe",
              .meaning = "when no dates fit (`ongoing`, `annually, reported at the 4p1000 Day`)",
              .option = {"--timeframe", "When, in words, if no dates fit (ongoing, yearly)",
                         "TEXT"},
              .aliases = "time_frame",
              .imported = true},
    a.timeframe);
  v(FieldInfo{.key = "outputs", .value = Value::texts, .aliases = "output", .imported = true},
    a.outputs);
  v(FieldInfo{.key = "methodology",
              .meaning = "how the activity will be carried out",
              .imported = true},
    a.methodology);
  v(FieldInfo{.key = "outcome",
              .meaning = "expected outcome",
              .aliases = "expected_outcome",
              .imported = true},
    a.outcome);
  v(FieldInfo{.key = "description",
              .option = {"--description", "What it does", "TEXT"},
              .imported = true},
    a.description);
  v(FieldInfo{.key = "indicators",
              .value = Value::refs,
              .refers = "indicator",
              .option = {"--indicator", "An indicator measuring it (repeatable or comma-separated)",
                         "ID"},
              .aliases = "indicator",
              .imported = true},
    a.indicators);
  v(FieldInfo{.key = "url",
              .value = Value::url,
              .meaning = "must start with `http://` or `https://`, without spaces (`invalid-url`)",
              .option = {"--url", "A web page about it (http:// or https://)", "URL"},
              .aliases = "link,website",
              .imported = true},
    a.url);
  v(FieldInfo{.key = "updated",
              .value = Value::date,
              .meaning = "date of the last review; used for staleness",
              .imported = true},
    a.updated);
  v(FieldInfo{.key = "notes",
              .value = Value::mappings,
              .meaning = "progress notes, oldest first: `{date, text}`; `intake` appends one "
                         "from the form \"Report progress on a project\"; the report shows "
                         "the latest",
              .item = "a note",
              .flow = true},
    a.notes);
}

template <class I, class V>
requires std::is_same_v<std::remove_const_t<I>, Indicator>
void visit_fields(I& i, V&& v) {
  v(k_id_field, i.id);
  v(FieldInfo{.key = "title",
              .need = Need::required,
              .option = {"--title", "The indicator's title", "TEXT"},
              .aliases = "name",
              .imported = true},
    i.title);
  v(FieldInfo{.key = "objective",
              .value = Value::ref,
              .refers = "objective",
              .meaning = "what the indicator measures (`indicator-subject`)",
              .required_when = "exactly one of `objective` and `activity`",
              .option = {"--objective", "The objective it measures (or --activity)", "ID"},
              .imported = true},
    i.objective);
  v(FieldInfo{.key = "activity",
              .value = Value::ref,
              .refers = "activity",
              .meaning = "what the indicator measures",
              .required_when = "exactly one of `objective` and `activity`",
              .option = {"--activity", "The activity it measures (or --objective)", "ID"},
              .imported = true},
    i.activity);
  v(FieldInfo{.key = "type",
              .value = Value::choice,
              .meaning = "default `numeric`; `qualitative`: assessments on plan.yaml's `scale`",
              .choices = k_indicator_types,
              .option = {"--type", "numeric (default), milestone or qualitative", "TYPE"},
              .imported = true},
    i.type);
  v(FieldInfo{.key = "unit",
              .meaning = "`count`, `%`, `ha`, `tCO2e`",
              .option = {"--unit", "Unit: count, %, ha, tCO2e ...", "TEXT"},
              .imported = true},
    i.unit);
  v(FieldInfo{.key = "direction",
              .value = Value::choice,
              .meaning = "default `increase`",
              .choices = k_directions,
              .option = {"--direction", "increase (default) or decrease", "DIR"},
              .imported = true},
    i.direction);
  v(FieldInfo{.key = "aggregation",
              .value = Value::choice,
              .meaning = "what a value counts: `level` (default; the state on its date), "
                         "`cumulative` (the total since the baseline: never falls, "
                         "`cumulative-decrease`) or `per-period` (its own period: periods add up)",
              .choices = k_aggregations,
              .option = {"--aggregation", "level (default), cumulative or per-period", "KIND"},
              .imported = true},
    i.aggregation);
  v(FieldInfo{.key = "every",
              .value = Value::choice,
              .meaning = "`year`: each target holds for every calendar year up to its year, "
                         "checked year by year (\"at least one meeting per year\"); default "
                         "`none`",
              .choices = k_recurrences,
              .option = {"--every", "year: the targets hold for every year (default none)",
                         "PERIOD"},
              .imported = true},
    i.every);
  v(FieldInfo{.key = "progress_method",
              .value = Value::choice,
              .meaning = "how progress is judged: `plan` (default: plan.yaml's "
                         "`analysis.progress_method`), `linear` or `growth-rate`",
              .choices = k_progress_methods,
              .option = {"--progress-method", "plan (default), linear or growth-rate", "METHOD"},
              .imported = true},
    i.progress_method);
  v(FieldInfo{.key = "baseline", .value = Value::mapping, .flow = true}, i.baseline);
  v(FieldInfo{.key = "targets",
              .value = Value::year_values,
              .type = "mapping year → number (milestone, qualitative: text)",
              .meaning = "numeric: each target a number (`invalid-number`); milestone: each "
                         "target a text; qualitative: a level of the `scale` (`unknown-level`)",
              .option = {"--target",
                         "A target: YEAR=VALUE (a number; a text for milestones, a level for "
                         "qualitative indicators) (repeatable)",
                         "YEAR=VALUE"},
              .imported = true},
    i.targets);
  v(FieldInfo{.key = "targets_by",
              .value = Value::part_targets,
              .meaning = "targets of their own for parts of the measurements' `by`, e.g. "
                         "`{region: {africa: {2030: 15}}}`; a part without them is judged "
                         "against its share of `targets`",
              .flow = true},
    i.targets_by);
  v(FieldInfo{.key = "measurements",
              .value = Value::mappings,
              .meaning = "dates strictly increasing (`measurements-unordered`), none after the "
                         "as-of date (`date-in-future`)",
              .item = "a measurement",
              .flow = true},
    i.measurements);
  v(FieldInfo{.key = "due",
              .value = Value::date,
              .meaning = "when the milestone is due (`milestone-only` on a numeric indicator)",
              .required_when = "milestone only",
              .option = {"--due", "Due date (milestones)", "DATE"},
              .imported = true},
    i.due);
  v(FieldInfo{.key = "achieved",
              .value = Value::date,
              .meaning = "when it was reached; not after the as-of date",
              .required_when = "milestone only"},
    i.achieved);
  v(FieldInfo{.key = "description",
              .option = {"--description", "What it measures", "TEXT"},
              .imported = true},
    i.description);
  v(FieldInfo{.key = "method",
              .meaning = "how it is measured",
              .option = {"--method", "How it is measured", "TEXT"},
              .imported = true},
    i.method);
  v(FieldInfo{.key = "source",
              .meaning = "where the data come from",
              .option = {"--source", "Where the data come from", "TEXT"},
              .imported = true},
    i.source_text);
}

// A struct with a table of its own: a record, or a nested mapping of one.
template <class M>
concept HasFields = requires(M& m) {
  visit_fields(m, [](const FieldInfo&, const auto&) {});
};

}  // namespace actionplan
