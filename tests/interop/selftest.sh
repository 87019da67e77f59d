#!/usr/bin/env bash
# tests/interop/selftest.sh: proves the interop harness (lib.sh) works.
#
# For each chain kind: generate it, check its extensions and validity with
# `openssl verify -x509_strict` and `openssl x509`, check that each piece of
# negative material fails for the right reason, then start an openssl
# s_server and a gnutls-serv with it and talk to each with openssl s_client
# and gnutls-cli (verifying chain and host name, sending a line, reading the
# echo), with and without a client certificate. Then, once: negative
# material through real handshakes, forced versions/groups/ciphers, the
# -www/--http and plain modes, IPv6, a port-collision retry, and that
# servers die with the script on exit, SIGTERM and SIGINT.
#
# Prints "interop: <case> ok|FAIL <why>" lines and "N passed, N failed";
# exits 1 on any failure. MOTE_SELFTEST_KINDS overrides the kinds tested.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

T=$MOTE_INTEROP_TMP
KINDS=${MOTE_SELFTEST_KINDS:-"p256 p384 ed25519 rsa2048 rsapss2048 p256-rsaroot rsa4096"}
HELLO="hello from mote $$"
OLLEH=
for ((i = ${#HELLO} - 1; i >= 0; i--)); do OLLEH+=${HELLO:i:1}; done
START=$SECONDS

missing=
for tool in openssl gnutls-serv gnutls-cli timeout mkfifo; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    mote_fail tools "missing:$missing (apt-get install openssl gnutls-bin coreutils)"
    mote_summary
    exit 1
fi

# sclient DIR PORT: SC=(s_client that must verify the chain and "localhost").
sclient() {
    SC=(openssl s_client -brief -connect "127.0.0.1:$2" -servername localhost
        -verify_return_error -verify_hostname localhost -CAfile "$1/root.pem")
}
# gcli DIR PORT: GC=(gnutls-cli that must verify the chain and "localhost").
gcli() {
    GC=(gnutls-cli --x509cafile "$1/root.pem" --verify-hostname localhost
        --sni-hostname localhost -p "$2" 127.0.0.1)
}

# rt CASE SEND EXPECT CMD... : round trip must succeed.
rt() {
    local name=$1 send=$2 expect=$3 out="$T/out.$RANDOM"
    shift 3
    if mote_roundtrip "$out" "$send" "$expect" 8 -- "$@"; then
        mote_ok "$name"
    else
        mote_fail "$name" "no '$expect' (exit $MOTE_RT_STATUS): $(tail -n 4 "$out" | tr '\n' ' ')"
    fi
    LAST_OUT=$out
}
# rt_fail CASE REASON ECHO CMD... : the connection must fail, saying REASON
# (an ERE), and the server's answer ECHO must not arrive.
rt_fail() {
    local name=$1 reason=$2 echo=$3 out="$T/out.$RANDOM"
    shift 3
    if mote_roundtrip "$out" "$HELLO" "$echo" 8 -- "$@"; then
        mote_fail "$name" "data went through"
    elif [ "$MOTE_RT_STATUS" = 124 ] || [ "$MOTE_RT_STATUS" = 137 ]; then
        mote_fail "$name" "client hung"
    elif ! grep -Eq -- "$reason" "$out"; then
        mote_fail "$name" "failed, but not with /$reason/: $(tail -n 4 "$out" | tr '\n' ' ')"
    else
        mote_ok "$name"
    fi
    LAST_OUT=$out
}
# has CASE FILE ERE... : FILE must match every ERE.
has() {
    local name=$1 file=$2 re
    shift 2
    for re in "$@"; do
        if ! grep -Eq -- "$re" "$file"; then
            mote_fail "$name" "no /$re/ in $(basename "$file"): $(tr '\n' ' ' <"$file" | cut -c1-300)"
            return
        fi
    done
    mote_ok "$name"
}
# vfail CASE REASON verify-args... : `openssl verify` must fail with REASON.
vfail() {
    local name=$1 reason=$2 out
    shift 2
    if out=$(openssl verify "$@" 2>&1); then
        mote_fail "$name" "verified"
    elif ! grep -Eq -- "$reason" <<<"$out"; then
        mote_fail "$name" "not '$reason': $(tr '\n' ' ' <<<"$out" | cut -c1-200)"
    else
        mote_ok "$name"
    fi
}

# check_files TAG DIR: the files of a chain, its extensions and validity,
# and that each piece of negative material fails for the right reason.
check_files() {
    local tag=$1 d=$2 f n
    n=0
    for f in root.pem int.pem leaf.pem leaf.key chain.pem fullchain.pem client.pem client.key \
        client-chain.pem expired.pem notyet.pem wronghost.pem untrusted-root.pem impostor-root.pem; do
        [ -s "$d/$f" ] || { mote_fail "$tag: files" "$f missing"; return; }
    done
    n=$(grep -c 'BEGIN CERTIFICATE' "$d/chain.pem")
    f=$(grep -c 'BEGIN CERTIFICATE' "$d/fullchain.pem")
    if [ "$n" = 2 ] && [ "$f" = 3 ] && grep -q 'BEGIN PRIVATE KEY' "$d/leaf.key" &&
        [ "$(grep -c 'BEGIN CERTIFICATE' "$d/client-chain.pem")" = 2 ]; then
        mote_ok "$tag: files"
    else
        mote_fail "$tag: files" "chain.pem has $n certs, fullchain.pem $f"
    fi

    # The chain verifies strictly, for the name and both IP addresses.
    local v=(openssl verify -x509_strict -CAfile "$d/root.pem" -untrusted "$d/int.pem")
    mote_check "$tag: verify leaf (localhost)" "${v[@]}" -purpose sslserver \
        -verify_hostname localhost "$d/leaf.pem"
    mote_check "$tag: verify leaf (127.0.0.1)" "${v[@]}" -purpose sslserver \
        -verify_ip 127.0.0.1 "$d/leaf.pem"
    mote_check "$tag: verify leaf (::1)" "${v[@]}" -purpose sslserver -verify_ip ::1 "$d/leaf.pem"
    mote_check "$tag: verify client cert" "${v[@]}" -purpose sslclient "$d/client.pem"
    mote_check "$tag: verify fullchain" openssl verify -x509_strict -CAfile "$d/root.pem" \
        -untrusted "$d/fullchain.pem" "$d/leaf.pem"

    # Extensions.
    openssl x509 -in "$d/root.pem" -noout -text >"$T/root.txt"
    openssl x509 -in "$d/int.pem" -noout -text >"$T/int.txt"
    openssl x509 -in "$d/leaf.pem" -noout -text >"$T/leaf.txt"
    openssl x509 -in "$d/client.pem" -noout -text >"$T/client.txt"
    has "$tag: root extensions" "$T/root.txt" 'Basic Constraints: critical' 'CA:TRUE' \
        'Key Usage: critical' 'Certificate Sign, CRL Sign'
    has "$tag: intermediate extensions" "$T/int.txt" 'CA:TRUE, pathlen:0' \
        'Certificate Sign, CRL Sign' 'Authority Key Identifier'
    has "$tag: leaf extensions" "$T/leaf.txt" 'CA:FALSE' 'Digital Signature' \
        'TLS Web Server Authentication' \
        'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1'
    has "$tag: client extensions" "$T/client.txt" 'CA:FALSE' 'TLS Web Client Authentication'
    local nb na now
    now=$(date -u +%s)
    nb=$(date -u -d "$(openssl x509 -in "$d/leaf.pem" -noout -startdate | cut -d= -f2)" +%s)
    na=$(date -u -d "$(openssl x509 -in "$d/leaf.pem" -noout -enddate | cut -d= -f2)" +%s)
    # (up to 4 hours of slack: MOTE_PKI_CACHE may hold chains made earlier in the run)
    if [ $((now - nb)) -ge 86000 ] && [ $((now - nb)) -le $((86400 + 4 * 3600)) ] &&
        [ $((na - now)) -ge $((365 * 86400 - 4 * 3600)) ] && [ $((na - now)) -le $((365 * 86400 + 400)) ]; then
        mote_ok "$tag: validity (-1 day .. +1 year)"
    else
        mote_fail "$tag: validity" "notBefore now-$((now - nb))s, notAfter now+$((na - now))s"
    fi

    # Negative material fails for the right reason.
    vfail "$tag: expired.pem is expired" "certificate has expired" \
        -CAfile "$d/root.pem" -untrusted "$d/int.pem" "$d/expired.pem"
    vfail "$tag: notyet.pem is not yet valid" "certificate is not yet valid" \
        -CAfile "$d/root.pem" -untrusted "$d/int.pem" "$d/notyet.pem"
    vfail "$tag: wronghost.pem mismatches localhost" "hostname mismatch" \
        -CAfile "$d/root.pem" -untrusted "$d/int.pem" -verify_hostname localhost "$d/wronghost.pem"
    mote_check "$tag: wronghost.pem matches other.example" openssl verify -CAfile "$d/root.pem" \
        -untrusted "$d/int.pem" -verify_hostname other.example "$d/wronghost.pem"
    vfail "$tag: untrusted-root.pem does not anchor" "unable to get local issuer certificate" \
        -CAfile "$d/untrusted-root.pem" -untrusted "$d/int.pem" "$d/leaf.pem"
    vfail "$tag: impostor-root.pem fails the signature" "certificate signature failure" \
        -CAfile "$d/impostor-root.pem" -untrusted "$d/int.pem" "$d/leaf.pem"
    vfail "$tag: client.pem is no server cert" "unsuitable certificate purpose|unsupported certificate purpose" \
        -CAfile "$d/root.pem" -untrusted "$d/int.pem" -purpose sslserver "$d/client.pem"
}

check_kind() {
    local kind=$1 d="$T/$1" f n t0=$SECONDS
    # Wait for the background generator, then take the chain from the cache
    # (or generate it here if the generator failed).
    mote_wait_for_file "$MOTE_PKI_CACHE/$kind/kind" . 180 || true
    if ! mote_gen_chain "$d" "$kind" 2>"$T/gen.err"; then
        mote_fail "$kind: generate" "$(tail -n 3 "$T/gen.err" | tr '\n' ' ')"
        return
    fi
    mote_ok "$kind: generate (waited $((SECONDS - t0)) s)"

    check_files "$kind" "$d"

    # Real handshakes, both servers, both clients.
    local OS GS CA
    if mote_start_openssl_server "$d" OS -rev 2>"$T/start.err"; then
        sclient "$d" "$OS"
        rt "$kind: s_client -> s_server" "$HELLO" "$OLLEH" "${SC[@]}"
        has "$kind: s_client verified" "$LAST_OUT" 'Verification: OK' 'Verified peername: localhost'
        gcli "$d" "$OS"
        rt "$kind: gnutls-cli -> s_server" "$HELLO" "$OLLEH" "${GC[@]}"
        has "$kind: gnutls-cli verified" "$LAST_OUT" 'The certificate is trusted'
        mote_stop_server OS
    else
        mote_fail "$kind: start s_server" "$(tr '\n' ' ' <"$T/start.err")"
    fi
    if mote_start_gnutls_server "$d" GS --echo 2>"$T/start.err"; then
        sclient "$d" "$GS"
        rt "$kind: s_client -> gnutls-serv" "$HELLO" "$HELLO" "${SC[@]}"
        gcli "$d" "$GS"
        rt "$kind: gnutls-cli -> gnutls-serv" "$HELLO" "$HELLO" "${GC[@]}"
        mote_stop_server GS
    else
        mote_fail "$kind: start gnutls-serv" "$(tr '\n' ' ' <"$T/start.err")"
    fi
    # Client certificate required (and verified against root.pem).
    if mote_start_openssl_server "$d" CA -rev -Verify 1 -verify_return_error \
        -CAfile "$d/root.pem" 2>"$T/start.err"; then
        sclient "$d" "$CA"
        rt "$kind: client cert accepted" "$HELLO" "$OLLEH" "${SC[@]}" \
            -cert "$d/client.pem" -key "$d/client.key" -cert_chain "$d/int.pem"
        sclient "$d" "$CA"
        rt_fail "$kind: no client cert refused" 'alert|error' "$OLLEH" "${SC[@]}"
        mote_stop_server CA
    else
        mote_fail "$kind: start s_server with client auth" "$(tr '\n' ' ' <"$T/start.err")"
    fi
}

# Generate the chains in the background (key generation is CPU-bound,
# the handshake checks mostly wait), in the order they are checked.
(for kind in $KINDS; do mote_gen_chain "$T/pregen/$kind" "$kind" 2>/dev/null; done) &
pregen=$!
mote_on_exit "kill $pregen 2>/dev/null"
for kind in $KINDS; do
    check_kind "$kind"
done

# ------------------------------------------------------------ once
K=${KINDS%% *}
for k in $KINDS; do [ "$k" = p256 ] && K=p256; done
D="$T/$K"

# Negative material through real handshakes.
if MOTE_SERVER_CERT=expired.pem mote_start_openssl_server "$D" EX -rev; then
    sclient "$D" "$EX"
    rt_fail "TLS: s_client rejects expired.pem" 'certificate has expired' "$OLLEH" "${SC[@]}"
    gcli "$D" "$EX"
    rt_fail "TLS: gnutls-cli rejects expired.pem" 'expired' "$OLLEH" "${GC[@]}"
fi
if MOTE_SERVER_CERT=notyet.pem mote_start_openssl_server "$D" NY -rev; then
    sclient "$D" "$NY"
    rt_fail "TLS: s_client rejects notyet.pem" 'certificate is not yet valid' "$OLLEH" "${SC[@]}"
fi
if MOTE_SERVER_CERT=wronghost.pem mote_start_gnutls_server "$D" WH --echo; then
    sclient "$D" "$WH"
    rt_fail "TLS: s_client rejects wronghost.pem" 'hostname mismatch' "$HELLO" "${SC[@]}"
    gcli "$D" "$WH"
    rt_fail "TLS: gnutls-cli rejects wronghost.pem" 'does not match' "$HELLO" "${GC[@]}"
fi
if MOTE_SERVER_CERT=client.pem MOTE_SERVER_KEY=client.key mote_start_openssl_server "$D" CL -rev; then
    sclient "$D" "$CL"
    rt_fail "TLS: s_client rejects a clientAuth-only server cert" 'unsuitable certificate purpose|unsupported certificate purpose' "$OLLEH" \
        "${SC[@]}" -purpose sslserver
fi
if MOTE_SERVER_CHAIN=none mote_start_openssl_server "$D" NC -rev; then
    sclient "$D" "$NC"
    rt_fail "TLS: s_client rejects a server that omits int.pem" 'unable to get local issuer' "$OLLEH" \
        "${SC[@]}"
fi
if mote_start_openssl_server "$D" OK -rev; then
    sclient "$D" "$OK"
    rt_fail "TLS: s_client with untrusted-root.pem fails" 'unable to get local issuer' "$OLLEH" \
        "${SC[@]}" -CAfile "$D/untrusted-root.pem"
    rt_fail "TLS: gnutls-cli with untrusted-root.pem fails" 'issuer is unknown|not trusted' "$OLLEH" \
        gnutls-cli --x509cafile "$D/untrusted-root.pem" -p "$OK" 127.0.0.1
    sclient "$D" "$OK"
    rt_fail "TLS: s_client with impostor-root.pem fails" 'certificate signature failure' "$OLLEH" \
        "${SC[@]}" -CAfile "$D/impostor-root.pem"
fi
# -www status page shows what was negotiated.
if mote_start_openssl_server "$D" WW -www; then
    sclient "$D" "$WW"
    rt "openssl -www mode" "GET / HTTP/1.0"$'\n' 'Protocol  : TLSv1.3' "${SC[@]}" -ign_eof
fi
mote_stop_servers

# gnutls-serv priority strings force version, group and cipher.
if mote_start_gnutls_server "$D" P1 --echo \
    --priority NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-X25519:-CIPHER-ALL:+CHACHA20-POLY1305; then
    sclient "$D" "$P1"
    rt "gnutls priority: TLS 1.3 + X25519 + ChaCha20" "$HELLO" "$HELLO" "${SC[@]}"
    has "gnutls priority: negotiated" "$LAST_OUT" 'Protocol version: TLSv1.3' \
        'Ciphersuite: TLS_CHACHA20_POLY1305_SHA256' 'Server Temp Key: X25519'
fi
if mote_start_gnutls_server "$D" P2 --echo \
    --priority NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-SECP384R1:-CIPHER-ALL:+AES-128-GCM; then
    sclient "$D" "$P2"
    rt "gnutls priority: TLS 1.3 + P-384 + AES-128-GCM" "$HELLO" "$HELLO" "${SC[@]}"
    has "gnutls priority: negotiated P-384" "$LAST_OUT" 'Ciphersuite: TLS_AES_128_GCM_SHA256' \
        'Server Temp Key: ECDH, secp384r1'
fi
if mote_start_gnutls_server "$D" P3 --echo --priority NORMAL:-VERS-ALL:+VERS-TLS1.2; then
    sclient "$D" "$P3"
    rt "gnutls priority: TLS 1.2 only" "$HELLO" "$HELLO" "${SC[@]}"
    has "gnutls priority: negotiated TLS 1.2" "$LAST_OUT" 'Protocol version: TLSv1.2'
fi
if mote_start_gnutls_server "$D" GQ --echo --require-client-cert --x509cafile "$D/root.pem"; then
    sclient "$D" "$GQ"
    rt "gnutls-serv: client cert accepted" "$HELLO" "$HELLO" "${SC[@]}" \
        -cert "$D/client.pem" -key "$D/client.key" -cert_chain "$D/int.pem"
    sclient "$D" "$GQ"
    rt_fail "gnutls-serv: no client cert refused" 'alert|error' "$HELLO" "${SC[@]}"
fi
if mote_start_gnutls_server "$D" GH --http; then
    sclient "$D" "$GH"
    rt "gnutls-serv --http mode" "GET / HTTP/1.0"$'\n' 'TLS1.3' "${SC[@]}" -ign_eof
fi
mote_stop_servers

# Plain s_server: client data lands in the log, PORTVAR_IN goes to the client.
if mote_start_openssl_server "$D" PL; then
    (mote_wait_for_file "$PL_LOG" "$HELLO" 8 && printf 'from the server %s\n' "$$" >&"$PL_IN") &
    feeder=$!
    sclient "$D" "$PL"
    rt "plain s_server: data both ways" "$HELLO" "from the server $$" "${SC[@]}"
    wait "$feeder" || true
fi

# IPv6 loopback.
if grep -q ' lo$' /proc/net/if_inet6 2>/dev/null; then
    if MOTE_SERVER_ADDR=::1 mote_start_openssl_server "$D" V6 -rev; then
        rt "s_server on [::1]" "$HELLO" "$OLLEH" openssl s_client -brief -connect "[::1]:$V6" \
            -verify_return_error -verify_ip ::1 -CAfile "$D/root.pem"
    else
        mote_fail "s_server on [::1]" "did not start"
    fi
else
    mote_skip "s_server on [::1]" "no IPv6 loopback"
fi

# A taken port makes the starter retry on another one.
if mote_start_openssl_server "$D" A1 -rev; then
    if MOTE_INTEROP_TRY_PORT=$A1 mote_start_openssl_server "$D" A2 -rev 2>"$T/retry.err"; then
        if [ "$A2" != "$A1" ] && grep -q "taken, retrying" "$T/retry.err"; then
            sclient "$D" "$A2"
            rt "port collision: retried on another port" "$HELLO" "$OLLEH" "${SC[@]}"
        else
            mote_fail "port collision" "A1=$A1 A2=$A2: $(cat "$T/retry.err")"
        fi
    else
        mote_fail "port collision" "second server did not start: $(cat "$T/retry.err")"
    fi
    # gnutls-serv binds the wildcard address, which Linux allows beside a
    # 127.0.0.1 listener: the starter must notice it would not get the clients.
    if MOTE_INTEROP_TRY_PORT=$A1 mote_start_gnutls_server "$D" A3 --echo 2>"$T/retry.err"; then
        if [ "$A3" != "$A1" ] && grep -q "taken, retrying" "$T/retry.err"; then
            sclient "$D" "$A3"
            rt "port collision (gnutls-serv wildcard): retried" "$HELLO" "$HELLO" "${SC[@]}"
        else
            mote_fail "port collision (gnutls-serv wildcard)" "A1=$A1 A3=$A3: $(cat "$T/retry.err")"
        fi
    else
        mote_fail "port collision (gnutls-serv wildcard)" "did not start: $(cat "$T/retry.err")"
    fi
    A1pid=$A1_PID
    mote_stop_server A1
    if ! kill -0 "$A1pid" 2>/dev/null && [ -z "$(_mote_listen_inodes "$A1")" ]; then
        mote_ok "mote_stop_server: process gone, port closed"
    else
        mote_fail "mote_stop_server" "pid $A1pid or port $A1 still there"
    fi
fi
mote_stop_servers

# The C twin, tools/testpki.c (for `mote demo`): a scratch driver makes a
# chain in a mkdtemp directory, starts s_server -rev on a free port, waits
# for a line, stops the server and removes the directory.
src="$here/../../tools/testpki.c"
cc=${CC:-cc}
if [ ! -f "$src" ]; then
    mote_skip "C testpki" "no $src"
elif ! command -v "$cc" >/dev/null 2>&1; then
    mote_skip "C testpki" "no C compiler ($cc)"
else
    cat >"$T/drv.c" <<'EOF_C'
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include "testpki.h"

int main(int argc, char **argv)
{
    static const char *const rev[] = {"-rev", NULL};
    char dir[256], line[64];
    struct stat sb;
    int port;
    pid_t pid;
    if (argc != 2) return 2;
    if (mote_testpki_tempdir("drv", dir, sizeof dir) != 0) return 3;
    if (mote_testpki_make_chain(dir, argv[1]) != 0) return 4;
    if (mote_testpki_start_openssl_free(dir, rev, &port, &pid) != 0) return 5;
    printf("%s %d %ld\n", dir, port, (long)pid);
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin)) line[0] = 0;
    mote_testpki_stop(pid);
    if (kill(pid, 0) == 0 || errno != ESRCH) return 6;
    printf("stopped\n");
    if (mote_testpki_remove_dir(dir) != 0 || stat(dir, &sb) == 0) return 7;
    printf("removed\n");
    return mote_testpki_make_chain(dir, "no-such-kind") == -1 ? 0 : 8;
}
EOF_C
    if ! "$cc" -std=c99 -O1 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -I"$here/../../tools" "$T/drv.c" "$src" -o "$T/drv" 2>"$T/cc.err"; then
        mote_fail "C testpki: compile" "$(head -n 5 "$T/cc.err" | tr '\n' ' ')"
    else
        mote_ok "C testpki: compile"
        for ck in ${MOTE_SELFTEST_C_KINDS:-p256-rsaroot ed25519}; do
            rm -f "$T/drv.in" "$T/drv.out"
            mkfifo "$T/drv.in"
            exec {dfd}<>"$T/drv.in"
            t0=$SECONDS
            "$T/drv" "$ck" <"$T/drv.in" >"$T/drv.out" 2>"$T/drv.err" {dfd}>&- &
            dpid=$!
            mote_on_exit "kill $dpid 2>/dev/null"
            if ! mote_wait_for_file "$T/drv.out" '^/' 120; then
                mote_fail "C $ck: make chain + start" "$(tail -n 4 "$T/drv.err" | tr '\n' ' ')"
                kill "$dpid" 2>/dev/null
                exec {dfd}>&-
                wait "$dpid"
                continue
            fi
            read -r cdir cport cpid <"$T/drv.out"
            mote_ok "C $ck: make chain + start s_server ($((SECONDS - t0)) s)"
            check_files "C $ck" "$cdir"
            sclient "$cdir" "$cport"
            rt "C $ck: s_client -> s_server" "$HELLO" "$OLLEH" "${SC[@]}"
            echo stop >&"$dfd"
            exec {dfd}>&-
            wait "$dpid"
            drc=$?
            if [ $drc -ne 0 ]; then
                mote_fail "C $ck: stop + remove" "driver exit $drc: $(tail -n 3 "$T/drv.err" | tr '\n' ' ')"
            elif kill -0 "$cpid" 2>/dev/null || [ -e "$cdir" ] || ! grep -q removed "$T/drv.out"; then
                mote_fail "C $ck: stop + remove" "server $cpid or $cdir still there"
            else
                mote_ok "C $ck: server stopped, directory removed, bad kind refused"
            fi
        done
    fi
fi

# Servers die with the script: normal exit (status kept), SIGTERM, SIGINT.
export MOTE_PKI_CACHE
child="$T/child.sh"
cat >"$child" <<EOF
. "$here/lib.sh"
mote_gen_chain "\$MOTE_INTEROP_TMP/c" "$K" || exit 9
mote_start_openssl_server "\$MOTE_INTEROP_TMP/c" P -rev || exit 9
mote_start_gnutls_server "\$MOTE_INTEROP_TMP/c" G --echo || exit 9
echo "\$P_PID \$G_PID \$MOTE_INTEROP_TMP" >"\$1.info"
case "\$2" in
exit) exit 3 ;;
*) sleep 30 & wait \$! ;;
esac
EOF
check_child() { # how expected-status
    local how=$1 want=$2 rc tmpd p p1 p2 alive=
    rm -f "$T/$how.info"
    if [ "$how" = exit ]; then
        bash "$child" "$T/$how" exit 2>"$T/$how.err"
        rc=$?
    else
        set -m # own process group: a background bash does not ignore SIGINT then
        bash "$child" "$T/$how" wait 2>"$T/$how.err" &
        local cpid=$!
        set +m
        mote_wait_for_file "$T/$how.info" . 15 || true
        kill "-$how" "$cpid" 2>/dev/null
        wait "$cpid"
        rc=$?
    fi
    if [ ! -s "$T/$how.info" ]; then
        mote_fail "cleanup on $how" "child did not start its servers (status $rc)"
        return
    fi
    read -r p1 p2 tmpd <"$T/$how.info"
    for p in $p1 $p2; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
    if [ -n "$alive" ]; then
        mote_fail "cleanup on $how" "servers still running:$alive"
        for p in $alive; do kill -KILL "$p" 2>/dev/null; done
    elif [ "$rc" != "$want" ]; then
        mote_fail "cleanup on $how" "exit status $rc, expected $want"
    elif [ -e "$tmpd" ]; then
        mote_fail "cleanup on $how" "$tmpd left behind"
    else
        mote_ok "cleanup on $how: servers stopped, scratch removed, status $rc"
    fi
}
check_child exit 3
check_child TERM 143
check_child INT 130

echo "interop-note: selftest took $((SECONDS - START)) s"
mote_summary
