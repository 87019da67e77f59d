#!/usr/bin/env bash
# mote's TLS 1.2 client against real peers on 127.0.0.1: openssl s_server
# and gnutls-serv limited to TLS 1.2, started here on free ports and always
# stopped. mote offers 1.3 and 1.2 in one ClientHello unless told otherwise.
#
#   ECDSA P-256 and RSA-2048 chains (root -> intermediate -> leaf, chain and
#     host verified) x both servers x every ECDHE suite of the chain's kind
#     (AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305) x groups x25519, P-256,
#     P-384; DHE-RSA with AES-GCM over ffdhe2048; P-384, RSA-PSS and Ed25519
#     leaves; ALPN
#   version negotiation: a 1.3-capable server picks 1.3; --tls1.2 against it
#     (its downgrade sentinel is no alarm when 1.3 was not offered);
#     --tls1.2 / --tls1.3 against a server of the other version fail
#   refusals: the TLS 1.3 downgrade sentinel in a 1.2 ServerHello
#     (illegal_parameter), a DH group other than ffdhe2048 (handshake_failure),
#     a server without extended_master_secret or renegotiation_info
#     (handshake_failure), a server's renegotiation (no_renegotiation warning)
#   CertificateRequest answered with an empty certificate list; mutual TLS
#     with ECDSA P-256/P-384 and RSA-2048 client keys
#   max_fragment_length (openssl) and record_size_limit (gnutls) with 1 KiB
#     records, record_overflow when the server ignores both, 1 MiB each way,
#     tampered record (bad_record_mac), wrong host name
#
# Usage: tests/interop/tls12_client.sh [path/to/mote]   (default build/mote)
# Prints "interop: <case> ok|FAIL ..." and ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MOTE=${1:-$here/../../build/mote}
work=$MOTE_INTEROP_TMP # removed at exit by lib.sh, after the servers stop

ok() { mote_ok "$1"; }
bad() { mote_fail "$1" "$2"; }

# run_client CASE EXPECT PORT CHAINDIR [client options...]
#   EXPECT "ok": the reversed/echoed line must come back, and every line of
#   $WANT (if set) must be in what mote printed; anything else: the
#   handshake must fail with that text in its error.
run_client() {
    local name=$1 expect=$2 port=$3 dir=$4 out line
    shift 4
    out=$(printf 'ping mote\n' | timeout 20 "$MOTE" client "127.0.0.1:$port" --ca "$dir/root.pem" \
        --host localhost "$@" 2>&1)
    LAST_OUT=$out
    if [ "$expect" = ok ]; then
        if ! echo "$out" | grep -q -e 'etom gnip' -e 'ping mote'; then
            bad "$name" "$(echo "$out" | tail -3 | tr '\n' ' ')"
            return
        fi
        while IFS= read -r line; do
            [ -z "$line" ] && continue
            if ! echo "$out" | grep -qF -- "$line"; then
                bad "$name" "expected '$line', got: $(echo "$out" | grep -E '^(version|cipher|group|signature|alpn|record)' | tr '\n' ' ')"
                return
            fi
        done <<<"${WANT:-}"
        ok "$name"
    else
        if echo "$out" | grep -q "handshake failed: .*$expect\|mote client: .*$expect"; then ok "$name"; else bad "$name" "expected '$expect', got: $(echo "$out" | tail -2 | tr '\n' ' ')"; fi
    fi
}

declare -A iana=(
    [ecdhe-ecdsa-aes128gcm]=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
    [ecdhe-ecdsa-aes256gcm]=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
    [ecdhe-ecdsa-chacha20]=TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    [ecdhe-rsa-aes128gcm]=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
    [ecdhe-rsa-aes256gcm]=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
    [ecdhe-rsa-chacha20]=TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
    [dhe-rsa-aes128gcm]=TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
    [dhe-rsa-aes256gcm]=TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
)
declare -A gname=([x25519]=x25519 [p256]=secp256r1 [p384]=secp384r1)

# DH parameters for openssl: RFC 7919's ffdhe2048, and two groups mote must refuse
"$MOTE_OPENSSL" genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$work/ffdhe2048.pem" 2>/dev/null
"$MOTE_OPENSSL" genpkey -genparam -algorithm DH -pkeyopt group:ffdhe3072 -out "$work/ffdhe3072.pem" 2>/dev/null
"$MOTE_OPENSSL" genpkey -genparam -algorithm DH -pkeyopt group:modp_2048 -out "$work/modp2048.pem" 2>/dev/null

g12="NORMAL:-VERS-ALL:+VERS-TLS1.2"

for kind in p256 rsa2048; do
    dir=$work/$kind
    mote_gen_chain "$dir" "$kind" || { bad "chain $kind" "could not generate"; continue; }
    if [ "$kind" = p256 ]; then
        suites="ecdhe-ecdsa-aes128gcm ecdhe-ecdsa-aes256gcm ecdhe-ecdsa-chacha20"
    else
        suites="ecdhe-rsa-aes128gcm ecdhe-rsa-aes256gcm ecdhe-rsa-chacha20"
    fi
    mote_start_openssl_server "$dir" OPORT -tls1_2 -rev -dhparam "$work/ffdhe2048.pem" ||
        { bad "openssl server $kind" "did not start"; continue; }
    mote_start_gnutls_server "$dir" GPORT --echo --priority "$g12:+DHE-RSA:+GROUP-FFDHE2048" \
        --alpn http/1.1 ||
        { bad "gnutls server $kind" "did not start"; continue; }
    for s in $suites; do
        for g in x25519 p256 p384; do
            # TLS 1.2 servers use an ECDSA certificate only if its curve is
            # in supported_groups too (RFC 8422 section 5.1; openssl checks)
            gl=$g
            [ "$kind" = p256 ] && [ "$g" != p256 ] && gl="$g,p256"
            WANT="version: TLS 1.2
cipher: ${iana[$s]}
group: ${gname[$g]}"
            run_client "openssl $kind $s $g" ok "$OPORT" "$dir" --ciphers "$s" --groups "$gl"
            run_client "gnutls $kind $s $g" ok "$GPORT" "$dir" --ciphers "$s" --groups "$gl"
        done
    done
    if [ "$kind" = rsa2048 ]; then
        for s in dhe-rsa-aes128gcm dhe-rsa-aes256gcm; do
            WANT="version: TLS 1.2
cipher: ${iana[$s]}
group: ffdhe2048"
            run_client "openssl $kind $s ffdhe2048" ok "$OPORT" "$dir" --ciphers "$s"
            run_client "gnutls $kind $s ffdhe2048" ok "$GPORT" "$dir" --ciphers "$s"
        done
    fi
    WANT="alpn: http/1.1"
    run_client "gnutls $kind ALPN" ok "$GPORT" "$dir" --alpn h2,http/1.1
    WANT=
    mote_stop_servers
done

# Other leaf keys: ECDSA P-384 (signature hash from the scheme, curve from
# the key), RSA-PSS keys (rsa_pss_pss_*), Ed25519 (RFC 8422 ECDHE_ECDSA).
for kind in p384 rsapss2048 ed25519-ecroot; do
    dir=$work/$kind
    mote_gen_chain "$dir" "$kind" || { bad "chain $kind" "could not generate"; continue; }
    mote_start_openssl_server "$dir" OPORT -tls1_2 -rev
    mote_start_gnutls_server "$dir" GPORT --echo --priority "$g12"
    WANT="version: TLS 1.2"
    run_client "openssl $kind" ok "$OPORT" "$dir"
    run_client "gnutls $kind" ok "$GPORT" "$dir"
    WANT=
    mote_stop_servers
done

dir=$work/rsa2048

# Version negotiation.
mote_start_openssl_server "$dir" OPORT -rev # TLS 1.3 and 1.2
WANT="version: TLS 1.3" run_client "1.3-capable server: TLS 1.3 chosen" ok "$OPORT" "$dir"
# openssl marks its random with the downgrade sentinel here: no alarm, since
# mote did not offer 1.3
WANT="version: TLS 1.2" run_client "1.3-capable server, --tls1.2" ok "$OPORT" "$dir" --tls1.2
mote_stop_servers
mote_start_openssl_server "$dir" OPORT -tls1_3 -rev
run_client "--tls1.2 against a TLS 1.3-only server" "fatal alert" "$OPORT" "$dir" --tls1.2
mote_stop_servers
mote_start_openssl_server "$dir" OPORT -tls1_2 -rev
run_client "--tls1.3 against a TLS 1.2-only server" "fatal alert" "$OPORT" "$dir" --tls1.3
# The sentinel in a 1.2 answer to a 1.3 offer: an attacker removed 1.3.
eport=$(mote_free_port)
python3 "$here/evil.py" downgrade "$eport" "$OPORT" >"$work/evil1" &
mote_wait_for_file "$work/evil1" '^[0-9]+' 10
run_client "downgrade sentinel refused" "illegal_parameter" "$eport" "$dir"
mote_stop_servers

# DHE: only ffdhe2048 (RFC 7919); a server's own group is refused.
for grp in ffdhe3072 modp2048; do
    mote_start_openssl_server "$dir" OPORT -tls1_2 -rev -dhparam "$work/$grp.pem"
    run_client "DH group $grp refused" "handshake_failure" "$OPORT" "$dir" --ciphers dhe-rsa-aes128gcm
    mote_stop_servers
done

# Extended master secret and secure renegotiation are required.
mote_start_gnutls_server "$dir" GPORT --echo --priority "$g12:%NO_SESSION_HASH"
run_client "server without extended_master_secret" "handshake_failure" "$GPORT" "$dir"
WANT="version: TLS 1.2" run_client "server without EMS, --allow-no-ems" ok "$GPORT" "$dir" --allow-no-ems
mote_stop_servers
mote_start_gnutls_server "$dir" GPORT --echo --priority "$g12:%DISABLE_SAFE_RENEGOTIATION"
run_client "server without renegotiation_info" "handshake_failure" "$GPORT" "$dir"
mote_stop_servers

# Renegotiation refused: s_server's "r" command sends a HelloRequest, mote
# answers with a no_renegotiation warning (s_server then gives up).
mote_start_openssl_server "$dir" OPORT -tls1_2
fifo=$work/reneg.in
mkfifo "$fifo"
exec {rw}<>"$fifo"
timeout 30 "$MOTE" client "127.0.0.1:$OPORT" --ca "$dir/root.pem" --host localhost <"$fifo" {rw}>&- \
    >"$work/reneg.out" 2>&1 &
cpid=$!
if mote_wait_for_file "$OPORT_LOG" 'CONNECTION ESTABLISHED|CIPHER is' 10; then
    echo hello >&"$rw"
    mote_wait_for_file "$OPORT_LOG" '^hello' 10
    echo r >&"${OPORT_IN}"
    if mote_wait_for_file "$OPORT_LOG" 'no renegotiation' 10; then
        ok "HelloRequest refused (no_renegotiation)"
    else
        bad "HelloRequest refused" "$(tail -3 "$OPORT_LOG" | tr '\n' ' ')"
    fi
else
    bad "HelloRequest refused" "no connection: $(tail -2 "$work/reneg.out" | tr '\n' ' ')"
fi
exec {rw}>&-
wait "$cpid" 2>/dev/null
mote_stop_servers

# CertificateRequest without a client certificate configured: an empty list.
mote_start_openssl_server "$dir" OPORT -tls1_2 -rev -verify 1
run_client "openssl requests a certificate: empty list" ok "$OPORT" "$dir"
mote_stop_servers
MOTE_GNUTLS_REQUEST_CLIENT_CERT=1 mote_start_gnutls_server "$dir" GPORT --echo --priority "$g12"
run_client "gnutls requests a certificate: empty list" ok "$GPORT" "$dir"
mote_stop_servers
mote_start_openssl_server "$dir" OPORT -tls1_2 -rev -Verify 1
run_client "openssl requires a certificate: refused" "fatal alert" "$OPORT" "$dir"
mote_stop_servers

# Client certificates (mutual TLS): ECDSA P-256 and RSA-2048 keys on a
# SHA-256 suite, with 1 KiB records too (the chain goes out in pieces);
# P-384 with a SHA-384 suite (CertificateVerify signs the transcript hash,
# so the scheme's hash must be the suite's).
for kind in p256 rsa2048 p384; do
    cdir=$work/client-$kind
    [ -f "$cdir/root.pem" ] || mote_gen_chain "$cdir" "$kind"
    cat "$cdir/client.pem" "$cdir/int.pem" >"$cdir/clientchain.pem"
    extra=()
    [ $kind = p384 ] && extra=(--ciphers ecdhe-ecdsa-aes256gcm)
    mote_start_openssl_server "$cdir" OPORT -tls1_2 -rev -Verify 1 -CAfile "$cdir/root.pem" -verify_return_error
    run_client "openssl mutual TLS $kind" ok "$OPORT" "$cdir" --cert "$cdir/clientchain.pem" \
        --key "$cdir/client.key" "${extra[@]+"${extra[@]}"}"
    run_client "openssl mutual TLS $kind, 1 KiB records" ok "$OPORT" "$cdir" --cert "$cdir/clientchain.pem" \
        --key "$cdir/client.key" --in-buf 1053 --out-buf 1053 "${extra[@]+"${extra[@]}"}"
    mote_stop_servers
    mote_start_gnutls_server "$cdir" GPORT --echo --priority "$g12" --x509cafile "$cdir/root.pem" -r
    run_client "gnutls mutual TLS $kind" ok "$GPORT" "$cdir" --cert "$cdir/clientchain.pem" \
        --key "$cdir/client.key" "${extra[@]+"${extra[@]}"}"
    mote_stop_servers
done

# Records that follow the buffer: 1 KiB records each way.
head -c 20000 /dev/zero | tr '\0' 'a' >"$work/long.txt"
echo >>"$work/long.txt"
mote_start_openssl_server "$dir" OPORT -tls1_2 -rev
WANT="peer accepts 1024" run_client "openssl max_fragment_length 1k" ok "$OPORT" "$dir" --in-buf 1053 --out-buf 1053
# without MFL openssl ignores record_size_limit: 16 KiB records overflow
out=$(timeout 20 "$MOTE" client "127.0.0.1:$OPORT" --ca "$dir/root.pem" --host localhost \
    --in-buf 1053 --out-buf 1053 --no-mfl <"$work/long.txt" 2>&1)
if echo "$out" | grep -q 'record_overflow'; then ok "server ignoring the size limit -> record_overflow"; else bad "record_overflow" "$(echo "$out" | tail -2)"; fi
mote_stop_servers
mote_start_gnutls_server "$dir" GPORT --echo --priority "$g12"
out=$(timeout 20 "$MOTE" client "127.0.0.1:$GPORT" --ca "$dir/root.pem" --host localhost \
    --in-buf 1053 --out-buf 1053 --no-mfl <"$work/long.txt" 2>&1)
if echo "$out" | grep -q "^a\{20000\}$" && echo "$out" | grep -q 'version: TLS 1.2'; then
    ok "gnutls record_size_limit 1k, 20 KB echoed"
else
    bad "gnutls record_size_limit 1k" "$(echo "$out" | tail -2)"
fi
# 1 MiB each way through gnutls' echo server.
head -c 786432 /dev/urandom | base64 -w 76 >"$work/mib.txt"
timeout 60 "$MOTE" client "127.0.0.1:$GPORT" --ca "$dir/root.pem" --host localhost --tls1.2 \
    <"$work/mib.txt" >"$work/mib.out" 2>"$work/mib.err"
if cmp -s "$work/mib.txt" "$work/mib.out" && grep -q 'version: TLS 1.2' "$work/mib.err"; then
    ok "1 MiB each way ($(wc -c <"$work/mib.txt") bytes)"
else
    bad "1 MiB each way" "$(tail -2 "$work/mib.err") out=$(wc -c <"$work/mib.out")"
fi
mote_stop_servers

# Failures: the right error, never a hang or a crash.
mote_start_openssl_server "$dir" OPORT -tls1_2 -rev
run_client "wrong host name" "name mismatch" "$OPORT" "$dir" --host other.example
eport=$(mote_free_port)
python3 "$here/evil.py" flipccs "$eport" "$OPORT" >"$work/evil2" & # the server's Finished
mote_wait_for_file "$work/evil2" '^[0-9]+' 10
run_client "tampered record" "bad_record_mac" "$eport" "$dir"
mote_stop_servers
wait 2>/dev/null

mote_summary
