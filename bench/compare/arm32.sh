#!/usr/bin/env bash
# make compare-arm32: the RAM of a TLS client on a 32-bit core, mote next
# to BearSSL and mbed TLS (issue 8's RAM goal, measured where an MCU's
# word size holds).
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
# word size), and mbed TLS 2.28 from its Debian source package with the
# configuration Debian's build sets (the `scripts/config.py set` lines of
# its debian/rules: make compare measures the same library on x86-64). The clients are make compare's (bench/compare/cl_<lib>.c on
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
LIBS=(mote bearssl mbedtls)

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
# peer_lib NAME SRCDIR INCDIR...: compile every .c under SRCDIR (-O2, the
# include dirs given) into $OUT/NAME/libNAME.a, once; status 1 if one fails
# (messages in $OUT/NAME/obj/compile.log).
peer_lib() {
    local name=$1 src=$2 d=$OUT/$1
    shift 2
    [ -s "$d/lib$name.a" ] && return 0
    rm -rf "$d/obj"
    find "$src" -name '*.c' | sort | compile_all "$d/obj" "${CROSS}gcc" -O2 "$@"
    [ ! -s "$d/obj/failed" ] && "${CROSS}ar" rcs "$d/lib$name.a" "$d"/obj/*.o
}
declare -A PEER_FLAGS
if mote_debsrc "$BUILD/profiles" bearssl mbedtls; then # (the size profiles' copies)
    B=$BUILD/profiles/src/bearssl
    peer_lib bearssl "$B/src" -I"$B/inc" -I"$B/src" &&
        PEER_FLAGS[bearssl]="-I$B/inc $OUT/bearssl/libbearssl.a"
    # mbed TLS as Debian builds it: its debian/rules' config.py settings
    M=$OUT/mbedtls-src
    if [ ! -s "$OUT/mbedtls/libmbedtls.a" ]; then
        rm -rf "$M" && mkdir -p "$M" && cp -r "$BUILD/profiles/src/mbedtls/." "$M/"
        grep -o 'scripts/config.py set [A-Z0-9_]*' "$M/debian/rules" | while read -r _ _ sym; do
            (cd "$M" && python3 scripts/config.py set "$sym")
        done
    fi
    peer_lib mbedtls "$M/library" -I"$M/include" -I"$M/library" &&
        PEER_FLAGS[mbedtls]="-I$M/include $OUT/mbedtls/libmbedtls.a -lpthread"
else
    echo "compare-arm32: Debian source packages not available (see $BUILD/profiles/apt)" >&2
fi
for lib in bearssl mbedtls; do
    [ -n "${PEER_FLAGS[$lib]:-}" ] || echo "compare-arm32: $lib does not build for arm32, see $OUT/$lib/obj/compile.log" >&2
done

# ---- clients: make compare's, for arm32 ----
CFLAGS=(-std=c99 -O2 -g -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wl,-z,now -Iinclude -Isrc -Itools -Ibench/compare)
declare -A BUILT
PEER_FLAGS[mote]="$OUT/mote/libmote.a"
for lib in "${LIBS[@]}"; do
    BUILT[$lib]=0
    [ -n "${PEER_FLAGS[$lib]:-}" ] || continue
    read -r -a extra <<<"${PEER_FLAGS[$lib]}"
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
