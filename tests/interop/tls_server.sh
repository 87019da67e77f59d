#!/usr/bin/env bash
# mote's TLS 1.3 server (`mote server`) against real clients on 127.0.0.1:
# openssl s_client, gnutls-cli, curl and mote's own client.
#
#   every chain kind (RSA-2048, RSA-4096, ECDSA P-256, P-384, Ed25519) x
#     openssl and gnutls, the chain and host verified by the client;
#     every suite and every group (x25519, P-256, P-384, ffdhe2048) for the
#     P-256 and RSA-2048 chains, openssl, gnutls and mote's client
#   client certificates: required (accepted; missing -> certificate_required;
#     untrusted -> unknown_ca), optional (with and without)
#   HelloRetryRequest (the client's first share is for a group the server
#     does not take), ALPN (our preference; no common protocol ->
#     no_application_protocol), curl over HTTP/1.1 (--www, no path traversal)
#   1 KiB records: record_size_limit (gnutls-cli --recordsize; mote client
#     with 64 KiB each way) and max_fragment_length (openssl -maxfraglen
#     1024, 64 KiB each way); (gnutls-cli's simple client mode garbles
#     long input lines, so it only echoes a line);
#     a client that ignores the limit -> record_overflow
#   mote client <-> mote server with 1 KiB buffers on both sides, 1 MiB echo,
#     KeyUpdate both ways
#   external PSK (--psk): openssl -psk and mote client accepted (no
#     certificate), a wrong key -> decrypt_error, an unknown identity -> a
#     certificate handshake, a PSK-only server
#   session tickets (--tickets): openssl -sess_out/-sess_in reports
#     "Reused, TLSv1.3", gnutls-cli --resume a resumed session, mote client
#     --resume 2 "no yes yes"; another suite of the same hash resumes; a ticket from a
#     restarted server (new key) or for a server without tickets -> a full
#     handshake
#   psk modes and retries: openssl -allow_no_dhe_kex resumes with
#     psk_dhe_ke (preferred); mote client --psk-ke resumes with psk_ke (a
#     ticket, and the external PSK: no key share); a ticket after a
#     HelloRetryRequest (server P-384 only) with openssl, gnutls-cli
#     --resume and mote client, and with a wrong PSK (binder of the second
#     ClientHello) -> decrypt_error
#   TLS 1.2 (server12.c): every ECDHE suite x group for the P-256 and
#     RSA-2048 chains (openssl), gnutls, mote client, a server pinned to
#     1.2, curl; client certificates (require: openssl, gnutls, mote client,
#     a SHA-384 suite; missing -> handshake_failure; untrusted -> unknown_ca;
#     optional; an RSA client with PKCS#1 v1.5 and RSA-PSS CertificateVerify);
#     DHE_RSA over ffdhe2048 (openssl, gnutls, mote client; ECDHE
#     preferred); RSA-PSS ServerKeyExchange when offered, PKCS#1 v1.5
#     (openssl -sigalgs RSA+SHA256/384/512, gnutls); resumption with
#     --tickets --cache 8: openssl -sess_out/-sess_in (with and without
#     -no_ticket) "Reused, TLSv1.2", gnutls-cli --resume (and
#     %NO_TICKETS), mote client --tls1.2 --resume 2; another suite or a
#     restarted server -> full handshake
#   hostile clients (hostile_client.py): duplicate extensions, truncated
#     lengths, no key_share / signature_algorithms, no common group, SSLv3 or
#     TLS 1.2 only, a bad compression list, an oversize ClientHello, a
#     message out of order, a wrong second ClientHello, pre_shared_key not
#     last, a tampered record -- each with its alert, and the server keeps
#     serving the next connection.
#
# Usage: tests/interop/tls_server.sh [path/to/mote]   (default build/mote)
# Prints "interop: <case> ok|FAIL ..." and ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MOTE=${1:-$here/../../build/mote}
HOSTILE="python3 $here/hostile_client.py"
work=$MOTE_INTEROP_TMP

ok() { mote_ok "$1"; }
bad() { mote_fail "$1" "$2"; }

# start_mote DIR PORTVAR [server options...]: mote server with DIR's chain.
start_mote() {
    local dir=$1 portvar=$2
    shift 2
    _mote_start "mote server" "$portvar" "$MOTE_INTEROP_TMP/server.$_mote_nserv.log" 127.0.0.1 \
        "$MOTE" server --port @PORT@ --cert "$dir/chain.pem" --key "$dir/leaf.key" "$@"
}

# last_conn PORTVAR: the server's line about its latest connection, waiting
# (up to 10 s) for a connection newer than the one the previous call saw:
# the server writes its line after the client may already have exited.
last_conn() {
    local log="${1}_LOG" line="" i
    for i in $(seq 100); do
        line=$(grep 'connection [0-9]*:' "${!log}" | tail -1)
        [ -n "$line" ] && [ "$line" != "$(cat "${!log}.seen" 2>/dev/null)" ] && break
        sleep 0.1
    done
    echo "$line" >"${!log}.seen"
    echo "$line"
}

# expect_conn CASE PORTVAR REGEX: the server's latest line matches.
expect_conn() {
    local line
    line=$(last_conn "$2")
    if echo "$line" | grep -Eq -- "$3"; then ok "$1"; else bad "$1" "server said: $line"; fi
}

# echo_case CASE PORTVAR -- CLIENT...: "ping mote" must come back.
echo_case() {
    local name=$1 portvar=$2
    shift 3
    if mote_roundtrip "$work/rt.out" "ping mote" "ping mote" 20 -- "$@"; then
        ok "$name"
    else
        bad "$name" "$(tail -3 "$work/rt.out" | tr '\n' ' ') / $(last_conn "$portvar")"
    fi
}

# fail_case CASE PORTVAR CLIENT_TEXT SERVER_REGEX -- CLIENT...: the handshake
# fails: the client says CLIENT_TEXT, the server's line matches SERVER_REGEX.
fail_case() {
    local name=$1 portvar=$2 ctext=$3 sre=$4 line
    shift 5
    mote_roundtrip "$work/rt.out" "ping mote" "$ctext" 20 -- "$@" || true
    line=$(last_conn "$portvar")
    if grep -qi -- "$ctext" "$work/rt.out" && echo "$line" | grep -Eq -- "$sre"; then
        ok "$name"
    else
        bad "$name" "client: $(tail -2 "$work/rt.out" | tr '\n' ' ') server: $line"
    fi
}

ossl() { # ossl PORT DIR [s_client args]
    local port=$1 dir=$2
    shift 2
    echo "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$port" -CAfile "$dir/root.pem" \
        -verify_return_error -servername localhost -verify_hostname localhost -quiet -no_ign_eof -nocommands "$@"
}
gtls() { # gtls PORT DIR [gnutls-cli args]
    local port=$1 dir=$2
    shift 2
    echo gnutls-cli --x509cafile "$dir/root.pem" -p "$port" 127.0.0.1 --sni-hostname localhost \
        --verify-hostname localhost "$@"
}
mcli() { # mcli PORT DIR [mote client args]
    local port=$1 dir=$2
    shift 2
    echo "$MOTE" client "127.0.0.1:$port" --ca "$dir/root.pem" --host localhost "$@"
}

# ---- the chain kinds, suites and groups
for kind in p256 rsa2048 rsa4096 p384 ed25519; do
    dir=$work/$kind
    mote_gen_chain "$dir" "$kind" || { bad "chain $kind" "could not generate"; continue; }
    start_mote "$dir" SP || { bad "mote server $kind" "did not start"; continue; }
    echo_case "openssl $kind" SP -- $(ossl "$SP" "$dir")
    echo_case "gnutls $kind" SP -- $(gtls "$SP" "$dir")
    echo_case "mote client $kind" SP -- $(mcli "$SP" "$dir")
    case $kind in p256 | rsa2048) ;; *)
        mote_stop_servers
        continue
        ;;
    esac
    for s in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256 TLS_AES_128_CCM_SHA256; do
        echo_case "openssl $kind $s" SP -- $(ossl "$SP" "$dir" -ciphersuites "$s")
        expect_conn "server chose $s ($kind)" SP "$s "
    done
    for g in X25519:x25519 P-256:secp256r1 P-384:secp384r1 ffdhe2048:ffdhe2048; do
        echo_case "openssl $kind ${g%%:*}" SP -- $(ossl "$SP" "$dir" -groups "${g%%:*}")
        expect_conn "server group ${g#*:} ($kind)" SP " ${g#*:} "
    done
    for p in AES-128-GCM AES-256-GCM CHACHA20-POLY1305 AES-128-CCM; do
        echo_case "gnutls $kind $p" SP -- $(gtls "$SP" "$dir" --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+$p")
    done
    for g in x25519 p256 p384 ffdhe2048; do
        echo_case "mote client $kind $g" SP -- $(mcli "$SP" "$dir" --groups "$g")
    done
    for c in aes128gcm aes256gcm chacha20 aes128ccm; do
        echo_case "mote client $kind $c" SP -- $(mcli "$SP" "$dir" --ciphers "$c")
    done
    mote_stop_servers
done

dir=$work/p256
other=$work/rsa2048

# ---- client certificates
start_mote "$dir" SP --ca "$dir/root.pem" --verify require
echo_case "require: openssl with a client certificate" SP -- \
    $(ossl "$SP" "$dir" -cert "$dir/client.pem" -cert_chain "$dir/int.pem" -key "$dir/client.key")
expect_conn "require: server verified the client" SP "client-cert yes"
echo_case "require: gnutls with a client certificate" SP -- \
    $(gtls "$SP" "$dir" --x509certfile "$dir/client-chain.pem" --x509keyfile "$dir/client.key")
echo_case "require: mote client with a client certificate" SP -- \
    $(mcli "$SP" "$dir" --cert "$dir/client-chain.pem" --key "$dir/client.key")
fail_case "require: no client certificate -> certificate_required" SP "certificate required" \
    "certificate_required \(alert 116 sent\)" -- $(ossl "$SP" "$dir")
fail_case "require: untrusted client certificate -> unknown_ca" SP "unknown ca" \
    "alert 48 sent" -- $(ossl "$SP" "$dir" -cert "$other/client.pem" -cert_chain "$other/int.pem" -key "$other/client.key")
echo_case "server still serves after refusals" SP -- \
    $(ossl "$SP" "$dir" -cert "$dir/client.pem" -cert_chain "$dir/int.pem" -key "$dir/client.key")
mote_stop_servers
start_mote "$dir" SP --ca "$dir/root.pem" --verify optional
echo_case "optional: no client certificate" SP -- $(ossl "$SP" "$dir")
expect_conn "optional: none verified" SP "client-cert no"
echo_case "optional: with a client certificate" SP -- \
    $(ossl "$SP" "$dir" -cert "$dir/client.pem" -cert_chain "$dir/int.pem" -key "$dir/client.key")
expect_conn "optional: verified" SP "client-cert yes"
mote_stop_servers

# ---- a client that closes right after its Finished (close_notify in the
# same read as the Finished): the handshake still counts, the connection
# then ends cleanly
start_mote "$dir" SP
for v in -tls1_3 -tls1_2; do
    $MOTE_OPENSSL s_client -connect "127.0.0.1:$SP" -CAfile "$dir/root.pem" $v -quiet -no_ign_eof </dev/null \
        >/dev/null 2>&1
    expect_conn "close_notify after the Finished ($v): handshake counted" SP "connection [0-9]*: TLS 1\.[23] "
done
mote_stop_servers

# ---- HelloRetryRequest, ALPN
start_mote "$dir" SP --groups x25519
echo_case "hrr: openssl P-256 share first, server takes x25519" SP -- $(ossl "$SP" "$dir" -groups P-256:X25519)
expect_conn "hrr: x25519 chosen" SP " x25519 "
mote_stop_servers
start_mote "$dir" SP --groups p384,ffdhe2048
echo_case "hrr: gnutls x25519 share first, server takes P-384" SP -- \
    $(gtls "$SP" "$dir" --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-X25519:+GROUP-SECP384R1")
expect_conn "hrr: secp384r1 chosen" SP " secp384r1 "
echo_case "hrr: mote client x25519 share first, server takes ffdhe2048" SP -- $(mcli "$SP" "$dir" --groups x25519,ffdhe2048)
expect_conn "hrr: ffdhe2048 chosen" SP " ffdhe2048 "
mote_stop_servers
start_mote "$dir" SP --alpn h2,http/1.1
echo_case "alpn: openssl foo,http/1.1" SP -- $(ossl "$SP" "$dir" -alpn foo,http/1.1)
expect_conn "alpn: http/1.1 selected" SP "alpn http/1.1 "
echo_case "alpn: gnutls http/1.1,h2 -> our preference h2" SP -- $(gtls "$SP" "$dir" --alpn http/1.1 --alpn h2)
expect_conn "alpn: h2 selected" SP "alpn h2 "
echo_case "alpn: client without ALPN" SP -- $(ossl "$SP" "$dir")
fail_case "alpn: no common protocol -> no_application_protocol" SP "no application protocol" \
    "alert 120 sent" -- $(ossl "$SP" "$dir" -alpn foo)
mote_stop_servers

# ---- curl over HTTP/1.1
mkdir -p "$work/www/sub"
echo "hello from mote" >"$work/www/index.html"
head -c 200000 /dev/urandom >"$work/www/sub/blob.bin"
echo "secret" >"$work/secret.txt"
start_mote "$dir" SP --www "$work/www" --alpn http/1.1
if command -v curl >/dev/null 2>&1; then
    c=(curl -sS --max-time 20 --cacert "$dir/root.pem" --resolve "localhost:$SP:127.0.0.1")
    out=$("${c[@]}" "https://localhost:$SP/" 2>&1)
    [ "$out" = "hello from mote" ] && ok "curl GET /" || bad "curl GET /" "$out"
    "${c[@]}" -o "$work/blob.got" "https://localhost:$SP/sub/blob.bin" &&
        cmp -s "$work/blob.got" "$work/www/sub/blob.bin" && ok "curl 200 KB file" || bad "curl 200 KB file" "differs"
    code=$("${c[@]}" -o /dev/null -w '%{http_code}' --path-as-is "https://localhost:$SP/../secret.txt")
    [ "$code" = 403 ] && ok "curl path traversal refused" || bad "curl path traversal refused" "$code"
    code=$("${c[@]}" -o /dev/null -w '%{http_code}' "https://localhost:$SP/nothing.html")
    [ "$code" = 404 ] && ok "curl 404" || bad "curl 404" "$code"
    code=$("${c[@]}" -o /dev/null -w '%{http_code}' -X POST "https://localhost:$SP/")
    [ "$code" = 405 ] && ok "curl POST refused" || bad "curl POST refused" "$code"
    out=$("${c[@]}" -v "https://localhost:$SP/" 2>&1)
    echo "$out" | grep -qi "ALPN.*http/1.1" && ok "curl ALPN http/1.1" || bad "curl ALPN http/1.1" "$(echo "$out" | grep -i alpn)"
else
    mote_skip "curl" "curl missing"
fi
mote_stop_servers

# ---- record sizes: 1 KiB records
base64 -w 76 </dev/urandom | head -c 65536 >"$work/64k.txt"
echo "END-OF-DATA" >>"$work/64k.txt"
big_case() { # big_case CASE PORTVAR -- CLIENT...: 64 KiB of lines echoed
    local name=$1 portvar=$2
    shift 3
    local want got
    mote_roundtrip "$work/big.out" "$(cat "$work/64k.txt")" "END-OF-DATA" 30 -- "$@"
    # every line sent came back, in order
    want=$(cksum <"$work/64k.txt")
    got=$(grep -A100000 -m1 -F "$(head -1 "$work/64k.txt")" "$work/big.out" | head -n "$(wc -l <"$work/64k.txt")" | cksum)
    if [ "$want" = "$got" ]; then
        ok "$name"
    else
        bad "$name" "$(grep -c . "$work/big.out") lines back: $(tail -c 200 "$work/big.out" | tr '\n' ' ') / $(last_conn "$portvar")"
    fi
}
start_mote "$dir" SP --in-buf 1053 --out-buf 1053
echo_case "record_size_limit: gnutls --recordsize 1024" SP -- $(gtls "$SP" "$dir" --recordsize 1024)
big_case "record_size_limit: mote client (no MFL), 64 KiB through 1 KiB records" SP -- \
    $(mcli "$SP" "$dir" --in-buf 1053 --out-buf 1053 --no-mfl)
big_case "max_fragment_length: openssl -maxfraglen 1024, 64 KiB" SP -- $(ossl "$SP" "$dir" -maxfraglen 1024)
# a client that ignores our buffer: one 4000-byte record
long=$(head -c 3000 /dev/urandom | base64 -w 0)
mote_roundtrip "$work/rt.out" "$long" "record overflow" 10 -- $(ossl "$SP" "$dir") || true
sleep 0.2
# (during the handshake when the data comes right behind the Finished, else after it)
grep 'connection [0-9]*' "$SP_LOG" | tail -1 | grep -q "record_overflow.*alert 22 sent" &&
    grep -qi "record overflow" "$work/rt.out" && ok "no limit from the client: record_overflow" ||
    bad "no limit from the client: record_overflow" "$(tail -2 "$SP_LOG") / $(tail -1 "$work/rt.out")"
echo_case "after record_overflow, the next connection" SP -- $(mcli "$SP" "$dir" --in-buf 1053 --out-buf 1053)
mote_stop_servers

# ---- mote client <-> mote server
start_mote "$dir" SP --in-buf 1053 --out-buf 1053 --stats
echo_case "mote <-> mote, 1 KiB buffers both sides" SP -- $(mcli "$SP" "$dir" --in-buf 1053 --out-buf 1053)
echo_case "mote client key update (peer asked too)" SP -- $(mcli "$SP" "$dir" --key-update)
# the client's refusal goes out under its handshake keys: the server reads it
fail_case "mote client refuses the name: server reads its alert" SP "name mismatch" \
    "alert 42 received" -- "$MOTE" client "127.0.0.1:$SP" --ca "$dir/root.pem" --host wrong.example
grep -q "ram: ctx=" "${SP_LOG}" && ok "server --stats" || bad "server --stats" "$(tail -2 "$SP_LOG")"
mote_stop_servers
start_mote "$dir" SP --key-update
echo_case "server key update: openssl" SP -- $(ossl "$SP" "$dir")
echo_case "server key update: gnutls" SP -- $(gtls "$SP" "$dir")
echo_case "server key update: mote client" SP -- $(mcli "$SP" "$dir")
head -c 1048576 /dev/urandom >"$work/mib.in"
timeout 60 $(mcli "$SP" "$dir") <"$work/mib.in" >"$work/mib.out" 2>"$work/mib.err"
if cmp -s "$work/mib.in" "$work/mib.out"; then ok "1 MiB echo"; else bad "1 MiB echo" "got $(wc -c <"$work/mib.out") bytes: $(tail -2 "$work/mib.err")"; fi
mote_stop_servers
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null; then
    _mote_start "mote server ::1" SP6 "$MOTE_INTEROP_TMP/server6.log" ::1 \
        "$MOTE" server --host ::1 --port @PORT@ --cert "$dir/chain.pem" --key "$dir/leaf.key" &&
        echo_case "IPv6 ::1" SP6 -- "$MOTE_OPENSSL" s_client -connect "[::1]:$SP6" -CAfile "$dir/root.pem" \
            -verify_return_error -quiet -no_ign_eof -nocommands
    mote_stop_servers
else
    mote_skip "IPv6 ::1" "no IPv6 loopback"
fi

# ---- external PSK (TLS 1.3, psk_dhe_ke): the server authenticates with it
K=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
start_mote "$dir" SP --psk dev1:$K
echo_case "psk: openssl -psk" SP -- "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -tls1_3 \
    -psk_identity dev1 -psk $K -quiet -no_ign_eof -nocommands
expect_conn "psk: server says resumed (external PSK)" SP "signature \(none\).*resumed yes"
echo_case "psk: mote client --psk-key" SP -- $(mcli "$SP" "$dir" --psk-identity dev1 --psk-key $K)
fail_case "psk: wrong key -> decrypt_error" SP "decrypt error" "alert 51 sent" -- \
    "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -tls1_3 -psk_identity dev1 -psk 0011 \
    -quiet -no_ign_eof -nocommands
echo_case "psk: unknown identity -> certificate handshake" SP -- $(ossl "$SP" "$dir" -psk_identity other -psk $K)
expect_conn "psk: certificate used" SP "ecdsa_secp256r1_sha256.*resumed no"
mote_stop_servers
_mote_start "mote server (PSK only)" SP "$MOTE_INTEROP_TMP/server.psk.log" 127.0.0.1 \
    "$MOTE" server --port @PORT@ --psk dev1:$K
echo_case "psk only (no certificate configured): openssl -psk" SP -- "$MOTE_OPENSSL" s_client \
    -connect "127.0.0.1:$SP" -tls1_3 -psk_identity dev1 -psk $K -quiet -no_ign_eof -nocommands
fail_case "psk only: a client without the PSK -> handshake_failure" SP "handshake failure" \
    "alert 40 sent" -- $(ossl "$SP" "$dir")
mote_stop_servers

# ---- TLS 1.2 (src/tls/server12.c): suites, groups, gnutls, mote client, pinned server, curl
S12=1
if true; then
    for kind in p256 rsa2048; do
        dir=$work/$kind
        start_mote "$dir" SP
        if [ $kind = p256 ]; then a=ECDSA; else a=RSA; fi
        for s in AES128-GCM-SHA256:AES_128_GCM_SHA256 AES256-GCM-SHA384:AES_256_GCM_SHA384 \
            CHACHA20-POLY1305:CHACHA20_POLY1305_SHA256; do
            for g in X25519:x25519 P-256:secp256r1 P-384:secp384r1; do
                # an ECDSA P-256 certificate needs P-256 among the groups (RFC 8422)
                # (and then the server's preference, P-256 over P-384, wins)
                gl=${g%%:*} eg=${g#*:}
                [ $kind = p256 ] && [ "$gl" != P-256 ] && gl=$gl:P-256
                [ "$gl" = P-384:P-256 ] && eg=secp256r1
                echo_case "1.2 openssl $kind ECDHE-$a-${s%%:*} $gl" SP -- \
                    $(ossl "$SP" "$dir" -tls1_2 -cipher "ECDHE-$a-${s%%:*}" -groups "$gl")
                expect_conn "1.2 server chose ${s#*:} ${g#*:} ($kind)" SP \
                    "TLS 1.2 TLS_ECDHE_${a}_WITH_${s#*:} $eg "
            done
        done
        for p in AES-128-GCM AES-256-GCM CHACHA20-POLY1305; do
            echo_case "1.2 gnutls $kind $p" SP -- $(gtls "$SP" "$dir" \
                --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+$p")
            expect_conn "1.2 gnutls: server said TLS 1.2 ($kind $p)" SP "TLS 1.2 "
        done
        fail_case "1.2 gnutls %NO_SESSION_HASH -> handshake_failure ($kind)" SP "handshake failed" \
            "alert 40 sent" -- $(gtls "$SP" "$dir" --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2:%NO_SESSION_HASH")
        echo_case "1.2 mote client $kind" SP -- $(mcli "$SP" "$dir" --tls1.2)
        expect_conn "1.2 mote client: server said TLS 1.2 ($kind)" SP "TLS 1.2 "
        echo_case "1.2 mote client $kind, 1 KiB buffers" SP -- $(mcli "$SP" "$dir" --tls1.2 \
            --in-buf 1053 --out-buf 1053)
        fail_case "1.2 openssl $kind: no common suite -> handshake_failure" SP "alert handshake failure" \
            "alert 40 sent" -- $(ossl "$SP" "$dir" -tls1_2 -cipher "ECDHE-$([ $a = RSA ] && echo ECDSA || echo RSA)-AES128-GCM-SHA256")
        mote_stop_servers
    done
    dir=$work/p256
    start_mote "$dir" SP --tls1.2
    echo_case "1.2 pinned server: openssl (1.2 and 1.3 offered)" SP -- $(ossl "$SP" "$dir" -no_tls1_3)
    fail_case "1.2 pinned server: mote client offering 1.3 sees the downgrade sentinel" SP \
        "illegal_parameter" "alert 47 received" -- $(mcli "$SP" "$dir")
    echo_case "1.2 pinned server: mote client --tls1.2" SP -- $(mcli "$SP" "$dir" --tls1.2)
    mote_stop_servers
    start_mote "$dir" SP --www "$work/www" --alpn http/1.1
    if command -v curl >/dev/null 2>&1; then
        out=$(curl -sS --max-time 20 --tlsv1.2 --tls-max 1.2 --cacert "$dir/root.pem" \
            --resolve "localhost:$SP:127.0.0.1" "https://localhost:$SP/" 2>&1)
        [ "$out" = "hello from mote" ] && ok "1.2 curl --tls-max 1.2 GET /" ||
            bad "1.2 curl --tls-max 1.2 GET /" "$out"
        expect_conn "1.2 curl: server said TLS 1.2 with ALPN http/1.1" SP "TLS 1.2 .*alpn http/1.1"
    fi
    mote_stop_servers
fi

# ---- TLS 1.2 client certificates, DHE, PKCS#1 v1.5 and RSA-PSS signatures
dir=$work/p256
other=$work/rsa2048
P12="NORMAL:-VERS-ALL:+VERS-TLS1.2"
start_mote "$dir" SP --ca "$dir/root.pem" --verify require
echo_case "1.2 require: openssl -tls1_2 -cert (ECDSA CertificateVerify)" SP -- \
    $(ossl "$SP" "$dir" -tls1_2 -cert "$dir/client.pem" -cert_chain "$dir/int.pem" -key "$dir/client.key")
expect_conn "1.2 require: openssl verified" SP "TLS 1.2 .*client-cert yes"
echo_case "1.2 require: gnutls --x509certfile/--x509keyfile" SP -- $(gtls "$SP" "$dir" --priority "$P12" \
    --x509certfile "$dir/client-chain.pem" --x509keyfile "$dir/client.key")
expect_conn "1.2 require: gnutls verified" SP "TLS 1.2 .*client-cert yes"
echo_case "1.2 require: mote client --tls1.2 --cert" SP -- \
    $(mcli "$SP" "$dir" --tls1.2 --cert "$dir/client-chain.pem" --key "$dir/client.key")
expect_conn "1.2 require: mote client verified" SP "TLS 1.2 .*client-cert yes"
echo_case "1.2 require: SHA-384 suite (ecdsa_secp384r1_sha384 over the transcript)" SP -- \
    $(ossl "$SP" "$dir" -tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384 -cert "$dir/client.pem" \
    -cert_chain "$dir/int.pem" -key "$dir/client.key")
expect_conn "1.2 require: SHA-384 suite verified" SP "TLS 1.2 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 .*client-cert yes"
fail_case "1.2 require: no client certificate -> handshake_failure" SP "handshake failure" \
    "alert 40 sent" -- $(ossl "$SP" "$dir" -tls1_2)
fail_case "1.2 require: mote client without a certificate -> handshake_failure" SP "handshake" \
    "alert 40 sent" -- $(mcli "$SP" "$dir" --tls1.2)
fail_case "1.2 require: untrusted client certificate -> unknown_ca" SP "unknown ca" "alert 48 sent" -- \
    $(ossl "$SP" "$dir" -tls1_2 -cert "$other/client.pem" -cert_chain "$other/int.pem" -key "$other/client.key")
echo_case "1.2 require: served after refusals" SP -- \
    $(ossl "$SP" "$dir" -tls1_2 -cert "$dir/client.pem" -cert_chain "$dir/int.pem" -key "$dir/client.key")
mote_stop_servers
start_mote "$dir" SP --ca "$dir/root.pem" --verify optional
echo_case "1.2 optional: no client certificate" SP -- $(ossl "$SP" "$dir" -tls1_2)
expect_conn "1.2 optional: none verified" SP "TLS 1.2 .*client-cert no"
mote_stop_servers
start_mote "$other" SP --ca "$other/root.pem" --verify optional
for sa in RSA+SHA256:rsa_pkcs1 rsa_pss_rsae_sha256:rsa_pss RSA+SHA384:rsa_pkcs1; do
    echo_case "1.2 RSA client, -client_sigalgs ${sa%%:*} (${sa#*:} CertificateVerify)" SP -- \
        $(ossl "$SP" "$other" -tls1_2 -client_sigalgs "${sa%%:*}" -cert "$other/client.pem" \
        -cert_chain "$other/int.pem" -key "$other/client.key" \
        $([ "${sa%%:*}" = RSA+SHA384 ] && echo -cipher ECDHE-RSA-AES256-GCM-SHA384))
    expect_conn "1.2 RSA client verified (${sa%%:*})" SP "TLS 1.2 .*client-cert yes"
done
# DHE_RSA over ffdhe2048, when the client offers no ECDHE suite
for s in AES128-GCM-SHA256:AES_128_GCM_SHA256 AES256-GCM-SHA384:AES_256_GCM_SHA384; do
    echo_case "1.2 openssl -cipher DHE-RSA-${s%%:*}" SP -- \
        $(ossl "$SP" "$other" -tls1_2 -cipher "DHE-RSA-${s%%:*}")
    expect_conn "1.2 DHE: server chose ffdhe2048 (${s#*:})" SP "TLS 1.2 TLS_DHE_RSA_WITH_${s#*:} ffdhe2048 "
done
echo_case "1.2 gnutls DHE-RSA" SP -- $(gtls "$SP" "$other" --priority "$P12:-KX-ALL:+DHE-RSA")
expect_conn "1.2 gnutls DHE: ffdhe2048" SP "TLS 1.2 TLS_DHE_RSA_WITH_.* ffdhe2048 "
echo_case "1.2 mote client --ciphers dhe-rsa-aes128gcm" SP -- \
    $(mcli "$SP" "$other" --tls1.2 --ciphers dhe-rsa-aes128gcm --in-buf 1053 --out-buf 1053)
expect_conn "1.2 mote client DHE: ffdhe2048" SP "TLS 1.2 TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 ffdhe2048 "
echo_case "1.2 ECDHE preferred over DHE" SP -- $(ossl "$SP" "$other" -tls1_2 \
    -cipher DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256)
expect_conn "1.2 ECDHE preferred: x25519" SP "TLS 1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 x25519 "
# the ServerKeyExchange: RSA-PSS when offered, else PKCS#1 v1.5
echo_case "1.2 openssl (PSS offered)" SP -- $(ossl "$SP" "$other" -tls1_2)
expect_conn "1.2 RSA-PSS when offered" SP "signature rsa_pss_rsae_sha256 "
for h in SHA256 SHA384 SHA512; do
    echo_case "1.2 openssl -sigalgs RSA+$h" SP -- $(ossl "$SP" "$other" -tls1_2 -sigalgs "RSA+$h")
    expect_conn "1.2 PKCS#1 v1.5 ServerKeyExchange (rsa_pkcs1_$h)" SP \
        "signature rsa_pkcs1_$(echo $h | tr A-Z a-z) "
done
echo_case "1.2 gnutls -SIGN-ALL:+SIGN-RSA-SHA256" SP -- \
    $(gtls "$SP" "$other" --priority "$P12:-SIGN-ALL:+SIGN-RSA-SHA256")
expect_conn "1.2 gnutls PKCS#1 v1.5" SP "signature rsa_pkcs1_sha256 "
fail_case "1.2 ECDSA-only client and an RSA key -> handshake_failure" SP "handshake failure" \
    "alert 40 sent" -- $(ossl "$SP" "$other" -tls1_2 -sigalgs ECDSA+SHA256)
mote_stop_servers

# ---- TLS 1.2 resumption: tickets (RFC 5077) and the session-id cache (--cache)
start_mote "$dir" SP --tickets --cache 8
for m in ticket:"" "session id":-no_ticket; do
    what=${m%%:*} opt=${m#*:}
    rm -f "$work/s12.pem"
    echo | timeout 10 $(ossl "$SP" "$dir" -tls1_2 $opt -sess_out "$work/s12.pem") >/dev/null 2>&1
    out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -CAfile "$dir/root.pem" \
        -verify_return_error -tls1_2 $opt -sess_in "$work/s12.pem" 2>&1)
    if echo "$out" | grep -q "Reused, TLSv1.2"; then ok "1.2 $what: openssl -sess_in: Reused"; else bad "1.2 $what: openssl -sess_in" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
    expect_conn "1.2 $what: server says resumed ($what)" SP "TLS 1.2 .*signature \(none\).*resumed yes \($what\)"
    cp "$work/s12.pem" "$work/s12-$opt.pem"
done
for m in ticket:"" "session id":":%NO_TICKETS"; do
    what=${m%%:*} opt=${m#*:}
    out=$(echo "ping mote" | timeout 20 $(gtls "$SP" "$dir" --priority "$P12$opt") --resume 2>&1)
    if echo "$out" | grep -q "This is a resumed session"; then ok "1.2 $what: gnutls-cli --resume"; else bad "1.2 $what: gnutls-cli --resume" "$(echo "$out" | grep -iE 'resum|rror' | head -2 | tr '\n' ' ')"; fi
    expect_conn "1.2 $what: gnutls resumed ($what)" SP "TLS 1.2 .*resumed yes \($what\)"
done
out=$(echo "ping mote" | timeout 20 $(mcli "$SP" "$dir" --tls1.2 --resume 2) 2>&1)
got=$(echo "$out" | sed -n 's/^resumed: //p' | tr '\n' ' ')
if [ "$got" = "no yes yes " ]; then ok "1.2: mote client --tls1.2 --resume 2 (no yes yes)"; else bad "1.2: mote client --tls1.2 --resume 2" "resumed: '$got'"; fi
out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -tls1_2 \
    -cipher ECDHE-ECDSA-CHACHA20-POLY1305 -sess_in "$work/s12-.pem" 2>&1)
if echo "$out" | grep -q "New, TLSv1.2"; then ok "1.2 ticket of another suite -> full handshake"; else bad "1.2 ticket, other suite" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
mote_stop_servers
start_mote "$dir" SP --tickets --cache 8
for f in "":ticket -no_ticket:"session id"; do
    out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -tls1_2 ${f%%:*} \
        -sess_in "$work/s12-${f%%:*}.pem" 2>&1)
    if echo "$out" | grep -q "New, TLSv1.2"; then ok "1.2 ${f#*:} of a restarted server -> full handshake"; else bad "1.2 restarted server (${f#*:})" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
done
expect_conn "1.2 restarted server: certificate used" SP "ecdsa_secp256r1_sha256.*resumed no"
mote_stop_servers

# ---- session tickets (--tickets): resumption with openssl, gnutls and mote
start_mote "$dir" SP --tickets
rm -f "$work/sess.pem"
# (stdin stays open 2 s: the tickets follow the handshake, and -quiet ends at stdin's end)
(echo; sleep 2) | timeout 10 $(ossl "$SP" "$dir" -tls1_3 -sess_out "$work/sess.pem") >/dev/null 2>&1
out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -CAfile "$dir/root.pem" \
    -verify_return_error -tls1_3 -sess_in "$work/sess.pem" 2>&1)
if echo "$out" | grep -q "Reused, TLSv1.3"; then ok "tickets: openssl -sess_in: Reused, TLSv1.3"; else bad "tickets: openssl -sess_in" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
expect_conn "tickets: server says resumed (ticket)" SP "signature \(none\).*resumed yes \(ticket\)"
out=$(echo "ping mote" | timeout 20 $(gtls "$SP" "$dir") --resume 2>&1)
if echo "$out" | grep -q "This is a resumed session"; then ok "tickets: gnutls-cli --resume"; else bad "tickets: gnutls-cli --resume" "$(echo "$out" | grep -iE 'resum|rror' | head -2 | tr '\n' ' ')"; fi
out=$(echo "ping mote" | timeout 20 $(mcli "$SP" "$dir" --resume 2) 2>&1)
got=$(echo "$out" | sed -n 's/^resumed: //p' | tr '\n' ' ')
if [ "$got" = "no yes yes " ]; then ok "tickets: mote client --resume 2 (no yes yes)"; else bad "tickets: mote client --resume 2" "resumed: '$got'"; fi
out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -sess_in "$work/sess.pem" 2>&1)
if echo "$out" | grep -q "Reused, TLSv1.3, Cipher is TLS_CHACHA20"; then ok "tickets: another suite of the same hash resumes"; else bad "tickets: same hash, other suite" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
mote_stop_servers
start_mote "$dir" SP --tickets
out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -tls1_3 -sess_in "$work/sess.pem" 2>&1)
if echo "$out" | grep -q "New, TLSv1.3"; then ok "tickets: restarted server (new key) -> full handshake"; else bad "tickets: restarted server" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
expect_conn "tickets: restarted server: certificate used" SP "ecdsa_secp256r1_sha256.*resumed no"
mote_stop_servers
start_mote "$dir" SP
out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -tls1_3 -sess_in "$work/sess.pem" 2>&1)
if echo "$out" | grep -q "New, TLSv1.3"; then ok "tickets: server without --tickets -> full handshake"; else bad "tickets: no --tickets" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
mote_stop_servers

# ---- TLS 1.3 resumption: psk_ke, and a ticket in the ClientHello after a
# HelloRetryRequest (its binder covers the retry)
start_mote "$dir" SP --tickets
rm -f "$work/sess_ke.pem"
(echo; sleep 2) | timeout 10 $(ossl "$SP" "$dir" -tls1_3 -allow_no_dhe_kex -sess_out "$work/sess_ke.pem") >/dev/null 2>&1
out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -CAfile "$dir/root.pem" \
    -verify_return_error -tls1_3 -allow_no_dhe_kex -sess_in "$work/sess_ke.pem" 2>&1)
if echo "$out" | grep -q "Reused, TLSv1.3"; then ok "psk modes: openssl -allow_no_dhe_kex (psk_ke and psk_dhe_ke offered): Reused"; else bad "psk modes: openssl -allow_no_dhe_kex" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
expect_conn "psk modes: psk_dhe_ke preferred (a group was chosen)" SP " x25519 .*resumed yes \(ticket\)"
out=$(echo "ping mote" | timeout 20 $(mcli "$SP" "$dir" --psk-ke --resume 2) 2>&1)
got=$(echo "$out" | sed -n 's/^resumed: //p' | tr '\n' ' ')
if [ "$got" = "no yes yes " ]; then ok "psk_ke: mote client --psk-ke --resume 2 (no yes yes)"; else bad "psk_ke: mote client --psk-ke --resume 2" "resumed: '$got'"; fi
expect_conn "psk_ke: no key share on the server's side" SP " \(none\) .*resumed yes \(ticket\)"
mote_stop_servers
start_mote "$dir" SP --psk dev1:000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f
echo_case "psk_ke: mote client --psk-key --psk-ke (external PSK)" SP -- \
    $(mcli "$SP" "$dir" --psk-identity dev1 --psk-key 000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f --psk-ke)
expect_conn "psk_ke: external PSK, no key share" SP " \(none\) .*resumed yes"
mote_stop_servers
# HelloRetryRequest then resumption: the server takes P-384 only, the
# clients' first shares are x25519 (gnutls: and P-256)
start_mote "$dir" SP --tickets --groups p384
rm -f "$work/sess_hrr.pem"
(echo; sleep 2) | timeout 10 $(ossl "$SP" "$dir" -tls1_3 -groups P-384 -sess_out "$work/sess_hrr.pem") >/dev/null 2>&1
out=$(echo | timeout 10 "$MOTE_OPENSSL" s_client -connect "127.0.0.1:$SP" -CAfile "$dir/root.pem" \
    -verify_return_error -tls1_3 -groups X25519:P-384 -sess_in "$work/sess_hrr.pem" 2>&1)
if echo "$out" | grep -q "Reused, TLSv1.3"; then ok "hrr + ticket: openssl -groups X25519:P-384 -sess_in: Reused"; else bad "hrr + ticket: openssl" "$(echo "$out" | grep -E 'New|Reused|rror' | head -2 | tr '\n' ' ')"; fi
expect_conn "hrr + ticket: resumed over P-384" SP " secp384r1 .*resumed yes \(ticket\)"
out=$(echo "ping mote" | timeout 20 $(gtls "$SP" "$dir") --resume \
    --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1" 2>&1)
if echo "$out" | grep -q "This is a resumed session"; then ok "hrr + ticket: gnutls-cli --resume (x25519, P-256 shares first)"; else bad "hrr + ticket: gnutls-cli --resume" "$(echo "$out" | grep -iE 'resum|rror' | head -2 | tr '\n' ' ')"; fi
expect_conn "hrr + ticket: gnutls resumed over P-384" SP " secp384r1 .*resumed yes \(ticket\)"
rm -f "$work/sess_hrr.bin"
out=$(echo "ping mote" | timeout 20 $(mcli "$SP" "$dir" --groups x25519,p384 --resume 1 --session-out "$work/sess_hrr.bin") 2>&1)
got=$(echo "$out" | sed -n 's/^resumed: //p' | tr '\n' ' ')
if [ "$got" = "no yes " ]; then ok "hrr + ticket: mote client --groups x25519,p384 --resume 1 (no yes)"; else bad "hrr + ticket: mote client" "resumed: '$got'"; fi
# the same ticket with a wrong PSK (one secret byte flipped, the file's
# check recomputed): the binder of the second ClientHello fails -> decrypt_error
python3 - "$work/sess_hrr.bin" "$work/sess_bad.bin" <<'PY'
import hashlib, sys
b = bytearray(open(sys.argv[1], 'rb').read())[:-16]
b[34] ^= 1  # the first byte of the secret (after the 34-byte header)
open(sys.argv[2], 'wb').write(bytes(b) + hashlib.sha256(bytes(b)).digest()[:16])
PY
fail_case "hrr + ticket: wrong binder in the second ClientHello -> decrypt_error" SP "alert 51 received" "alert 51 sent" -- \
    $(mcli "$SP" "$dir" --groups x25519,p384 --session-in "$work/sess_bad.bin")
mote_stop_servers

# ---- hostile clients
start_mote "$dir" SP
start_mote "$dir" SQ --groups p256 --in-buf 1053
hostile() { # hostile CASE PORT EXPECT
    local got
    got=$($HOSTILE hello "$2" "$1" 2>&1)
    [ "$got" = "$3" ] && ok "hostile $1 -> $3" || bad "hostile $1" "expected '$3', got '$got'"
}
hostile ok "$SP" handshake
hostile split "$SP" handshake
hostile dup_ext "$SP" "alert 47"
hostile dup_known "$SP" "alert 47"
hostile trunc "$SP" "alert 50"
hostile no_key_share "$SP" "alert 109"
hostile no_sigalgs "$SP" "alert 109"
hostile no_common_group "$SP" "alert 40"
hostile share_not_offered "$SP" "alert 47"
hostile sslv3 "$SP" "alert 70"
hostile tls12_only "$SP" "alert 40" # 1.2 offered, but no 1.2 suite, EMS or renegotiation_info
hostile bad_compression "$SP" "alert 47"
hostile unexpected "$SP" "alert 10"
hostile appdata "$SP" "alert 10"
hostile psk_not_last "$SP" "alert 47"
hostile oversize "$SQ" "alert 22"
hostile hrr_wrong_share "$SQ" "alert 47"
# a bit flipped in the client's Finished (record 3: ClientHello, CCS, Finished)
fport=$(mote_free_port)
$HOSTILE flip "$fport" "$SP" 3 >"$work/flip.log" 2>&1 &
fpid=$!
mote_wait_for_file "$work/flip.log" '^[0-9]+$' 5
mote_roundtrip "$work/rt.out" "ping mote" "alert" 10 -- $(ossl "$fport" "$dir") || true
wait "$fpid" 2>/dev/null
expect_conn "tampered client Finished -> bad_record_mac" SP "alert 20 sent"
echo_case "server still serves after hostile clients" SP -- $(ossl "$SP" "$dir")
mote_stop_servers

mote_summary
