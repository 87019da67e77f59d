#!/usr/bin/env bash
# bench/progress.sh: the worst-case work between two calls of the progress
# hook (mote/progress.h) for each long public-key operation, in x86-64
# instructions (callgrind), for the default build and the ESP8266-shaped
# one (MOTE_MUL16=1: 32-bit limbs, products from 16x16->32 multiplies), with
# an ESP8266 estimate in milliseconds. See bench/progress.c and
# docs/ENGINE.md ("Progress hook").
#
# Usage: bash bench/progress.sh [BUILD_DIR] (default build); prints
#   progress: <op> <build> calls=N total=N max_interval=N est_esp8266_ms=F
# The estimate assumes 80 MHz and one lx106 instruction per cycle, with the
# lx106 instruction count equal to the x86-64 count of the MUL16 build
# (compared instruction for instruction on the Montgomery inner loop:
# xtensa-lx106-elf-objdump -d of bigint.o, -Os; see docs/ENGINE.md).
set -u
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=$BUILD/bench/progress
mkdir -p "$OUT"
command -v valgrind >/dev/null || { echo "progress: valgrind needed" >&2; exit 1; }
key=$OUT/rsa2048.der
[ -f "$key" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -outform DER 2>/dev/null |
    openssl rsa -inform DER -traditional -outform DER -out "$key" 2>/dev/null || exit 1
for variant in default mul16; do
    lib=$BUILD/libmote.a
    if [ $variant = mul16 ]; then
        make -s lib BUILD="$OUT/m16build" EXTRA_CFLAGS=-DMOTE_MUL16=1 >/dev/null || exit 1
        lib=$OUT/m16build/libmote.a
    else
        make -s lib BUILD="$BUILD" >/dev/null || exit 1
    fi
    ${CC:-cc} -std=c99 -O2 -g -Iinclude -Isrc bench/progress.c "$lib" -o "$OUT/progress_$variant" || exit 1
    for op in p256-keygen p256-ecdh p256-verify p384-keygen p384-ecdh p384-verify rsa2048-sign \
        ffdhe2048-keygen ffdhe2048-shared x25519-keygen x25519-shared ed25519-verify; do
        d=$OUT/cg-$variant-$op
        rm -rf "$d"
        mkdir -p "$d"
        valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$d/cg.%p" \
            "$OUT/progress_$variant" "$op" "$key" >/dev/null 2>&1 || { echo "progress: $op failed" >&2; exit 1; }
        # every dump but the base file (empty: collection starts off)
        cat "$d"/cg.*.* 2>/dev/null | awk -v op="$op" -v v="$variant" '
            /^totals:/ { if ($2 > max) max = $2; tot += $2; n++ }
            END { printf "progress: %s %s calls=%d total=%d max_interval=%d est_esp8266_ms=%.1f\n",
                  op, v, n - 1, tot, max, max / 80000.0 }'
    done
done
