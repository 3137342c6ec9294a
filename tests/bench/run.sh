#!/usr/bin/env bash
# Times `actionplan validate` on synthetic plans of growing size (median of
# RUNS runs, wall seconds and peak memory) and prints a Markdown table.
#   tests/bench/run.sh [BINARY] [SIZES...]   (default: build/actionplan 1000 10000 20000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-build/actionplan}")
shift || true
sizes=("${@:-1000 10000 20000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median_of() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "| activities | files | validate wall (median of $runs) | peak memory | PyYAML CSafeLoader, load only | ratio |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  python3 "$here/gen_plan.py" "$work/p$n" "$n"
  files=$(find "$work/p$n" -name '*.yaml' | wc -l)
  times=()
  mem=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f '%e %M' "$bin" -C "$work/p$n" validate --as-of 2026-11-21 \
      >/dev/null 2>&1 || true
    out=$(tail -1 "$work/time")
    times+=("${out% *}")
    mem=${out#* }
  done
  median=$(median_of "${times[@]}")
  base=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f '%e' python3 "$here/baseline.py" "$work/p$n" >/dev/null
    base+=("$(tail -1 "$work/time")")
  done
  base_median=$(median_of "${base[@]}")
  ratio=$(python3 -c "print(f'{$base_median / max($median, 0.01):.1f}x faster')")
  echo "| $n | $files | ${median} s | $((mem / 1024)) MiB | ${base_median} s | $ratio |"
done
