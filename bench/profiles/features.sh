#!/usr/bin/env bash
# make size-features: what client-full's features cost, one at a time, and
# client-modern, the profile with BearSSL's client feature set plus TLS 1.3.
#
# client-full (bench/profiles/config-client-full.h) is every client feature;
# BearSSL's comparable client (bench/profiles/bearssl_app.c) is a TLS 1.2
# client with X25519 + P-256, ECDSA + RSA verification, AES-GCM +
# ChaCha20-Poly1305, SHA-256, a trust anchor in flash. For each switch
# below, client-full is built again with that feature off (run.sh with a
# generated config-client-full-no-<feature>.h) and the line says what the
# feature costs:
#   size-feature: <target> <feature> lib=N full=N cost=N
# (lib = client-full's library bytes without the feature, text + rodata;
# cost = full - lib), after the size: lines of client-full and
# client-modern (bench/profiles/config-client-modern.h: client-tls13 plus
# TLS 1.2, BearSSL's client feature set plus TLS 1.3).
# Environment as run.sh (BUILD, MOTE_PROFILES_TARGETS; default lx106 and
# cortex-m4). Output: $BUILD/profiles/features.txt.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
CONF=$BUILD/profiles/features
mkdir -p "$CONF"

# feature name: the switches it turns off in client-full
FEATURES=(
    "tls12:MOTE_ENABLE_TLS12_PRF"
    "p384:MOTE_ENABLE_P384"
    "ffdhe2048:MOTE_ENABLE_FFDHE"
    "ed25519:MOTE_ENABLE_ED25519"
    "ccm:MOTE_ENABLE_CCM"
    "client-certificates:MOTE_ENABLE_TLS_CLIENT_AUTH MOTE_ENABLE_ECDSA_SIGN MOTE_ENABLE_RSA_SIGN"
    "resumption:MOTE_ENABLE_TLS_RESUMPTION"
    "psk:MOTE_ENABLE_TLS_PSK"
    # what BearSSL's client cannot do at all, together: lib= is client-full
    # with the feature set of bearssl-client-full (bench/profiles/peers.sh)
    # plus TLS 1.3
    "beyond-bearssl:MOTE_ENABLE_ED25519 MOTE_ENABLE_FFDHE MOTE_ENABLE_TLS_PSK"
)

# config-<name>.h = <base> with each named switch set to 0 (appended when
# the base does not define it).
variant() {
    local base=$1 out=$2 sw
    shift 2
    cp "bench/profiles/$base" "$out"
    for sw in "$@"; do
        if grep -q "^#define $sw " "$out"; then
            sed -i "s/^#define $sw .*/#define $sw 0/" "$out"
        else
            echo "#define $sw 0" >>"$out"
        fi
    done
}

list="client-full client-modern"
for f in "${FEATURES[@]}"; do
    name=${f%%:*}
    read -r -a sws <<<"${f#*:}"
    variant config-client-full.h "$CONF/config-client-full-no-$name.h" "${sws[@]}"
    list="$list client-full-no-$name"
done
MOTE_PROFILES_LIST=$list MOTE_PROFILES_CONFIG_DIR=$CONF MOTE_PROFILES_NO_PEERS=1 \
    MOTE_PROFILES_NO_DOC=1 MOTE_PROFILES_TARGETS=${MOTE_PROFILES_TARGETS:-lx106 cortex-m4} \
    BUILD=$BUILD bash bench/profiles/run.sh >"$CONF/run.txt"
status=$?
{
    grep -v 'client-full-no-' "$CONF/run.txt"
    awk '$1 == "size:" {
        for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        lib = v["text"] + v["rodata"]
        if ($3 == "mote-client-full") full[$2] = lib
        else if ($3 ~ /^mote-client-full-no-/) { sub(/^mote-client-full-no-/, "", $3); n++; t[n] = $2; f[n] = $3; l[n] = lib }
    }
    END { for (i = 1; i <= n; i++) printf "size-feature: %s %s lib=%d full=%d cost=%d\n", t[i], f[i], l[i], full[t[i]], full[t[i]] - l[i] }' "$CONF/run.txt"
} | tee "$BUILD/profiles/features.txt"
grep -q FAILED "$CONF/run.txt" && status=1
exit $status
