#!/usr/bin/env bash
# RAM and handshake cost of mote's TLS 1.3 server (`mote server`), with
# `openssl s_client -tls1_3` on 127.0.0.1 as the client, for an ECDSA P-256
# and an RSA-2048 server chain (leaf + intermediate sent, X25519,
# AES-128-GCM), with 1 KiB records (both server buffers 1053 bytes; the
# client sends max_fragment_length 1024) and with 16 KiB records, in the
# default build and the "small" one (-DMOTE_AES_WORD64=0
# -DMOTE_MAX_RSA_BITS=2048, the shape of a 32-bit device build), and with
# a client certificate required (P-256 chain, 1 KiB records).
#
# Prints one line per build x chain x record size:
#   server: <build> <chain> <records> hs_instr=N ctx=N in=N out=N stack=N total=N
# and, with --tickets, a full handshake that issues two tickets and the
# resumed one after it (openssl -sess_out / -sess_in; psk_dhe_ke, no
# certificate or signature):
#   server: <build> <chain> 16k tickets full_instr=N resumed_instr=N
# and the same for TLS 1.2 (openssl s_client -tls1_2; ECDHE over x25519
# with the P-256 and RSA-2048 chains, DHE_RSA over ffdhe2048, and the
# resumed handshakes by ticket and by session id, --cache 4 with
# -no_ticket):
#   server12: <build> <chain> <records> [dhe] hs_instr=N ctx=N in=N out=N stack=N total=N
#   server12: <build> <chain> 16k tickets|session-id full_instr=N resumed_instr=N
# hs_instr: callgrind instructions inside mote_posix_handshake on the
# server (engine, crypto and the socket calls' user-space part) for one
# full handshake; stack: measured peak of the engine calls (painted stack,
# tools/stackmeter.c).
#
#   bash bench/tls_server.sh   (MOTE_BENCH_BUILD, MOTE_BENCH_SMALL: build directories)
set -u
cd "$(dirname "$0")/.."
. tests/interop/lib.sh
# MOTE_BENCH_BUILD / MOTE_BENCH_SMALL: the two build directories
big=${MOTE_BENCH_BUILD:-build}
small=${MOTE_BENCH_SMALL:-build-small}
make -s -j2 BUILD="$big" tool >/dev/null || exit 1
make -s -j2 BUILD="$small" EXTRA_CFLAGS="-DMOTE_AES_WORD64=0 -DMOTE_MAX_RSA_BITS=2048" tool \
    >/dev/null || exit 1

# one BUILD DIR RECORDS NAME [server options]: one handshake, measured twice
# (--stats for the RAM line; callgrind for the instructions).
one() {
    local build=$1 dir=$2 rec=$3 name=$4 bufs=() cargs=() port cg pid pass i
    shift 4
    if [ "$rec" = 1k ]; then
        bufs=(--in-buf 1053 --out-buf 1053)
        cargs=(-maxfraglen 1024)
    fi
    cg=$MOTE_INTEROP_TMP/cg.out
    rm -f "$cg"
    for pass in stats callgrind; do
        local run=()
        [ $pass = callgrind ] && run=(valgrind --tool=callgrind --callgrind-out-file="$cg"
            --toggle-collect=mote_posix_handshake)
        port=$(mote_free_port)
        "${run[@]}" "$build/mote" server --port "$port" --cert "$dir/chain.pem" --key "$dir/leaf.key" \
            --count 1 --groups "$groups" --ciphers "$sc" "${bufs[@]}" --stats "$@" \
            2>"$MOTE_INTEROP_TMP/srv.$pass" &
        pid=$!
        for ((i = 0; i < 300; i++)); do
            _mote_pid_listens "$pid" "$port" 127.0.0.1 && break
            sleep 0.05
        done
        printf 'x\n' | timeout 60 openssl s_client -connect "127.0.0.1:$port" $tls -quiet -nocommands \
            -no_ign_eof "${cargs[@]}" "${client[@]}" >/dev/null 2>&1
        wait "$pid" 2>/dev/null
    done
    ram=$(grep '^ram:' "$MOTE_INTEROP_TMP/srv.stats" | tail -1)
    instr=$(grep '^summary:' "$cg" 2>/dev/null | awk '{print $2}')
    echo "$label: $name hs_instr=${instr:-n/a} ${ram#ram: }"
}

client=()
tls=-tls1_3 sc=aes128gcm groups=x25519 label=server
for chain in p256 rsa2048; do
    dir=$MOTE_INTEROP_TMP/$chain
    mote_gen_chain "$dir" "$chain" >/dev/null
    for rec in 1k 16k; do
        one "$big" "$dir" $rec "default $chain $rec"
        one "$small" "$dir" $rec "small $chain $rec"
    done
done
dir=$MOTE_INTEROP_TMP/p256
client=(-cert "$dir/client.pem" -cert_chain "$dir/int.pem" -key "$dir/client.key")
one "$big" "$dir" 1k "default p256 1k client-cert" --ca "$dir/root.pem" --verify require
one "$small" "$dir" 1k "small p256 1k client-cert" --ca "$dir/root.pem" --verify require

# resumed BUILD DIR NAME: one full handshake with tickets, then one resumed
# with its ticket; callgrind dumps after each handshake.
resumed() {
    local build=$1 dir=$2 name=$3 port pid i cg=$MOTE_INTEROP_TMP/cgt.out
    rm -f "$cg" "$cg".* "$MOTE_INTEROP_TMP/sess.pem"
    port=$(mote_free_port)
    valgrind --tool=callgrind --callgrind-out-file="$cg" --toggle-collect=mote_posix_handshake \
        --dump-after=mote_posix_handshake "$build/mote" server --port "$port" \
        --cert "$dir/chain.pem" --key "$dir/leaf.key" --count 2 --groups "$groups" --ciphers "$sc" \
        "${sopts[@]}" 2>"$MOTE_INTEROP_TMP/srv.tickets" &
    pid=$!
    for ((i = 0; i < 300; i++)); do
        _mote_pid_listens "$pid" "$port" 127.0.0.1 && break
        sleep 0.05
    done
    (printf 'x\n'; sleep 2) | timeout 60 openssl s_client -connect "127.0.0.1:$port" $tls -quiet \
        -no_ign_eof "${client[@]}" -sess_out "$MOTE_INTEROP_TMP/sess.pem" >/dev/null 2>&1
    (printf 'x\n'; sleep 2) | timeout 60 openssl s_client -connect "127.0.0.1:$port" $tls -quiet \
        -no_ign_eof "${client[@]}" -sess_in "$MOTE_INTEROP_TMP/sess.pem" >/dev/null 2>&1
    wait "$pid" 2>/dev/null
    grep -q 'resumed yes' "$MOTE_INTEROP_TMP/srv.tickets" || echo "server: $name: not resumed"
    echo "$label: $name full_instr=$(grep '^summary:' "$cg.1" 2>/dev/null | awk '{print $2}')" \
        "resumed_instr=$(grep '^summary:' "$cg.2" 2>/dev/null | awk '{print $2}')"
}
client=() sopts=(--tickets)
for chain in p256 rsa2048; do
    resumed "$big" "$MOTE_INTEROP_TMP/$chain" "default $chain 16k tickets"
done

# TLS 1.2
tls=-tls1_2 label=server12 client=()
sc=ecdhe-ecdsa-aes128gcm,ecdhe-rsa-aes128gcm,dhe-rsa-aes128gcm
for chain in p256 rsa2048; do
    dir=$MOTE_INTEROP_TMP/$chain
    one "$big" "$dir" 1k "default $chain 1k"
    one "$small" "$dir" 1k "small $chain 1k"
done
groups=x25519,ffdhe2048 client=(-cipher DHE-RSA-AES128-GCM-SHA256)
one "$big" "$MOTE_INTEROP_TMP/rsa2048" 1k "default rsa2048 1k dhe"
groups=x25519 client=() sopts=(--tickets)
resumed "$big" "$MOTE_INTEROP_TMP/p256" "default p256 16k tickets"
client=(-no_ticket) sopts=(--cache 4)
resumed "$big" "$MOTE_INTEROP_TMP/p256" "default p256 16k session-id"
