#!/usr/bin/env python3
"""The baseline a user would otherwise write: load every YAML file of a plan
with PyYAML's C loader (no checks at all). usage: baseline.py PLAN_DIR"""
import glob
import os
import sys

import yaml

loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
root = sys.argv[1]
count = 0
for path in [os.path.join(root, "plan.yaml")] + sorted(
        glob.glob(os.path.join(root, "*", "*.yaml"))):
    with open(path, "rb") as f:
        yaml.load(f, Loader=loader)
    count += 1
print(count, "files", "(C loader)" if loader is not yaml.SafeLoader else "(pure Python loader)")
