#!/usr/bin/env bash
# `make build` on a clean build folder builds the tool alone: the commands of the Makefile's
# `build` target, configured afresh and run as a dry run (`make -n`), compile the sources of
# lib/ and cli/ and none of tests/ (unit tests, fuzz targets, benches). The compile lines of
# that build log are counted.
#   tool_only.sh SOURCE_DIR
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
recipe=$(make -s -n -C "$src" build BUILD_DIR="$tmp/build")
configure=$(grep -E '^cmake -S' <<<"$recipe")
build=$(grep -E '^cmake --build' <<<"$recipe")
(cd "$src" && eval "$configure" >/dev/null)
# A dry run cannot link (no archive is made): -k lists every compile all the same.
(cd "$src" && eval "$build -- -n -k") >"$tmp/build.log" 2>&1 || true
compiles() { { grep -oE -- "-c $src/$1/[^ ]+" "$tmp/build.log" || true; } | sort -u | wc -l; }
lib=$(compiles lib) cli=$(compiles cli) tests=$(compiles tests)
echo "make build compiles $lib files of lib/, $cli of cli/, $tests of tests/"
if [[ "$lib" -eq 0 || "$cli" -eq 0 ]]; then
  echo "the build log compiles no file of lib/ or cli/: the count is broken" >&2
  exit 1
fi
if [[ "$tests" -ne 0 ]]; then
  grep -oE -- "-c $src/tests/[^ ]+" "$tmp/build.log" | sort -u >&2
  exit 1
fi
