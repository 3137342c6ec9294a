#!/usr/bin/env python3
"""The issue forms `actionplan forms` writes, read as GitHub reads them.

For the blank plan and each example plan (`init --template`):
- every form parses as YAML (PyYAML) and has the keys GitHub's issue-form syntax
  requires: `name`, `description`, `body`; each body element a known `type`, an `id`
  of letters, digits, - and _ (unique in the form) and `attributes` with a `label`
  (unique) unless it is markdown; a dropdown's `options` non-empty, distinct strings,
  none the reserved "None"; checkboxes' options each a mapping with a `label`;
  markdown a `value`; the form names are distinct;
- `forms --check` passes on what init wrote, and `forms` rewrites nothing (the same
  plan gives the same bytes);
- a body written as GitHub writes it from each form's answers is read back by
  `intake --dry-run` (so the labels intake reads are the form's).
And it checks that it can fail: a form without `body` is reported.

usage: check_issue_forms.py ACTIONPLAN
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

binary = sys.argv[1]
failures = []
TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def check(ok, message):
    if not ok:
        failures.append(message)


def problems_of(form, where):
    found = []
    for key in ("name", "description", "body"):
        if key not in form:
            found.append(f"{where}: no `{key}`")
    if not isinstance(form.get("body"), list) or not form.get("body"):
        return found + [f"{where}: `body` is not a non-empty list"]
    ids, labels = set(), set()
    for n, element in enumerate(form["body"]):
        at = f"{where}: body[{n}]"
        if element.get("type") not in TYPES:
            found.append(f"{at}: type {element.get('type')!r}")
            continue
        attributes = element.get("attributes") or {}
        if element["type"] == "markdown":
            if not isinstance(attributes.get("value"), str) or not attributes["value"]:
                found.append(f"{at}: markdown without value")
            continue
        if not re.fullmatch(r"[A-Za-z0-9_-]+", str(element.get("id", ""))) or element["id"] in ids:
            found.append(f"{at}: id {element.get('id')!r} missing, malformed or repeated")
        ids.add(element.get("id"))
        label = attributes.get("label")
        if not isinstance(label, str) or not label or label in labels:
            found.append(f"{at}: label {label!r} missing or repeated")
        labels.add(label)
        if element["type"] == "dropdown":
            options = attributes.get("options")
            if (not isinstance(options, list) or not options or len(set(options)) != len(options)
                    or not all(isinstance(o, str) and o and o != "None" for o in options)):
                found.append(f"{at}: dropdown options {options!r}")
            default = attributes.get("default")
            if default is not None and not (isinstance(default, int) and 0 <= default < len(options or [])):
                found.append(f"{at}: default {default!r} is not an option's index")
        if element["type"] == "checkboxes":
            options = attributes.get("options")
            if not isinstance(options, list) or not options or not all(
                    isinstance(o, dict) and isinstance(o.get("label"), str) for o in options):
                found.append(f"{at}: checkboxes options {options!r}")
    return found


def body_for(form, choice=0):
    """An issue body as GitHub writes it: every question answered (a dropdown with its
    choice number `choice`, or its last)."""
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        a = element["attributes"]
        if element["type"] == "dropdown":
            answer = a["options"][min(choice, len(a["options"]) - 1)]
        elif element["type"] == "checkboxes":
            answer = "\n".join(f"- [X] {o['label']}" for o in a["options"])
        elif element["id"] in ("title", "value"):
            answer = "A title" if element["id"] == "title" else "1"
        elif element["id"] == "date":
            answer = "2026-12-01"
        elif element["id"] == "note":
            answer = "Reported at the annual meeting."
        else:
            answer = "_No response_"
        parts.append(f"### {a['label']}\n\n{answer}")
    return "\n\n".join(parts) + "\n"


check(problems_of({"name": "x", "description": "y"}, "broken"),
      "the checker accepts a form without body")

templates = ["blank"] + [line.split("\t")[0] for line in subprocess.run(
    [binary, "init", "--list-templates"], capture_output=True, text=True, check=True
).stdout.splitlines() if line and not line.startswith("blank")]
count = 0
with tempfile.TemporaryDirectory() as tmp:
    for template in templates:
        plan = os.path.join(tmp, template)
        subprocess.run([binary, "init", plan, "--no-git", "--template", template], check=True,
                       capture_output=True)
        folder = os.path.join(plan, ".github", "ISSUE_TEMPLATE")
        names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        if template != "blank":
            check(len(names) == 3, f"{template}: init wrote {names}, not the three forms")
        seen = set()
        for name in names:
            with open(os.path.join(folder, name)) as f:
                form = yaml.safe_load(f)
            failures.extend(problems_of(form, f"{template}/{name}"))
            check(form.get("name") not in seen, f"{template}: two forms named {form.get('name')}")
            seen.add(form.get("name"))
            count += 1
            # the first choice that takes the value 1 (not an assessment, say)
            for choice in range(len(form["body"][1]["attributes"].get("options", [0]))):
                run = subprocess.run([binary, "-C", plan, "intake", "-", "--dry-run",
                                      "--as-of", "2026-12-01"],
                                     input=body_for(form, choice), capture_output=True, text=True)
                if run.returncode == 0:
                    break
            check(run.returncode == 0,
                  f"{template}/{name}: intake does not read its own form's answers:\n{run.stderr}")
        check_run = subprocess.run([binary, "-C", plan, "forms", "--check"], capture_output=True,
                                   text=True)
        check(check_run.returncode == 0, f"{template}: forms --check fails after init:\n{check_run.stderr}")
        again = subprocess.run([binary, "-C", plan, "forms"], capture_output=True, text=True)
        check(again.returncode == 0 and again.stdout == "",
              f"{template}: forms rewrote files of an unchanged plan: {again.stdout}{again.stderr}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{count} issue forms of {len(templates)} plans follow GitHub's issue-form syntax, "
      f"and intake reads them back")
