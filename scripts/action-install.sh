#!/usr/bin/env bash
# Installs a released actionplan .deb: the step of action.yml (`uses: OWNER/actionplan@vX.Y.Z`),
# usable alone on any Debian bookworm machine or CI (docs/ci.md).
#   ACTIONPLAN_VERSION    the version to install (default: the VERSION file beside this script)
#   ACTIONPLAN_RELEASES   where releases are (default: https://github.com/OWNER/NAME/releases/download,
#                         OWNER/NAME from the action's path or $GITHUB_ACTION_REPOSITORY);
#                         the .deb is $ACTIONPLAN_RELEASES/vX.Y.Z/actionplan_X.Y.Z_ARCH.deb, with
#                         its SHA-256 beside it (.deb.sha256). A file:// URL works offline.
# Fails, naming the version, when there is no such .deb, when its checksum differs, or when
# the machine is not Debian bookworm (the platform the .deb is built and tested on).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail() {
  if [[ -n "${GITHUB_ACTIONS:-}" ]]; then echo "::error title=actionplan::$*"; fi
  echo "actionplan install: $*" >&2
  exit 1
}

version=${ACTIONPLAN_VERSION:-}
if [[ -z "$version" ]]; then version=$(tr -d ' \n' <"$here/VERSION"); fi
version=${version#v}

releases=${ACTIONPLAN_RELEASES:-}
if [[ -z "$releases" ]]; then
  repository=${GITHUB_ACTION_REPOSITORY:-}
  if [[ -z "$repository" && -n "${GITHUB_ACTION_PATH:-}" ]]; then
    # An action is checked out as .../_actions/OWNER/NAME/REF.
    ref_dir=$(dirname "$GITHUB_ACTION_PATH")
    repository="$(basename "$(dirname "$ref_dir")")/$(basename "$ref_dir")"
  fi
  [[ -n "$repository" ]] || fail "no ACTIONPLAN_RELEASES and no action repository to download actionplan $version from"
  releases="https://github.com/$repository/releases/download"
fi

# shellcheck source=/dev/null
. /etc/os-release
if [[ "${ID:-}" != debian || "${VERSION_CODENAME:-}" != bookworm ]]; then
  fail "actionplan $version is built and tested on Debian bookworm; this is ${PRETTY_NAME:-an unknown system}. Run the job in the Debian bookworm container: add 'container: debian:bookworm' to the job"
fi

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
# Offline first (what the .deb needs may be installed already); else with fresh package lists.
apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 ||
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}

arch=$(dpkg --print-architecture)
deb="actionplan_${version}_${arch}.deb"
url="$releases/v$version/$deb"
if ! command -v curl >/dev/null || { [[ "$url" == https://* ]] && [[ ! -e /etc/ssl/certs/ca-certificates.crt ]]; }; then
  apt_install curl ca-certificates
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! curl --fail --silent --show-error --location --retry 3 -o "$tmp/$deb" "$url" 2>"$tmp/why"; then
  fail "there is no released .deb of actionplan $version ($url: $(tr -d '\n' <"$tmp/why")); name a released version (the tags of ${releases%/releases/download}/releases)"
fi
curl --fail --silent --show-error --location --retry 3 -o "$tmp/$deb.sha256" "$url.sha256" 2>"$tmp/why" ||
  fail "actionplan $version: the .deb has no checksum beside it ($url.sha256: $(tr -d '\n' <"$tmp/why"))"
(cd "$tmp" && sha256sum --check --status "$deb.sha256") ||
  fail "actionplan $version: $deb does not match its SHA-256 ($url.sha256); not installed"

apt_install "$tmp/$deb"
installed=$(actionplan --version)
[[ "$installed" == "actionplan $version" ]] ||
  fail "installed $deb, but 'actionplan --version' says '$installed'"
echo "$installed: $(command -v actionplan)"
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "version=$version" >>"$GITHUB_OUTPUT"; fi
