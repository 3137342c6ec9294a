#!/usr/bin/env bash
# Writes the man page actionplan.1 from the program's own help (help2man):
# the main --help, then every command's --help in a COMMANDS section.
#   make-man.sh BINARY OUTPUT
set -euo pipefail
bin=$1 out=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT
commands=$("$bin" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
{
  echo "[COMMANDS]"
  echo "Each command's own help, as printed by \\fBactionplan COMMAND --help\\fR."
  for cmd in $commands; do
    echo ".SS $cmd"
    echo ".nf"
    "$bin" "$cmd" --help | sed -e 's/\\/\\e/g' -e 's/^[.'"'"']/\\\&&/'
    echo ".fi"
  done
  echo "[EXIT STATUS]"
  echo "0 success; 1 the command ran and found problems (validation errors, or gap findings at or above"
  echo "\\fB--fail-on\\fR); 2 the command could not do its job (bad arguments, no plan found, unreadable"
  echo "input, refused write)."
  echo "[ENVIRONMENT]"
  echo ".TP"
  echo "\\fBSOURCE_DATE_EPOCH\\fR"
  echo "The as-of date when \\fB--as-of\\fR is not given (seconds since 1970, UTC); else today."
  echo ".TP"
  echo "\\fBACTIONPLAN_THREADS\\fR"
  echo "Workers reading the plan's files (1 to 1024); default one per CPU core. Output does not depend on it."
  echo "[SEE ALSO]"
  echo "The plan format, the command reference and the user guide: docs/format.md, docs/commands.md"
  echo "and docs/getting-started.md in actionplan's source."
} > "$include"
help2man --no-info --no-discard-stderr --section 1 \
  --name "plan, check and report on an initiative's strategy implementation" \
  --include "$include" --output "$out" "$bin"
