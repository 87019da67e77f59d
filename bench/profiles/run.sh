#!/usr/bin/env bash
# make size-profiles: whole-library code size of mote, per target and
# profile, linked the way firmware links it; BearSSL's comparable client
# (and mbed TLS / wolfSSL where practical) the same way, from Debian's
# source packages.
#
# For each target and profile the library is compiled with the profile's
# config header (bench/profiles/config-<profile>.h through MOTE_CONFIG_FILE),
# -Os -ffunction-sections -fdata-sections, archived, and linked with
# -Wl,--gc-sections into bench/profiles/app.c, a bare-metal client that
# drives the engine through its four windows. The link map gives the
# library-only bytes; `size` of the image the whole-image bytes:
#   size: <target> mote-<profile> text=N rodata=N data=N bss=N irom=N image_text=N image_data=N image_bss=N ctx=N
# (text = code and literal pools; rodata = constants, irom = the part of
# them in .irom* sections (MOTE_FLASH tables, flash-resident on the
# ESP8266: the rest of rodata is copied to DRAM there); data/bss = RAM;
# image_text = all code + constants of the image (`size`'s text column),
# image_data/image_bss likewise; ctx = sizeof the connection context on
# that target: mote_tls_conn, BearSSL's client + X.509 contexts.)
#
# Profiles: client-tls13 (TLS 1.3 client: X25519 + P-256, ECDSA + RSA
# verify, AES-GCM + ChaCha20-Poly1305, X.509), client-modern (the same plus
# TLS 1.2: BearSSL's client feature set plus TLS 1.3), client-full (every client
# feature: also P-384, ffdhe2048, Ed25519, CCM, SHA-384/512, client
# certificates, PEM), server (TLS 1.3 server, ECDSA P-256 key, client
# certificates: app.c with PROFILE_SERVER), all (every
# feature, every public function kept with -Wl,-u).
#
# Targets: lx106 (xtensa-lx106-elf-gcc -mlongcalls; no libc and a libgcc
# without division/64-bit multiply helpers: they and memcpy & co. are
# PROVIDEd at their ESP8266 mask-ROM addresses by esp8266-rom.ld and cost no
# flash), cortex-m0 / cortex-m4 (arm-none-eabi-gcc, newlib-nano + nosys),
# rv32imc (riscv64-unknown-elf-gcc -march=rv32imc -mabi=ilp32, if
# installed; no libc: libc_stub.c, counted in the image only).
#
# Peers (bench/profiles/peers.sh): BearSSL 0.6, mbed TLS 2.28, wolfSSL 5.5
# from `apt-get source` (a private apt source list with a deb-src line; the
# sources are unpacked under $BUILD/profiles/src), lines
#   size: <target> bearssl-client12 ... / bearssl-client-full ... / mbedtls-client12 ... /
#   wolfssl-client ...
# (MOTE_PROFILES_PEERS: a subset of "bearssl mbedtls wolfssl")
# axTLS is not packaged: its figure is quoted in docs/COMPARE.md.
#
# Output: $OUT/profiles.txt and, unless MOTE_PROFILES_NO_DOC=1, the marked
# section of docs/COMPARE.md. Environment: BUILD (default build),
# MOTE_PROFILES_NO_PEERS=1 (mote only), MOTE_PROFILES_TARGETS (a subset of
# "lx106 cortex-m0 cortex-m4 rv32imc").
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
OUT=$BUILD/profiles
JOBS=$(nproc 2>/dev/null || echo 2)
mkdir -p "$OUT"

read -r -a TARGETS <<<"${MOTE_PROFILES_TARGETS:-lx106 cortex-m0 cortex-m4 rv32imc}"
read -r -a PROFILES <<<"${MOTE_PROFILES_LIST:-client-tls13 client-modern client-full server all}"
# (MOTE_PROFILES_CONFIG_DIR: a directory searched first for config-<profile>.h;
# a profile named client-full-* is linked like client-full: bench/profiles/features.sh)
CONFDIR=${MOTE_PROFILES_CONFIG_DIR:-bench/profiles}

export JOBS OUT
# (one line: the readers below take the first line only)
CFLAGS_COMMON="-std=c99 -Os -ffunction-sections -fdata-sections -fno-common"
export CFLAGS_COMMON="$CFLAGS_COMMON -fno-asynchronous-unwind-tables -fno-unwind-tables"

target_cc() {
    case $1 in
    lx106) echo xtensa-lx106-elf-gcc ;;
    cortex-m0 | cortex-m4) echo arm-none-eabi-gcc ;;
    rv32imc) echo riscv64-unknown-elf-gcc ;;
    esac
}
target_flags() {
    # (lx106 and rv32imc have no C headers of their own: newlib's generic
    # ones from libnewlib-dev, for declarations only)
    local newlib=""
    [ -d /usr/include/newlib ] && newlib="-isystem /usr/include/newlib"
    case $1 in
    lx106) echo -mlongcalls -mtext-section-literals $newlib ;;
    cortex-m0) echo -mcpu=cortex-m0 -mthumb ;;
    cortex-m4) echo -mcpu=cortex-m4 -mthumb ;;
    rv32imc) echo -march=rv32imc -mabi=ilp32 $newlib ;;
    esac
}
target_size() {
    case $1 in
    lx106) echo xtensa-lx106-elf-size ;;
    cortex-m0 | cortex-m4) echo arm-none-eabi-size ;;
    rv32imc) echo riscv64-unknown-elf-size ;;
    esac
}
export -f target_cc target_flags target_size

# link TARGET OUTDIR OBJS... -- LIBS...: link OUTDIR/image.elf with a map
# (startup and C library per target), print nothing; status of the link.
link_image() {
    local t=$1 dir=$2
    shift 2
    local cc flags
    cc=$(target_cc "$t")
    read -r -a flags <<<"$(target_flags "$t")"
    case $t in
    lx106)
        "$cc" "${flags[@]}" -Os -nostdlib -nostartfiles -e main -Wl,--gc-sections \
            -Wl,-Map="$dir/image.map" "$@" "$OUT/$t/libc_stub.o" -lgcc \
            bench/profiles/esp8266-rom.ld \
            -o "$dir/image.elf"
        ;;
    cortex-m0 | cortex-m4)
        "$cc" "${flags[@]}" -Os --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections \
            -Wl,-Map="$dir/image.map" "$@" -o "$dir/image.elf"
        ;;
    rv32imc)
        "$cc" "${flags[@]}" -Os -nostdlib -nostartfiles -e main -Wl,--gc-sections \
            -Wl,-Map="$dir/image.map" "$@" "$OUT/$t/libc_stub.o" -lgcc -o "$dir/image.elf"
        ;;
    esac
}
export -f link_image

# The size line for one image: library-only bytes from the map (files whose
# path contains $4), whole-image bytes from `size`, and ctx= the bytes of
# the named static objects $5... (the connection context the program
# gives the library: sizeof on this target).
size_line() {
    local t=$1 name=$2 dir=$3 pat=$4 lib img ctx=""
    shift 4
    lib=$(python3 bench/profiles/mapsize.py "$dir/image.map" "$pat" | sed -n 's/^lib //p')
    img=$($(target_size "$t") -B "$dir/image.elf" | awk 'NR == 2 { print "image_text=" $1 " image_data=" $2 " image_bss=" $3 }')
    if [ $# -gt 0 ]; then
        local n=0 sz sym want
        while read -r _ sz _ sym; do
            for want in "$@"; do [ "$sym" = "$want" ] && n=$((n + 16#$sz)); done
        done < <("$(target_cc "$t" | sed 's/gcc$/nm/')" -S "$dir/image.elf")
        ctx=" ctx=$n"
    fi
    echo "size: $t $name $lib $img$ctx"
}
export -f size_line

# compile_all: the sources listed on stdin into DIR with CC FLAGS...
# (parallel; bench/debsrc.sh, which peers.sh sources too)
# shellcheck source=bench/debsrc.sh
. bench/debsrc.sh

# (Failures print a FAILED line: the exit status comes from those.)
{
    for t in "${TARGETS[@]}"; do
        cc=$(target_cc "$t")
        if ! command -v "$cc" >/dev/null; then
            echo "size: $t skipped ($cc not installed)"
            continue
        fi
        read -r -a flags <<<"$(target_flags "$t")"
        read -r -a common <<<"$CFLAGS_COMMON"
        mkdir -p "$OUT/$t"
        if [ "$t" = rv32imc ] || [ "$t" = lx106 ]; then
            "$cc" "${common[@]}" "${flags[@]}" -fno-builtin -fno-tree-loop-distribute-patterns \
                -c bench/profiles/libc_stub.c -o "$OUT/$t/libc_stub.o" ||
                echo "size: $t libc_stub FAILED"
        fi
        for p in "${PROFILES[@]}"; do
            d=$OUT/$t/mote-$p
            rm -rf "$d"
            mkdir -p "$d"
            if [ "$p" = server ]; then
                # no server in mote yet: say so until there is one
                if ! grep -q 'mote_tls_server_init' include/mote/*.h; then
                    echo "size: $t mote-server n/a (no TLS server in mote yet)"
                    continue
                fi
            fi
            cfgh=config-$p.h
            [ -f "$CONFDIR/$cfgh" ] || [ -f "bench/profiles/$cfgh" ] || cfgh=config-all.h
            defs=(-Iinclude -Isrc -I"$CONFDIR" -Ibench/profiles "-DMOTE_CONFIG_FILE=\"$cfgh\"")
            prev=$OUT/$t/mote-client-full
            if [ "$p" = all ] && cmp -s <(grep '^#define' bench/profiles/config-all.h) \
                <(grep '^#define' bench/profiles/config-client-full.h) &&
                [ -d "$prev/obj" ] && [ ! -s "$prev/obj/failed" ]; then
                cp -r "$prev/obj" "$d/obj" # same features as client-full: same objects
            else
                ls src/*/*.c | compile_all "$d/obj" "$cc" "${common[@]}" "${flags[@]}" "${defs[@]}"
            fi
            if [ -s "$d/obj/failed" ]; then
                echo "size: $t mote-$p FAILED (does not compile: $(tr '\n' ' ' <"$d/obj/failed"), see $d/obj/compile.log)"
                continue
            fi
            rm -f "$d/libmote.a"
            "${cc%gcc}ar" rcs "$d/libmote.a" "$d"/obj/*.o
            appdefs=()
            case $p in client-tls13 | client-modern) ;; *) appdefs=(-DPROFILE_FULL) ;; esac
            [ "$p" = server ] && appdefs=(-DPROFILE_FULL -DPROFILE_SERVER)
            if ! "$cc" "${common[@]}" "${flags[@]}" "${defs[@]}" "${appdefs[@]}" \
                -c bench/profiles/app.c -o "$d/app.o" 2>"$d/app.log"; then
                echo "size: $t mote-$p FAILED (app.c does not compile, see $d/app.log)"
                continue
            fi
            keep=()
            if [ "$p" = all ]; then
                for s in $("${cc%gcc}nm" -g --defined-only "$d/libmote.a" |
                    awk '$2 == "T" && $3 ~ /^mote_/ { print $3 }' | sort -u); do
                    keep+=("-Wl,-u,$s")
                done
            fi
            if ! link_image "$t" "$d" "${keep[@]}" "$d/app.o" "$d/libmote.a" 2>"$d/link.log"; then
                echo "size: $t mote-$p FAILED (link, see $d/link.log)"
                continue
            fi
            size_line "$t" "mote-$p" "$d" "libmote.a(" conn
        done
        if [ "${MOTE_PROFILES_NO_PEERS:-0}" != 1 ]; then
            bash bench/profiles/peers.sh "$t" "$OUT" || echo "size: $t peers FAILED"
        fi
    done
} | tee "$OUT/profiles.txt"
status=0
grep -q FAILED "$OUT/profiles.txt" && status=1
if [ "${MOTE_PROFILES_NO_DOC:-0}" != 1 ]; then
    python3 bench/compare/report.py sizedoc --size "$OUT/profiles.txt" --doc docs/COMPARE.md &&
        echo "size: wrote docs/COMPARE.md"
fi
exit $status
