#!/usr/bin/env bash
# Build and run every libFuzzer harness (tests/fuzz/fuzz_*.c).
#
#   bash tests/fuzz/run.sh smoke     each harness for MOTE_FUZZ_SECONDS (default 10 s): make test
#   bash tests/fuzz/run.sh long      each harness for MOTE_FUZZ_SECONDS (default 600 s): make fuzz
#
# Harnesses are built with clang -fsanitize=fuzzer,address,undefined together
# with every library source, and start from tests/fuzz/corpus/<name>/ when it
# exists (new inputs go to build-fuzz/corpus/<name>/, never into the repo).
# Prints "fuzz: <name> ok (<runs> runs)" or "fuzz: <name> FAIL ...".
set -u
cd "$(dirname "$0")/../.."
mode=${1:-smoke}
case "$mode" in
smoke) secs=${MOTE_FUZZ_SECONDS:-10} ;;
long) secs=${MOTE_FUZZ_SECONDS:-600} ;;
*) echo "usage: $0 smoke|long" >&2; exit 2 ;;
esac
out=build-fuzz
mkdir -p "$out"
if ! command -v clang >/dev/null; then
    echo "fuzz: clang FAIL (clang not installed)"
    exit 1
fi
flags="-std=c99 -g -O1 -Iinclude -Isrc -Itests/common -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
# The library once, instrumented (fuzzer-no-link: coverage without a main).
if ! make -s -j"$(nproc)" BUILD="$out/lib" CC=clang OPT="-g -O1" \
    EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" lib \
    >"$out/lib.build.log" 2>&1; then
    echo "fuzz: library FAIL (build)"
    tail -20 "$out/lib.build.log"
    exit 1
fi
lib="$out/lib/libmote.a"
for h in tests/fuzz/fuzz_*.c; do
    [ -f "$h" ] || continue
    name=$(basename "$h" .c)
    if ! clang $flags "$h" "$lib" -o "$out/$name" >"$out/$name.build.log" 2>&1; then
        echo "fuzz: $name FAIL (build)"
        tail -20 "$out/$name.build.log"
        continue
    fi
    mkdir -p "$out/corpus/$name"
    seeds=""
    [ -d "tests/fuzz/corpus/$name" ] && seeds="tests/fuzz/corpus/$name"
    if "$out/$name" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$out/corpus/$name" $seeds >"$out/$name.log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$name.log" | grep -o '[0-9]*$')
        echo "fuzz: $name ok (${runs:-?} runs in ${secs}s)"
    else
        echo "fuzz: $name FAIL (crash or leak, see $out/$name.log)"
        grep -E 'ERROR|SUMMARY|Test unit written' "$out/$name.log" | head -5
    fi
done
