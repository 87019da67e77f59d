#!/usr/bin/env bash
# The opt-in legacy TLS 1.2 suites (AES-CBC + HMAC, RSA key transport)
# against real peers on 127.0.0.1, both ways:
#
#   mote client -> openssl s_server (encrypt_then_mac, and -no_etm:
#     MAC-then-encrypt) and gnutls-serv, every suite of the chain's key: the
#     ECDHE_ECDSA CBC suites with a P-256 chain; ECDHE_RSA CBC, RSA key
#     transport CBC and GCM with an RSA-2048 chain; 1 MiB each way with
#     1 KiB buffers (record limits with CBC overhead) on one suite
#   openssl s_client (with and without -no_etm) and gnutls-cli -> mote
#     server, the same suites
#   refusals: mote's default list against a server offering CBC only, and
#     a mote server's default list against a client offering CBC only
#     (handshake_failure); RSA key transport to a leaf whose keyUsage lacks
#     keyEncipherment (the client refuses the certificate; ECDHE_RSA with
#     it still works)
#
# Usage: tests/interop/tls12_cbc.sh [path/to/mote]   (default build/mote)
# Prints "interop: <case> ok|FAIL ..." and ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MOTE=${1:-$here/../../build/mote}
work=$MOTE_INTEROP_TMP

ok() { mote_ok "$1"; }
bad() { mote_fail "$1" "$2"; }

# The suites: OpenSSL name, IANA name, gnutls priority items.
ecdsa_suites="ECDHE-ECDSA-AES128-SHA ECDHE-ECDSA-AES256-SHA ECDHE-ECDSA-AES128-SHA256
ECDHE-ECDSA-AES256-SHA384"
rsa_suites="ECDHE-RSA-AES128-SHA ECDHE-RSA-AES256-SHA ECDHE-RSA-AES128-SHA256 ECDHE-RSA-AES256-SHA384
AES128-SHA AES256-SHA AES128-SHA256 AES256-SHA256 AES128-GCM-SHA256 AES256-GCM-SHA384"
declare -A iana=(
    [ECDHE-ECDSA-AES128-SHA]=TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
    [ECDHE-ECDSA-AES256-SHA]=TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
    [ECDHE-ECDSA-AES128-SHA256]=TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256
    [ECDHE-ECDSA-AES256-SHA384]=TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384
    [ECDHE-RSA-AES128-SHA]=TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
    [ECDHE-RSA-AES256-SHA]=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
    [ECDHE-RSA-AES128-SHA256]=TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
    [ECDHE-RSA-AES256-SHA384]=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
    [AES128-SHA]=TLS_RSA_WITH_AES_128_CBC_SHA
    [AES256-SHA]=TLS_RSA_WITH_AES_256_CBC_SHA
    [AES128-SHA256]=TLS_RSA_WITH_AES_128_CBC_SHA256
    [AES256-SHA256]=TLS_RSA_WITH_AES_256_CBC_SHA256
    [AES128-GCM-SHA256]=TLS_RSA_WITH_AES_128_GCM_SHA256
    [AES256-GCM-SHA384]=TLS_RSA_WITH_AES_256_GCM_SHA384
)
# gnutls: one suite = cipher + MAC + key exchange
gprio() {
    local s=$1 kx cipher mac
    case "$s" in ECDHE-ECDSA-*) kx=ECDHE-ECDSA ;; ECDHE-RSA-*) kx=ECDHE-RSA ;; *) kx=RSA ;; esac
    case "$s" in *AES128-GCM*) cipher=AES-128-GCM ;; *AES256-GCM*) cipher=AES-256-GCM ;;
    *AES128*) cipher=AES-128-CBC ;; *) cipher=AES-256-CBC ;; esac
    case "$s" in *GCM*) mac=AEAD ;; *SHA384) mac=SHA384 ;; *SHA256) mac=SHA256 ;; *) mac=SHA1 ;; esac
    echo "NONE:+VERS-TLS1.2:+$cipher:+$mac:+$kx:+SIGN-ALL:+COMP-NULL:+CURVE-ALL:+CTYPE-X509"
}

# client CASE PORT DIR EXPECT [mote client options]: EXPECT "ok" (the line
# comes back reversed or echoed, and the suite is $SUITE) or a text the
# failure must show.
client() {
    local name=$1 port=$2 dir=$3 expect=$4 out
    shift 4
    out=$(printf 'ping mote\n' | timeout 20 "$MOTE" client "127.0.0.1:$port" --ca "$dir/root.pem" \
        --host localhost --tls1.2 "$@" 2>&1)
    if [ "$expect" = ok ]; then
        if echo "$out" | grep -q -e 'etom gnip' -e 'ping mote' &&
            echo "$out" | grep -q "cipher: ${iana[$SUITE]}\$" &&
            echo "$out" | etm_shows "encrypt_then_mac: "; then
            ok "$name"
        else
            bad "$name" "$(echo "$out" | grep -E '^cipher|fail|error' | tail -3 | tr '\n' ' ')"
        fi
    elif echo "$out" | grep -qi -- "$expect"; then
        ok "$name"
    else
        bad "$name" "expected '$expect', got: $(echo "$out" | tail -2 | tr '\n' ' ')"
    fi
}

# etm_shows PREFIX: stdin shows "PREFIX$ETM" for a CBC $SUITE, and no
# PREFIX at all for an AEAD one (what mote_tls_encrypt_then_mac reports).
etm_shows() {
    if [[ ${iana[$SUITE]} == *_CBC_* ]]; then grep -q "$1$ETM"; else ! grep -q "$1"; fi
}

# peer CASE EXPECT -- CMD...: a client program against the mote server;
# EXPECT "ok": "ping mote" comes back; else the server's log must show
# EXPECT for its latest connection.
peer() {
    local name=$1 expect=$2 line
    shift 3
    if [ "$expect" = ok ]; then
        if mote_roundtrip "$work/rt.out" "ping mote" "ping mote" 10 -- "$@" &&
            sleep 0.2 && grep 'connection [0-9]*' "$SLOG" | tail -1 | etm_shows " encrypt_then_mac "; then
            ok "$name"
        else
            bad "$name" "$(tail -2 "$work/rt.out" | tr '\n' ' ') / $(tail -1 "$SLOG")"
        fi
        return
    fi
    mote_roundtrip "$work/rt.out" "ping mote" "ping mote" 5 -- "$@" >/dev/null || true
    sleep 0.2
    line=$(grep 'connection [0-9]*' "$SLOG" | tail -1)
    if echo "$line" | grep -q -- "$expect"; then ok "$name"; else bad "$name" "server: $line"; fi
}

start_mote() { # start_mote DIR [server options]: SPORT, SLOG
    local dir=$1
    shift
    SLOG="$work/server.$_mote_nserv.log"
    _mote_start "mote server" SPORT "$SLOG" 127.0.0.1 \
        "$MOTE" server --port @PORT@ --cert "$dir/chain.pem" --key "$dir/leaf.key" --tls1.2 "$@"
}

for kind in p256 rsa2048; do
    dir=$work/$kind
    mote_gen_chain "$dir" "$kind" || { bad "chain $kind" "could not generate"; continue; }
    if [ "$kind" = p256 ]; then suites=$ecdsa_suites; else suites=$rsa_suites; fi
    all=$(echo $suites | tr ' ' ',')
    # mote client -> openssl (EtM and -no_etm), gnutls
    mote_start_openssl_server "$dir" OPORT -tls1_2 -rev -cipher "$(echo $suites | tr ' ' ':')" ||
        { bad "openssl server $kind" "did not start"; continue; }
    mote_start_openssl_server "$dir" NPORT -tls1_2 -rev -no_etm -cipher "$(echo $suites | tr ' ' ':')" ||
        { bad "openssl -no_etm server $kind" "did not start"; continue; }
    gp="NORMAL:-VERS-ALL:+VERS-TLS1.2:+AES-128-CBC:+AES-256-CBC:+SHA1:+SHA256:+SHA384:+RSA"
    mote_start_gnutls_server "$dir" GPORT --echo --priority "$gp" ||
        { bad "gnutls server $kind" "did not start"; continue; }
    for SUITE in $suites; do
        ETM=yes client "mote -> openssl $SUITE" "$OPORT" "$dir" ok --ciphers "$SUITE"
        ETM=no client "mote -> openssl -no_etm $SUITE" "$NPORT" "$dir" ok --ciphers "${iana[$SUITE]}"
        ETM=yes client "mote -> gnutls $SUITE" "$GPORT" "$dir" ok --ciphers "${iana[$SUITE]//_/-}"
    done
    # refusal: mote's default list (AEAD + forward secrecy) against CBC only
    mote_start_openssl_server "$dir" CPORT -tls1_2 -rev -cipher "$(echo $suites | tr ' ' ':' | sed 's/:AES128-GCM-SHA256:AES256-GCM-SHA384//')"
    client "mote default list -> openssl CBC/RSA only ($kind)" "$CPORT" "$dir" "handshake failure\|handshake_failure\|alert 40"
    mote_stop_servers

    # openssl and gnutls -> mote server
    start_mote "$dir" --ciphers "$all" || { bad "mote server $kind" "did not start"; continue; }
    for SUITE in $suites; do
        for etm in "" -no_etm; do
            ETM=$([ -z "$etm" ] && echo yes || echo no) peer "openssl $etm $SUITE -> mote" ok -- "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SPORT" \
                -CAfile "$dir/root.pem" -verify_return_error -servername localhost -quiet -no_ign_eof \
                -nocommands -tls1_2 -cipher "$SUITE" $etm
        done
        ETM=yes peer "gnutls $SUITE -> mote" ok -- gnutls-cli --x509cafile "$dir/root.pem" -p "$SPORT" \
            127.0.0.1 --sni-hostname localhost --verify-hostname localhost --priority "$(gprio "$SUITE")"
    done
    mote_stop_servers
    # refusal: the mote server's default list against a client offering CBC only
    start_mote "$dir" || { bad "mote server $kind (default)" "did not start"; continue; }
    peer "openssl CBC only -> mote default list ($kind)" "handshake failure\|alert 40\|handshake_failure" -- \
        "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SPORT" -CAfile "$dir/root.pem" -quiet \
        -no_ign_eof -nocommands -tls1_2 -cipher "$(echo $suites | tr ' ' ':')"
    mote_stop_servers
done

# 1 MiB each way through 1 KiB buffers, CBC with SHA-384 (the largest
# record overhead) against openssl's echo... via gnutls-serv --echo
dir=$work/rsa2048
SUITE=ECDHE-RSA-AES256-SHA384
mote_start_gnutls_server "$dir" GPORT --echo --priority "$(gprio $SUITE)"
head -c 786432 /dev/urandom | base64 -w 76 >"$work/big.in"
if timeout 60 "$MOTE" client "127.0.0.1:$GPORT" --ca "$dir/root.pem" --host localhost --tls1.2 \
    --ciphers "$SUITE" --in-buf 1024 --out-buf 1024 <"$work/big.in" >"$work/big.out" 2>"$work/big.err" &&
    cmp -s "$work/big.in" "$work/big.out"; then
    ok "1 MiB each way, 1 KiB buffers, $SUITE (gnutls)"
else
    bad "1 MiB each way, 1 KiB buffers, $SUITE (gnutls)" "$(tail -2 "$work/big.err" | tr '\n' ' ') $(wc -c <"$work/big.out") bytes back"
fi
mote_stop_servers

# RSA key transport needs keyEncipherment (a leaf with digitalSignature only)
ku=$work/ku
mkdir -p "$ku"
cp "$dir/root.pem" "$dir/int.pem" "$dir/leaf.key" "$ku/"
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\n' >"$ku/ext.cnf"
"$MOTE_OPENSSL" req -new -key "$ku/leaf.key" -subj "/CN=localhost" -out "$ku/leaf.csr" 2>/dev/null &&
    "$MOTE_OPENSSL" x509 -req -in "$ku/leaf.csr" -CA "$dir/int.pem" -CAkey "$dir/int.key" \
        -CAcreateserial -days 30 -extfile "$ku/ext.cnf" -out "$ku/leaf.pem" 2>/dev/null &&
    cat "$ku/leaf.pem" "$dir/int.pem" >"$ku/chain.pem"
mote_start_openssl_server "$ku" KPORT -tls1_2 -rev -cipher "AES128-SHA:ECDHE-RSA-AES128-SHA"
SUITE=ECDHE-RSA-AES128-SHA
ETM=yes client "keyUsage digitalSignature: ECDHE-RSA still works" "$KPORT" "$ku" ok --ciphers "$SUITE"
SUITE=AES128-SHA
client "keyUsage without keyEncipherment: RSA key transport refused" "$KPORT" "$ku" "usage" \
    --ciphers "$SUITE"
mote_stop_servers

mote_summary
