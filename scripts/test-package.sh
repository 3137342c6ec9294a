#!/usr/bin/env bash
# Installs the .deb built by `make package`, checks the installed tool, its man
# page and completions, then removes it and checks that nothing is left.
#   test-package.sh BUILD_DIR
set -euo pipefail
build=$1
deb=$(ls "$build"/actionplan_*.deb | head -1)
echo "package: $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
run_as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
run_as_root dpkg -i "$deb"
test "$(command -v actionplan)" = /usr/bin/actionplan
actionplan --version
test -s /usr/share/man/man1/actionplan.1.gz
# grep reads to the end: grep -q could close the pipe first, and with pipefail zcat's SIGPIPE fails.
zcat /usr/share/man/man1/actionplan.1.gz | grep '^\.SS import' > /dev/null
test -s /usr/share/bash-completion/completions/actionplan
test -s /usr/share/zsh/vendor-completions/_actionplan
bash -n /usr/share/bash-completion/completions/actionplan
# The installed binary works from any folder: a template, then validate.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && actionplan init demo --template cms-capacity-building-2012-2014 --no-git >/dev/null 2>&1 &&
  actionplan -C demo validate)
run_as_root dpkg -r actionplan
if [[ -e /usr/bin/actionplan || -e /usr/share/man/man1/actionplan.1.gz ||
  -e /usr/share/bash-completion/completions/actionplan ]]; then
  echo "dpkg -r left files behind" >&2
  exit 1
fi
echo "the package installs, works and removes cleanly"
