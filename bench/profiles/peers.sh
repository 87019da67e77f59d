#!/usr/bin/env bash
# The peers' size profiles for one target (called by bench/profiles/run.sh,
# which defines target_cc, target_flags, link_image and size_line;
# compile_all comes from bench/debsrc.sh): peers.sh TARGET OUT
#
# Sources come from Debian's source packages, never from fetched copies:
# `apt-get source` through a private apt configuration under $OUT/apt
# (bench/debsrc.sh: deb-src lines for the release this machine runs; the
# system's apt setup is not touched), unpacked once under $OUT/src. Prints
#   size: <target> bearssl-client12 text=N rodata=N data=N bss=N ...
#   size: <target> bearssl-client-full ...  (client-full's counterpart)
#   size: <target> mbedtls-client12 ...
#   size: <target> wolfssl-client ...     (TLS 1.2 + 1.3)
# (library-only bytes from the link map, as for mote), or `n/a (why)`.
set -u
t=$1
OUT=$2
SRC=$OUT/src

# ---- Debian source packages (once) ----
# shellcheck source=bench/debsrc.sh
. "$(dirname "$0")/../debsrc.sh"
if ! mote_debsrc "$OUT" bearssl mbedtls wolfssl; then
    for p in bearssl-client12 bearssl-client-full mbedtls-client12 wolfssl-client; do
        echo "size: $t $p n/a (Debian source package not available, see $OUT/apt/*.log)"
    done
    exit 0
fi

cc=$(target_cc "$t")
read -r -a flags <<<"$(target_flags "$t")"
read -r -a common <<<"$CFLAGS_COMMON"
lomul=()
case $t in lx106 | cortex-m0) lomul=(-DCMP_LOMUL=1 -DBR_LOMUL=1) ;; esac

# MOTE_PROFILES_PEERS: a subset of "bearssl mbedtls wolfssl" (default: all)
want() { [[ " ${MOTE_PROFILES_PEERS:-bearssl mbedtls wolfssl} " == *" $1 "* ]]; }

# ---- BearSSL 0.6 ----
want bearssl && {
d=$OUT/$t/bearssl-client12
rm -rf "$d"
mkdir -p "$d"
B=$SRC/bearssl
# No OS, no x86/POWER code, no 128-bit integers: what a microcontroller gets.
bdefs=(-I"$B/inc" -I"$B/src" -DBR_USE_URANDOM=0 -DBR_USE_GETENTROPY=0 -DBR_USE_UNIX_TIME=0
    -DBR_USE_WIN32_TIME=0 -DBR_USE_WIN32_RAND=0 -DBR_RDRAND=0 -DBR_AES_X86NI=0 -DBR_SSE2=0
    -DBR_POWER8=0 -DBR_INT128=0 -DBR_UMUL128=0 "${lomul[@]}")
# (BearSSL's own code is C89-clean but not -std=c99 -pedantic; plain -Os)
bcommon=()
for f in "${common[@]}"; do [ "$f" != -std=c99 ] && bcommon+=("$f"); done
find "$B/src" -name '*.c' | sort | compile_all "$d/obj" "$cc" "${bcommon[@]}" "${flags[@]}" "${bdefs[@]}"
if [ -s "$d/obj/failed" ]; then
    echo "size: $t bearssl-client12 FAILED (see $d/obj/compile.log)"
    echo "size: $t bearssl-client-full FAILED (see $d/obj/compile.log)"
else
    "${cc%gcc}ar" rcs "$d/libbearssl.a" "$d"/obj/*.o
    # the same library, linked into the client12 program and the full one
    for p in client12 client-full; do
        pd=$d
        appdefs=()
        if [ $p = client-full ]; then
            pd=$OUT/$t/bearssl-client-full
            rm -rf "$pd"
            mkdir -p "$pd"
            appdefs=(-DPROFILE_FULL)
        fi
        if "$cc" -std=c99 "${bcommon[@]}" "${flags[@]}" "${bdefs[@]}" "${appdefs[@]}" \
            -c bench/profiles/bearssl_app.c -o "$pd/app.o" 2>"$pd/app.log" &&
            link_image "$t" "$pd" "$pd/app.o" "$d/libbearssl.a" 2>"$pd/link.log"; then
            size_line "$t" bearssl-$p "$pd" "libbearssl.a(" sc xc
        else
            echo "size: $t bearssl-$p FAILED (see $pd/app.log, $pd/link.log)"
        fi
    done
fi

}

# ---- mbed TLS 2.28 ----
want mbedtls && {
d=$OUT/$t/mbedtls-client12
rm -rf "$d"
mkdir -p "$d"
M=$SRC/mbedtls
mdefs=(-I"$M/include" -Ibench/profiles "-DMBEDTLS_CONFIG_FILE=\"mbedtls_config.h\"")
ls "$M"/library/*.c | compile_all "$d/obj" "$cc" "${common[@]}" "${flags[@]}" "${mdefs[@]}"
if [ -s "$d/obj/failed" ]; then
    echo "size: $t mbedtls-client12 FAILED (see $d/obj/compile.log)"
else
    "${cc%gcc}ar" rcs "$d/libmbedtls.a" "$d"/obj/*.o
    if "$cc" "${common[@]}" "${flags[@]}" "${mdefs[@]}" -c bench/profiles/mbedtls_app.c \
        -o "$d/app.o" 2>"$d/app.log" &&
        link_image "$t" "$d" "$d/app.o" "$d/libmbedtls.a" 2>"$d/link.log"; then
        size_line "$t" mbedtls-client12 "$d" "libmbedtls.a("
    else
        echo "size: $t mbedtls-client12 FAILED (see $d/app.log, $d/link.log)"
    fi
fi

}

# ---- wolfSSL 5.5 ----
want wolfssl && {
d=$OUT/$t/wolfssl-client
rm -rf "$d"
mkdir -p "$d"
W=$SRC/wolfssl
wdefs=(-DWOLFSSL_USER_SETTINGS -Ibench/profiles/wolfssl -I"$W")
# the TLS layer and wolfCrypt; misc.c is included inline by the others,
# evp.c by ssl.c; no assembly, FIPS or self-test files
{
    for f in internal keys ssl tls tls13 wolfio; do echo "$W/src/$f.c"; done
    ls "$W"/wolfcrypt/src/*.c | grep -vE '/(misc|evp|wolfcrypt_first|wolfcrypt_last|selftest)\.c$|_asm\.c$|fips'
} | compile_all "$d/obj" "$cc" "${common[@]}" "${flags[@]}" "${wdefs[@]}"
if [ -s "$d/obj/failed" ]; then
    echo "size: $t wolfssl-client FAILED (see $d/obj/compile.log)"
else
    "${cc%gcc}ar" rcs "$d/libwolfssl.a" "$d"/obj/*.o
    if "$cc" "${common[@]}" "${flags[@]}" "${wdefs[@]}" -c bench/profiles/wolfssl_app.c \
        -o "$d/app.o" 2>"$d/app.log" &&
        link_image "$t" "$d" "$d/app.o" "$d/libwolfssl.a" 2>"$d/link.log"; then
        size_line "$t" wolfssl-client "$d" "libwolfssl.a("
    else
        echo "size: $t wolfssl-client FAILED (see $d/app.log, $d/link.log)"
    fi
fi
}
exit 0
