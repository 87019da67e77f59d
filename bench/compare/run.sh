#!/usr/bin/env bash
# make compare: mote next to BearSSL, mbed TLS, wolfSSL and OpenSSL (issue 8).
#
# Builds one small client per library (bench/compare/cl_<lib>.c on the
# common driver bench/compare/harness.c) in two variants: native (malloc
# counted by heapcount.c, handshake run on a painted stack by
# tools/stackmeter.c) and callgrind (instrumentation on only around the full
# handshake, the 1 MiB read and the resumed handshake). For each
# configuration it starts one `openssl s_server -WWW` on 127.0.0.1 (port
# chosen by the server, read from its ACCEPT line; stopped at the end, also
# on failure) serving a 1 MiB file and a small one from $OUT/www, and runs
# every library against it. wolfssl is Debian's libwolfssl (its public-key
# arithmetic in x86-64 assembly), wolfssl-c the same version and options
# built from Debian's source package without assembly (bench/compare/
# wolfssl_c.sh, cached in $OUT/wolfssl-c). Configurations:
#   tls12-ecdsa  TLS 1.2 ECDHE-ECDSA-AES128-GCM-SHA256, P-256 ECDHE, P-256 chain
#   tls12-rsa    TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256, P-256 ECDHE, RSA-2048 chain
#   tls13-ecdsa  TLS 1.3 TLS_AES_128_GCM_SHA256, X25519, P-256 chain
#   tls13-rsa    TLS 1.3 TLS_AES_128_GCM_SHA256, X25519, RSA-2048 chain
# and three more that the goals of issue 8 need:
#   tls13-ecdsa-p256    as tls13-ecdsa with a P-256 key share (the same
#   tls13-rsa-p256      public-key work as tls12-ecdsa / tls12-rsa: the
#                       stand-in for the TLS 1.2 goal until mote has 1.2)
#   tls12-ecdsa-chacha  TLS 1.2 ECDHE-ECDSA-CHACHA20-POLY1305 (bulk goal)
#   tls13-ecdsa-chacha  TLS 1.3 TLS_CHACHA20_POLY1305_SHA256, X25519
# Chains are root -> intermediate -> leaf (the server sends leaf and
# intermediate; the client holds the root as its one trust anchor), made
# once in $OUT/pki. Every peer verifies the chain and the host name; mote
# too, unless its verified handshake fails, in which case it is measured
# with MOTE_TLS_NO_VERIFY and marked verify=pending.
#
# Output, one line per library and configuration (n/a where impossible):
#   compare: <library> <config> hs_instr=N resumed_instr=N bulk_instr_per_byte=F heap=N caller_mem=N stack=N
# and one line of facts each:
#   compare-note: <library> <config> verify=on|pending resumed=1|0|n/a ram=N hs_us=N ...
# `openssl` has AES-NI and PCLMULQDQ masked (OPENSSL_ia32cap) for portable
# bulk figures; `openssl-hw` is the same client unmasked. Results go to
# $OUT/compare.txt and, unless MOTE_COMPARE_NO_DOC=1, into the marked
# section of docs/COMPARE.md (bench/compare/report.py).
#
# Servers (issue 7; `run.sh --server` runs only this part: make
# compare-server): each library's program (bench/compare/cl_<lib>.c, its
# server role with --serve) for mote, BearSSL, mbed TLS, wolfSSL and OpenSSL
# serves ONE full handshake to `openssl s_client` (outside callgrind;
# -ign_eof, it leaves when the server closes) in tls12-ecdsa, tls12-rsa,
# tls13-ecdsa, tls13-rsa (the leaf + intermediate of the same PKI; P-256
# ECDHE in 1.2, X25519 in 1.3; n/a where a library has no TLS 1.3 server);
# measured like the clients (callgrind around the server handshake, heap,
# caller memory, painted stack). mote's server (cmp_mote-s12) is linked
# with a libmote built with -DMOTE_ENABLE_SERVER12=1 (its TLS 1.2 server). bearssl-i31: BearSSL's
# server with its 31-bit RSA (br_rsa_i31: an MCU's; the default on x86-64
# is i62, with 64x64->128 products), tls12-rsa only. Output:
#   compare-server: <library> <config> hs_instr=N heap=N caller_mem=N stack=N
# in $OUT/compare-server.txt and the marked server section of
# docs/COMPARE.md (report.py serverdoc).
#
# Environment: BUILD (default build), CC (default cc), MOTE_COMPARE_JOBS
# (configurations run at once, default 2), MOTE_COMPARE_ONLY (a substring:
# only configurations/libraries matching it; the doc is then left alone).
set -u
cd "$(dirname "$0")/../.." || exit 1
# shellcheck source=bench/compare/common.sh
. bench/compare/common.sh
BUILD=${BUILD:-build}
CC=${CC:-cc}
OUT=$BUILD/compare
JOBS=${MOTE_COMPARE_JOBS:-2}
ONLY=${MOTE_COMPARE_ONLY:-}
OPENSSL_MASK='~0x200000200000000:~0x0' # CPUID.1:ECX bits 25 (AES-NI) and 1 (PCLMULQDQ)

CONFIGS=(tls12-ecdsa tls12-rsa tls13-ecdsa tls13-rsa tls13-ecdsa-p256 tls13-rsa-p256
    tls12-ecdsa-chacha tls13-ecdsa-chacha)
LIBS=(mote bearssl mbedtls wolfssl wolfssl-c openssl)
SCONFIGS=(tls12-ecdsa tls12-rsa tls13-ecdsa tls13-rsa)
SLIBS=(mote bearssl bearssl-i31 mbedtls wolfssl openssl)
SERVER_ONLY=0
[ "${1:-}" = --server ] && SERVER_ONLY=1

for tool in openssl valgrind python3; do
    command -v $tool >/dev/null || {
        echo "compare: $tool not found" >&2
        exit 1
    }
done
make -s lib BUILD="$BUILD" || {
    echo "compare: make lib failed" >&2
    exit 1
}
# the servers' mote: with its TLS 1.2 server
make -s lib BUILD="$BUILD/compare/lib-server" EXTRA_CFLAGS=-DMOTE_ENABLE_SERVER12=1 || {
    echo "compare: make lib (server) failed" >&2
    exit 1
}
mkdir -p "$OUT/bin" "$OUT/res" "$OUT/www"
rm -rf "$OUT/res"/*
OUT_ABS=$(cd "$OUT" && pwd)
# wolfssl-c: wolfSSL from Debian's source package in portable C, built once
# into $OUT/wolfssl-c (bench/compare/wolfssl_c.sh); if it cannot be, the
# client does not build and its lines say n/a. (Clients only: not built for
# --server.)
WOLFSSL_C="$OUT/wolfssl-c/unavailable"
if [ $SERVER_ONLY = 0 ] &&
    ! WOLFSSL_C=$(bash bench/compare/wolfssl_c.sh "$OUT/wolfssl-c" 2>"$OUT/bin/wolfssl-c-lib.log"); then
    echo "compare: wolfssl-c: $(tail -1 "$OUT/bin/wolfssl-c-lib.log")" >&2
    WOLFSSL_C="$OUT/wolfssl-c/unavailable"
fi

# ---- clients ----
# -z now: symbols are bound at load time, so the painted stack measures the
# library's handshake, not the dynamic linker's lazy binding (which saves
# registers on the stack of whichever call first reaches a libc function:
# about 0.9 KB deep inside mote's handshake, nothing in BearSSL's).
CFLAGS=(-std=c99 -O2 -g -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wl,-z,now -Iinclude -Isrc -Itools -Ibench/compare)
lib_ldlibs() {
    case $1 in
    mote) echo "$BUILD/libmote.a" ;;
    mote-s12) echo "$BUILD/compare/lib-server/libmote.a" ;;
    bearssl) echo -lbearssl ;;
    mbedtls) echo -lmbedtls -lmbedx509 -lmbedcrypto ;;
    wolfssl) echo -lwolfssl ;;
    wolfssl-c) echo "$WOLFSSL_C" ;; # compile and link flags
    openssl) echo -lssl -lcrypto ;;
    esac
}
declare -A BUILT
# build NAME: cmp_NAME_native and cmp_NAME_cg from bench/compare/cl_<lib>.c
# (mote-s12: cl_mote.c on the libmote with the TLS 1.2 server)
build() {
    local name=$1 lib=${1%-s12}
    # shellcheck disable=SC2046
    if $CC "${CFLAGS[@]}" bench/compare/harness.c bench/compare/heapcount.c \
        bench/compare/cl_$lib.c tools/stackmeter.c $(lib_ldlibs "$name") \
        -o "$OUT/bin/cmp_${name}_native" 2>"$OUT/bin/$name.log" &&
        $CC "${CFLAGS[@]}" bench/compare/harness.c bench/compare/heapstub.c \
            bench/compare/cl_$lib.c tools/stackmeter.c $(lib_ldlibs "$name") \
            -o "$OUT/bin/cmp_${name}_cg" 2>>"$OUT/bin/$name.log"; then
        BUILT[$name]=1
    else
        echo "compare: $name does not build (library missing?), see $OUT/bin/$name.log" >&2
        BUILT[$name]=0
    fi
}
for lib in "${LIBS[@]}"; do
    [ $SERVER_ONLY = 1 ] && [[ " ${SLIBS[*]} " != *" $lib "* ]] && continue
    build "$lib"
done
build mote-s12

# ---- certificates and files (made once: bench/compare/common.sh) ----
PKI=$OUT/pki
cmp_make_files "$OUT" || exit 1

# ---- servers: started per configuration, always stopped ----
SERVER_PIDS=$OUT/res/servers
: >"$SERVER_PIDS"
trap 'stop_servers' EXIT
trap 'kill $(jobs -p) 2>/dev/null; stop_servers; exit 130' INT TERM


# One client run: lib cfg port mode result-file [extra args]. Exit status
# 0 ok, 3 unsupported, other: failure.
client() {
    local lib=$1 cfg=$2 port=$3 mode=$4 res=$5 bin=$1 k
    shift 5
    k=$(chain_kind "$cfg")
    [ "$lib" = openssl-hw ] && bin=openssl
    local args=(--port "$port" --config "$cfg" --ca "$PKI/$k-root.pem" --mode "$mode" "$@")
    local envs=()
    [ "$lib" = openssl ] && envs=(OPENSSL_ia32cap="$OPENSSL_MASK")
    if [ "$mode" = callgrind ]; then
        rm -rf "$res.cg" && mkdir -p "$res.cg"
        env "${envs[@]}" timeout 600 valgrind --tool=callgrind --instr-atstart=no \
            --callgrind-out-file="$res.cg/cg.%p" "$OUT/bin/cmp_${bin}_cg" "${args[@]}" \
            >"$res" 2>"$res.err"
    else
        env "${envs[@]}" timeout 300 "$OUT/bin/cmp_${bin}_native" "${args[@]}" >"$res" 2>"$res.err"
    fi
}


# failed RES MODE RC WHAT ERRFILE: a run that went wrong: its status, a message.
failed() {
    echo "failed $2 rc=$3" >"$1.status"
    echo "compare: $4: $2 run failed: $(tail -1 "$5")" >&2
}

# Everything for one configuration, against its own server.
run_config() {
    local cfg=$1 k srvlog port="" lib rc verify
    k=$(chain_kind "$cfg")
    srvlog=$OUT/res/server-$cfg.log
    # shellcheck disable=SC2046
    (cd "$OUT/www" && exec openssl s_server -accept 127.0.0.1:0 $(server_args "$cfg") \
        -cert "$OUT_ABS/pki/$k-leaf.pem" -key "$OUT_ABS/pki/$k-leaf.key" \
        -cert_chain "$OUT_ABS/pki/$k-int.pem" -WWW) >"$srvlog" 2>&1 </dev/null &
    local spid=$!
    port=$(wait_port $spid "$srvlog" 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p')
    if [ -z "$port" ]; then
        echo "compare: $cfg: openssl s_server did not start, see $srvlog" >&2
        kill $spid 2>/dev/null
        return 1
    fi
    for lib in "${LIBS[@]}" openssl-hw; do
        local base=${lib%-hw} res=$OUT/res/$cfg.$lib
        if [ -n "$ONLY" ] && [[ "$cfg $lib" != *"$ONLY"* ]]; then continue; fi
        [ "${BUILT[$base]}" = 1 ] || {
            echo "missing" >"$res.status"
            continue
        }
        verify=on
        client "$lib" "$cfg" "$port" native "$res.native"
        rc=$?
        if [ $rc -ne 0 ] && [ $rc -ne 3 ] && [ "$lib" = mote ]; then
            # the verified handshake fails: measure unverified, say so
            mv "$res.native.err" "$res.verify.err"
            verify=pending
            client "$lib" "$cfg" "$port" native "$res.native" --no-verify
            rc=$?
        fi
        if [ $rc -eq 3 ]; then
            echo "unsupported" >"$res.status"
            continue
        fi
        if [ $rc -ne 0 ]; then
            failed "$res" native $rc "$lib $cfg" "$res.native.err"
            continue
        fi
        if [ $verify = pending ]; then
            client "$lib" "$cfg" "$port" callgrind "$res.cg.txt" --no-verify
        else
            client "$lib" "$cfg" "$port" callgrind "$res.cg.txt"
        fi
        rc=$?
        if [ $rc -ne 0 ]; then
            failed "$res" callgrind $rc "$lib $cfg" "$res.cg.txt.err"
            continue
        fi
        echo "ok verify=$verify" >"$res.status"
    done
    kill $spid 2>/dev/null
    wait $spid 2>/dev/null
    return 0
}

# ---- servers (issue 7) ----
# serve LIB CFG MODE RESULT: one server run, its client (openssl s_client,
# outside callgrind) connected to the port it prints. Exit status as the
# server's: 0 ok, 3 unsupported, other: failure.
serve() {
    local lib=$1 cfg=$2 mode=$3 res=$4 k port="" spid bin=${1%-i31}
    [ "$lib" = mote ] && bin=mote-s12
    k=$(chain_kind "$cfg")
    local args=(--serve --port 0 --config "$cfg" --cert "$PKI/$k-leaf.pem" --chain "$PKI/$k-int.pem"
        --key "$PKI/$k-leaf.key" --mode "$mode")
    local envs=()
    [ "$lib" = openssl ] && envs=(OPENSSL_ia32cap="$OPENSSL_MASK")
    [ "$lib" = bearssl-i31 ] && envs=(CMP_BEARSSL_I31=1)
    if [ "$mode" = callgrind ]; then
        rm -rf "$res.cg" && mkdir -p "$res.cg"
        env "${envs[@]}" timeout 600 valgrind --tool=callgrind --instr-atstart=no \
            --callgrind-out-file="$res.cg/cg.%p" "$OUT/bin/cmp_${bin}_cg" "${args[@]}" \
            >"$res" 2>"$res.err" &
    else
        env "${envs[@]}" timeout 300 "$OUT/bin/cmp_${bin}_native" "${args[@]}" >"$res" 2>"$res.err" &
    fi
    spid=$!
    port=$(wait_port $spid "$res" 's/^listening: //p')
    # shellcheck disable=SC2046
    [ -n "$port" ] && timeout 300 openssl s_client -connect "127.0.0.1:$port" $(server_args "$cfg") \
        -CAfile "$PKI/$k-root.pem" -verify_return_error -servername localhost -ign_eof \
        </dev/null >"$res.client" 2>&1
    wait $spid
}

run_servers() {
    local cfg lib res rc
    for cfg in "${SCONFIGS[@]}"; do
        for lib in "${SLIBS[@]}"; do
            res=$OUT/res/server.$cfg.$lib
            if [ -n "$ONLY" ] && [[ "$cfg $lib" != *"$ONLY"* ]]; then continue; fi
            [ "$lib" = bearssl-i31 ] && [[ $cfg != tls12-rsa ]] && continue # (only RSA differs)
            local bin=${lib%-i31}
            [ "$lib" = mote ] && bin=mote-s12
            [ "${BUILT[$bin]}" = 1 ] || {
                echo "missing" >"$res.status"
                continue
            }
            serve "$lib" "$cfg" native "$res.native"
            rc=$?
            if [ $rc -eq 3 ]; then
                echo "unsupported" >"$res.status"
                continue
            fi
            if [ $rc -ne 0 ] || ! grep -q "Verify return code: 0" "$res.native.client"; then
                failed "$res" native $rc "server $lib $cfg" "$res.native.err"
                continue
            fi
            serve "$lib" "$cfg" callgrind "$res.cg.txt"
            rc=$?
            if [ $rc -ne 0 ]; then
                failed "$res" callgrind $rc "server $lib $cfg" "$res.cg.txt.err"
                continue
            fi
            echo "ok" >"$res.status"
        done
    done
}

start=$(date +%s)
status=0
if [ $SERVER_ONLY = 0 ]; then
    for cfg in "${CONFIGS[@]}"; do
        if [ -n "$ONLY" ]; then
            match=0
            for lib in "${LIBS[@]}" openssl-hw; do [[ "$cfg $lib" == *"$ONLY"* ]] && match=1; done
            [ $match = 1 ] || continue
        fi
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
        run_config "$cfg" &
    done
    wait
    stop_servers

    python3 bench/compare/report.py lines --res "$OUT/res" --configs "${CONFIGS[*]}" \
        --libs "${LIBS[*]} openssl-hw" >"$OUT/compare.txt"
    status=$?
    cat "$OUT/compare.txt"
    if [ $status -eq 0 ] && [ -z "$ONLY" ] && [ "${MOTE_COMPARE_NO_DOC:-0}" != 1 ]; then
        python3 bench/compare/report.py doc --compare "$OUT/compare.txt" --doc docs/COMPARE.md &&
            echo "compare: wrote docs/COMPARE.md"
    fi
    grep -q 'FAILED' "$OUT/compare.txt" && status=1
fi

run_servers
stop_servers
python3 bench/compare/report.py serverlines --res "$OUT/res" --configs "${SCONFIGS[*]}" \
    --libs "${SLIBS[*]}" >"$OUT/compare-server.txt" || status=1
cat "$OUT/compare-server.txt"
if [ -z "$ONLY" ] && [ "${MOTE_COMPARE_NO_DOC:-0}" != 1 ] && ! grep -q 'FAILED' "$OUT/compare-server.txt"; then
    python3 bench/compare/report.py serverdoc --compare "$OUT/compare-server.txt" \
        --doc docs/COMPARE.md && echo "compare: wrote the server section of docs/COMPARE.md"
fi
grep -q 'FAILED' "$OUT/compare-server.txt" && status=1
echo "compare: took $(($(date +%s) - start)) s"
exit $status
