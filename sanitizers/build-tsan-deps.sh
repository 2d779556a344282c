#!/usr/bin/env bash
# Builds oneTBB and Abseil with -fsanitize=thread from Debian's source
# packages and installs them under DIR/prefix, for the tsan preset.
#
# Why: the prebuilt libtbb and libabsl are not instrumented, so
# ThreadSanitizer cannot see their synchronisation and reports false races
# inside them (and around absl::Mutex). Built once, then cached: a second run
# finds DIR/prefix/.complete and costs nothing.
#
# The sources come from `apt-get source` through a private deb-src list and
# private state/cache directories passed with -o options, so the system's apt
# configuration is left exactly as it was.
#
# Usage: sanitizers/build-tsan-deps.sh DIR
set -euo pipefail

dir=${1:?usage: build-tsan-deps.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
prefix=$dir/prefix
stamp=$prefix/.complete
if [[ -f $stamp ]]; then
  echo "build-tsan-deps: cached in $prefix"
  exit 0
fi

for tool in clang clang++ cmake ninja dpkg-source; do
  command -v "$tool" >/dev/null || { echo "build-tsan-deps: '$tool' is missing; run tools/setup first" >&2; exit 1; }
done

apt_dir=$dir/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dir/src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
  >"$apt_dir/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root"
)
echo "build-tsan-deps: fetching the onetbb and abseil source packages"
apt-get -q "${apt_opts[@]}" update >"$dir/apt-update.log" 2>&1 ||
  { cat "$dir/apt-update.log" >&2; exit 1; }
(cd "$dir/src" && rm -rf ./*/ && apt-get -q "${apt_opts[@]}" source --only-source onetbb abseil) \
  >"$dir/apt-source.log" 2>&1 || { cat "$dir/apt-source.log" >&2; exit 1; }

tsan_flags="-fsanitize=thread -O1 -g -fno-omit-frame-pointer"
common=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
        "-DCMAKE_C_FLAGS_RELWITHDEBINFO=$tsan_flags" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$tsan_flags"
        "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread" "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread"
        "-DCMAKE_INSTALL_PREFIX=$prefix" -DCMAKE_INSTALL_LIBDIR=lib)
if command -v ccache >/dev/null; then
  common+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

# progress NAME: Ninja's "[n/N]" lines in, one status line out: the step,
# and the time left at the rate so far (a measured estimate, not a guess).
# On a terminal it redraws one line; in a log, one line per 10%.
progress() {
  local name=$1 line n total start=$SECONDS last=-1 pct left
  while IFS= read -r line; do
    [[ $line =~ ^\[([0-9]+)/([0-9]+)\] ]] || continue
    n=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]}
    left=$(((SECONDS - start) * (total - n) / n))
    if [[ -t 1 ]]; then
      printf '\r  %s: %d/%d compiled, about %d s left   ' "$name" "$n" "$total" "$left"
    elif ((pct = n * 10 / total, pct != last)); then
      last=$pct
      printf '  %s: %d/%d compiled, about %d s left\n' "$name" "$n" "$total" "$left"
    fi
  done
  [[ -t 1 ]] && printf '\n'
  return 0
}

build() {  # build NAME SRC_GLOB CMAKE_ARGS...
  local name=$1 src
  src=$(find "$dir/src" -maxdepth 1 -type d -name "$2" | head -n1)
  [[ -n $src ]] || { echo "build-tsan-deps: no source tree for $name" >&2; exit 1; }
  shift 2
  echo "build-tsan-deps: building $name ($(basename "$src")) with -fsanitize=thread"
  local start=$SECONDS
  cmake -S "$src" -B "$dir/build-$name" "${common[@]}" "$@" >"$dir/$name.log" 2>&1 &&
    cmake --build "$dir/build-$name" 2>&1 | tee -a "$dir/$name.log" | progress "$name" &&
    cmake --install "$dir/build-$name" >>"$dir/$name.log" 2>&1 ||
    { tail -n 40 "$dir/$name.log" >&2; echo "build-tsan-deps: $name failed, log: $dir/$name.log" >&2; exit 1; }
  echo "build-tsan-deps: $name done in $((SECONDS - start)) s"
}

build onetbb 'onetbb-*' -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF
build abseil 'abseil-*' -DCMAKE_CXX_STANDARD=20 -DABSL_PROPAGATE_CXX_STD=ON -DBUILD_TESTING=OFF \
  -DABSL_BUILD_TESTING=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON

touch "$stamp"
echo "build-tsan-deps: installed in $prefix"
