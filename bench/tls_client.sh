#!/usr/bin/env bash
# RAM and handshake cost of mote's TLS 1.3 client, against openssl s_server
# on 127.0.0.1 (started and stopped here), for an ECDSA P-256 chain and an
# RSA-2048 chain (root -> intermediate -> leaf, verified with host name),
# X25519, AES-128-GCM, with 1 KiB records and with 16 KiB records.
#
# Two builds: the default (x86-64: 64-bit-word AES, RSA up to 4096 bits)
# and "small" (-DMOTE_AES_WORD64=0 -DMOTE_MAX_RSA_BITS=2048: what a 32-bit
# device build looks like, keys and validator state sized for RSA-2048).
#
# Prints one line per build x chain x record size:
#   tls: <build> <chain> <records> hs_instr=N ctx=N in=N out=N stack=N total=N
# hs_instr: callgrind instructions inside mote_posix_handshake (engine,
# crypto and the socket calls' user-space part). stack: measured peak of
# the engine calls (painted stack, tools/stackmeter.c).
#
#   bash bench/tls_client.sh
set -u
cd "$(dirname "$0")/.."
. tests/interop/lib.sh
make -s -j2 BUILD=build tool >/dev/null || exit 1
make -s -j2 BUILD=build-small EXTRA_CFLAGS="-DMOTE_AES_WORD64=0 -DMOTE_MAX_RSA_BITS=2048" tool \
    >/dev/null || exit 1
for chain in p256 rsa2048; do
    dir=$MOTE_INTEROP_TMP/$chain
    mote_gen_chain "$dir" "$chain" >/dev/null
    mote_start_openssl_server "$dir" PORT -tls1_3 -rev
    for build in build build-small; do
        for rec in 1k 16k; do
            bufs=""
            [ "$rec" = 1k ] && bufs="--in-buf 1053 --out-buf 1053"
            args="127.0.0.1:$PORT --ca $dir/root.pem --host localhost --groups x25519 --ciphers aes128gcm $bufs"
            ram=$(printf 'x\n' | $build/mote client $args --stats 2>&1 | grep '^ram:')
            cg=$MOTE_INTEROP_TMP/cg.out
            printf 'x\n' | valgrind --tool=callgrind --callgrind-out-file="$cg" \
                --toggle-collect=mote_posix_handshake $build/mote client $args >/dev/null 2>&1
            instr=$(grep '^summary:' "$cg" | awk '{print $2}')
            name=$([ "$build" = build ] && echo default || echo small)
            echo "tls: $name $chain $rec hs_instr=${instr:-n/a} ${ram#ram: }"
        done
    done
    mote_stop_servers
done
