#!/usr/bin/env bash
# mote's TLS 1.3 client against real peers on 127.0.0.1: openssl s_server
# and gnutls-serv, started here on free ports and always stopped.
#
#   every chain kind (RSA-2048, RSA-4096, RSA-PSS, ECDSA P-256, P-384, Ed25519,
#     an Ed25519 leaf under ECDSA CAs; root -> intermediate -> leaf) x both servers x
#     every suite (x25519) and every group (AES-128-GCM), chain and host verified
#   mutual TLS (ECDSA P-256/P-384, RSA-2048, Ed25519 client keys),
#   HelloRetryRequest (server wants P-384 / ffdhe2048), record_size_limit
#   (gnutls) and max_fragment_length (openssl) with 1 KiB-record buffers,
#   1 MiB each way, KeyUpdate both ways, and the failures: wrong host name,
#   untrusted root, expired leaf, tampered record, server ignoring the size
#   limit, server sending garbage -- each with its expected error.
#
# Usage: tests/interop/tls13_client.sh [path/to/mote]   (default build/mote)
# Prints "interop: <case> ok|FAIL ..." and ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MOTE=${1:-$here/../../build/mote}
work=$MOTE_INTEROP_TMP # removed at exit by lib.sh, after the servers stop

ok() { mote_ok "$1"; }
bad() { mote_fail "$1" "$2"; }

# run_client CASE EXPECT PORT CHAINDIR [client options...]
#   EXPECT "ok": the reversed/echoed line must come back;
#   anything else: the handshake must fail with that text in its error.
run_client() {
    local name=$1 expect=$2 port=$3 dir=$4 out
    shift 4
    out=$(printf 'ping mote\n' | timeout 20 "$MOTE" client "127.0.0.1:$port" --ca "$dir/root.pem" \
        --host localhost "$@" 2>&1)
    if [ "$expect" = ok ]; then
        if echo "$out" | grep -q -e 'etom gnip' -e 'ping mote'; then ok "$name"; else bad "$name" "$(echo "$out" | tail -3 | tr '\n' ' ')"; fi
    else
        if echo "$out" | grep -q "handshake failed: .*$expect\|mote client: .*$expect"; then ok "$name"; else bad "$name" "expected '$expect', got: $(echo "$out" | tail -2 | tr '\n' ' ')"; fi
    fi
    LAST_OUT=$out
}

suites="aes128gcm aes256gcm chacha20 aes128ccm"
groups="x25519 p256 p384 ffdhe2048"

for kind in rsa2048 rsa4096 rsapss2048 p256 p384 ed25519 ed25519-ecroot; do
    dir=$work/$kind
    mote_gen_chain "$dir" "$kind" || { bad "chain $kind" "could not generate"; continue; }
    mote_start_openssl_server "$dir" OPORT -tls1_3 -rev -ciphersuites \
        TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256 ||
        { bad "openssl server $kind" "did not start"; continue; }
    mote_start_gnutls_server "$dir" GPORT --echo \
        --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:+AES-128-CCM:+GROUP-FFDHE2048" ||
        { bad "gnutls server $kind" "did not start"; continue; }
    for s in $suites; do
        run_client "openssl $kind $s" ok "$OPORT" "$dir" --ciphers "$s"
        run_client "gnutls $kind $s" ok "$GPORT" "$dir" --ciphers "$s"
    done
    for g in $groups; do
        run_client "openssl $kind $g" ok "$OPORT" "$dir" --groups "$g"
        run_client "gnutls $kind $g" ok "$GPORT" "$dir" --groups "$g"
    done
    mote_stop_servers
done

dir=$work/p256
# HelloRetryRequest: the client's first share is x25519, the server wants another group
mote_start_openssl_server "$dir" OPORT -tls1_3 -rev -groups P-384
run_client "openssl hrr p384" ok "$OPORT" "$dir"
echo "$LAST_OUT" | grep -q 'group: secp384r1' || bad "openssl hrr p384 group" "$LAST_OUT"
mote_stop_servers
mote_start_gnutls_server "$dir" GPORT --echo --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-FFDHE2048"
run_client "gnutls hrr ffdhe2048" ok "$GPORT" "$dir"
echo "$LAST_OUT" | grep -q 'group: ffdhe2048' || bad "gnutls hrr ffdhe2048 group" "$LAST_OUT"
mote_stop_servers

# Record sizes that follow the buffer: 1 KiB records each way.
mote_start_gnutls_server "$dir" GPORT --echo --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3"
run_client "gnutls record_size_limit 1k" ok "$GPORT" "$dir" --in-buf 1053 --out-buf 1053 --no-mfl --stats
echo "$LAST_OUT" | grep -q 'we accept 1031' || bad "gnutls rsl advertised" "$LAST_OUT"
mote_stop_servers
mote_start_openssl_server "$dir" OPORT -tls1_3 -rev
run_client "openssl max_fragment_length 1k" ok "$OPORT" "$dir" --in-buf 1053 --out-buf 1053
echo "$LAST_OUT" | grep -q 'peer accepts 1024' || bad "openssl mfl echoed" "$LAST_OUT"
# OpenSSL ignores record_size_limit: without MFL its 16 KiB records overflow
# a 1 KiB buffer, and mote says so.
head -c 20000 /dev/zero | tr '\0' 'a' >"$work/long.txt"
echo >>"$work/long.txt"
out=$(timeout 20 "$MOTE" client "127.0.0.1:$OPORT" --ca "$dir/root.pem" --host localhost \
    --in-buf 1053 --out-buf 1053 --no-mfl <"$work/long.txt" 2>&1)
if echo "$out" | grep -q 'record_overflow'; then ok "server ignoring the size limit -> record_overflow"; else bad "record_overflow" "$(echo "$out" | tail -2)"; fi
mote_stop_servers

# 1 MiB each way through gnutls' echo server, with KeyUpdate both ways first.
mote_start_gnutls_server "$dir" GPORT --echo --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3"
head -c 786432 /dev/urandom | base64 -w 76 >"$work/mib.txt"
timeout 60 "$MOTE" client "127.0.0.1:$GPORT" --ca "$dir/root.pem" --host localhost --key-update \
    <"$work/mib.txt" >"$work/mib.out" 2>"$work/mib.err"
if cmp -s "$work/mib.txt" "$work/mib.out" && grep -q 'key update: sent' "$work/mib.err"; then
    ok "1 MiB each way after KeyUpdate both ways ($(wc -c <"$work/mib.txt") bytes)"
else
    bad "1 MiB each way" "$(tail -2 "$work/mib.err") out=$(wc -c <"$work/mib.out")"
fi
mote_stop_servers

# (a build with MOTE_ENABLE_TLS_CLIENT_AUTH=0 has no certificate to send:
# only the refusals run)
CLIENT_AUTH=$("$MOTE" version | grep -o ' tls-client-auth')
[ -n "$CLIENT_AUTH" ] || echo "(mutual TLS skipped: built with MOTE_ENABLE_TLS_CLIENT_AUTH=0)"
# Mutual TLS: the client certificate chain (leaf + intermediate) streams out
# through 1 KiB records; servers that require a certificate refuse a client
# without one.
for kind in p256 p384 rsa2048 ed25519-ecroot; do
    dir=$work/$kind
    [ -f "$dir/root.pem" ] || mote_gen_chain "$dir" "$kind"
    cat "$dir/client.pem" "$dir/int.pem" >"$dir/clientchain.pem"
    mote_start_openssl_server "$dir" OPORT -tls1_3 -rev -Verify 1 -CAfile "$dir/root.pem" -verify_return_error
    if [ -n "$CLIENT_AUTH" ]; then
        run_client "openssl mutual TLS $kind" ok "$OPORT" "$dir" --cert "$dir/clientchain.pem" \
            --key "$dir/client.key" --in-buf 1053 --out-buf 1053
    fi
    run_client "openssl refuses a client without certificate ($kind)" "peer sent a fatal alert" "$OPORT" "$dir"
    mote_stop_servers
    [ -n "$CLIENT_AUTH" ] || continue
    mote_start_gnutls_server "$dir" GPORT --echo --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3" \
        --x509cafile "$dir/root.pem" -r
    run_client "gnutls mutual TLS $kind" ok "$GPORT" "$dir" --cert "$dir/clientchain.pem" --key "$dir/client.key"
    mote_stop_servers
done

# Certificates signed with Ed25519 must be kept whole until the issuer's key
# arrives: the validator borrows the idle output buffer, also at 1 KiB.
run_client_ed() {
    mote_start_openssl_server "$work/ed25519" OPORT -tls1_3 -rev
    run_client "ed25519-signed chain through 1 KiB buffers" ok "$OPORT" "$work/ed25519" \
        --in-buf 1053 --out-buf 1053
    mote_stop_servers
}
run_client_ed

# Failures: the right error, never a hang or a crash.
mote_start_openssl_server "$dir" OPORT -tls1_3 -rev
run_client "wrong host name" "name mismatch" "$OPORT" "$dir" --host other.example
out=$(printf 'x\n' | timeout 20 "$MOTE" client "127.0.0.1:$OPORT" --ca "$dir/untrusted-root.pem" --host localhost 2>&1)
if echo "$out" | grep -q 'unknown issuer'; then ok "untrusted root"; else bad "untrusted root" "$out"; fi
mote_stop_servers
MOTE_SERVER_CERT=expired.pem mote_start_openssl_server "$dir" OPORT -tls1_3 -rev
run_client "expired leaf" "expired" "$OPORT" "$dir"
mote_stop_servers
mote_start_openssl_server "$dir" OPORT -tls1_3 -rev
eport=$(mote_free_port)
python3 "$here/evil.py" flip "$eport" "$OPORT" 3 >"$work/evil1" & # 1 ServerHello, 2 CCS, 3 encrypted
mote_wait_for_file "$work/evil1" '^[0-9]+' 10
run_client "tampered record" "bad_record_mac" "$eport" "$dir"
eport=$(mote_free_port)
python3 "$here/evil.py" garbage "$eport" >"$work/evil2" &
mote_wait_for_file "$work/evil2" '^[0-9]+' 10
run_client "server sends garbage" "unexpected_message" "$eport" "$dir"
mote_stop_servers
wait 2>/dev/null

mote_summary
