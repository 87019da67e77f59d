#!/usr/bin/env bash
# Session resumption and pre-shared keys, mote's client against real peers
# on 127.0.0.1 (openssl s_server, gnutls-serv), started here on free ports:
#
#   TLS 1.3 tickets (psk_dhe_ke; psk_ke where the server allows it; after a
#     HelloRetryRequest) and TLS 1.2 session tickets and session ids, with
#     both servers: `mote client --resume 2` makes three connections, the
#     last two must resume, and the server must say so ("Reused session-id"
#     from openssl, "This is a resumed session" from gnutls-serv)
#   across a process restart: --session-out, then --session-in
#   a corrupted session file and an expired session: a full handshake
#   external PSK (openssl s_server -psk -nocert), psk_ke and psk_dhe_ke, a
#     wrong key refused
#   0-RTT early data (--early-data) taken by openssl -early_data and
#     gnutls-serv --earlydata; refused by a server without it (then sent
#     after the handshake)
#   a server that answers a resumption with another cipher suite
#     (evil.py suite): refused with illegal_parameter, TLS 1.2 and 1.3
#   a session offered to another server (other certificate, unknown CA):
#     not resumed, and the full handshake fails verification
#
# Usage: tests/interop/resume.sh [path/to/mote]   (default build/mote)
# Prints "interop: <case> ok|FAIL ..." and ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MOTE=${1:-$here/../../build/mote}
work=$MOTE_INTEROP_TMP

ok() { mote_ok "$1"; }
bad() { mote_fail "$1" "$2"; }

dir=$work/p256
mote_gen_chain "$dir" p256 || exit 1
other=$work/rsa
mote_gen_chain "$other" rsa2048 || exit 1

# client PORT [options...]: one `mote client` run; stdin "hello mote";
# its stderr+stdout in $OUT.
client() {
    local port=$1
    shift
    OUT=$(printf 'hello mote\n' | timeout 30 "$MOTE" client "127.0.0.1:$port" --ca "$dir/root.pem" \
        --host localhost "$@" 2>&1)
}

# resumed_pattern: the "resumed:" lines of $OUT joined ("no yes yes")
resumed() { echo "$OUT" | sed -n 's/^resumed: //p' | tr '\n' ' ' | sed 's/ $//'; }

# expect_resumed CASE WANT SERVERLOG MARKER COUNT
expect_resumed() {
    local name=$1 want=$2 log=$3 marker=$4 count=$5 got n
    got=$(resumed)
    n=$(grep -c -- "$marker" "$log" 2>/dev/null)
    if [ "$got" != "$want" ]; then
        bad "$name" "client said resumed: '$got', wanted '$want': $(echo "$OUT" | grep -i -e fail -e error | head -2 | tr '\n' ' ')"
    elif [ "$n" -lt "$count" ]; then
        bad "$name" "server log has $n x '$marker', wanted $count"
    else
        ok "$name"
    fi
}

# ---- openssl s_server: TLS 1.3 and 1.2 ("Reused session-id" per resumption)
for v in tls1_3 tls1_2; do
    for extra in "" -no_ticket; do
        [ "$v" = tls1_3 ] && [ -n "$extra" ] && continue
        mote_start_openssl_server "$dir" OPORT "-$v" $extra || exit 1
        client "$OPORT" --resume 2
        expect_resumed "openssl $v ${extra:-tickets} --resume 2" "no yes yes" "$OPORT_LOG" "Reused session-id" 2
        mote_stop_servers
    done
done

# TLS 1.3 psk_ke (no key share, no (EC)DHE): openssl needs -allow_no_dhe_kex
mote_start_openssl_server "$dir" OPORT -tls1_3 -allow_no_dhe_kex || exit 1
client "$OPORT" --resume 1 --psk-ke
expect_resumed "openssl tls1_3 psk_ke" "no yes" "$OPORT_LOG" "Reused session-id" 1
if [ "$(echo "$OUT" | grep '^group:' | tail -1)" = "group: (none)" ]; then ok "psk_ke: no key exchange"; else bad "psk_ke: no key exchange" "$(echo "$OUT" | grep '^group:' | tr '\n' ' ')"; fi
mote_stop_servers
# without -allow_no_dhe_kex openssl declines psk_ke: a full handshake
mote_start_openssl_server "$dir" OPORT -tls1_3 || exit 1
client "$OPORT" --resume 1 --psk-ke
expect_resumed "openssl declines psk_ke: full handshake" "no no" "$OPORT_LOG" "CIPHER is" 2
mote_stop_servers

# HelloRetryRequest (the server wants P-256): the binder is recomputed
mote_start_openssl_server "$dir" OPORT -tls1_3 -groups P-256 || exit 1
client "$OPORT" --resume 2
expect_resumed "openssl tls1_3 resumption after HelloRetryRequest" "no yes yes" "$OPORT_LOG" "Reused session-id" 2
mote_stop_servers

# ---- gnutls-serv ("*** This is a resumed session")
for prio in VERS-TLS1.3 VERS-TLS1.2; do
    for extra in "" --noticket; do
        [ "$prio" = VERS-TLS1.3 ] && [ -n "$extra" ] && continue
        mote_start_gnutls_server "$dir" GPORT --echo --priority "NORMAL:-VERS-ALL:+$prio" $extra || exit 1
        client "$GPORT" --resume 2
        expect_resumed "gnutls $prio ${extra:-tickets} --resume 2" "no yes yes" "$GPORT_LOG" "This is a resumed session" 2
        if ! echo "$OUT" | grep -q '^hello mote'; then bad "gnutls $prio ${extra:-tickets} echo" "no echo"; fi
        mote_stop_servers
    done
done

# ---- across a process restart: --session-out, then --session-in
for v in tls1_3 tls1_2; do
    mote_start_openssl_server "$dir" OPORT "-$v" || exit 1
    rm -f "$work/sess.$v"
    client "$OPORT" --session-out "$work/sess.$v"
    if [ ! -s "$work/sess.$v" ]; then bad "$v session saved" "$(echo "$OUT" | grep session)"; fi
    client "$OPORT" --session-in "$work/sess.$v"
    expect_resumed "$v resumed after a restart (--session-in)" "yes" "$OPORT_LOG" "Reused session-id" 1
    mote_stop_servers
done
mote_start_gnutls_server "$dir" GPORT --echo --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3" || exit 1
client "$GPORT" --session-out "$work/sess.g13"
client "$GPORT" --session-in "$work/sess.g13" --session-out "$work/sess.g13"
expect_resumed "gnutls tls1_3 resumed after a restart" "yes" "$GPORT_LOG" "This is a resumed session" 1
client "$GPORT" --session-in "$work/sess.g13"
expect_resumed "gnutls tls1_3 resumed with the ticket of a resumed connection" "yes" "$GPORT_LOG" "This is a resumed session" 2
mote_stop_servers

# ---- 0-RTT early data (--early-data): openssl s_server -early_data prints
# "Early data received:" for each connection whose early data it took
mote_start_openssl_server "$dir" OPORT -tls1_3 -early_data || exit 1
OUT=$( (sleep 1; echo) | timeout 30 "$MOTE" client "127.0.0.1:$OPORT" --ca "$dir/root.pem" --host localhost \
    --resume 2 --early-data "early hello" 2>&1)
n=$(grep -c "Early data received" "$OPORT_LOG")
if [ "$(echo "$OUT" | sed -n 's/^early data: //p' | cut -d' ' -f1 | tr '\n' ' ')" = "not accepted accepted " ] &&
    [ "$n" -ge 2 ] && [ "$(grep -c 'early hello' "$OPORT_LOG")" -ge 3 ]; then
    ok "openssl tls1_3 0-RTT early data accepted on resumption"
else
    bad "openssl tls1_3 0-RTT early data accepted on resumption" "server saw $n; $(echo "$OUT" | grep '^early' | tr '\n' ' ')"
fi
mote_stop_servers
# a server without early data: refused, sent again after the handshake
mote_start_openssl_server "$dir" OPORT -tls1_3 || exit 1
OUT=$( (sleep 1; echo) | timeout 30 "$MOTE" client "127.0.0.1:$OPORT" --ca "$dir/root.pem" --host localhost \
    --resume 1 --early-data "early hello" 2>&1)
if [ "$(resumed)" = "no yes" ] && [ "$(echo "$OUT" | grep -c '^early data: not accepted')" = 2 ] &&
    [ "$(grep -c 'early hello' "$OPORT_LOG")" -ge 2 ]; then
    ok "0-RTT refused: resumed, data sent after the handshake"
else
    bad "0-RTT refused: resumed, data sent after the handshake" "$(echo "$OUT" | grep -e '^early' -e resumed | tr '\n' ' ')"
fi
mote_stop_servers
mote_start_gnutls_server "$dir" GPORT --echo --earlydata --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3" || exit 1
# (gnutls-serv's anti-replay window takes the early data of some runs and
# not of others; either way the connection resumes and the data arrives)
client "$GPORT" --resume 1 --early-data "early hello"
if [ "$(resumed)" = "no yes" ] && [ "$(echo "$OUT" | grep -c '^early data: ')" = 2 ]; then
    ok "gnutls tls1_3 0-RTT early data (accepted or sent after the handshake)"
else
    bad "gnutls tls1_3 0-RTT early data (accepted or sent after the handshake)" "$(echo "$OUT" | grep -e '^early' -e resumed | tr '\n' ' ')"
fi
mote_stop_servers

# ---- unusable sessions: a full handshake, cleanly
mote_start_openssl_server "$dir" OPORT -tls1_3 || exit 1
client "$OPORT" --session-out "$work/sess.c"
cp "$work/sess.c" "$work/sess.bad"
printf '\x55' | dd of="$work/sess.bad" bs=1 seek=40 conv=notrunc 2>/dev/null
client "$OPORT" --session-in "$work/sess.bad"
if [ "$(resumed)" = no ] && echo "$OUT" | grep -q "unusable" && echo "$OUT" | grep -q '^verification: OK'; then
    ok "corrupted session file: full handshake"
else
    bad "corrupted session file: full handshake" "$(echo "$OUT" | grep -e session -e resumed | tr '\n' ' ')"
fi
head -c 20 "$work/sess.c" >"$work/sess.short"
client "$OPORT" --session-in "$work/sess.short"
if [ "$(resumed)" = no ] && echo "$OUT" | grep -q "unusable"; then ok "truncated session file: full handshake"; else bad "truncated session file: full handshake" "$(resumed)"; fi
# expired: received 3 hours ago (openssl's tickets live 2 hours); the
# format is documented (src/tls/session.c), the check is recomputed
python3 - "$work/sess.c" "$work/sess.old" <<'EOF'
import hashlib, struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
ms = struct.unpack(">Q", b[26:34])[0] - 3 * 3600 * 1000
b[26:34] = struct.pack(">Q", ms)
b[-16:] = hashlib.sha256(bytes(b[:-16])).digest()[:16]
open(sys.argv[2], "wb").write(b)
EOF
client "$OPORT" --session-in "$work/sess.old"
if [ "$(resumed)" = no ] && echo "$OUT" | grep -q '^verification: OK' && ! echo "$OUT" | grep -q unusable; then
    ok "expired session not offered: full handshake"
else
    bad "expired session not offered: full handshake" "$(echo "$OUT" | grep -e session -e resumed | tr '\n' ' ')"
fi
mote_stop_servers

# ---- external PSK (openssl s_server -psk, no certificate)
key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
mote_start_openssl_server "$dir" OPORT -tls1_3 -psk "$key" -psk_identity mote-device -nocert -rev \
    -allow_no_dhe_kex || exit 1
for mode in psk_dhe_ke psk_ke; do
    flag=()
    [ $mode = psk_ke ] && flag=(--psk-ke)
    OUT=$(printf 'hello mote\n' | timeout 30 "$MOTE" client "127.0.0.1:$OPORT" --insecure --host localhost \
        --psk-identity mote-device --psk-key "$key" "${flag[@]+"${flag[@]}"}" 2>&1)
    want_group=x25519
    [ $mode = psk_ke ] && want_group="(none)"
    if echo "$OUT" | grep -q 'etom olleh' && [ "$(resumed)" = yes ] &&
        echo "$OUT" | grep -qx "group: $want_group"; then
        ok "external PSK $mode"
    else
        bad "external PSK $mode" "$(echo "$OUT" | tail -3 | tr '\n' ' ')"
    fi
done
OUT=$(printf 'hello mote\n' | timeout 30 "$MOTE" client "127.0.0.1:$OPORT" --insecure --host localhost \
    --psk-identity mote-device --psk-key "ff${key:2}" 2>&1)
if echo "$OUT" | grep -q "handshake failed"; then ok "external PSK: wrong key refused"; else bad "external PSK: wrong key refused" "$(echo "$OUT" | tail -2 | tr '\n' ' ')"; fi
mote_stop_servers

# ---- a server resuming with another suite than the session's
evil() { # evil PORT SUITEHEX -> EPORT
    python3 "$here/evil.py" suite 0 "$1" "$2" >"$work/evil.$2" &
    mote_wait_for_file "$work/evil.$2" '^[0-9]+' 10
    EPORT=$(head -1 "$work/evil.$2")
}
mote_start_openssl_server "$dir" OPORT -tls1_2 || exit 1
client "$OPORT" --session-out "$work/sess.s12" --ciphers ecdhe-ecdsa-aes128gcm,ecdhe-ecdsa-chacha20
evil "$OPORT" cca9
client "$EPORT" --session-in "$work/sess.s12" --ciphers ecdhe-ecdsa-aes128gcm,ecdhe-ecdsa-chacha20
if echo "$OUT" | grep -q "handshake failed: .*illegal"; then ok "tls1_2 resumption with another suite refused"; else bad "tls1_2 resumption with another suite refused" "$(echo "$OUT" | tail -2 | tr '\n' ' ')"; fi
mote_stop_servers
mote_start_openssl_server "$dir" OPORT -tls1_3 || exit 1
client "$OPORT" --session-out "$work/sess.s13"
evil "$OPORT" 1302
client "$EPORT" --session-in "$work/sess.s13"
if echo "$OUT" | grep -q "handshake failed: .*illegal"; then ok "tls1_3 resumption with another hash's suite refused"; else bad "tls1_3 resumption with another hash's suite refused" "$(echo "$OUT" | tail -2 | tr '\n' ' ')"; fi
mote_stop_servers

# ---- the session offered to a server with another certificate (same name,
# a CA we do not trust): it cannot resume, the full handshake is verified
# and fails
MOTE_SERVER_CERT=$other/leaf.pem MOTE_SERVER_KEY=$other/leaf.key MOTE_SERVER_CHAIN=$other/int.pem \
    mote_start_openssl_server "$other" OPORT -tls1_3 || exit 1
client "$OPORT" --session-in "$work/sess.s13"
if [ -z "$(resumed)" ] && echo "$OUT" | grep -q "handshake failed"; then
    ok "session offered to another server: full handshake, certificate refused"
else
    bad "session offered to another server: full handshake, certificate refused" "$(echo "$OUT" | tail -2 | tr '\n' ' ')"
fi
mote_stop_servers

mote_summary
