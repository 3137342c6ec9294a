#!/usr/bin/env python3
"""The JSON Schemas checked by an independent validator (python3-jsonschema).

  check_schemas.py BINARY REPO_ROOT

1. Every record of every example plan (and of the minimal fixture) is valid
   against schemas/<kind>.schema.json, as an editor would check it.
2. Records that `actionplan validate` rejects for a wrong type are rejected by
   the schemas too.
Exits 1 on any disagreement.
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

from editor_yaml import load

binary, root = sys.argv[1], pathlib.Path(sys.argv[2])
KINDS = {"objectives": "objective", "taskforces": "taskforce", "activities": "activity", "indicators": "indicator"}


validators = {}
for name in ["plan", *KINDS.values()]:
    schema = json.loads((root / "schemas" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validators[name] = jsonschema.Draft202012Validator(schema)


def schema_errors(kind, path):
    data = load(path.read_text(encoding="utf-8"))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validators[kind].iter_errors(data)]


failures = 0
checked = 0
plans = sorted(p for p in (root / "examples").iterdir() if (p / "plan.yaml").exists())
plans.append(root / "tests" / "fixtures" / "minimal")
for plan in plans:
    files = [("plan", plan / "plan.yaml")]
    for folder, kind in KINDS.items():
        files += [(kind, f) for f in sorted((plan / folder).glob("*.yaml"))]
    for kind, f in files:
        checked += 1
        for error in schema_errors(kind, f):
            print(f"{f.relative_to(root)}: the schema rejects a record validate accepts: {error}")
            failures += 1
print(f"{checked} records of {len(plans)} plans checked against the schemas")

# Records with a wrong type: validate and the schema must both refuse them.
WRONG = {
    "activities/t-title.yaml": "id: t-title\ntitle: [a, b]\nobjectives: [O1]\n",
    "activities/t-objectives.yaml": "id: t-objectives\ntitle: T\nobjectives: O1\n",
    "activities/t-budget.yaml": "id: t-budget\ntitle: T\nobjectives: [O1]\nbudget: 5000\n",
    "activities/t-estimate.yaml": "id: t-estimate\ntitle: T\nobjectives: [O1]\nbudget: {estimate: lots}\n",
    "activities/t-secured.yaml": "id: t-secured\ntitle: T\nobjectives: [O1]\nbudget: {secured: -5}\n",
    "activities/t-status.yaml": "id: t-status\ntitle: T\nobjectives: [O1]\nstatus: paused\n",
    "activities/t-type.yaml": "id: t-type\ntitle: T\nobjectives: [O1]\ntype: programme\n",
    "activities/t-countries.yaml": "id: t-countries\ntitle: T\nobjectives: [O1]\ncountries: KE\n",
    "activities/t-lead.yaml": "id: t-lead\ntitle: T\nobjectives: [O1]\nlead: [Ana]\n",
    "activities/t-url.yaml": "id: t-url\ntitle: T\nobjectives: [O1]\nurl: example.org\n",
    "activities/t-start.yaml": "id: t-start\ntitle: T\nobjectives: [O1]\nstart: soon\n",
    "indicators/t-value.yaml": "id: t-value\ntitle: T\nobjective: O1\nmeasurements:\n  - {date: 2024, value: high}\n",
    "indicators/t-direction.yaml": "id: t-direction\ntitle: T\nobjective: O1\ndirection: up\n",
    "objectives/t-targets.yaml": "id: t-targets\ntitle: T\ngoal: G1\ntargets: {soon: more}\n",
    "taskforces/t-leaders.yaml": "id: t-leaders\nname: T\nobjectives: [O1]\nleaders: {name: Ana}\n",
    "taskforces/t-milestones.yaml": "id: t-milestones\nname: T\nobjectives: [O1]\nmilestones: [soon]\n",
}
def both_verdicts(rel, text):
    """validate's errors for the record (in the minimal plan) and the schema's."""
    with tempfile.TemporaryDirectory() as tmp:
        plan = pathlib.Path(tmp) / "plan"
        shutil.copytree(root / "tests" / "fixtures" / "minimal", plan)
        (plan / rel).write_text(text, encoding="utf-8")
        run = subprocess.run([binary, "-C", str(plan), "validate", "--format", "json"], capture_output=True, text=True)
        found = [d for d in json.loads(run.stdout)["diagnostics"] if d["path"] == rel and d["severity"] == "error"]
        return found, schema_errors(KINDS[rel.split("/")[0]], plan / rel)


for rel, text in WRONG.items():
    found, rejected = both_verdicts(rel, text)
    if not found:
        print(f"{rel}: validate accepts it")
        failures += 1
    if not rejected:
        print(f"{rel}: validate rejects it ({found[0]['code'] if found else '?'}) but the schema accepts it")
        failures += 1
print(f"{len(WRONG)} records with a wrong type checked against validate and the schemas")

# Records validate accepts although a value looks like a number or a boolean
# (a text is any plain scalar): the schema must accept them too.
ACCEPTED = {
    "activities/n-title.yaml": "id: n-title\ntitle: 2030\nobjectives: [O1]\ndescription: yes\n",
    "activities/n-sponsors.yaml": "id: n-sponsors\ntitle: T\nobjectives: [O1]\nsponsors: [2024, true]\n",
    "taskforces/n-person.yaml": "id: n-person\nname: 1.5\nobjectives: [O1]\nleaders: [{name: Ana, org: 3M}]\n",
}
for rel, text in ACCEPTED.items():
    found, rejected = both_verdicts(rel, text)
    if found:
        print(f"{rel}: validate rejects it: {found[0]['message']}")
        failures += 1
    for error in rejected:
        print(f"{rel}: validate accepts it but the schema rejects it: {error}")
        failures += 1
print(f"{len(ACCEPTED)} records with number-like or boolean-like text checked")
sys.exit(1 if failures else 0)
