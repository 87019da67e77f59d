#!/usr/bin/env bash
# make bench: speed and stack of mote's primitives next to BearSSL and mbedTLS,
# then code size (bench/size.sh), then docs/PERFORMANCE.md (bench/report.py).
#
# For every bench/bench_<group>.c (case tables, see bench/bench.h) it builds
# $BUILD/bench/bench_<group> against $BUILD/libmote.a, -lbearssl and
# -lmbedcrypto, and runs it three times:
#   --time   native: cross-checks every output, then MB/s (ops/s)
#   --ipb    under callgrind (collection off except around the measured loop):
#            instructions per byte (per op)
#   --stack  peak stack of each call on a painted stack (tools/stackmeter.c)
# and prints one line per primitive and size:
#   bench: <primitive> <bytes> mote_ipb=F bearssl_ipb=F ratio_bearssl=F mbedtls_ipb=F
#          ratio_mbedtls=F mote_mbps=F bearssl_mbps=F mbedtls_mbps=F
# (ratio = mote / peer: below 1 means mote executes fewer instructions; per-
# operation cases print `op` for <bytes>, *_ipo instructions per operation and
# *_ops operations per second instead), and
#   setup: <primitive> mote_instr=N bearssl_instr=N mbedtls_instr=N
#   stack: <primitive> mote=N bearssl=N mbedtls=N
# A mote primitive not in libmote.a yet shows as n/a: every HAVE_mote_<sym>
# token used in bench/*.c is defined to 1 only when libmote.a defines <sym>.
#
# Then the ESP8266 pairing: the library again with MOTE_MUL16=1 (every
# 32x32->64 product from four 16x16->32 ones) in $BUILD/mul16, bench_pk
# linked against it as $OUT/bench_pk16 and run the same three ways with
# MOTE_BENCH_BEARSSL_I15=1 (BearSSL's 15-bit code: m15/i15, its choice for a
# core without 32x32->64) and MOTE_BENCH_SKIP=mbedtls; its lines go to
# $OUT/bench16.txt (same format) and the "mul16" table of docs/PERFORMANCE.md
# (MOTE_BENCH_NO_MUL16=1 skips this pass).
#
# Environment: BUILD (default build), CC (default cc), MOTE_BENCH_FILTER
# (only cases whose name contains it; the doc is then left alone), MOTE_BENCH_TIME (seconds per native
# measurement, default 0.2), MOTE_BENCH_NO_SIZE=1 (skip bench/size.sh),
# MOTE_BENCH_NO_DOC=1 (leave docs/PERFORMANCE.md alone).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
CC=${CC:-cc}
OUT=$BUILD/bench
FILTER=${MOTE_BENCH_FILTER:-}

make -s lib BUILD="$BUILD" || { echo "bench: make lib failed" >&2; exit 1; }
mkdir -p "$OUT"

# mote symbols the case files ask about, and which of them libmote.a defines.
defined=$(nm -g --defined-only "$BUILD/libmote.a" 2>/dev/null | awk 'NF >= 3 { print $3 }' | sort -u)
DEFS=()
for tok in $(grep -ho 'HAVE_mote_[A-Za-z0-9_]*' bench/*.c | sort -u); do
    if grep -qx "${tok#HAVE_}" <<<"$defined"; then DEFS+=("-D$tok=1"); fi
done

BFLAGS=(-std=c99 -O2 -g -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Iinclude -Isrc -Ibench -Itools)
groups=()
for src in bench/bench_*.c; do
    [ -f "$src" ] || continue
    g=$(basename "$src" .c)
    if ! $CC "${BFLAGS[@]}" "${DEFS[@]}" "$src" bench/driver.c tools/stackmeter.c \
        "$BUILD/libmote.a" -lbearssl -lmbedcrypto -ldl -Wl,-z,now -o "$OUT/$g"; then
        echo "bench: building $g failed" >&2
        exit 1
    fi
    groups+=("$g")
done

have_valgrind=0
command -v valgrind >/dev/null && have_valgrind=1
[ $have_valgrind = 1 ] || echo "bench: valgrind not found: instruction counts will be n/a" >&2

# Runs $OUT/$1 natively, under callgrind and for stack; adds its outputs
# ($OUT/$1.time, $OUT/cg-$1/, $OUT/$1.stack) to args.
run_group() {
    local g=$1 load
    rm -rf "$OUT/cg-$g"
    mkdir -p "$OUT/cg-$g"
    # The load when the native run starts (MB/s figures suffer from it).
    load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
    "$OUT/$g" --time $FILTER >"$OUT/$g.time" || { cat "$OUT/$g.time"; echo "bench: $g --time failed" >&2; exit 1; }
    [ -n "$load" ] && echo "note: load $g $load" >>"$OUT/$g.time"
    if [ $have_valgrind = 1 ]; then
        valgrind --tool=callgrind --collect-atstart=no \
            --callgrind-out-file="$OUT/cg-$g/cg.%p" "$OUT/$g" --ipb $FILTER \
            >"$OUT/$g.cg.log" 2>&1 || { tail -20 "$OUT/$g.cg.log"; echo "bench: $g --ipb failed" >&2; exit 1; }
    fi
    "$OUT/$g" --stack $FILTER >"$OUT/$g.stack" || { echo "bench: $g --stack failed" >&2; exit 1; }
    args+=(--time "$OUT/$g.time" --cg-dir "$OUT/cg-$g" --stack "$OUT/$g.stack")
}

args=()
for g in "${groups[@]}"; do
    run_group "$g"
done

python3 bench/report.py combine "${args[@]}" >"$OUT/bench.txt" || exit 1
cat "$OUT/bench.txt"

doc_args=(--bench "$OUT/bench.txt")
if [ "${MOTE_BENCH_NO_MUL16:-0}" != 1 ] && [ -f bench/bench_pk.c ]; then
    B16=$BUILD/mul16
    g=bench_pk16
    make -s lib BUILD="$B16" EXTRA_CFLAGS="${EXTRA_CFLAGS:-} -DMOTE_MUL16=1" ||
        { echo "bench: make lib (MUL16) failed" >&2; exit 1; }
    $CC "${BFLAGS[@]}" "${DEFS[@]}" bench/bench_pk.c bench/driver.c tools/stackmeter.c \
        "$B16/libmote.a" -lbearssl -lmbedcrypto -ldl -Wl,-z,now -o "$OUT/$g" ||
        { echo "bench: building $g failed" >&2; exit 1; }
    args=()
    MOTE_BENCH_BEARSSL_I15=1 MOTE_BENCH_SKIP=mbedtls run_group "$g"
    python3 bench/report.py combine "${args[@]}" >"$OUT/bench16.txt" || exit 1
    echo "bench: MOTE_MUL16=1 build vs BearSSL i15/m15:"
    cat "$OUT/bench16.txt"
    doc_args+=(--bench16 "$OUT/bench16.txt")
fi
if [ "${MOTE_BENCH_NO_SIZE:-0}" != 1 ]; then
    BUILD="$BUILD" MOTE_BENCH_NO_DOC=1 bash bench/size.sh || exit 1
    doc_args+=(--size "$OUT/size.txt")
fi
if [ -n "$FILTER" ]; then
    echo "bench: MOTE_BENCH_FILTER set: docs/PERFORMANCE.md left alone"
elif [ "${MOTE_BENCH_NO_DOC:-0}" != 1 ]; then
    python3 bench/report.py doc "${doc_args[@]}" --doc docs/PERFORMANCE.md || exit 1
    echo "bench: wrote docs/PERFORMANCE.md"
fi
