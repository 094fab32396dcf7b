#!/usr/bin/env bash
# Builds the finger minutiae record fuzzer with clang++ directly (libFuzzer, ASan, UBSan; no
# CMake) and runs it over the seed corpus.
#
#   fuzz/build.sh [seconds]   build, then fuzz for `seconds` (default 60)
#   fuzz/build.sh --corpus    rewrite the seed corpus fuzz/corpus/finger_template from the encoder
#
# Binaries, the working corpus (inputs the fuzzer finds) and crash artifacts go to build/fuzz/;
# the seed directory in the repository is only read. Builds take /tmp/siak-build.lock (the build
# machine is shared).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/fuzz"
seeds="$root/fuzz/corpus/finger_template"
cxx=${CXX:-clang++}
mkdir -p "$out"

sources=("$root/src/abis/finger_template.cc" "$root/src/common/status.cc")
flags=(-std=c++20 -g -O1 -Wall -Wextra -Wpedantic -Werror -I"$root/src")

locked() {
  if command -v flock >/dev/null; then flock /tmp/siak-build.lock "$@"; else "$@"; fi
}

if [[ "${1:-}" == "--corpus" ]]; then
  locked "$cxx" "${flags[@]}" -DSIAK_FUZZ_WRITE_CORPUS -fsanitize=address,undefined \
    "$root/fuzz/finger_template_fuzz.cc" "${sources[@]}" -o "$out/finger_template_corpus"
  mkdir -p "$seeds"
  rm -f "$seeds"/*
  "$out/finger_template_corpus" "$seeds"
  echo "wrote $(ls "$seeds" | wc -l) seeds to $seeds"
  exit 0
fi

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -eq 0 ]]; then
  echo "usage: $0 [seconds > 0] | --corpus" >&2
  exit 2
fi

locked "$cxx" "${flags[@]}" -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -fno-omit-frame-pointer "$root/fuzz/finger_template_fuzz.cc" "${sources[@]}" \
  -o "$out/finger_template_fuzz"

mkdir -p "$out/finger_template_work" "$out/artifacts"
# The first directory receives new inputs; the seeds and the kept findings are only read.
"$out/finger_template_fuzz" -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$out/artifacts/" "$out/finger_template_work" "$seeds" "$root/fuzz/corpus/finger_template_found"
