#!/usr/bin/env bash
# make compare-arm32: the RAM of a TLS client on a 32-bit core, mote next
# to BearSSL (issue 8's RAM goal, measured where an MCU's word size holds).
#
# make compare measures on x86-64, where pointers and BearSSL's 64-bit code
# paths (aes_ct64, ghash_ctmul64, i62 RSA) make both libraries' contexts
# and stacks differ from what a device sees. Here both are cross-compiled
# for 32-bit ARM (arm-linux-gnueabihf-gcc -O2, as make compare's natives)
# and run under qemu-arm (user mode: the same sockets, 127.0.0.1 only):
# libmote in its default configuration, BearSSL 0.6 from Debian's source
# package (bench/debsrc.sh; never a fetched copy) with its own defaults for
# a 32-bit target (i31 RSA, m31 EC) and the 32-bit constant-time AES and
# GHASH (aes_ct, ghash_ctmul32: bench/compare/cl_bearssl.c chooses them by
# word size). The clients are make compare's (bench/compare/cl_<lib>.c on
# harness.c, heap counted by heapcount.c, the handshake on a painted stack
# by tools/stackmeter.c), against one `openssl s_server -WWW` per
# configuration (started and stopped here), 1 KiB records, chain and host
# name verified. Configurations: tls12-ecdsa, tls12-rsa (the RAM goal's),
# tls13-ecdsa, tls13-rsa (BearSSL: n/a, no TLS 1.3).
#
# Output, one line per library and configuration:
#   compare-arm32: <library> <config> heap=N caller_mem=N stack=N ram=N
# (ram = heap + caller_mem + stack), then the ratios to BearSSL, in
# $BUILD/compare-arm32/compare-arm32.txt and, unless
# MOTE_COMPARE_NO_DOC=1, the marked section of docs/COMPARE.md
# (bench/compare/report.py arm32doc). Needs arm-linux-gnueabihf-gcc and
# qemu-arm (Debian: gcc-arm-linux-gnueabihf, qemu-user); without them it
# says n/a and succeeds.
set -u
cd "$(dirname "$0")/../.." || exit 1
# shellcheck source=bench/compare/common.sh
. bench/compare/common.sh
BUILD=${BUILD:-build}
OUT=$BUILD/compare-arm32
CROSS=arm-linux-gnueabihf-
SYSROOT=/usr/arm-linux-gnueabihf
CONFIGS=(tls12-ecdsa tls12-rsa tls13-ecdsa tls13-rsa)
LIBS=(mote bearssl)

for tool in "${CROSS}gcc" qemu-arm openssl python3; do
    command -v "$tool" >/dev/null || {
        echo "compare-arm32: n/a ($tool not found)"
        exit 0
    }
done
mkdir -p "$OUT/bin" "$OUT/res"
rm -f "$OUT/res"/*
OUT_ABS=$(cd "$OUT" && pwd)

# ---- libraries ----
make -s lib BUILD="$OUT/mote" CC="${CROSS}gcc" AR="${CROSS}ar" || {
    echo "compare-arm32: make lib for arm32 failed" >&2
    exit 1
}
# shellcheck source=bench/debsrc.sh
. bench/debsrc.sh
BEAR=""
if mote_debsrc "$BUILD/profiles" bearssl; then # (the size profiles' copy)
    B=$BUILD/profiles/src/bearssl
    BEAR=$OUT/bearssl
    if [ ! -s "$BEAR/libbearssl.a" ]; then
        rm -rf "$BEAR" && mkdir -p "$BEAR/obj"
        # one object per source, named after its path (src/a/b.c -> a_b.o)
        (cd "$B/src" && find . -name '*.c' | sort) | sed 's|^\./||' |
            xargs -P 2 -I{} sh -c 'o=$(echo "$1" | tr / _); exec "$2" -O2 -I"$3/inc" -I"$3/src" -c "$3/src/$1" -o "$4/${o%.c}.o"' \
                _ {} "${CROSS}gcc" "$B" "$BEAR/obj" 2>"$BEAR/compile.log" &&
            "${CROSS}ar" rcs "$BEAR/libbearssl.a" "$BEAR"/obj/*.o || {
            echo "compare-arm32: BearSSL does not build for arm32, see $BEAR/compile.log" >&2
            BEAR=""
        }
    fi
else
    echo "compare-arm32: BearSSL's Debian source package is not available (see $BUILD/profiles/apt)" >&2
fi

# ---- clients: make compare's, for arm32 ----
CFLAGS=(-std=c99 -O2 -g -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wl,-z,now -Iinclude -Isrc -Itools -Ibench/compare)
declare -A BUILT
for lib in "${LIBS[@]}"; do
    case $lib in
    mote) extra=("$OUT/mote/libmote.a") ;;
    bearssl) extra=(-I"${B:-.}/inc" "$BEAR/libbearssl.a") ;;
    esac
    BUILT[$lib]=0
    [ $lib = bearssl ] && [ -z "$BEAR" ] && continue
    "${CROSS}gcc" "${CFLAGS[@]}" bench/compare/harness.c bench/compare/heapcount.c \
        bench/compare/cl_$lib.c tools/stackmeter.c "${extra[@]}" -o "$OUT/bin/cmp_$lib" \
        2>"$OUT/bin/$lib.log" && BUILT[$lib]=1
    [ "${BUILT[$lib]}" = 1 ] || echo "compare-arm32: $lib does not build, see $OUT/bin/$lib.log" >&2
done

# ---- runs ----
cmp_make_files "$OUT" || exit 1
SERVER_PIDS=$OUT/res/servers
: >"$SERVER_PIDS"
trap 'stop_servers' EXIT
trap 'stop_servers; exit 130' INT TERM

for cfg in "${CONFIGS[@]}"; do
    k=$(chain_kind "$cfg")
    srvlog=$OUT/res/server-$cfg.log
    # shellcheck disable=SC2046
    (cd "$OUT/www" && exec openssl s_server -accept 127.0.0.1:0 $(server_args "$cfg") \
        -cert "$OUT_ABS/pki/$k-leaf.pem" -key "$OUT_ABS/pki/$k-leaf.key" \
        -cert_chain "$OUT_ABS/pki/$k-int.pem" -WWW) >"$srvlog" 2>&1 </dev/null &
    spid=$!
    port=$(wait_port $spid "$srvlog" 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p')
    for lib in "${LIBS[@]}"; do
        res=$OUT/res/$cfg.$lib
        if [ "${BUILT[$lib]}" != 1 ]; then
            echo "missing" >"$res.status"
        elif [ -z "$port" ]; then
            echo "failed (openssl s_server did not start, see $srvlog)" >"$res.status"
        else
            timeout 300 qemu-arm -L "$SYSROOT" "$OUT/bin/cmp_$lib" --port "$port" --config "$cfg" \
                --ca "$OUT/pki/$k-root.pem" --mode native >"$res.native" 2>"$res.err"
            rc=$?
            case $rc in
            0) echo "ok" >"$res.status" ;;
            3) echo "unsupported" >"$res.status" ;;
            *) echo "failed (rc=$rc: $(tail -1 "$res.err"))" >"$res.status" ;;
            esac
        fi
    done
    kill "$spid" 2>/dev/null
    wait "$spid" 2>/dev/null
done
stop_servers

python3 bench/compare/report.py arm32lines --res "$OUT/res" --configs "${CONFIGS[*]}" \
    --libs "${LIBS[*]}" >"$OUT/compare-arm32.txt"
status=$?
cat "$OUT/compare-arm32.txt"
if [ $status -eq 0 ] && [ "${MOTE_COMPARE_NO_DOC:-0}" != 1 ]; then
    python3 bench/compare/report.py arm32doc --compare "$OUT/compare-arm32.txt" \
        --doc docs/COMPARE.md && echo "compare-arm32: wrote docs/COMPARE.md"
fi
exit $status
