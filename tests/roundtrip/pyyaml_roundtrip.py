#!/usr/bin/env python3
"""Everything the tool writes reads back the same in PyYAML (a YAML 1.1 reader,
as many scripts are), in ruamel.yaml (YAML 1.2, its round-trip loader) and in
the tool itself.

Every text value found in tests/fixtures (hostile strings included), plus the values YAML 1.1 readers treat specially (<<, =, yes, No,
~, 0x1A, 1_000, .inf, 2025-01-01, ...), is written through add-project (title,
description, lead, partner, timeframe), record (source, note) and import
(title, description), then read back with PyYAML and with `actionplan show
--format json` and compared. A value the tool refuses must leave the plan
untouched; the special values must be accepted.

  pyyaml_roundtrip.py --binary BIN --fixtures DIR

(The example plans' texts go through list -> import in tests/import/roundtrip_examples.py.)
"""
import argparse
import csv
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
    from ruamel.yaml import YAML
except ImportError:  # a python3 first on PATH without Debian's python3-yaml and python3-ruamel.yaml
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

SPECIAL = [
    "<<", "=", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    "y", "Y", "n", "N", "true", "True", "false", "FALSE", "null", "Null", "NULL", "~",
    "0x1A", "0o17", "0b1010", "017", "1_000", "1e3", "-1", "+1", ".5", "-.5", ".inf", "-.Inf", ".NaN",
    "190:20:30", "2025-01-01", "2025-11-02T10:00:00Z", "12:30", "1,5", "3.14",
    "- item", "-", "--- x", "---", "...", "? q", ": c", "a: b", "a:", "a #b", "#b", "[x]", "{x}", "x, y",
    "&anchor", "*alias", "!tag", "!!str", "|", ">", "'q'", "\"q\"", "%YAML", "@at", "`tick`",
    " leading", "trailing ", "tab\tinside", "two\nlines", "ends with newline\n", "=HYPERLINK(\"x\")",
    "Ministry of Agriculture; Kenya", "50.000", "Soil day #2 in Andean schools", "Gestión de suelos — Perú",
    "中文 标题", "emoji 🌱", "line\u2028separator", "back\\slash", "O'Brien", "say \"hi\"",
]


def text_values(folder):
    """Every string scalar of every YAML file PyYAML can load under folder."""
    found = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(k)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in sorted(pathlib.Path(folder).rglob("*.y*ml")):
        try:
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        except Exception:
            continue  # hostile files PyYAML itself cannot read
    return found


def snapshot(root):
    return {p: p.read_bytes() for p in sorted(pathlib.Path(root).rglob("*")) if p.is_file()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--fixtures", required=True)
    args = ap.parse_args()

    values = []
    for v in SPECIAL + text_values(args.fixtures):
        if v not in values and v.strip():
            values.append(v)
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="1795219200")
    failures = []
    refused = {}

    def run(plan, *argv, stdin=None):
        return subprocess.run([args.binary, "-C", str(plan), *argv], env=env, capture_output=True, text=True,
                              input=stdin)

    ruamel = YAML(typ="rt")

    def check_file(path, expect, where):
        text = path.read_text(encoding="utf-8")
        doc = None
        for reader, load in (("PyYAML", yaml.safe_load), ("ruamel", ruamel.load)):
            try:
                got_doc = load(text)
            except Exception as e:
                failures.append(f"{where}: {reader} cannot load {path.name}: {e}")
                return None
            for key, value in expect.items():
                got = got_doc
                for part in key.split("."):
                    got = got[int(part)] if isinstance(got, list) else got.get(part) if isinstance(got, dict) else None
                if got != value:
                    failures.append(f"{where}: {reader} reads {key} as {got!r}, written {value!r}")
            doc = doc or got_doc
        return doc

    with tempfile.TemporaryDirectory() as tmp:
        plan = pathlib.Path(tmp) / "plan"
        shutil.copytree(args.fixtures + "/minimal", plan)

        # add-project: each value in five text fields.
        accepted = []
        for n, v in enumerate(values):
            before = snapshot(plan)
            r = run(plan, "add-project", "--id", f"rt-{n}", "--title", v, "-O", "O1", "--description", v,
                    "--lead", v, "--partner", v, "--timeframe", v)
            if r.returncode != 0:
                refused[v] = r.stderr.strip().splitlines()[0] if r.stderr.strip() else f"exit {r.returncode}"
                if snapshot(plan) != before:
                    failures.append(f"add-project refused {v!r} but changed the plan")
                continue
            accepted.append(v)
            where = f"add-project {v!r}"
            check_file(plan / "activities" / f"rt-{n}.yaml", {
                "title": v, "description": v, "lead.name": v, "partners.0": v, "timeframe": v}, where)
            shown = run(plan, "show", f"rt-{n}", "--format", "json")
            if shown.returncode != 0:
                failures.append(f"{where}: show failed: {shown.stderr.strip()}")
            else:
                doc = json.loads(shown.stdout)
                if doc.get("title") != v or doc.get("description") != v:
                    failures.append(f"{where}: the tool reads back {doc.get('title')!r}")
        for v in SPECIAL:
            if v in refused and v.strip() == v and "\n" not in v and "\u2028" not in v:
                failures.append(f"add-project refused the plain value {v!r}: {refused[v]}")

        # record: source and note of a measurement, one day after another.
        day = 0
        for v in accepted:
            if "\n" in v:
                continue
            day += 1
            date = f"{1990 + day // 365:04}-{1 + (day % 365) // 31 % 12:02}-{1 + (day % 365) % 28:02}"
            r = run(plan, "record", "I1", "--value", str(day), "--date", date, "--source", v, "--note", v)
            if r.returncode != 0:
                day -= 1
                continue
            doc = check_file(plan / "indicators" / "I1.yaml", {}, f"record {v!r}")
            if doc:
                last = doc["measurements"][-1]
                if last.get("source") != v or last.get("note") != v:
                    failures.append(f"record {v!r}: PyYAML reads source {last.get('source')!r}")

        # import: one CSV with every accepted one-line value as a title and a description.
        fresh = pathlib.Path(tmp) / "import"
        shutil.copytree(args.fixtures + "/minimal", fresh)
        # CSV cells from a spreadsheet: a CR is a line ending there, and U+2028/U+2029
        # are refused in a CSV file as in a plan file (control-character).
        rows = [v for v in accepted if not any(c in v for c in "\r\u2028\u2029")]
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["id", "title", "objectives", "description"])
        for n, v in enumerate(rows):
            w.writerow([f"im-{n}", v, "O1", v])
        (pathlib.Path(tmp) / "rows.csv").write_text(out.getvalue(), encoding="utf-8")
        r = run(fresh, "import", "activities", str(pathlib.Path(tmp) / "rows.csv"))
        if r.returncode != 0:
            failures.append(f"import of {len(rows)} accepted values failed: {r.stderr.strip()[:2000]}")
        else:
            for n, v in enumerate(rows):
                # import trims each cell, as spreadsheets pad them (docs/commands.md, import)
                check_file(fresh / "activities" / f"im-{n}.yaml", {"title": v.strip(), "description": v.strip()},
                           f"import {v!r}")

    print(f"{len(values)} values; {len(accepted)} accepted by add-project, {len(refused)} refused with a message")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
