#!/usr/bin/env bash
# Builds libyaml 0.2.5 from Debian's source package as a static library
# instrumented for libFuzzer (coverage) and ASan+UBSan, for the fuzz build
# (`make fuzz`): with Debian's uninstrumented libyaml.so the fuzzer is blind
# inside the parser. Installs into DIR/install (default build-fuzz/libyaml);
# prints the pkg-config folder (for PKG_CONFIG_PATH) on stdout.
# - Already built with the same flags: does nothing (no network).
# - Needs a deb-src entry for bookworm: as root, adds one in
#   /etc/apt/sources.list.d/actionplan-deb-src.sources (same URIs, suites and
#   key as debian.sources) and runs apt-get update; otherwise says what to add.
# Needs clang-14 and dpkg-dev (scripts/install-deps.sh with ACTIONPLAN_EXTRA_DEPS).
#   build-fuzz-libyaml.sh [DIR]
set -euo pipefail

dir=$(realpath -m "${1:-build-fuzz/libyaml}")
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
stamp="$dir/install/.actionplan-stamp"
want="libyaml 0.2.5 clang-14 $flags"
pc_dir="$dir/install/lib/pkgconfig"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -f "$pc_dir/yaml-0.1.pc" ]]; then
  echo "$pc_dir"
  exit 0
fi

log() { echo "build-fuzz-libyaml: $*" >&2; }

# A deb-src entry, so that `apt-get source` can find the package.
has_deb_src() {
  grep -rqsE '^[[:space:]]*(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/
}
if ! has_deb_src; then
  list=/etc/apt/sources.list.d/actionplan-deb-src.sources
  if [[ $(id -u) -ne 0 ]]; then
    log "no deb-src entry in /etc/apt; as root, add $list like debian.sources with 'Types: deb-src', then apt-get update"
    exit 1
  fi
  log "adding $list (Debian source packages) and running apt-get update"
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$list"
  else
    cat >"$list" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  fi
  apt-get update -qq
fi

rm -rf "$dir/src" "$dir/build" "$dir/install"
mkdir -p "$dir/src"
log "fetching Debian's libyaml source package"
(cd "$dir/src" && apt-get source -qq libyaml >&2)
src=$(find "$dir/src" -mindepth 1 -maxdepth 1 -type d -name 'libyaml-0.2*' | head -1)
if [[ -z "$src" ]]; then
  log "apt-get source did not give libyaml 0.2 (found: $(ls "$dir/src" | tr '\n' ' '))"
  exit 1
fi
log "building $(basename "$src") with clang-14 and $flags"
cmake -S "$src" -B "$dir/build" -DCMAKE_BUILD_TYPE=None -DCMAKE_C_COMPILER=clang-14 \
  -DCMAKE_C_FLAGS="$flags" -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF \
  -DCMAKE_INSTALL_PREFIX="$dir/install" -DINSTALL_LIB_DIR=lib >"$dir/configure.log" 2>&1 ||
  { cat "$dir/configure.log" >&2; exit 1; }
cmake --build "$dir/build" -j "${JOBS:-2}" >"$dir/build.log" 2>&1 || { tail -50 "$dir/build.log" >&2; exit 1; }
cmake --install "$dir/build" >/dev/null
lib=$(find "$dir/install" -name libyaml.a | head -1)
if [[ -z "$lib" || ! -f "$dir/install/include/yaml.h" ]]; then
  log "no libyaml.a or yaml.h under $dir/install"
  exit 1
fi
# libyaml's CMake build writes no pkg-config file; the fuzz build finds it through this one.
mkdir -p "$pc_dir"
cat >"$pc_dir/yaml-0.1.pc" <<EOF
Name: yaml
Description: libyaml, static and instrumented for fuzzing (scripts/build-fuzz-libyaml.sh)
Version: 0.2.5
Cflags: -I$dir/install/include
Libs: -L$(dirname "$lib") -lyaml
EOF
echo "$want" >"$stamp"
echo "$pc_dir"
