#!/usr/bin/env bash
# Times `actionplan validate` and `gap-analysis` on synthetic plans of growing
# size (median of RUNS runs, wall seconds and peak memory), with the PyYAML
# baseline for validate, and prints Markdown tables.
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
time_command() {  # prints "median_seconds peak_kib" of RUNS runs
  local times=() mem=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
    local out
    out=$(tail -1 "$work/time")
    times+=("${out% *}")
    mem=${out#* }
  done
  echo "$(median_of "${times[@]}") $mem"
}
echo "| activities | files | validate wall (median of $runs) | peak memory | PyYAML CSafeLoader, load only | ratio | gap-analysis wall | gap-analysis / validate | report wall | report / validate | peak memory (report) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  python3 "$here/gen_plan.py" "$work/p$n" "$n"
  files=$(find "$work/p$n" -name '*.yaml' | wc -l)
  read -r median mem < <(time_command "$bin" -C "$work/p$n" validate --as-of 2026-11-21)
  read -r gap_median gap_mem < <(time_command "$bin" -C "$work/p$n" gap-analysis --as-of 2026-11-21 --format json)
  read -r report_median report_mem < <(time_command "$bin" -C "$work/p$n" report --as-of 2026-11-21)
  base=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time" -f '%e' python3 "$here/baseline.py" "$work/p$n" >/dev/null
    base+=("$(tail -1 "$work/time")")
  done
  base_median=$(median_of "${base[@]}")
  ratio=$(python3 -c "print(f'{$base_median / max($median, 0.01):.1f}x faster')")
  gap_ratio=$(python3 -c "print(f'{$gap_median / max($median, 0.01):.2f}')")
  report_ratio=$(python3 -c "print(f'{$report_median / max($median, 0.01):.2f}')")
  echo "| $n | $files | ${median} s | $((mem / 1024)) MiB | ${base_median} s | $ratio | ${gap_median} s | $gap_ratio | ${report_median} s | $report_ratio | $((report_mem / 1024)) MiB |"
done
