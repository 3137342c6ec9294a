#!/usr/bin/env python3
"""docs/format.md shows the key tables of the field tables, verbatim.

Each table that `actionplan schema KIND --format markdown` prints (a kind's keys, then
those of its nested mappings: budget, person, measurement...) must appear, line for
line, in docs/format.md. On a difference, prints the table to paste.

usage: check_key_tables.py ACTIONPLAN DOCS_FORMAT_MD
"""
import subprocess
import sys

binary, docs = sys.argv[1], sys.argv[2]
text = open(docs, encoding="utf-8").read()
failures = 0
for kind in ("plan", "objective", "taskforce", "activity", "indicator"):
    tables = subprocess.run([binary, "schema", kind, "--format", "markdown"], capture_output=True,
                            text=True, check=True).stdout
    title = kind
    for block in tables.split("\n### "):
        lines = block.rstrip("\n").split("\n")
        if not lines[0].startswith("|"):
            title, lines = f"{kind}: {lines[0]}", lines[2:]
        table = "\n".join(lines) + "\n"
        if table not in text:
            failures += 1
            print(f"docs/format.md does not show the keys of {title} as the tables do; write:\n{table}")
if failures:
    sys.exit(1)
print("docs/format.md shows every key table of the field tables")
