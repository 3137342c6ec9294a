#!/usr/bin/env python3
"""Every figure that `report` and `gap-analysis` both show is equal, on every example plan
(each at its own date and at the test date), and on each task force's report.

  compare_with_gaps.py BINARY EXAMPLES_DIR

Compared: the findings (all of them, as JSON); each objective's funding per currency
(estimate, secured, gap); which objectives have no indicator; which indicators are
behind, without data, stale or overdue; and, scoped to a task force, that the report's
gaps are gap-analysis's for that task force's objectives. Exits 1 on any difference."""
import json
import os
import subprocess
import sys

binary, examples = sys.argv[1], sys.argv[2]
env = dict(os.environ, SOURCE_DATE_EPOCH="1795219200", NO_COLOR="1")
DATES = {"4p1000": "2026-11-21", "cartagena-capacity-building": "2016-12-31",
         "cms-capacity-building-2012-2014": "2014-12-31", "mountain-partnership-cusco": "2007-12-31"}
problems = []


def run(plan, *args):
    out = subprocess.run([binary, "-C", plan, *args], capture_output=True, text=True, env=env)
    if out.returncode not in (0, 1):
        problems.append(f"{plan}: {' '.join(args)} exited {out.returncode}: {out.stderr.strip()}")
        return None
    return json.loads(out.stdout)


def compare(where, report, gaps):
    if report["gaps"]["findings"] != gaps["findings"]:
        problems.append(f"{where}: the report's findings differ from gap-analysis's")
    lines = {}
    for line in gaps["funding"]:
        lines.setdefault(line["objective"], []).append(
            {k: line[k] for k in ("currency", "estimate_low", "estimate_high", "secured", "gap_low", "gap_high")})
    for o in report["objectives"]:
        mine = [{k: m[k] for k in ("currency", "estimate_low", "estimate_high", "secured", "gap_low", "gap_high")}
                for m in o["funding"]]
        if mine != lines.get(o["id"], []):
            problems.append(f"{where}: funding of {o['id']}: report {mine}, gap-analysis {lines.get(o['id'], [])}")
    codes = {}
    for f in gaps["findings"]:
        codes.setdefault(f["code"], set()).add(f["subject"][0])
    unmeasured = {o["id"] for o in report["objectives"] if not o["indicators"]}
    if unmeasured != codes.get("objective-without-indicators", set()):
        problems.append(f"{where}: objectives without indicators: report {sorted(unmeasured)}, "
                        f"gap-analysis {sorted(codes.get('objective-without-indicators', set()))}")
    expected = {"indicator-off-track": {"off-track", "at-risk", "missed"}, "indicator-no-data": {"no-data"},
                "milestone-overdue": {"overdue"}}
    for code, statuses in expected.items():
        mine = {i["id"] for i in report["indicators"] if i["status"] in statuses}
        if mine != codes.get(code, set()):
            problems.append(f"{where}: {code}: report {sorted(mine)}, gap-analysis {sorted(codes.get(code, set()))}")
    stale = {i["id"] for i in report["indicators"] if i.get("stale")}
    if stale != codes.get("indicator-stale", set()):
        problems.append(f"{where}: stale indicators: report {sorted(stale)}, gap-analysis "
                        f"{sorted(codes.get('indicator-stale', set()))}")


checked = 0
for name in sorted(os.listdir(examples)):
    plan = os.path.join(examples, name)
    if not os.path.isfile(os.path.join(plan, "plan.yaml")):
        continue
    for as_of in sorted({DATES.get(name, "2026-11-21"), "2026-11-21"}):
        report = run(plan, "report", "--as-of", as_of, "--format", "json")
        gaps = run(plan, "gap-analysis", "--as-of", as_of, "--format", "json")
        if report is None or gaps is None:
            continue
        compare(f"{name} as of {as_of}", report, gaps)
        checked += 1
        for tf in report["task_forces"]:
            scoped = run(plan, "report", "--as-of", as_of, "--format", "json", "--task-force", tf["id"])
            objectives = [a for o in scoped["scope"]["objectives"] for a in ("--objective", o)]
            scoped_gaps = run(plan, "gap-analysis", "--as-of", as_of, "--format", "json", *objectives)
            if scoped is None or scoped_gaps is None:
                continue
            compare(f"{name} as of {as_of}, task force {tf['id']}", scoped, scoped_gaps)
            checked += 1
for p in problems:
    print(p)
print(f"{checked} reports compared with gap-analysis, {len(problems)} differences")
sys.exit(1 if problems else 0)
