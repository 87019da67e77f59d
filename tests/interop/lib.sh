# tests/interop/lib.sh: harness for interop tests against real TLS peers.
#
# Source it from a bash test script:   . "$(dirname "$0")/lib.sh"
#
# Every peer runs on 127.0.0.1 (gnutls-serv has no listen-address option:
# it binds the wildcard addresses, tests only ever connect to 127.0.0.1) on a
# port chosen free at run time, with certificate chains generated at run
# time by `openssl`. Every server started here is stopped by mote_stop_servers,
# which runs from a trap on EXIT, INT, TERM and HUP; a script that needs its
# own cleanup adds it with mote_on_exit instead of replacing the trap. Start
# servers in the current shell, never inside $(...), or the trap cannot see them.
#
# API (details above each function):
#   mote_free_port                      print a free TCP port on 127.0.0.1
#   mote_gen_chain DIR KIND             root -> intermediate -> leaf (+client, negative material)
#   mote_start_openssl_server DIR PORTVAR [s_server args...]
#   mote_start_gnutls_server DIR PORTVAR [gnutls-serv args...]
#   mote_stop_server PORTVAR            stop one server
#   mote_stop_servers                   stop all servers (also done by the trap)
#   mote_wait_for_file FILE REGEX [SECS]  wait until FILE matches an extended regex
#   mote_roundtrip OUT SEND EXPECT [SECS] -- CMD...  feed SEND to CMD, keep stdin open until
#                                       OUT (CMD's stdout+stderr) contains EXPECT
#   mote_ok CASE / mote_fail CASE WHY / mote_skip CASE WHY / mote_check CASE CMD...
#   mote_summary                        print "N passed, N failed"; return 1 on any failure
#   mote_on_exit CMD                    run CMD (a string, eval'd) at exit, before servers stop
#
# Output: result lines are exactly "interop: <case> ok", "interop: <case>
# FAIL <why>" and "interop: <case> skipped <why>", then one "N passed, N
# failed" line (", N skipped" when some were). Everything else the harness
# prints starts with "interop-note: " (diagnostics, on stderr).
#
# Variables: MOTE_INTEROP_TMP (scratch dir, removed at exit unless MOTE_INTEROP_KEEP=1),
# MOTE_PKI_CACHE (chain cache, keyed by KIND; export it from a parent script to
# share chains between scripts of one run), MOTE_SERVER_TIMEOUT (seconds a
# server gets to start listening, default 10).

if [ -n "${MOTE_INTEROP_LIB_LOADED:-}" ]; then return 0; fi
MOTE_INTEROP_LIB_LOADED=1

MOTE_INTEROP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-interop.XXXXXX") || {
    echo "interop-note: cannot create a scratch directory" >&2
    exit 1
}
: "${MOTE_PKI_CACHE:=$MOTE_INTEROP_TMP/pki-cache}"
: "${MOTE_SERVER_TIMEOUT:=10}"
: "${MOTE_OPENSSL:=openssl}"

_mote_pids=()       # running servers
_mote_portvars=()   # PORTVAR of each server, same index
_mote_exit_hooks=() # mote_on_exit commands
_mote_pass=0
_mote_fail=0
_mote_skip=0
_mote_failed=()
_mote_nserv=0
_mote_owner=$BASHPID

# ---------------------------------------------------------------- cleanup

# mote_on_exit CMD: CMD (a string, eval'd) runs at exit, before servers stop.
mote_on_exit() {
    _mote_exit_hooks+=("$1")
}

_mote_on_exit() {
    local h
    # Only the shell that sourced this file cleans up: a forked child that
    # gets a signal before its exec must not stop the servers or remove the
    # scratch directory.
    [ "$BASHPID" = "$_mote_owner" ] || return 0
    for h in "${_mote_exit_hooks[@]+"${_mote_exit_hooks[@]}"}"; do eval "$h" || true; done
    _mote_exit_hooks=()
    mote_stop_servers
    if [ "${MOTE_INTEROP_KEEP:-0}" != 1 ] && [ -n "${MOTE_INTEROP_TMP:-}" ]; then
        rm -rf "$MOTE_INTEROP_TMP"
    fi
}

_mote_on_signal() {
    [ "$BASHPID" = "$_mote_owner" ] || exit $((128 + $1))
    trap - INT TERM HUP
    echo "interop-note: interrupted (signal $1), stopping servers" >&2
    _mote_on_exit
    exit $((128 + $1))
}

trap _mote_on_exit EXIT
trap '_mote_on_signal 2' INT
trap '_mote_on_signal 15' TERM
trap '_mote_on_signal 1' HUP

# ---------------------------------------------------------------- results

# mote_ok CASE: count a pass and print "interop: CASE ok".
mote_ok() {
    _mote_pass=$((_mote_pass + 1))
    echo "interop: $1 ok"
}

# mote_fail CASE WHY: count a failure and print "interop: CASE FAIL WHY".
mote_fail() {
    _mote_fail=$((_mote_fail + 1))
    _mote_failed+=("$1")
    echo "interop: $1 FAIL ${2:-}"
}

# mote_skip CASE WHY: count a skipped case ("interop: CASE skipped WHY").
mote_skip() {
    _mote_skip=$((_mote_skip + 1))
    echo "interop: $1 skipped ${2:-}"
}

# mote_check CASE CMD...: run CMD (output to a log); ok if it exits 0, else
# FAIL with the exit status and the last lines of its output.
mote_check() {
    local name=$1 log rc
    shift
    log="$MOTE_INTEROP_TMP/check.$$.$RANDOM.log"
    if "$@" >"$log" 2>&1; then
        mote_ok "$name"
    else
        rc=$?
        mote_fail "$name" "(exit $rc): $(tail -n 3 "$log" | tr '\n' ' ')"
    fi
    rm -f "$log"
}

# mote_summary: print "N passed, N failed" (", N skipped" when some were);
# returns 1 if any case failed, or if no case ran at all.
mote_summary() {
    if [ "$_mote_fail" -ne 0 ]; then
        printf 'interop-note: failed: %s\n' "${_mote_failed[@]}"
    fi
    if [ "$_mote_skip" -ne 0 ]; then
        echo "$_mote_pass passed, $_mote_fail failed, $_mote_skip skipped"
    else
        echo "$_mote_pass passed, $_mote_fail failed"
    fi
    [ "$_mote_fail" -eq 0 ] && [ $((_mote_pass + _mote_skip)) -ne 0 ]
}

# ---------------------------------------------------------------- waiting

# _mote_alive PID: true while process PID runs (an exited, unreaped child
# still answers kill -0, so look at its state too).
_mote_alive() {
    local st=
    kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/stat" ]; then
        { read -r st <"/proc/$1/stat"; } 2>/dev/null || return 1
        st=${st##*) }
        [ "${st%% *}" != Z ]
    fi
}

# mote_wait_for_file FILE REGEX [SECS]: wait (bounded, default 10 s) until
# FILE exists and has a line matching the extended regular expression REGEX.
mote_wait_for_file() {
    local file=$1 re=$2 secs=${3:-10} i
    for ((i = 0; i < secs * 50; i++)); do
        if [ -f "$file" ] && grep -Eq -- "$re" "$file"; then return 0; fi
        sleep 0.02
    done
    return 1
}

# mote_roundtrip OUT SEND EXPECT [SECS] -- CMD...: run CMD with stdout and
# stderr into OUT and SEND (plus a newline) on its stdin; stdin stays open
# until OUT contains the fixed string EXPECT, CMD exits, or SECS (default
# 10) pass; then it is closed, so a client that quits at end of input still
# reads the answer first. CMD (an executable, not a shell function) is
# killed if it runs SECS + 5 s in all.
# Returns 0 if OUT contains EXPECT; CMD's exit status is left in
# MOTE_RT_STATUS (124 or 137: timed out).
# shellcheck disable=SC2034 # MOTE_RT_STATUS is for the caller
mote_roundtrip() {
    local out=$1 send=$2 expect=$3 secs=10 fifo wfd cpid i
    shift 3
    if [ "${1:-}" != "--" ]; then
        secs=$1
        shift
    fi
    if [ "${1:-}" = "--" ]; then shift; fi
    fifo="$MOTE_INTEROP_TMP/rt.$BASHPID.$RANDOM.in"
    rm -f "$fifo"
    mkfifo "$fifo" || return 1
    : >"$out"
    # Read-write open never blocks and keeps a reader, so a write to a
    # client that already died cannot SIGPIPE this shell.
    exec {wfd}<>"$fifo"
    timeout -k 2 $((secs + 5)) "$@" <"$fifo" >"$out" 2>&1 {wfd}>&- &
    cpid=$!
    printf '%s\n' "$send" >&"$wfd"
    for ((i = 0; i < secs * 50; i++)); do
        if grep -Fq -- "$expect" "$out"; then break; fi
        if ! _mote_alive "$cpid"; then break; fi
        sleep 0.02
    done
    exec {wfd}>&-
    MOTE_RT_STATUS=0
    wait "$cpid" || MOTE_RT_STATUS=$?
    rm -f "$fifo"
    grep -Fq -- "$expect" "$out"
}

# ---------------------------------------------------------------- ports

# _mote_listen_inodes PORT: "KIND INODE" for each socket listening on
# PORT, KIND one of v4lo (127.0.0.1), v4any (0.0.0.0), v6lo (::1), v6any
# (::), from /proc/net/tcp{,6}.
_mote_listen_inodes() {
    local hex f loc st inode
    hex=$(printf '%04X' "$1")
    for f in /proc/net/tcp /proc/net/tcp6; do
        [ -r "$f" ] || continue
        while read -r _ loc _ st _ _ _ _ _ inode _; do
            [ "$st" = 0A ] || continue
            [ "${loc##*:}" = "$hex" ] || continue
            case "${loc%:*}" in
            0100007F) echo "v4lo $inode" ;;
            00000000) echo "v4any $inode" ;;
            00000000000000000000000001000000) echo "v6lo $inode" ;;
            00000000000000000000000000000000) echo "v6any $inode" ;;
            esac
        done <"$f"
    done
}

# _mote_port_busy PORT: true if something listens on PORT (or, without
# /proc, accepts a connection on 127.0.0.1:PORT).
_mote_port_busy() {
    if [ -r /proc/net/tcp ]; then
        [ -n "$(_mote_listen_inodes "$1")" ]
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

_mote_pid_owns() { # PID INODE
    local fd
    for fd in /proc/"$1"/fd/*; do
        [ "$(readlink "$fd" 2>/dev/null)" = "socket:[$2]" ] && return 0
    done
    return 1
}

# _mote_pid_listens PID PORT ADDR: 0 once process PID listens on PORT and
# is the one a client connecting to ADDR (127.0.0.1 or ::1) reaches; 2 if
# PID listens but another process's more specific socket would take the
# client (a wildcard bind beside someone's 127.0.0.1 bind): the port is
# taken; 1 otherwise (not yet). Without /proc: 0 once a connection works.
_mote_pid_listens() {
    local pid=$1 port=$2 order kind ino best='' mine=0 k
    if [ ! -r /proc/net/tcp ] || [ ! -d "/proc/$pid/fd" ]; then
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
        return
    fi
    case "${3:-127.0.0.1}" in
    *:*) order="v6lo v6any" ;;
    *) order="v4lo v4any" ;;
    esac
    local socks
    socks=$(_mote_listen_inodes "$port")
    [ -n "$socks" ] || return 1
    for k in $order; do
        while read -r kind ino; do
            [ "$kind" = "$k" ] || continue
            best=$k
            if _mote_pid_owns "$pid" "$ino"; then return 0; fi
        done <<<"$socks"
        [ -n "$best" ] && break
    done
    # Nothing for this address family yet (gnutls-serv may listen on :: a
    # moment before 0.0.0.0): not yet.
    [ -n "$best" ] || return 1
    while read -r kind ino; do
        if _mote_pid_owns "$pid" "$ino"; then mine=1; fi
    done <<<"$socks"
    if [ $mine = 1 ]; then return 2; fi
    return 1
}

# mote_free_port: print a TCP port that is free on 127.0.0.1 right now
# (python3 bind-to-0; without python3, a random unlistened port in
# 20000..32767, below Linux's ephemeral range). Another process may still
# take it before it is used: the server starters retry on a failed bind.
mote_free_port() {
    local p i py=
    # /usr/bin/python3 first: a version manager's shim on PATH can cost 0.4 s.
    if [ -x /usr/bin/python3 ]; then
        py=/usr/bin/python3
    elif command -v python3 >/dev/null 2>&1; then
        py=python3
    fi
    if [ -n "$py" ]; then
        p=$("$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null) || p=
        if [ -n "$p" ]; then
            echo "$p"
            return 0
        fi
    fi
    for ((i = 0; i < 100; i++)); do
        p=$((20000 + (RANDOM % 12768)))
        if ! _mote_port_busy "$p"; then
            echo "$p"
            return 0
        fi
    done
    echo "interop-note: no free port found" >&2
    return 1
}

# ---------------------------------------------------------------- PKI

_mote_date() { # offset like "-1 day" -> GeneralizedTime YYYYMMDDHHMMSSZ (UTC)
    date -u -d "$1" +%Y%m%d%H%M%SZ 2>/dev/null ||
        python3 -c 'import sys, datetime as d
n = {"-1 day": -1, "+1 day": 1, "+365 days": 365, "-366 days": -366}[sys.argv[1]]
t = d.datetime.now(d.timezone.utc) + d.timedelta(days=n)
print(t.strftime("%Y%m%d%H%M%SZ"))' "$1"
}

# _mote_genkey ALG OUT: a fresh private key (PKCS#8 PEM).
_mote_genkey() {
    local alg=$1 out=$2 a
    case "$alg" in
    rsa1024 | rsa2048 | rsa3072 | rsa4096)
        a=(-algorithm RSA -pkeyopt "rsa_keygen_bits:${alg#rsa}") ;;
    rsapss2048 | rsapss3072)
        a=(-algorithm RSA-PSS -pkeyopt "rsa_keygen_bits:${alg#rsapss}") ;;
    p256) a=(-algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve) ;;
    p384) a=(-algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve) ;;
    p521) a=(-algorithm EC -pkeyopt ec_paramgen_curve:P-521 -pkeyopt ec_param_enc:named_curve) ;;
    ed25519) a=(-algorithm ED25519) ;;
    ed448) a=(-algorithm ED448) ;;
    *)
        echo "interop-note: unknown key kind '$alg'" >&2
        return 1
        ;;
    esac
    "$MOTE_OPENSSL" genpkey "${a[@]}" -out "$out" 2>"$out.err" || {
        cat "$out.err" >&2
        return 1
    }
    rm -f "$out.err"
}

# _mote_ca_conf WORKDIR LEAFALG: the `openssl ca` configuration (database,
# permissive policy, extension sections).
_mote_ca_conf() {
    local w=$1 ku="digitalSignature"
    case "$2" in rsa[0-9]*) ku="digitalSignature,keyEncipherment" ;; esac
    mkdir -p "$w/db"
    : >"$w/db/index.txt"
    cat >"$w/ca.cnf" <<EOF
[ ca ]
default_ca = mote_ca
[ mote_ca ]
database = $w/db/index.txt
new_certs_dir = $w/db
serial = $w/db/serial
default_md = default
policy = mote_policy
unique_subject = no
email_in_dn = no
copy_extensions = none
[ mote_policy ]
organizationName = optional
commonName = supplied
[ root_ext ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ int_ext ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ leaf_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,$ku
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ wronghost_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,$ku
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ client_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
}

# _mote_issue WORKDIR KEY SUBJECT EXT FROM TO OUT [ISSUER_CERT ISSUER_KEY]:
# one certificate; self-signed when no issuer is given.
_mote_issue() {
    local w=$1 key=$2 subj=$3 ext=$4 from=$5 to=$6 out=$7 icert=${8:-} ikey=${9:-}
    local csr="$out.csr" sign
    if [ -n "$icert" ]; then sign=(-cert "$icert" -keyfile "$ikey"); else sign=(-selfsign -keyfile "$key"); fi
    if ! { "$MOTE_OPENSSL" req -new -key "$key" -subj "$subj" -out "$csr" &&
        "$MOTE_OPENSSL" ca -batch -config "$w/ca.cnf" -in "$csr" -out "$out" -notext -rand_serial \
            -preserveDN -startdate "$from" -enddate "$to" -extensions "$ext" "${sign[@]}"; } \
        >"$out.log" 2>&1; then
        cat "$out.log" >&2
        return 1
    fi
    rm -f "$csr" "$out.log"
}

# _mote_ski CERT: its subjectKeyIdentifier as AA:BB:...
_mote_ski() {
    local line ski=
    while read -r line; do
        case "$line" in *:*:*) ski=$line ;; esac
    done < <("$MOTE_OPENSSL" x509 -in "$1" -noout -ext subjectKeyIdentifier)
    [ -n "$ski" ] && echo "$ski"
}

# _mote_chain_algs KIND: "LEAFALG CAALG" for a chain kind.
_mote_chain_algs() {
    case "$1" in
    *-rsaroot) echo "${1%-rsaroot} rsa2048" ;;
    *-ecroot) echo "${1%-ecroot} p256" ;;
    *) echo "$1 $1" ;;
    esac
}

# _mote_make_chain OUTDIR KIND: generate everything into OUTDIR (no cache).
_mote_make_chain() {
    local d=$1 kind=$2 leafalg caalg now past future expfrom tomorrow ski rc=0
    read -r leafalg caalg <<<"$(_mote_chain_algs "$kind")"
    mkdir -p "$d" || return 1
    _mote_ca_conf "$d/.ca" "$leafalg" || return 1
    # Keys in parallel (RSA-4096 generation dominates the cost).
    _mote_genkey "$caalg" "$d/root.key" &
    local p1=$!
    _mote_genkey "$caalg" "$d/int.key" &
    local p2=$!
    _mote_genkey "$leafalg" "$d/leaf.key" &
    local p3=$!
    _mote_genkey "$leafalg" "$d/client.key" &
    local p4=$!
    _mote_genkey "$caalg" "$d/other-root.key" &
    local p5=$!
    wait "$p1" || rc=1
    wait "$p2" || rc=1
    wait "$p3" || rc=1
    wait "$p4" || rc=1
    wait "$p5" || rc=1
    [ $rc -eq 0 ] || return 1
    now=$(_mote_date "-1 day") && future=$(_mote_date "+365 days") &&
        expfrom=$(_mote_date "-366 days") && past=$now && tomorrow=$(_mote_date "+1 day") || return 1
    local w="$d/.ca" o="/O=mote test"
    _mote_issue "$w" "$d/root.key" "$o/CN=mote test root ($kind)" root_ext "$past" "$future" \
        "$d/root.pem" &&
        _mote_issue "$w" "$d/int.key" "$o/CN=mote test intermediate ($kind)" int_ext "$past" \
            "$future" "$d/int.pem" "$d/root.pem" "$d/root.key" &&
        _mote_issue "$w" "$d/leaf.key" "$o/CN=localhost" leaf_ext "$past" "$future" \
            "$d/leaf.pem" "$d/int.pem" "$d/int.key" &&
        _mote_issue "$w" "$d/client.key" "$o/CN=mote test client" client_ext "$past" "$future" \
            "$d/client.pem" "$d/int.pem" "$d/int.key" &&
        _mote_issue "$w" "$d/leaf.key" "$o/CN=localhost" leaf_ext "$expfrom" \
            "$(_mote_date "-1 day")" "$d/expired.pem" "$d/int.pem" "$d/int.key" &&
        _mote_issue "$w" "$d/leaf.key" "$o/CN=localhost" leaf_ext "$tomorrow" "$future" \
            "$d/notyet.pem" "$d/int.pem" "$d/int.key" &&
        _mote_issue "$w" "$d/leaf.key" "$o/CN=other.example" wronghost_ext "$past" "$future" \
            "$d/wronghost.pem" "$d/int.pem" "$d/int.key" &&
        _mote_issue "$w" "$d/other-root.key" "$o/CN=mote test untrusted root ($kind)" root_ext \
            "$past" "$future" "$d/untrusted-root.pem" &&
        ski=$(_mote_ski "$d/root.pem") &&
        printf '[ impostor_ext ]\nbasicConstraints = critical,CA:TRUE\n%s\nsubjectKeyIdentifier = %s\n' \
            'keyUsage = critical,keyCertSign,cRLSign' "$ski" >>"$w/ca.cnf" &&
        _mote_issue "$w" "$d/other-root.key" "$o/CN=mote test root ($kind)" impostor_ext \
            "$past" "$future" "$d/impostor-root.pem" || return 1
    cat "$d/leaf.pem" "$d/int.pem" >"$d/chain.pem" &&
        cat "$d/leaf.pem" "$d/int.pem" "$d/root.pem" >"$d/fullchain.pem" &&
        cat "$d/client.pem" "$d/int.pem" >"$d/client-chain.pem" || return 1
    rm -rf "$w"
    echo "$kind" >"$d/kind"
}

# mote_gen_chain DIR KIND: a test PKI in DIR (created if needed).
#
# KIND: rsa2048, rsa3072, rsa4096, rsapss2048 (RSA-PSS keys), p256, p384,
# p521, ed25519, ed448: every key of that kind; LEAF-rsaroot (e.g.
# p256-rsaroot): LEAF keys for leaf and client, RSA-2048 CAs; LEAF-ecroot:
# P-256 CAs. Files (PEM; keys PKCS#8):
#   root.pem root.key    self-signed root, CA:TRUE, keyCertSign|cRLSign
#   int.pem int.key      intermediate, CA:TRUE pathlen:0, signed by root
#   leaf.pem leaf.key    server leaf, CN=localhost, SAN DNS:localhost,
#                        IP:127.0.0.1, IP:::1, EKU serverAuth, signed by int
#   chain.pem            leaf + int        fullchain.pem   leaf + int + root
#   client.pem client.key  client cert (EKU clientAuth) signed by int
#   client-chain.pem     client + int (what a client sends to a server that
#                        trusts root.pem only)
# Negative material (all of it served with leaf.key, signed by int):
#   expired.pem          leaf that expired yesterday
#   notyet.pem           leaf valid from tomorrow
#   wronghost.pem        leaf for other.example only
#   untrusted-root.pem   another root (other name, other key): as the only
#                        trust anchor, the real chain must not verify
#   impostor-root.pem    a root with the real root's name but another key:
#                        the chain must fail on the signature
# Validity is from 1 day ago to 365 days ahead. Chains are generated once
# per KIND into $MOTE_PKI_CACHE/KIND and copied from there afterwards.
mote_gen_chain() {
    local dir=$1 kind=$2 cache tmp
    if [ -z "$dir" ] || [ -z "$kind" ]; then
        echo "usage: mote_gen_chain DIR KIND" >&2
        return 2
    fi
    cache="$MOTE_PKI_CACHE/$kind"
    if [ ! -f "$cache/kind" ]; then
        mkdir -p "$MOTE_PKI_CACHE" || return 1
        tmp=$(mktemp -d "$MOTE_PKI_CACHE/.tmp.$kind.XXXXXX") || return 1
        if ! _mote_make_chain "$tmp" "$kind"; then
            echo "interop-note: generating the $kind chain failed" >&2
            rm -rf "$tmp"
            return 1
        fi
        # Atomic publish; if a concurrent run won, use its chain.
        mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"
        [ -f "$cache/kind" ] || return 1
    fi
    mkdir -p "$dir" || return 1
    if [ "$(cd "$cache" && pwd -P)" != "$(cd "$dir" && pwd -P)" ]; then
        cp "$cache"/*.pem "$cache"/*.key "$cache/kind" "$dir"/ || return 1
    fi
}

# ---------------------------------------------------------------- servers

_mote_abs() { # path relative to DIR unless absolute
    case "$2" in /*) echo "$2" ;; *) echo "$1/$2" ;; esac
}

# _mote_start WHAT PORTVAR LOG ADDR CMD...: start CMD (which contains the
# placeholder @PORT@) on fresh ports until one binds and is what a client
# of ADDR:PORT reaches; register it.
_mote_start() {
    local what=$1 portvar=$2 log=$3 addr=$4 port pid try i ok fifo fd rc
    shift 4
    for ((try = 0; try < 5; try++)); do
        if [ $try -eq 0 ] && [ -n "${MOTE_INTEROP_TRY_PORT:-}" ]; then
            port=$MOTE_INTEROP_TRY_PORT # test hook: try this (busy?) port first
        else
            port=$(mote_free_port) || return 1
        fi
        local cmd=() a
        for a in "$@"; do cmd+=("${a//@PORT@/$port}"); done
        # The server's stdin is a FIFO this shell holds open: it never sees
        # end of input (s_server would close connections), and a test can
        # write to it (${PORTVAR}_IN) to send data from an openssl server.
        fifo="$MOTE_INTEROP_TMP/server.$_mote_nserv.in"
        rm -f "$fifo"
        mkfifo "$fifo" || return 1
        exec {fd}<>"$fifo"
        : >"$log" # before the start: the poll below must not see a previous try's error
        "${cmd[@]}" <"$fifo" >"$log" 2>&1 &
        pid=$!
        ok=0
        for ((i = 0; i < MOTE_SERVER_TIMEOUT * 50; i++)); do
            if ! _mote_alive "$pid"; then break; fi
            if grep -Eqi 'bind\(\) failed|address already in use|unable to bind|bind: ' "$log" 2>/dev/null; then
                break
            fi
            _mote_pid_listens "$pid" "$port" "$addr" && rc=0 || rc=$?
            if [ $rc = 0 ]; then
                ok=1
                break
            fi
            if [ $rc = 2 ]; then
                echo "interop-note: port $port: a more specific socket of another process shadows $what" >>"$log"
                break
            fi
            sleep 0.02
        done
        if [ $ok = 1 ]; then
            _mote_pids+=("$pid")
            _mote_portvars+=("$portvar")
            _mote_nserv=$((_mote_nserv + 1))
            printf -v "$portvar" '%s' "$port"
            printf -v "${portvar}_PID" '%s' "$pid"
            printf -v "${portvar}_LOG" '%s' "$log"
            printf -v "${portvar}_IN" '%s' "$fd"
            return 0
        fi
        local st=0
        if _mote_alive "$pid"; then
            _mote_kill "$pid"
            st=killed
        else
            wait "$pid" 2>/dev/null || st=$?
        fi
        exec {fd}>&-
        rm -f "$fifo"
        if [ $i -ge $((MOTE_SERVER_TIMEOUT * 50)) ]; then
            echo "interop-note: $what did not listen on port $port within ${MOTE_SERVER_TIMEOUT}s:" >&2
            tail -n 5 "$log" >&2
            return 1
        fi
        if ! grep -Eqi 'bind|address already in use|shadows' "$log"; then
            echo "interop-note: $what exited at start (status $st, after $i polls): ${cmd[*]}" >&2
            tail -n 5 "$log" >&2
            return 1
        fi
        echo "interop-note: port $port was taken, retrying" >&2
    done
    echo "interop-note: $what could not bind a port" >&2
    return 1
}

# mote_start_openssl_server DIR PORTVAR [s_server args...]
#
# Starts `openssl s_server -accept 127.0.0.1:PORT -cert DIR/leaf.pem -key
# DIR/leaf.key -cert_chain DIR/int.pem ARGS...` in the background, on a free
# port, and waits (at most $MOTE_SERVER_TIMEOUT s) until it listens. The
# mode comes from ARGS: -rev (echo, reversed; a line "CLOSE" closes), -www
# (status page for "GET /", shows protocol and cipher), -HTTP/-WWW, or none:
# plain mode, where what the client sends goes to the log and lines written
# to fd ${PORTVAR}_IN go to the client (a line starting with Q or q is an
# s_server command). Useful ARGS: -tls1_3, -tls1_2, -groups X25519,
# -ciphersuites TLS_CHACHA20_POLY1305_SHA256, -sigalgs ..., -naccept N,
# -Verify 1 -CAfile DIR/root.pem -verify_return_error (require a client cert),
# -keylogfile F.
# Environment overrides (paths relative to DIR): MOTE_SERVER_CERT (leaf.pem),
# MOTE_SERVER_KEY (leaf.key), MOTE_SERVER_CHAIN (int.pem; "none" for no
# chain), MOTE_SERVER_ADDR (127.0.0.1; ::1 works too).
# Sets PORTVAR (the port), PORTVAR_PID, PORTVAR_LOG (stdout+stderr) and
# PORTVAR_IN. Returns non-zero (and prints the log) if it cannot start.
mote_start_openssl_server() {
    local dir=$1 portvar=$2 cert key chain addr a chainarg=()
    shift 2
    cert=$(_mote_abs "$dir" "${MOTE_SERVER_CERT:-leaf.pem}")
    key=$(_mote_abs "$dir" "${MOTE_SERVER_KEY:-leaf.key}")
    chain=${MOTE_SERVER_CHAIN:-int.pem}
    [ "$chain" = none ] || chainarg=(-cert_chain "$(_mote_abs "$dir" "$chain")")
    addr=${MOTE_SERVER_ADDR:-127.0.0.1}
    a=$addr
    case "$addr" in *:*) a="[$addr]" ;; esac
    _mote_start "openssl s_server" "$portvar" "$MOTE_INTEROP_TMP/server.$_mote_nserv.log" "$addr" \
        "$MOTE_OPENSSL" s_server -accept "$a:@PORT@" -cert "$cert" -key "$key" \
        "${chainarg[@]+"${chainarg[@]}"}" "$@"
}

# mote_start_gnutls_server DIR PORTVAR [gnutls-serv args...]
#
# Starts `gnutls-serv -p PORT --x509certfile LEAF+INT --x509keyfile
# DIR/leaf.key ARGS...` like mote_start_openssl_server (same variables and
# environment overrides; gnutls-serv listens on the wildcard addresses, use
# 127.0.0.1). Mode from ARGS: --echo (echo server) or --http (status page,
# the default of gnutls-serv). Unless ARGS has -r/--require-client-cert/
# --verify-client-cert or MOTE_GNUTLS_REQUEST_CLIENT_CERT=1, adds
# --disable-client-cert (gnutls-serv would otherwise send a
# CertificateRequest). Useful ARGS: --priority with e.g.
#   NORMAL:-VERS-ALL:+VERS-TLS1.3          TLS 1.3 only (VERS-TLS1.2: 1.2 only)
#   NORMAL:-GROUP-ALL:+GROUP-SECP256R1     one key-exchange group
#   NORMAL:-CIPHER-ALL:+CHACHA20-POLY1305  one cipher
#   NORMAL:-SIGN-ALL:+SIGN-RSA-PSS-RSAE-SHA256  one signature scheme
# --x509cafile DIR/root.pem -r (require and verify a client cert),
# --recordsize N, --noticket.
mote_start_gnutls_server() {
    local dir=$1 portvar=$2 cert key chain certfile a extra=() cc=0
    shift 2
    if ! command -v gnutls-serv >/dev/null 2>&1; then
        echo "interop-note: gnutls-serv missing (apt-get install gnutls-bin)" >&2
        return 1
    fi
    cert=$(_mote_abs "$dir" "${MOTE_SERVER_CERT:-leaf.pem}")
    key=$(_mote_abs "$dir" "${MOTE_SERVER_KEY:-leaf.key}")
    chain=${MOTE_SERVER_CHAIN:-int.pem}
    certfile="$MOTE_INTEROP_TMP/server.$_mote_nserv.certs.pem"
    if [ "$chain" = none ]; then
        cat "$cert" >"$certfile" || return 1
    else
        cat "$cert" "$(_mote_abs "$dir" "$chain")" >"$certfile" || return 1
    fi
    for a in "$@"; do
        case "$a" in -r | --require-client-cert | --verify-client-cert | -a | --disable-client-cert) cc=1 ;; esac
    done
    [ "${MOTE_GNUTLS_REQUEST_CLIENT_CERT:-0}" = 1 ] && cc=1
    [ $cc = 1 ] || extra=(--disable-client-cert)
    _mote_start "gnutls-serv" "$portvar" "$MOTE_INTEROP_TMP/server.$_mote_nserv.log" \
        "${MOTE_SERVER_ADDR:-127.0.0.1}" \
        gnutls-serv -p @PORT@ --x509certfile "$certfile" --x509keyfile "$key" \
        "${extra[@]+"${extra[@]}"}" "$@"
}

_mote_kill() { # PID: SIGTERM, then SIGKILL after 2 s; reap
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || {
        wait "$pid" 2>/dev/null || true
        return 0
    }
    for ((i = 0; i < 100; i++)); do
        _mote_alive "$pid" || break
        sleep 0.02
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 0
}

# mote_stop_server PORTVAR: stop the server started with PORTVAR.
mote_stop_server() {
    local i fd
    for i in "${!_mote_portvars[@]}"; do
        if [ "${_mote_portvars[$i]}" = "$1" ] && [ -n "${_mote_pids[$i]:-}" ]; then
            _mote_kill "${_mote_pids[$i]}"
            fd="${1}_IN"
            if [ -n "${!fd:-}" ]; then eval "exec ${!fd}>&-" 2>/dev/null || true; fi
            _mote_pids[i]=
        fi
    done
}

# mote_stop_servers: stop every server started (SIGTERM to all, SIGKILL to
# whatever is left after 2 s). Safe to call more than once.
mote_stop_servers() {
    local i pid fd
    for pid in "${_mote_pids[@]+"${_mote_pids[@]}"}"; do
        if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
    for i in "${!_mote_pids[@]}"; do
        pid=${_mote_pids[$i]}
        [ -n "$pid" ] || continue
        _mote_kill "$pid"
        fd="${_mote_portvars[$i]}_IN"
        if [ -n "${!fd:-}" ]; then eval "exec ${!fd}>&-" 2>/dev/null || true; fi
    done
    _mote_pids=()
    _mote_portvars=()
}
