#!/usr/bin/env bash
# The action's install step (action.yml → scripts/action-install.sh) against the .deb that
# `make package` built, served from a clean folder as a release is (file://, no network),
# then the check job's commands of the workflow `init` writes, on examples/4p1000. Each is
# timed against `actionplan validate` alone (the least of three runs) and the ratios
# printed. Also: a version with no .deb and a .deb whose checksum differs are refused,
# naming the version. Removes the package at the end (needs root).
#   test-action.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "$1" && pwd)
version=$("$build/actionplan" --version | sed 's/^actionplan //')
arch=$(dpkg --print-architecture)
deb="actionplan_${version}_${arch}.deb"
test -f "$build/$deb" || { echo "no $build/$deb: run make package" >&2; exit 1; }

run_as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; run_as_root dpkg -r actionplan >/dev/null 2>&1 || true' EXIT
run_as_root dpkg -r actionplan >/dev/null 2>&1 || true

# A release as GitHub serves it: vX.Y.Z/actionplan_X.Y.Z_ARCH.deb and its .sha256.
mkdir -p "$tmp/releases/v$version"
cp "$build/$deb" "$tmp/releases/v$version/"
(cd "$tmp/releases/v$version" && sha256sum "$deb" >"$deb.sha256")
# The action as the runner checks it out: _actions/OWNER/NAME/REF (only its files).
action="$tmp/_actions/owner/actionplan/v$version"
mkdir -p "$action/scripts"
cp "$root/action.yml" "$root/VERSION" "$action/"
cp "$root/scripts/action-install.sh" "$action/scripts/"

now() { date +%s.%N; }
# The least wall time of three runs of a command, in seconds.
least_of_three() {
  local best="" start end took
  for _ in 1 2 3; do
    start=$(now)
    "$@" >/dev/null 2>&1 || true
    end=$(now)
    took=$(echo "$end - $start" | bc -l)
    if [[ -z "$best" ]] || (($(echo "$took < $best" | bc -l))); then best=$took; fi
  done
  echo "$best"
}

install_step() {
  env -u ACTIONPLAN_VERSION GITHUB_ACTION_PATH="$action" GITHUB_OUTPUT="$tmp/output" \
    ACTIONPLAN_RELEASES="file://$tmp/releases" ACTIONPLAN_VERSION="${1:-}" \
    bash "$action/scripts/action-install.sh"
}

# Refusals first, while nothing is installed.
if install_step 9.9.9 2>"$tmp/err"; then
  echo "installed a version that has no .deb" >&2
  exit 1
fi
grep -q "no released .deb of actionplan 9.9.9" "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
cp -r "$tmp/releases" "$tmp/good"
echo "0000000000000000000000000000000000000000000000000000000000000000  $deb" \
  >"$tmp/releases/v$version/$deb.sha256"
if install_step 2>"$tmp/err"; then
  echo "installed a .deb whose checksum differs" >&2
  exit 1
fi
grep -q "does not match its SHA-256" "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
rm -rf "$tmp/releases" && mv "$tmp/good" "$tmp/releases"
if command -v actionplan >/dev/null; then
  echo "a refused install left actionplan installed" >&2
  exit 1
fi

# The install step, as the workflow runs it: the action's own version, nothing else given.
start=$(now)
install_step
install_seconds=$(echo "$(now) - $start" | bc -l)
test "$(command -v actionplan)" = /usr/bin/actionplan
grep -qx "version=$version" "$tmp/output"

# The check job's commands on a checkout of the example plan.
cp -r "$root/examples/4p1000" "$tmp/plan"
cd "$tmp/plan"
actionplan validate --format github
actionplan gap-analysis >>"$tmp/summary"
grep -q "Gap analysis" "$tmp/summary"
validate=$(least_of_three actionplan validate)
annotated=$(least_of_three actionplan validate --format github)
gaps=$(least_of_three actionplan gap-analysis)
ratio() { echo "scale=1; $1 / $validate" | bc -l; }
printf "examples/4p1000, against 'actionplan validate' alone (%.3f s, least of 3):\n" "$validate"
printf '  %-40s %8.3f s  %6s×\n' "install step (file://, no download)" "$install_seconds" "$(ratio "$install_seconds")"
printf '  %-40s %8.3f s  %6s×\n' "validate --format github" "$annotated" "$(ratio "$annotated")"
printf '  %-40s %8.3f s  %6s×\n' "gap-analysis" "$gaps" "$(ratio "$gaps")"
echo "the action installs the released .deb and the check job runs"
