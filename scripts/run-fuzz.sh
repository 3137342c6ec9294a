#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (clang-14, ASan+UBSan, against the
# instrumented libyaml of build-fuzz-libyaml.sh) and runs each for SECONDS on
# a fresh corpus seeded from tests/fuzz/corpus/<target> and
# tests/fuzz/regressions/<target> (read only), with tests/fuzz/yaml.dict.
# Prints per target: executions per second, coverage (edges), features, total
# executions. Fails on any crash, failed check, sanitizer report, leak,
# timeout (-timeout=10 per input), out-of-memory or other unexpected exit;
# then prints how to reproduce each input and keep it as a regression test.
#   run-fuzz.sh BUILD_DIR SECONDS TARGET...
set -uo pipefail
cd "$(dirname "$0")/.."

build=${1:?build dir}
seconds=${2:?seconds}
shift 2
targets=("$@")
jobs=${JOBS:-2}

libyaml_pc=$(bash scripts/build-fuzz-libyaml.sh "$build/libyaml") || exit 1
# A build folder configured before against another libyaml would keep it in its cache.
if [[ -f "$build/CMakeCache.txt" ]] && ! grep -q "$build/libyaml" "$build/CMakeCache.txt"; then
  rm -f "$build/CMakeCache.txt"
fi
PKG_CONFIG_PATH="$libyaml_pc" cmake -S . -B "$build" -DACTIONPLAN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
MAKEFLAGS= cmake --build "$build" -j "$jobs" --target fuzz_targets || exit 1

export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_dir="$build/fuzz-run"
# The first line of a finding in a target's log.
broke='fuzz check failed|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|terminate called|==[0-9]+== ?ERROR'
summary="$run_dir/summary.md"
mkdir -p "$run_dir"
{
  echo "| target | seconds | execs/s | edges (cov) | features (ft) | total execs | corpus | peak RSS MB | result |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
} >"$summary"

failed=0
for target in "${targets[@]}"; do
  binary="$build/tests/fuzz/fuzz_$target"
  work="$run_dir/$target"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  seeds=(tests/fuzz/corpus/"$target")
  [[ -d tests/fuzz/regressions/$target ]] && seeds+=(tests/fuzz/regressions/"$target")
  echo "fuzz: $target for ${seconds}s (log: $work/fuzz.log)"
  timeout --kill-after=30 $((seconds * 2 + 300)) "$binary" \
    -dict=tests/fuzz/yaml.dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "${seeds[@]}" >"$work/fuzz.log" 2>&1
  code=$?

  stat() { sed -n "s/^stat::$1: *//p" "$work/fuzz.log" | tail -1; }
  last=$(grep -E '^#[0-9]+' "$work/fuzz.log" | grep 'cov:' | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  execs=$(stat number_of_executed_units)
  rate=$(stat average_exec_per_sec)
  rss=$(stat peak_rss_mb)
  result=ok
  if [[ $code -ne 0 ]] || ls "$work/artifacts"/* >/dev/null 2>&1; then
    result="FAILED (exit $code)"
    failed=1
  fi
  echo "| $target | $seconds | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${execs:-?} | ${corp:-?} | ${rss:-?} | $result |" >>"$summary"
  echo "fuzz: $target: ${rate:-?} execs/s, cov: ${cov:-?} edges, ft: ${ft:-?}, ${execs:-?} execs, corpus ${corp:-?}, peak RSS ${rss:-?} MB: $result"
  if [[ $result != ok ]]; then
    echo "---- what broke ($work/fuzz.log):"
    grep -m1 -A15 -E "$broke" \
      "$work/fuzz.log"
    echo "---- last lines:"
    grep -v -E '^#[0-9]+ +(NEW|REDUCE|pulse|INITED)' "$work/fuzz.log" | tail -25
    echo "----"
    for artifact in "$work"/artifacts/*; do
      [[ -e $artifact ]] || continue
      echo "input: $artifact"
      echo "  reproduce:  $binary $artifact"
      echo "  minimise:   $binary -minimize_crash=1 -runs=20000 -exact_artifact_path=$artifact.min $artifact"
      echo "  keep it:    cp $artifact.min tests/fuzz/regressions/$target/<what-it-broke>"
      echo "              (then fix the bug; ctest -R fuzz/replay-$target replays it in make test and test-asan)"
    done
    ls "$work/artifacts"/* >/dev/null 2>&1 ||
      echo "no input was saved (exit $code): see $work/fuzz.log"
  fi
done
echo
cat "$summary"
# Last, so that the end of a CI log (often all one sees of it) says what broke
# and carries each small input whole, to rebuild with `base64 -d`.
for target in "${targets[@]}"; do
  for artifact in "$run_dir/$target"/artifacts/*; do
    [[ -e $artifact ]] || continue
    echo
    echo "---- $target: what broke:"
    grep -m1 -A12 -E "$broke" \
      "$run_dir/$target/fuzz.log" | cut -c1-300
    if [[ $(wc -c <"$artifact") -le 6000 ]]; then
      echo "---- $(basename "$artifact"), base64 (base64 -d > input):"
      base64 -w 100 "$artifact"
    fi
  done
done
if [[ $failed -ne 0 ]]; then
  echo "fuzz: FAILED (see above)" >&2
  exit 1
fi
