#!/usr/bin/env bash
# Installs exactly the Debian packages actionplan needs that are missing.
# - All present: does nothing, needs no network.
# - Some missing, running as root: apt-get update, then apt-get install of those.
# - Some missing, not root: prints the one apt-get line to run, exits 1.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3 bsdutils
  libcli11-dev libyaml-dev libfmt-dev doctest-dev
  nlohmann-json3-dev libgit2-dev libutf8proc-dev
  cmark-gfm libcmark-gfm-dev libcmark-gfm-extensions-dev
  python3-jsonschema python3-yaml help2man
  strace
)
# Extra packages for optional targets, named by the caller: e.g. ACTIONPLAN_EXTRA_DEPS="clang".
if [[ -n "${ACTIONPLAN_EXTRA_DEPS:-}" ]]; then
  read -r -a extra <<<"$ACTIONPLAN_EXTRA_DEPS"
  packages+=("${extra[@]}")
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing Debian packages; run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
