#!/usr/bin/env bash
# The examples and `mote get` against real servers on 127.0.0.1, started
# here on free ports and always stopped:
#
#   examples/https_get   against openssl s_server -www (status page) and
#                        -WWW (a file, body up to the close), roots from a
#                        PEM file and compiled in (`mote ta`); untrusted
#                        root and wrong host refused
#   mote get             -www, -WWW, and -HTTP files with Content-Length,
#                        chunked encoding, a 1xx interim response and a 404;
#                        the request it sends (Host, Connection: close);
#                        1 KiB records (max_fragment_length) for 1 MiB;
#                        -v / --stats; untrusted root refused
#   examples/mqtt_tls    against mosquitto (TLS 1.3, require_certificate,
#                        use_identity_as_username): CONNECT, SUBSCRIBE,
#                        PUBLISH, the message back, with ECDSA P-256, RSA-2048
#                        and Ed25519 client keys; refused without a client
#                        certificate and with one from another CA; broker
#                        with an untrusted root refused by the client
#
# Usage: tests/interop/examples.sh [BUILD_DIR]   (default build; needs
#        BUILD_DIR/mote, BUILD_DIR/examples/*, BUILD_DIR/libmote.a; CC,
#        EXTRA_CFLAGS and LDFLAGS as given to make, for linking https_get
#        with compiled-in trust anchors against BUILD_DIR/libmote.a)
# Prints "interop: <case> ok|FAIL ...|skipped ..." and ends with
# "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
BUILD=${1:-$here/../../build}
BUILD=$(cd "$BUILD" && pwd) || exit 1
MOTE=$BUILD/mote
HTTPS_GET=$BUILD/examples/https_get
MQTT_TLS=$BUILD/examples/mqtt_tls
work=$MOTE_INTEROP_TMP # removed at exit by lib.sh, after the servers stop

ok() { mote_ok "$1"; }
bad() { mote_fail "$1" "$2"; }
tailof() { tail -n "${2:-3}" "$1" | tr '\n' ' '; }

dir=$work/p256
mote_gen_chain "$dir" p256 || {
    bad "chain p256" "could not generate"
    mote_summary
    exit 1
}

# Files the HTTP servers send (-WWW and -HTTP serve paths relative to their
# working directory).
www=$work/www
mkdir -p "$www"
head -c 98304 /dev/urandom | base64 -w 76 >"$www/file.txt" # ~130 KB: many records
head -c 786432 /dev/urandom | base64 -w 76 >"$www/mib.txt"
printf 'the body\n' >"$www/cl.body"
{
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\n'
    cat "$www/cl.body"
    printf 'NOT PART OF THE BODY\n' # beyond Content-Length: must not be printed
} >"$www/cl.txt"
{
    printf 'HTTP/1.1 200 OK\r\nContent-Length: %s\r\n\r\n' "$(wc -c <"$www/mib.txt")"
    cat "$www/mib.txt"
} >"$www/mib-cl.txt"
printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello,\r\n1;ext=1\r\n \r\nA  \r\nchunked wo\r\n4\r\nrld\n\r\n0\r\nX-Trailer: yes\r\n\r\n' >"$www/chunked.txt"
printf 'hello, chunked world\n' >"$www/chunked.body"
printf 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nafter\n' >"$www/interim.txt"
printf 'HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\nnot found\n' >"$www/missing.txt"

cd "$www" || exit 1
mote_start_openssl_server "$dir" WWW_PORT -tls1_3 -WWW || bad "openssl -WWW" "did not start"
mote_start_openssl_server "$dir" HTTP_PORT -tls1_3 -HTTP || bad "openssl -HTTP" "did not start"
mote_start_openssl_server "$dir" STATUS_PORT -tls1_3 -www || bad "openssl -www" "did not start"
cd - >/dev/null || exit 1

# ---------------------------------------------------------------- https_get

out=$work/hg.out err=$work/hg.err
if timeout 30 "$HTTPS_GET" localhost "$STATUS_PORT" / "$dir/root.pem" >"$out" 2>"$err" &&
    grep -q 'Ciphers supported in s_server' "$out" && grep -q '^status: HTTP/1.0 200' "$err" &&
    ! grep -q 'HTTP/1.0' "$out"; then
    ok "https_get s_server -www (status page, headers stripped)"
else
    bad "https_get s_server -www" "$(tailof "$err")"
fi
if timeout 30 "$HTTPS_GET" localhost "$WWW_PORT" /file.txt "$dir/root.pem" >"$out" 2>"$err" &&
    cmp -s "$out" "$www/file.txt"; then
    ok "https_get s_server -WWW file ($(wc -c <"$www/file.txt") bytes, exact)"
else
    bad "https_get s_server -WWW file" "$(tailof "$err") got $(wc -c <"$out") bytes"
fi
if timeout 30 "$HTTPS_GET" 127.0.0.1 "$WWW_PORT" /file.txt "$dir/root.pem" >"$out" 2>"$err" &&
    cmp -s "$out" "$www/file.txt"; then
    ok "https_get to an IP address (no SNI, iPAddress SAN)"
else
    bad "https_get to an IP address" "$(tailof "$err")"
fi

# Roots compiled in: `mote ta` output linked with the example.
read -ra cflags <<<"${EXTRA_CFLAGS:-}"
read -ra ldflags <<<"${LDFLAGS:-}"
if "$MOTE" ta "$dir/root.pem" >"$work/trust_anchors.c" 2>"$work/ta.err" &&
    "${CC:-cc}" -std=c99 -Wall -Wextra -Werror "${cflags[@]+"${cflags[@]}"}" -I"$here/../../include" \
        -DHTTPS_GET_BUILTIN_ANCHORS "$here/../../examples/https_get.c" "$work/trust_anchors.c" \
        "$BUILD/libmote.a" "${ldflags[@]+"${ldflags[@]}"}" -o "$work/https_get_builtin" \
        >"$work/cc.err" 2>&1; then
    if timeout 30 "$work/https_get_builtin" localhost "$WWW_PORT" /file.txt >"$out" 2>"$err" &&
        cmp -s "$out" "$www/file.txt"; then
        ok "https_get with compiled-in trust anchors (mote ta)"
    else
        bad "https_get with compiled-in trust anchors" "$(tailof "$err")"
    fi
else
    bad "https_get with compiled-in trust anchors" "build: $(tailof "$work/ta.err") $(tailof "$work/cc.err")"
fi

if timeout 30 "$HTTPS_GET" localhost "$STATUS_PORT" / "$dir/untrusted-root.pem" >"$out" 2>"$err"; then
    bad "https_get untrusted root" "succeeded"
elif grep -q 'handshake failed: unknown issuer' "$err" && [ ! -s "$out" ]; then
    ok "https_get untrusted root refused"
else
    bad "https_get untrusted root" "$(tailof "$err")"
fi

# ---------------------------------------------------------------- mote get

getc() { # CASE EXPECTED_BODY_FILE URL_PATH [options]: exact body, exit 0
    local name=$1 want=$2 path=$3
    shift 3
    if timeout 60 "$MOTE" get "https://127.0.0.1:$HTTP_PORT$path" --ca "$dir/root.pem" --host localhost \
        "$@" >"$out" 2>"$err" && cmp -s "$out" "$want"; then
        ok "$name"
    else
        bad "$name" "$(tailof "$err") got $(wc -c <"$out") bytes"
    fi
}
getc "mote get Content-Length body (exact, nothing past it)" "$www/cl.body" /cl.txt
getc "mote get chunked body (extensions, trailer)" "$www/chunked.body" /chunked.txt
printf 'after\n' >"$work/interim.body"
getc "mote get skips a 100 Continue" "$work/interim.body" /interim.txt
getc "mote get 1 MiB Content-Length body through 1 KiB records" "$www/mib.txt" /mib-cl.txt \
    --in-buf 1053 --out-buf 1053
timeout 30 "$MOTE" get "https://localhost:$HTTP_PORT/missing.txt" --ca "$dir/root.pem" >"$out" 2>"$err"
rc=$?
if [ $rc = 1 ] && grep -q 'HTTP status 404' "$err" && grep -qx 'not found' "$out"; then
    ok "mote get 404: exit 1, body written"
else
    bad "mote get 404" "exit $rc: $(tailof "$err")"
fi

if timeout 30 "$MOTE" get "https://localhost:$WWW_PORT/file.txt" --ca "$dir/root.pem" >"$out" 2>"$err" &&
    cmp -s "$out" "$www/file.txt" && ! grep -q 'truncated' "$err"; then
    ok "mote get s_server -WWW (body up to close_notify)"
else
    bad "mote get s_server -WWW" "$(tailof "$err")"
fi
if timeout 30 "$MOTE" get "https://localhost:$STATUS_PORT/" --ca "$dir/root.pem" -v --stats \
    >"$out" 2>"$err" && grep -q 'Ciphers supported in s_server' "$out" &&
    grep -q '^< HTTP/1.0 200 ok' "$err" && grep -q '^verification: OK' "$err" &&
    grep -Eq '^ram: ctx=[0-9]+ in=[0-9]+ out=[0-9]+ stack=[1-9][0-9]* total=[0-9]+$' "$err" &&
    ! grep -q '^HTTP/' "$out"; then
    ok "mote get -v --stats (status line and headers on stderr only, ram line)"
else
    bad "mote get -v --stats" "$(tailof "$err" 4)"
fi
if timeout 30 "$MOTE" get "https://localhost:$STATUS_PORT/" --ca "$dir/untrusted-root.pem" \
    >"$out" 2>"$err"; then
    bad "mote get untrusted root" "succeeded"
elif grep -q 'unknown issuer' "$err" && [ ! -s "$out" ]; then
    ok "mote get untrusted root refused"
else
    bad "mote get untrusted root" "$(tailof "$err")"
fi
if timeout 10 "$MOTE" get "http://localhost:$STATUS_PORT/" >"$out" 2>"$err"; then
    bad "mote get http:// refused" "succeeded"
elif grep -q 'only https' "$err"; then ok "mote get http:// refused"; else bad "mote get http://" "$(tailof "$err")"; fi

# The request itself, seen by a plain s_server that we answer by hand.
mote_start_openssl_server "$dir" RAW_PORT -tls1_3 || bad "openssl plain" "did not start"
timeout 30 "$MOTE" get "https://localhost:$RAW_PORT/a/b?c=d#frag" --ca "$dir/root.pem" \
    >"$out" 2>"$err" &
gpid=$!
if mote_wait_for_file "$RAW_PORT_LOG" '^Connection: close' 15; then
    printf 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi\n' >&"$RAW_PORT_IN"
fi
wait "$gpid"
rc=$?
log=$(tr -d '\r' <"$RAW_PORT_LOG")
if [ $rc = 0 ] && [ "$(cat "$out")" = hi ] && grep -qx 'GET /a/b?c=d HTTP/1.1' <<<"$log" &&
    grep -qx "Host: localhost:$RAW_PORT" <<<"$log" && grep -qx 'Connection: close' <<<"$log"; then
    ok "mote get request line, Host and Connection: close (fragment dropped)"
else
    bad "mote get request" "exit $rc: $(tailof "$err") server saw: $(grep -E '^(GET|Host)' <<<"$log" | tr '\n' ' ')"
fi
mote_stop_servers

# Wrong host: a leaf for other.example.
MOTE_SERVER_CERT=wronghost.pem mote_start_openssl_server "$dir" BAD_PORT -tls1_3 -www ||
    bad "openssl wronghost" "did not start"
if timeout 30 "$HTTPS_GET" localhost "$BAD_PORT" / "$dir/root.pem" >"$out" 2>"$err"; then
    bad "https_get wrong host" "succeeded"
elif grep -q 'handshake failed: name mismatch' "$err"; then
    ok "https_get wrong host refused"
else
    bad "https_get wrong host" "$(tailof "$err")"
fi
mote_stop_servers

# ---------------------------------------------------------------- mqtt_tls

_mq_stop() { # PID: stop one broker started here
    kill -TERM "$1" 2>/dev/null || return 0
    wait "$1" 2>/dev/null || true
}

# start_mosquitto DIR NAME: a broker on 127.0.0.1 with one TLS 1.3 listener
# (DIR's leaf and chain) that requires a client certificate issued under
# DIR/root.pem and takes its CN as the user name. Sets MQ_PORT, MQ_PID,
# MQ_LOG. Stopped at exit (mote_on_exit) or by _mq_stop $MQ_PID.
start_mosquitto() {
    local d=$1 name=$2 try conf pid user=
    # As root, mosquitto would drop to user "mosquitto", which cannot read
    # our scratch directory.
    [ "$(id -u)" = 0 ] && user="user root"
    for ((try = 0; try < 5; try++)); do
        MQ_PORT=$(mote_free_port) || return 1
        conf=$work/mosquitto-$name.conf
        MQ_LOG=$work/mosquitto-$name.log
        cat >"$conf" <<EOF
per_listener_settings true
listener $MQ_PORT 127.0.0.1
cafile $d/root.pem
certfile $d/chain.pem
keyfile $d/leaf.key
tls_version tlsv1.3
require_certificate true
use_identity_as_username true
allow_anonymous false
persistence false
log_dest stderr
log_type all
$user
EOF
        : >"$MQ_LOG"
        mosquitto -c "$conf" >"$MQ_LOG" 2>&1 &
        pid=$!
        mote_on_exit "_mq_stop $pid"
        if mote_wait_for_file "$MQ_LOG" ' running$|Error' 10 && grep -q ' running$' "$MQ_LOG"; then
            MQ_PID=$pid
            return 0
        fi
        _mq_stop "$pid"
        grep -qi 'address already in use' "$MQ_LOG" || break
    done
    echo "interop-note: mosquitto did not start:" >&2
    tail -n 5 "$MQ_LOG" >&2
    return 1
}

if ! command -v mosquitto >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
        bad "mqtt_tls" "mosquitto not installed (apt-get install mosquitto)"
    else
        mote_skip "mqtt_tls" "mosquitto not installed (apt-get install mosquitto)"
    fi
    mote_summary
    exit
fi

# mqtt_ok CASE DIR [mqtt_tls args after CA.pem]: the round trip must complete.
mqtt_ok() {
    local name=$1 d=$2
    shift 2
    if timeout 60 "$MQTT_TLS" localhost "$MQ_PORT" "$d/root.pem" "$@" >"$out" 2>"$err" &&
        grep -qx 'round trip ok' "$out" &&
        grep -q "^published: $(sed -n 's/^received: //p' "$out")\$" "$out" &&
        mote_wait_for_file "$MQ_LOG" "u'mote test client'" 5; then
        ok "$name"
    else
        bad "$name" "$(tailof "$err") $(tailof "$out" 2)"
    fi
}

for kind in p256 rsa2048 ed25519-ecroot; do
    d=$work/$kind
    mote_gen_chain "$d" "$kind" || {
        bad "chain $kind" "could not generate"
        continue
    }
    cat "$d/client.pem" "$d/int.pem" >"$d/client-chain.pem"
    start_mosquitto "$d" "$kind" || {
        bad "mosquitto $kind" "did not start"
        continue
    }
    mqtt_ok "mqtt_tls round trip, $kind client certificate (mosquitto, mutual TLS 1.3)" "$d" \
        "$d/client-chain.pem" "$d/client.key"
    if [ "$kind" = p256 ]; then
        # No client certificate: the broker ends the connection
        # (certificate_required, after our Finished in TLS 1.3).
        if timeout 60 "$MQTT_TLS" localhost "$MQ_PORT" "$d/root.pem" >"$out" 2>"$err"; then
            bad "mqtt_tls without a client certificate" "was accepted"
        elif ! grep -q '^connected as' "$out" &&
            mote_wait_for_file "$MQ_LOG" 'peer did not return a certificate' 5; then
            ok "mqtt_tls without a client certificate refused by the broker"
        else
            bad "mqtt_tls without a client certificate" "$(tailof "$err")"
        fi
        # The broker's chain does not lead to our trust anchor: we refuse.
        if timeout 60 "$MQTT_TLS" localhost "$MQ_PORT" "$d/untrusted-root.pem" \
            "$d/client-chain.pem" "$d/client.key" >"$out" 2>"$err"; then
            bad "mqtt_tls broker with an untrusted root" "succeeded"
        elif grep -q 'handshake failed: unknown issuer' "$err"; then
            ok "mqtt_tls broker with an untrusted root refused"
        else
            bad "mqtt_tls broker with an untrusted root" "$(tailof "$err")"
        fi
    fi
    _mq_stop "$MQ_PID"
done

# A client certificate from another CA (rsa2048's) at the p256 broker.
d=$work/p256
if start_mosquitto "$d" p256-foreign; then
    if timeout 60 "$MQTT_TLS" localhost "$MQ_PORT" "$d/root.pem" "$work/rsa2048/client-chain.pem" \
        "$work/rsa2048/client.key" >"$out" 2>"$err"; then
        bad "mqtt_tls client certificate from another CA" "was accepted"
    elif ! grep -q '^connected as' "$out" &&
        mote_wait_for_file "$MQ_LOG" 'certificate verify failed' 5; then
        ok "mqtt_tls client certificate from another CA refused by the broker"
    else
        bad "mqtt_tls client certificate from another CA" "$(tailof "$err")"
    fi
    _mq_stop "$MQ_PID"
else
    bad "mosquitto p256-foreign" "did not start"
fi

mote_summary
