#!/usr/bin/env bash
# wolfssl_c.sh DIR: wolfSSL 5.5 in portable C ("wolfssl-c" in make compare),
# built from Debian's source package (bench/debsrc.sh: `apt-get source
# wolfssl`, never a fetched copy) into DIR/libwolfssl-c.a, kept there for the
# next run (rebuilt when this script changes).
#
# Options: Debian's own (the defines of its build, as its libwolfssl-dev
# installs them in /usr/include/wolfssl/options.h: configure --enable-distro
# --enable-pkcs11) less the x86-64 ones, plus what `configure --disable-asm`
# adds (WOLFSSL_NO_ASM TFM_NO_ASM NO_CHACHA_ASM), and what its checks
# put in config.h on a glibc host (HAVE_SYS_TIME_H, HAVE_PTHREAD, ...). Debian's build has no
# AES-NI or Intel speedups; its only assembly is sp_int.c's x86-64 inline
# multiply-accumulate (WOLFSSL_SP_X86_64), which this build replaces with
# sp_int.c's C over 64-bit digits and unsigned __int128 products
# (HAVE___UINT128_T, which configure finds on this host) -- the same kind of
# C as mote's MOTE_BN64 words. Compiled -O2, like Debian's.
#
# The client is compiled with -DWOLFSSL_USER_SETTINGS -IDIR -IDIR/include
# (DIR/user_settings.h holds the options; DIR/include/wolfssl is the source's
# header tree with an options.h that defers to them). Prints the flags to
# compile and link a client with on success; exits non-zero, with the reason
# on stderr, when the source package cannot be had or the build fails.
set -u
DIR=$1
CC=${CC:-cc}
here=$(cd "$(dirname "$0")" && pwd)
stamp=$(cat "$0" /usr/include/wolfssl/options.h 2>/dev/null | cksum | cut -d' ' -f1)
flags() {
    echo "-DWOLFSSL_USER_SETTINGS -I$DIR -I$DIR/include $DIR/libwolfssl-c.a -lm -ldl -lpthread"
}
if [ -s "$DIR/libwolfssl-c.a" ] && [ "$(cat "$DIR/stamp" 2>/dev/null)" = "$stamp" ]; then
    flags
    exit 0
fi
[ -f /usr/include/wolfssl/options.h ] || {
    echo "wolfssl-c: no /usr/include/wolfssl/options.h (libwolfssl-dev) to take Debian's options from" >&2
    exit 1
}
# shellcheck source=bench/debsrc.sh
. "$here/../debsrc.sh"
mote_debsrc "$DIR" wolfssl || {
    echo "wolfssl-c: Debian's wolfssl source package not available (see $DIR/apt/*.log)" >&2
    exit 1
}
W=$DIR/src/wolfssl
rm -rf "$DIR/obj" "$DIR/include" "$DIR/libwolfssl-c.a" "$DIR/failed" "$DIR/compile.log"
mkdir -p "$DIR/obj" "$DIR/include"
cp -r "$W/wolfssl" "$DIR/include/"
echo "/* wolfssl-c: the options are in user_settings.h */" >"$DIR/include/wolfssl/options.h"
{
    echo "/* wolfssl-c (bench/compare/wolfssl_c.sh): Debian's options without x86-64 assembly */"
    echo "#ifndef WOLFSSL_C_USER_SETTINGS_H"
    echo "#define WOLFSSL_C_USER_SETTINGS_H"
    grep -E '^#define [A-Za-z0-9_]+' /usr/include/wolfssl/options.h |
        grep -vE '^#define (WOLFSSL_OPTIONS_H|_FORTIFY_SOURCE|WOLFSSL_X86_64_BUILD|WOLFSSL_SP_X86_64|USE_INTEL_SPEEDUP|WOLFSSL_AESNI|WOLFSSL_SP_ASM|HAVE_INTEL_[A-Z0-9_]*)\b' |
        sed 's/^#define \([A-Za-z0-9_]*\)\(.*\)$/#undef \1\n#define \1\2/'
    printf '#undef %s\n#define %s\n' WOLFSSL_NO_ASM WOLFSSL_NO_ASM TFM_NO_ASM TFM_NO_ASM \
        NO_CHACHA_ASM NO_CHACHA_ASM
    # what configure's header, function and type checks find on a glibc host
    # (its config.h, which the library is compiled with)
    for d in HAVE_ARPA_INET_H HAVE_FCNTL_H HAVE_LIMITS_H HAVE_NETDB_H HAVE_NETINET_IN_H \
        HAVE_STDDEF_H HAVE_TIME_H HAVE_SYS_IOCTL_H HAVE_SYS_SOCKET_H HAVE_SYS_TIME_H \
        HAVE_ERRNO_H HAVE_SYS_UN_H HAVE_STDINT_H HAVE_STDLIB_H HAVE_STRING_H HAVE_UNISTD_H \
        HAVE_GETHOSTBYNAME HAVE_GETADDRINFO HAVE_GETTIMEOFDAY HAVE_GMTIME_R HAVE_INET_NTOA \
        HAVE_MEMSET HAVE_SOCKET HAVE_STRFTIME HAVE_ATEXIT HAVE_UINTPTR_T HAVE_PTHREAD \
        HAVE___UINT128_T; do
        printf '#undef %s\n#define %s 1\n' $d $d
    done
    echo "#endif"
} >"$DIR/user_settings.h"
# The TLS layer (bio.c, x509.c, ... are included by ssl.c) and wolfCrypt
# (misc.c is included inline by the others, evp.c by ssl.c; no FIPS, no
# self-test; the other CPUs' sp_*.c compile to nothing).
{
    for f in internal keys ssl tls tls13 wolfio crl ocsp dtls dtls13; do echo "$W/src/$f.c"; done
    ls "$W"/wolfcrypt/src/*.c | grep -vE '/(misc|evp|wolfcrypt_first|wolfcrypt_last|selftest)\.c$|fips'
} >"$DIR/sources"
fail=0
# -I DIR/src/wolfssl for the sources' <wolfcrypt/src/misc.c>; two at a time at a time, like the rest of make compare
xargs -P 2 -I{} sh -c 'o="$1/obj/$(basename "$2" .c).o"; '"$CC"' -O2 -DWOLFSSL_USER_SETTINGS -DWOLFSSL_IGNORE_FILE_WARN -I"$1" -I"$1/include" -I"$1/src/wolfssl" -c "$2" -o "$o" 2>>"$1/compile.log" || echo "$2" >>"$1/failed"' _ "$DIR" {} <"$DIR/sources"
[ -s "$DIR/failed" ] && fail=1
if [ $fail = 1 ] || ! ar rcs "$DIR/libwolfssl-c.a" "$DIR"/obj/*.o; then
    echo "wolfssl-c: build failed, see $DIR/compile.log" >&2
    rm -f "$DIR/libwolfssl-c.a" "$DIR/failed"
    exit 1
fi
echo "$stamp" >"$DIR/stamp"
flags
