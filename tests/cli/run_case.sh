#!/usr/bin/env bash
# Runs one end-to-end case of the real binary and compares with its golden files.
#   run_case.sh BINARY CASE_DIR FIXTURES_DIR
# A case folder holds:
#   fixture   (optional) name of a folder under FIXTURES_DIR, copied to the work folder
#   setup     (optional) shell run in the work folder before the command (hostile files...)
#   cmd       shell run in the work folder; $AP is the binary. Its stdout, stderr and
#             exit code are compared with the files stdout, stderr and exit.
#   $SCRATCH  a folder outside the work folder, for files a case keeps out of the plan;
#             removed afterwards like the work folder.
#   writes    (optional) marker: the command may change the tree. Without it the tree
#             must be byte-identical afterwards (commands that read never write).
# The work folder's path is replaced by <WORK> in outputs. UPDATE_GOLDEN=1 rewrites
# the golden files instead of comparing.
set -u
bin=$1 case_dir=$2 fixtures=$3
work=$(mktemp -d)
outputs=$(mktemp -d)
export SCRATCH=$(mktemp -d)
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work" "$outputs" "$SCRATCH"' EXIT
if [[ -f "$case_dir/fixture" ]]; then
  cp -R "$fixtures/$(tr -d '[:space:]' < "$case_dir/fixture")/." "$work/"
fi
cd "$work" || exit 1
export EXAMPLES="$(cd "$fixtures/../../examples" && pwd)"
if [[ -f "$case_dir/setup" ]]; then
  bash -e "$case_dir/setup" || { echo "setup failed"; exit 1; }
fi

snapshot() {
  find . -mindepth 1 \( -type f -exec sha256sum {} + \) -o \( ! -type f -printf '%y %p\n' \) 2>/dev/null | LC_ALL=C sort
}
before=$(snapshot)

export AP="$bin" NO_COLOR=1 SOURCE_DATE_EPOCH=1795219200  # 2026-11-21
timeout 20 bash "$case_dir/cmd" >"$outputs/stdout" 2>"$outputs/stderr" </dev/null
code=$?
after=$(snapshot)
sed -i "s#$work#<WORK>#g" "$outputs/stdout" "$outputs/stderr"

status=0
if [[ "${UPDATE_GOLDEN:-}" == 1 ]]; then
  cp "$outputs/stdout" "$case_dir/stdout"
  cp "$outputs/stderr" "$case_dir/stderr"
  echo "$code" > "$case_dir/exit"
else
  for stream in stdout stderr; do
    if ! diff -u --label "expected $stream" --label "actual $stream" "$case_dir/$stream" "$outputs/$stream"; then
      status=1
    fi
  done
  expected_code=$(cat "$case_dir/exit")
  if [[ "$code" != "$expected_code" ]]; then
    echo "exit code: expected $expected_code, got $code"
    status=1
  fi
fi
if [[ $code -ge 124 ]]; then
  echo "the command timed out or died from a signal (exit $code)"
  status=1
fi
if [[ ! -f "$case_dir/writes" && "$before" != "$after" ]]; then
  echo "the command changed the plan's files:"
  diff <(echo "$before") <(echo "$after")
  status=1
fi
exit $status
