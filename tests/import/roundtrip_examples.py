#!/usr/bin/env python3
"""`list activities --format csv` -> `import` recreates the same activities (issue 17).

  roundtrip_examples.py BINARY EXAMPLES_DIR

For every example plan: export its activities as CSV (outside the plan), remove
the activity files, import the CSV into that now empty plan, and compare
`list activities --format json` before and after. Two differences are what
import documents and are allowed: a record without `updated` gets the import's
date, one without `stage` gets its stage (the plan's first) written out, and
a text's final line break (kept by a YAML block, not by a cell) is dropped.
Everything else (lists with ';' or '\\' in an item, line breaks, amounts,
dates) must come back the same; an activity with such items is added to each
example first.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def run(binary, cwd, *args, env):
    done = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {cwd} (exit {done.returncode}):\n{done.stderr}")
    return done.stdout


# Added to each example: list items holding the list separator and backslashes,
# and texts a spreadsheet would take for formulas.
INJECTED = r"""id: roundtrip-separators
title: "=SUM(A1); not a formula"
objectives: [{objective}]
lead: {{name: "@desk", org: "-"}}
partners:
  - "Ministry of Agriculture; Kenya"
  - 'C:\share\'
sponsors: ['Fund A\; B', "FAO"]
outputs: ["Maps; 1:50,000", "A report, in two parts"]
description: "Two lines;\nthe second with \"quotes\" and a tab\there"
updated: 2026-01-15
"""


def final_breaks(value):
    """A text's final line break (what a YAML block keeps) is not part of a cell."""
    if isinstance(value, str):
        return value.rstrip("\n")
    if isinstance(value, list):
        return [final_breaks(v) for v in value]
    if isinstance(value, dict):
        return {k: final_breaks(v) for k, v in value.items()}
    return value


def main() -> int:
    binary, examples = os.path.abspath(sys.argv[1]), Path(sys.argv[2]).resolve()
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="1795219200", LANG="C.UTF-8")
    failures = 0
    names = sorted(p.name for p in examples.iterdir() if (p / "plan.yaml").is_file())
    if not names:
        print(f"no example plans in {examples}")
        return 1
    with tempfile.TemporaryDirectory(prefix="ap-roundtrip-") as tmp:
        for name in names:
            plan = Path(tmp) / name
            shutil.copytree(examples / name, plan)
            objective = run(binary, plan, "list", "objectives", "--format", "ids", env=env).split()[0]
            (plan / "activities" / "roundtrip-separators.yaml").write_text(INJECTED.format(objective=objective),
                                                                           encoding="utf-8")
            before = json.loads(run(binary, plan, "list", "activities", "--format", "json", env=env))
            exported = run(binary, plan, "list", "activities", "--format", "csv", env=env)
            stages = {row["id"]: row["stage"] for row in csv.DictReader(io.StringIO(exported, newline=""))}
            csv_path = Path(tmp) / f"{name}.csv"
            csv_path.write_text(exported, encoding="utf-8", newline="")
            for f in (plan / "activities").glob("*.yaml"):
                f.unlink()
            run(binary, plan, "import", "activities", str(csv_path), env=env)
            after = json.loads(run(binary, plan, "list", "activities", "--format", "json", env=env))
            before, after = final_breaks(before), final_breaks(after)
            for b, a in zip(before, after):
                if "updated" not in b:
                    a.pop("updated", None)
                if "stage" not in b:
                    b["stage"] = stages[b["id"]]
            differ = [(b, a) for b, a in zip(before, after) if b != a]
            if len(before) != len(after):
                differ.append((f"{len(before)} activities", f"{len(after)} activities"))
            print(f"{name}: {len(before)} activities, {'same after the round trip' if not differ else f'{len(differ)} differ'}")
            for b, a in differ[:5]:
                keys = sorted(set(b) | set(a)) if isinstance(b, dict) else []
                print(f"  {b.get('id') if isinstance(b, dict) else b}: " +
                      "; ".join(f"{k}: {b.get(k)!r} -> {a.get(k)!r}" for k in keys if b.get(k) != a.get(k)) if keys else f"  {b} -> {a}")
            failures += len(differ)
    print("ok" if not failures else "FAIL")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
