#!/usr/bin/env bash
# What the tests of what readers see need, beyond the build (scripts/install-deps.sh):
# Debian's chromium and poppler-utils (the HTML report printed to PDF and read back),
# python3-ruamel.yaml (what the tool writes, read back by a second YAML library),
# and the npm packages of tests/mermaid (Mermaid's own parser) and tests/actions
# (action-validator, which reads GitHub workflows and actions as GitHub does).
# - all present: does nothing, needs no network.
# - Debian packages missing: installed through install-deps.sh (as root; otherwise it
#   prints the one apt-get line to run and exits 1); node and npm too when missing.
# - node_modules missing or not the pinned versions: npm ci from the folder's package-lock.json.
# Tests for the commands, not the Debian packages: a node from elsewhere bundles its own npm.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian's nodejs and npm only when there is no node at all: a node from elsewhere bundles its npm.
extra="chromium fonts-dejavu-core poppler-utils python3-ruamel.yaml ${ACTIONPLAN_EXTRA_DEPS:-}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  extra="$extra nodejs npm"
fi
ACTIONPLAN_EXTRA_DEPS="$extra" bash "$root/scripts/install-deps.sh"

major=$(node -p 'process.versions.node.split(".")[0]')
if [[ "$major" -lt 18 ]]; then
  echo "install-test-deps: node $(node --version) is too old; the npm packages of tests/ need node 18 or newer" >&2
  exit 1
fi

# Each folder's packages: installed already, at the versions package.json pins? Else npm ci.
for dir in "$root/tests/mermaid" "$root/tests/actions"; do
  current=yes
  for package in $(node -p 'Object.keys(require(process.argv[1]).dependencies).join(" ")' "$dir/package.json"); do
    wanted=$(node -p 'require(process.argv[1]).dependencies[process.argv[2]]' "$dir/package.json" "$package")
    have=""
    if [[ -f "$dir/node_modules/$package/package.json" ]]; then
      have=$(node -p 'require(process.argv[1]).version' "$dir/node_modules/$package/package.json")
    fi
    if [[ "$have" != "$wanted" ]]; then current=no; fi
  done
  if [[ "$current" == no ]]; then
    echo "install-test-deps: npm ci in ${dir#"$root"/}" >&2
    npm ci --no-audit --no-fund --prefix "$dir"
  fi
done
