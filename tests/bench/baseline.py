#!/usr/bin/env python3
"""The baseline a user would otherwise write with PyYAML's C loader
(CSafeLoader): the same work as the actionplan command, with no checks at all.

usage: baseline.py MODE PLAN_DIR
  load          load plan.yaml and every record file (what validate reads)
  list-json     load every activity and print them as a JSON list (list activities --format json)
  add-project   see that the id is free (file names, any letter case), load plan.yaml and the
                objectives, check the objective exists, write activities/<id>.yaml
"""
import glob
import json
import os
import sys

import yaml

if not hasattr(yaml, "CSafeLoader"):
    sys.exit("baseline.py: PyYAML has no C loader here (install python3-yaml from Debian); "
             "the pure-Python loader would be an unfair baseline")
LOADER = yaml.CSafeLoader


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=LOADER)


def records(root, folder):
    return sorted(glob.glob(os.path.join(root, folder, "*.yaml")))


def main():
    mode, root = sys.argv[1], sys.argv[2]
    if mode == "load":
        count = 1
        load(os.path.join(root, "plan.yaml"))
        for folder in ("objectives", "taskforces", "activities", "indicators"):
            for path in records(root, folder):
                load(path)
                count += 1
        print(count, "files")
    elif mode == "list-json":
        items = [load(path) for path in records(root, "activities")]
        json.dump(items, sys.stdout, default=str, ensure_ascii=False, indent=2)
    elif mode == "add-project":
        new_id = sys.argv[3]
        taken = {name.rsplit(".", 1)[0].lower() for name in os.listdir(os.path.join(root, "activities"))}
        if new_id.lower() in taken:
            sys.exit(f"{new_id} exists")
        load(os.path.join(root, "plan.yaml"))
        objectives = {load(path)["id"] for path in records(root, "objectives")}
        if "O1" not in objectives:
            sys.exit("unknown objective O1")
        record = {"id": new_id, "title": "Compost in schools", "objectives": ["O1"], "stage": "idea"}
        with open(os.path.join(root, "activities", new_id + ".yaml"), "x") as f:
            yaml.safe_dump(record, f, sort_keys=False)
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
