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
# then, default build, 1 KiB records, for TLS 1.3 and TLS 1.2, a full
# handshake next to a resumed one (the session of a first connection saved
# with --session-out, the measured one started with --session-in; TLS 1.3
# also with psk_ke, against a server started with -allow_no_dhe_kex):
#   resume: <version> <chain> full|resumed|resumed-psk_ke hs_instr=N ctx=N ... total=N
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

# Resumed handshakes next to full ones (MOTE_BENCH_BUILD: the build to
# measure, default build/).
rb=${MOTE_BENCH_BUILD:-build}
for chain in p256 rsa2048; do
    dir=$MOTE_INTEROP_TMP/$chain
    for v in 1.3 1.2; do
        mote_start_openssl_server "$dir" PORT "-tls${v/./_}" -rev -allow_no_dhe_kex
        # (P-256 in the list: TLS 1.2 needs the ECDSA certificate's curve)
        args="127.0.0.1:$PORT --ca $dir/root.pem --host localhost --groups x25519,p256 --tls$v --in-buf 1053 --out-buf 1053"
        sess=$MOTE_INTEROP_TMP/sess.$chain.$v
        printf 'x\n' | $rb/mote client $args --session-out "$sess" >/dev/null 2>&1
        for mode in full resumed resumed-psk_ke; do
            extra=""
            [ $mode = resumed ] && extra="--session-in $sess"
            [ $mode = resumed-psk_ke ] && extra="--session-in $sess --psk-ke"
            [ $mode = resumed-psk_ke ] && [ $v = 1.2 ] && continue
            ram=$(printf 'x\n' | $rb/mote client $args $extra --stats 2>&1 | grep '^ram:')
            cg=$MOTE_INTEROP_TMP/cg.out
            printf 'x\n' | valgrind --tool=callgrind --callgrind-out-file="$cg" \
                --toggle-collect=mote_posix_handshake $rb/mote client $args $extra >"$cg.log" 2>&1
            grep -q '^resumed: yes' "$cg.log" || [ $mode = full ] || echo "resume: $v $chain $mode: NOT RESUMED"
            instr=$(grep '^summary:' "$cg" | awk '{print $2}')
            echo "resume: $v $chain $mode hs_instr=${instr:-n/a} ${ram#ram: }"
        done
        mote_stop_servers
    done
done
