#!/usr/bin/env bash
# Sourced by bench/compare/run.sh and bench/compare/arm32.sh: what both
# need to run a client against `openssl s_server -WWW` (the callers define
# SERVER_PIDS, a file of server PIDs they stop at exit).

# The openssl s_server options of a configuration.
server_args() {
    case $1 in
    tls12-ecdsa) echo -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -curves P-256 ;;
    tls12-rsa) echo -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -curves P-256 ;;
    tls12-ecdsa-chacha) echo -tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305 -curves P-256 ;;
    tls13-*-p256) echo -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -groups P-256 ;;
    tls13-*-chacha) echo -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -groups X25519 ;;
    tls13-*) echo -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 -groups X25519 ;;
    esac
}

# Stop every server whose PID wait_port noted in SERVER_PIDS.
stop_servers() {
    local pid
    while read -r pid; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null
    done <"$SERVER_PIDS"
}

# ec or rsa: the chain of a configuration.
chain_kind() { case $1 in *ecdsa*) echo ec ;; *) echo rsa ;; esac }

# wait_port PID LOG SED: the port a server started in the background
# prints into LOG (read with the sed expression); nothing if it ends first.
wait_port() {
    local p
    echo "$1" >>"$SERVER_PIDS"
    for _ in $(seq 600); do
        p=$(sed -n "$3" "$2")
        [ -n "$p" ] && echo "$p" && return
        kill -0 "$1" 2>/dev/null || return
        sleep 0.1
    done
}

# cmp_make_files OUT: the test chains (root -> intermediate -> leaf, P-256
# and RSA-2048) in OUT/pki, remade when missing or expiring within a day,
# and the served files OUT/www/1m.bin and OUT/www/small.txt. Status 1 (with
# a message) if a chain cannot be made.
cmp_make_files() {
    local out=$1 pki=$1/pki k alg
    mkdir -p "$out/www"
    if [ ! -s "$pki/rsa-leaf.pem" ] || ! openssl x509 -checkend 86400 -noout -in "$pki/rsa-leaf.pem" >/dev/null 2>&1; then
        rm -rf "$pki"
        mkdir -p "$pki"
        cat >"$pki/ext.cnf" <<'EOF'
[req]
distinguished_name=dn
[dn]
[x_root]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[x_int]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[x_leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF
        for k in ec rsa; do
            if [ $k = ec ]; then alg=(-newkey ec -pkeyopt ec_paramgen_curve:P-256); else alg=(-newkey rsa:2048); fi
            (
                cd "$pki" &&
                    openssl req -x509 "${alg[@]}" -nodes -keyout $k-root.key -out $k-root.pem -days 3650 \
                        -subj "/CN=mote compare $k root" -extensions x_root -config ext.cnf -sha256 &&
                    openssl req -new "${alg[@]}" -nodes -keyout $k-int.key -out $k-int.csr \
                        -subj "/CN=mote compare $k intermediate" -config ext.cnf &&
                    openssl x509 -req -in $k-int.csr -CA $k-root.pem -CAkey $k-root.key -CAcreateserial \
                        -days 3650 -sha256 -extfile ext.cnf -extensions x_int -out $k-int.pem &&
                    openssl req -new "${alg[@]}" -nodes -keyout $k-leaf.key -out $k-leaf.csr \
                        -subj "/CN=localhost" -config ext.cnf &&
                    openssl x509 -req -in $k-leaf.csr -CA $k-int.pem -CAkey $k-int.key -CAcreateserial \
                        -days 3650 -sha256 -extfile ext.cnf -extensions x_leaf -out $k-leaf.pem &&
                    openssl verify -CAfile $k-root.pem -untrusted $k-int.pem $k-leaf.pem
            ) >"$pki/make-$k.log" 2>&1 || {
                echo "compare: making the $k test chain failed, see $pki/make-$k.log" >&2
                return 1
            }
        done
    fi
    [ -s "$out/www/1m.bin" ] || head -c 1048576 /dev/urandom >"$out/www/1m.bin"
    echo "small" >"$out/www/small.txt"
}
