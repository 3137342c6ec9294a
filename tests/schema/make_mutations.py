#!/usr/bin/env python3
"""Writes tests/schema/mutated/: records of tests/fixtures/minimal, each changed
in one way (a key removed, emptied, mistyped or given a wrong value), for
agreement.py to check that the JSON Schemas and `actionplan validate` give the
same verdict. The output is committed; run this again after changing the
mutations below, and commit what it writes.

  make_mutations.py [OUT_DIR]   (default: tests/schema/mutated)

Each file is named KIND/NAME.yaml; its first line says what changed.
"""
import os
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
FIXTURE = HERE.parent / "fixtures" / "minimal"

# The base record of each kind, as lines (key: value), from the minimal fixture,
# plus the optional keys the fixture leaves out, so that each can be mutated.
BASE = {
    "plan": (FIXTURE / "plan.yaml").read_text().split("\n", 1)[1] +
            "period: {start: 2020, end: 2030}\nhorizons: [2030, 2050]\n"
            "stages:\n  - {id: concept, name: Concept}\n  - {id: funded, name: Funded, funded: true}\n"
            "terms: {objective: Target}\nanalysis: {stale_after_months: 12, on_track: 0.9, at_risk: 0.6}\n"
            "description: A plan\n",
    "activity": (FIXTURE / "activities" / "soil-mapping.yaml").read_text() +
                "type: project\nstatus: active\nlead: {name: Ana Lima, org: Embrapa}\npartners: [CIRAD]\n"
                "url: https://example.org/soil\ndescription: Maps of soil carbon\n",
    "objective": (FIXTURE / "objectives" / "O1.yaml").read_text() + "regions: [africa]\ndescription: More carbon\n",
    "taskforce": (FIXTURE / "taskforces" / "TF1.yaml").read_text() +
                 "regions: [africa]\napproach: Meetings\nmilestones:\n  - {date: 2026-06, text: First meeting}\n",
    "indicator": (FIXTURE / "indicators" / "I1.yaml").read_text() + "direction: increase\ntype: numeric\n",
}
PATHS = {"plan": "plan.yaml", "activity": "activities/soil-mapping.yaml", "objective": "objectives/O1.yaml",
         "taskforce": "taskforces/TF1.yaml", "indicator": "indicators/I1.yaml"}


def top_keys(text):
    return [line.split(":", 1)[0] for line in text.splitlines()
            if line and not line.startswith((" ", "#", "-")) and ":" in line]


def without(text, key):
    """The record without `key` (and its indented lines)."""
    out, skipping = [], False
    for line in text.splitlines():
        if line.startswith(key + ":"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or line.startswith("-")):
            continue
        skipping = False
        out.append(line)
    return "\n".join(out) + "\n"


def with_value(text, key, value):
    return without(text, key) + f"{key}: {value}\n" if value is not None else without(text, key) + f"{key}:\n"


def mutations():
    """(kind, name, what, text) for every mutation."""
    out = []
    for kind, base in BASE.items():
        keys = top_keys(base)
        for key in keys:
            out.append((kind, f"without-{key}", f"'{key}' removed", without(base, key)))
            out.append((kind, f"empty-{key}", f"'{key}' left empty", with_value(base, key, None)))
            out.append((kind, f"mapping-for-{key}", f"'{key}' given a mapping", with_value(base, key, "{a: 1}")))
        out.append((kind, "unknown-key", "a misspelt key", base + "tittle: Soil\n"))
        out.append((kind, "x-key", "an x- key (allowed)", base + "x-note: kept for us\n"))
    special = {
        "activity": [
            ("objectives-empty-list", "objectives: []", "objectives", "[]"),
            ("objectives-bad-id", "an objective id with a space", "objectives", "[O 1]"),
            ("id-with-space", "an id with a space", "id", "soil mapping"),
            ("id-too-long", "an id of 65 characters", "id", "a" * 65),
            ("stage-list", "stage given as a list", "stage", "[concept]"),
            ("status-unknown", "status not one of the three", "status", "paused"),
            ("type-unknown", "type not project or activity", "type", "programme"),
            ("countries-lowercase", "a country in lower case", "countries", "[ke]"),
            ("countries-three-letters", "a three-letter country", "countries", "[KEN]"),
            ("start-month-13", "start in month 13", "start", "2024-13"),
            ("start-day-32", "start on day 32", "start", "2024-01-32"),
            ("start-two-digit-year", "start with a two-digit year", "start", "24-01"),
            ("start-text", "start as a word", "start", "soon"),
            ("end-year-only", "end as a year (allowed)", "end", "2028"),
            ("updated-time", "updated with a time (allowed)", "updated", "2026-10-01T10:00:00Z"),
            ("url-no-scheme", "url without http(s)", "url", "example.org"),
            ("url-with-space", "url with a space", "url", "https://a b"),
            ("url-scheme-only", "url with nothing after the scheme", "url", "https://"),
            ("url-ftp", "url with another scheme", "url", "ftp://example.org"),
            ("lead-list", "lead given as a list", "lead", "[Ana]"),
            ("lead-no-name", "lead without a name", "lead", "{org: Embrapa}"),
            ("lead-unknown-key", "lead with a misspelt key", "lead", "{name: Ana, orgg: Embrapa}"),
            ("lead-plain", "lead as a plain name (allowed)", "lead", "Ana Lima"),
            ("budget-number", "budget as a number", "budget", "5000"),
            ("budget-unknown-key", "budget with a misspelt key", "budget", "{currency: EUR, secureed: 5}"),
            ("budget-currency-lower", "currency in lower case", "budget", "{currency: eur, estimate: 10}"),
            ("budget-estimate-word", "estimate as a word", "budget", "{estimate: lots}"),
            ("budget-estimate-tbd", "estimate tbd (allowed)", "budget", "{estimate: tbd}"),
            ("budget-estimate-none", "estimate none (allowed)", "budget", "{estimate: none}"),
            ("budget-estimate-one", "estimate as a list of one", "budget", "{estimate: [100]}"),
            ("budget-estimate-three", "estimate as a list of three", "budget", "{estimate: [1, 2, 3]}"),
            ("budget-estimate-negative", "a negative estimate", "budget", "{estimate: -5}"),
            ("budget-secured-negative", "a negative secured amount", "budget", "{secured: -5}"),
            ("budget-secured-huge", "secured above 10^15", "budget", "{estimate: [1, 2000000000000000], secured: 2000000000000000}"),
            ("budget-secured-text", "secured as a word", "budget", "{secured: some}"),
            ("partners-text", "partners as one text", "partners", "CIRAD"),
            ("regions-text", "regions as one text", "regions", "africa"),
            ("indicators-bad-id", "an indicator ref with a slash", "indicators", "[I/1]"),
            ("title-list", "title as a list", "title", "[a, b]"),
            ("title-number", "title as a number (allowed)", "title", "2030"),
            ("title-empty-string", "title as an empty string", "title", "''"),
            ("description-empty-string", "description as an empty string", "description", "''"),
        ],
        "indicator": [
            ("both-subjects", "objective and activity", "activity", "soil-mapping"),
            ("type-milestone-numeric-targets", "milestone with numeric targets (allowed)", "type", "milestone"),
            ("due-on-numeric", "due on a numeric indicator", "due", "2027-01-01"),
            ("achieved-on-numeric", "achieved on a numeric indicator", "achieved", "2027-01-01"),
            ("direction-up", "direction not increase or decrease", "direction", "up"),
            ("type-unknown", "type not numeric, milestone or qualitative", "type", "ordinal"),
            ("type-qualitative-numbers", "a qualitative indicator with numbers", "type", "qualitative"),
            ("measurements-level-on-numeric", "a level on a numeric indicator", "measurements",
             "[{date: 2024, level: in progress}]"),
            ("baseline-level-on-numeric", "a baseline level on a numeric indicator", "baseline",
             "{date: 2020, level: not started}"),
            ("targets-year-word", "a target under a word", "targets", "{soon: 10}"),
            ("targets-year-short", "a target under a two-digit year", "targets", "{30: 10}"),
            ("targets-text-on-numeric", "a text target on a numeric indicator", "targets", "{2030: more}"),
            ("targets-list", "targets as a list", "targets", "[10, 20]"),
            ("baseline-no-value", "baseline without a value", "baseline", "{date: 2020}"),
            ("baseline-text-value", "baseline value as a word", "baseline", "{date: 2020, value: low}"),
            ("baseline-unknown-key", "baseline with a misspelt key", "baseline", "{date: 2020, valeu: 0}"),
            ("baseline-number", "baseline as a number", "baseline", "0"),
            ("measurements-no-date", "a measurement without a date", "measurements", "[{value: 3}]"),
            ("measurements-no-value", "a measurement without a value", "measurements", "[{date: 2024}]"),
            ("measurements-text-value", "a measurement value as a word", "measurements", "[{date: 2024, value: high}]"),
            ("measurements-unknown-key", "a measurement with a misspelt key", "measurements",
             "[{date: 2024, value: 3, sorce: x}]"),
            ("measurements-bad-date", "a measurement in month 13", "measurements", "[{date: 2024-13, value: 3}]"),
            ("measurements-mapping", "measurements as one mapping", "measurements", "{date: 2024, value: 3}"),
            ("unit-list", "unit as a list", "unit", "[ha]"),
            ("aggregation-cumulative", "a cumulative indicator (allowed)", "aggregation", "cumulative"),
            ("aggregation-unknown", "an aggregation misspelt", "aggregation", "per-year"),
            ("progress-method-plan", "the plan's progress method (allowed)", "progress_method", "plan"),
            ("progress-method-unknown", "a progress method misspelt", "progress_method", "exponential"),
            ("measurements-ratio", "a ratio without a value (allowed)", "measurements",
             "[{date: 2024, numerator: 38, denominator: 90}]"),
            ("measurements-ratio-and-value", "a ratio with its value (allowed)", "measurements",
             "[{date: 2024, value: 42.2, numerator: 38, denominator: 90}]"),
            ("measurements-numerator-only", "a numerator without a denominator", "measurements",
             "[{date: 2024, numerator: 38}]"),
            ("measurements-denominator-empty", "a ratio whose denominator is empty", "measurements",
             "[{date: 2024, value: 40, numerator: 38, denominator: }]"),
            ("measurements-denominator-zero", "a ratio of a whole of 0", "measurements",
             "[{date: 2024, numerator: 0, denominator: 0}]"),
            ("measurements-ratio-text", "a numerator as a word", "measurements",
             "[{date: 2024, numerator: many, denominator: 90}]"),
        ],
        "objective": [
            ("targets-list", "targets as a list", "targets", "[more]"),
            ("targets-year-word", "a target under a word", "targets", "{soon: more}"),
            ("goal-list", "goal as a list", "goal", "[G1]"),
            ("regions-bad-id", "a region id with a space", "regions", "[west africa]"),
            ("problem-text", "problem as text (allowed)", "problem", "Soils lose carbon"),
        ],
        "taskforce": [
            ("objectives-empty-list", "objectives: []", "objectives", "[]"),
            ("leaders-mapping", "leaders as one mapping", "leaders", "{name: Ana}"),
            ("leaders-no-name", "a leader without a name", "leaders", "[{org: Embrapa}]"),
            ("leaders-unknown-key", "a leader with a misspelt key", "leaders", "[{name: Ana, emial: a@b.org}]"),
            ("representatives-region-list", "a representative's region as a list", "representatives",
             "[{name: Kofi, region: [africa]}]"),
            ("members-mapping", "members as one mapping", "members", "{name: Jane}"),
            ("milestones-text", "milestones as texts", "milestones", "[soon]"),
            ("milestones-no-date", "a milestone without a date", "milestones", "[{text: First meeting}]"),
            ("milestones-bad-date", "a milestone in month 13", "milestones", "[{date: 2026-13, text: M}]"),
            ("milestones-unknown-key", "a milestone with a misspelt key", "milestones",
             "[{date: 2026-06, txet: M}]"),
        ],
        "plan": [
            ("format-text", "format as a word", "format", "one"),
            ("format-fraction", "format 1.5", "format", "1.5"),
            ("currency-lower", "currency in lower case", "currency", "eur"),
            ("currency-four", "currency of four letters", "currency", "EURO"),
            ("on-track-two", "on_track 2", "analysis", "{on_track: 2}"),
            ("at-risk-negative", "at_risk below 0", "analysis", "{at_risk: -0.5}"),
            ("stale-zero", "stale_after_months 0", "analysis", "{stale_after_months: 0}"),
            ("progress-method-growth", "the growth-rate method (allowed)", "analysis",
             "{progress_method: growth-rate}"),
            ("progress-method-unknown", "a progress method misspelt", "analysis", "{progress_method: cagr}"),
            ("stale-fraction", "stale_after_months 1.5", "analysis", "{stale_after_months: 1.5}"),
            ("analysis-unknown-key", "analysis with a misspelt key", "analysis", "{on_trak: 0.9}"),
            ("terms-unknown-key", "terms with an unknown word", "terms", "{goal: Aim}"),
            ("stages-no-name", "a stage without a name", "stages", "[{id: concept}]"),
            ("stages-funded-text", "a stage's funded as a word", "stages", "[{id: c, name: C, funded: maybe}]"),
            ("stages-empty-list", "stages: []", "stages", "[]"),
            ("goals-no-title", "a goal without a title", "goals", "[{id: G1}]"),
            ("regions-bad-id", "a region id with a space", "regions", "[{id: west africa, name: W}]"),
            ("period-reversed", "a period ending before it starts", "period", "{start: 2030, end: 2020}"),
            ("period-text", "a period as text", "period", "2020-2030"),
            ("horizons-text", "horizons as text", "horizons", "2030"),
            ("horizons-word", "a horizon as a word", "horizons", "[soon]"),
        ],
    }
    for kind, items in special.items():
        for name, what, key, value in items:
            out.append((kind, name, what, with_value(BASE[kind], key, value)))
    return out


def main():
    out_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "mutated"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    count = 0
    for kind, name, what, text in mutations():
        path = out_dir / kind / f"{name}.yaml"
        os.makedirs(path.parent, exist_ok=True)
        path.write_text(f"# {what}\n{text}", encoding="utf-8")
        count += 1
    print(f"{count} mutated records in {out_dir}")


if __name__ == "__main__":
    main()
