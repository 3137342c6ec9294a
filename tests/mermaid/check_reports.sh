#!/usr/bin/env bash
# Parses every Mermaid block that `report` and `gap-analysis` write for each example plan
# (at its own date and at the test date), the chart edge-case fixture and the hostile
# fixture, with Mermaid's own parser (parse_mermaid.mjs), and checks what the parser
# cannot: each chart's series are no longer than its x-axis, and bars start at 0.
#   check_reports.sh BINARY SOURCE_DIR
set -euo pipefail
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795219200 NO_COLOR=1  # 2026-11-21

declare -A dates=(
  [4p1000]=2026-11-21 [cartagena-capacity-building]=2016-12-31
  [cms-capacity-building-2012-2014]=2014-12-31 [mountain-partnership-cusco]=2007-12-31
)
files=()
for dir in "$src"/examples/*/; do
  name=$(basename "$dir")
  for as_of in "${dates[$name]:-2026-11-21}" 2026-11-21; do
    "$bin" -C "$dir" report --as-of "$as_of" > "$work/$name-$as_of.md" 2>/dev/null || true
    files+=("$work/$name-$as_of.md")
  done
done
for fixture in charts hostile-report; do
  "$bin" -C "$src/tests/fixtures/$fixture" report > "$work/$fixture.md" 2>/dev/null || true
  files+=("$work/$fixture.md")
done

node "$src/tests/mermaid/parse_mermaid.mjs" "${files[@]}"

# Series lengths and the zero baseline of bar charts.
python3 - "${files[@]}" <<'PY'
import re, sys
problems = blocks = 0
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for block in re.findall(r"^```mermaid\n(.*?)^```$", text, re.S | re.M):
        blocks += 1
        axis = re.search(r'^  x-axis \[(.*)\]$', block, re.M)
        labels = len(re.findall(r'"[^"]*"', axis.group(1))) if axis else 0
        for kind, values in re.findall(r"^  (bar|line) \[(.*)\]$", block, re.M):
            n = len(values.split(","))
            if n > labels or (kind == "line" and n != labels):
                print(f"{path}: a {kind} of {n} values on an axis of {labels} labels")
                problems += 1
        if "  bar [" in block and not re.search(r'^  y-axis "[^"]+" 0 --> \d', block, re.M):
            print(f"{path}: a bar chart whose axis does not start at 0")
            problems += 1
print(f"{blocks} charts checked for series lengths and a zero baseline, {problems} problems")
sys.exit(1 if problems else 0)
PY
