#!/usr/bin/env python3
"""The JSON Schemas agree with `actionplan validate` (issue 18, item 2).

  agreement.py BINARY REPO_ROOT [--show]

Every record of tests/schema/mutated/KIND/*.yaml (written by make_mutations.py)
takes the place of its kind's record in a copy of tests/fixtures/minimal, and
gets two verdicts:

- validate's: refused when `validate --format json` reports an error in that
  file, leaving out the rules no schema of one record can state (CROSS_RECORD
  below: references to other records, the file's name, the as-of date);
- the schema's: refused when python3-jsonschema finds an error against
  `actionplan schema KIND`, reading the YAML as an editor's language server
  does (dates stay text).

The two must agree, except for the records listed in KNOWN with the reason
JSON Schema cannot say it (a rule across values of one record, or a rule of
reading YAML). Exits 1 on any other disagreement, and on a KNOWN entry that
no longer disagrees (so the list stays true). --show prints every verdict.
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
show = "--show" in sys.argv
HERE = pathlib.Path(__file__).resolve().parent
PATHS = {"plan": "plan.yaml", "activity": "activities/soil-mapping.yaml", "objective": "objectives/O1.yaml",
         "taskforce": "taskforces/TF1.yaml", "indicator": "indicators/I1.yaml"}

# validate's rules that look beyond the record: no schema of one record can hold them.
CROSS_RECORD = {
    "unknown-reference": "an id of another record or of plan.yaml",
    "id-mismatch": "the file's name",
    "duplicate-id": "other records",
    "id-case-clash": "other records",
    "date-in-future": "the as-of date",
}

# Disagreements JSON Schema cannot remove, each with its reason.
KNOWN = {
    "plan/period-reversed": "a rule across two values of one record (the end not before the start)",
    "objective/without-goal": "a rule that depends on plan.yaml: 'goal' is required when the plan lists goals",
    "objective/empty-goal": "a rule that depends on plan.yaml: 'goal' is required when the plan lists goals",
}


def schema_of(kind):
    text = subprocess.run([binary, "schema", kind], capture_output=True, text=True, check=True).stdout
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def main():
    validators = {kind: schema_of(kind) for kind in PATHS}
    cases = sorted(p for p in (HERE / "mutated").glob("*/*.yaml"))
    if len(cases) < 100:
        print(f"only {len(cases)} mutated records: run make_mutations.py")
        return 1
    problems, disagreeing = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        plan = pathlib.Path(tmp) / "plan"
        shutil.copytree(root / "tests" / "fixtures" / "minimal", plan)
        # The base records the mutations start from, with the keys they add (see make_mutations.py).
        originals = {rel: (plan / rel).read_bytes() for rel in PATHS.values()}
        for case in cases:
            kind, name = case.parent.name, case.stem
            rel = PATHS[kind]
            for r, content in originals.items():
                (plan / r).write_bytes(content)
            text = case.read_text(encoding="utf-8")
            (plan / rel).write_text(text, encoding="utf-8")
            run = subprocess.run([binary, "-C", str(plan), "validate", "--as-of", "2026-12-31", "--format", "json"],
                                 capture_output=True, text=True)
            diags = [d for d in json.loads(run.stdout)["diagnostics"]
                     if d["path"] == rel and d["severity"] == "error" and d["code"] not in CROSS_RECORD]
            try:
                data = load(text)
                schema_errors = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                                 for e in validators[kind].iter_errors(data)]
            except yaml.YAMLError as e:
                schema_errors = [f"not YAML an editor reads: {e}"]
            key = f"{kind}/{name}"
            if show:
                print(f"{key}: validate {'refuses' if diags else 'accepts'}, schema "
                      f"{'refuses' if schema_errors else 'accepts'}")
            if bool(diags) == bool(schema_errors):
                continue
            disagreeing.add(key)
            if key in KNOWN:
                continue
            if diags:
                problems.append(f"{key}: validate refuses it ({diags[0]['code']}: {diags[0]['message']}) "
                                f"but the schema accepts it")
            else:
                problems.append(f"{key}: validate accepts it but the schema refuses it: {schema_errors[0]}")
    for key in sorted(set(KNOWN) - disagreeing):
        problems.append(f"{key}: listed as a known disagreement, but validate and the schema now agree: "
                        f"remove it from KNOWN")
    for p in problems:
        print(p)
    print(f"{len(cases)} mutated records: {len(cases) - len(disagreeing)} agree, {len(disagreeing & set(KNOWN))} "
          f"known disagreements, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
