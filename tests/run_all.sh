#!/usr/bin/env bash
# Every mote test, in every build variant. Ends with "N passed, N failed".
#
#   build/        gcc, -O2: unit tests + Wycheproof vectors
#   build-asan/   clang, AddressSanitizer + UndefinedBehaviorSanitizer
#   build-small/  gcc -Os with the 16x16->32 multiplier backend (lx106's shape)
#   build-arm/    arm-linux-gnueabihf-gcc -static, run under qemu-arm (32-bit)
#   build-r25os/  -Os with the 32-bit cores' field of GF(2^255-19): X25519/Ed25519
#   ctgrind       constant-time checks under valgrind memcheck (build/ct/), and
#                 tests/ct/lx106_branches.sh (branches gcc emits for lx106)
#   interop       tests/interop/*.sh: openssl s_server, gnutls-serv, ... on 127.0.0.1
#   fuzz smoke    each libFuzzer harness for a short run (tests/fuzz/run.sh)
#
# MOTE_TEST_QUICK=1 runs only the first variant (for a quick edit loop).
set -u
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
pass=0
fail=0
failed_names=()

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); failed_names+=("$1"); echo "FAILED: $1"; }

run_variant() { # name builddir runner make-args...
    local name=$1 dir=$2 runner=$3
    shift 3
    echo "== variant $name ($dir)"
    if ! make -s -j"$JOBS" BUILD="$dir" "$@" tests >"$dir-build.log" 2>&1; then
        cat "$dir-build.log"
        ko "$name: build"
        return
    fi
    local t
    for t in "$dir"/tests/test_*; do
        [ -x "$t" ] || continue
        if $runner "$t" >"$t.out" 2>&1; then ok; else cat "$t.out"; ko "$name: $(basename "$t")"; fi
    done
    local vlog="$dir/vectors.out"
    python3 tests/vectors/run_vectors.py --bindir "$dir/tests" ${runner:+--exec "$runner"} >"$vlog" 2>&1
    local vrc=$?
    grep -v '^wycheproof: ' "$vlog" | grep -v '^wycheproof-' | head -50
    while read -r line; do
        case "$line" in
        "wycheproof: "*failed=0*) ok ;;
        "wycheproof: "*) echo "$line"; ko "$name: ${line#wycheproof: }" ;;
        esac
    done <"$vlog"
    [ "$name" = normal ] && grep '^wycheproof' "$vlog"
    if [ $vrc -ne 0 ] && ! grep -q 'failed=[1-9]' "$vlog"; then ko "$name: vector driver"; fi
}

run_variant normal build ""
# the tool and the examples too (the interop tests drive build/mote)
make -s -j"$JOBS" BUILD=build all >build-all.log 2>&1 || { cat build-all.log; ko "normal: make all"; }
if [ "${MOTE_TEST_QUICK:-0}" != 1 ]; then
    run_variant asan build-asan "" CC=clang \
        EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
        LDFLAGS="-fsanitize=address,undefined"
    # the ESP8266 shape: 16x16->32 multiplier and -Os (compact code paths)
    run_variant small build-small "" OPT="-Os -g" EXTRA_CFLAGS="-DMOTE_MUL16=1"
    if command -v arm-linux-gnueabihf-gcc >/dev/null && command -v qemu-arm >/dev/null; then
        run_variant arm32 build-arm qemu-arm CC=arm-linux-gnueabihf-gcc AR=arm-linux-gnueabihf-ar \
            LDFLAGS=-static
    else
        ko "arm32: arm-linux-gnueabihf-gcc or qemu-arm missing"
    fi

    echo "== features switched off leave no code behind (config.h)"
    off="-DMOTE_ENABLE_CCM=0 -DMOTE_ENABLE_FFDHE=0 -DMOTE_ENABLE_ED25519=0 -DMOTE_ENABLE_P384=0"
    off="$off -DMOTE_ENABLE_RSA_SIGN=0 -DMOTE_ENABLE_TLS12_PRF=0 -DMOTE_ENABLE_SERVER=0"
    off="$off -DMOTE_ENABLE_TLS_RESUMPTION=0 -DMOTE_ENABLE_TLS_PSK=0 -DMOTE_ENABLE_TLS_CLIENT_AUTH=0"
    # (the mote tool too: it must link and run without TLS 1.2, the server, sessions)
    if make -s -j"$JOBS" BUILD=build-min EXTRA_CFLAGS="$off" lib tool >build-min.log 2>&1; then
        left=$(nm build-min/libmote.a 2>/dev/null | grep -E ' T mote_(ccm|ffdhe|ed25519|rsa_sign|tls12_prf|tls_server|tls13_server|tls12_server|tls_session_|tls13_binder|tls13_ticket|tls_client_scheme|tls_send_client|tls_sign_message)')
        if [ -z "$left" ]; then ok; else echo "$left"; ko "features off: code left behind"; fi
        if build-min/mote selftest >build-min/selftest.out 2>&1; then ok; else
            cat build-min/selftest.out
            ko "features off: mote selftest"
        fi
    else
        cat build-min.log
        ko "features off: build"
    fi
    # AES-128 alone (no SHA-384, CBC or server: MOTE_ENABLE_AES256 is 0):
    # 32-byte keys refused, every AES-128 answer as in the full build
    off128="$off -DMOTE_ENABLE_SHA512=0 -DMOTE_ENABLE_CBC=0"
    if make -s -j"$JOBS" BUILD=build-aes128 EXTRA_CFLAGS="$off128" build-aes128/tests/test_aes \
        build-aes128/tests/wy_aes >build-aes128.log 2>&1; then
        if build-aes128/tests/test_aes >build-aes128/test_aes.out 2>&1; then ok; else
            cat build-aes128/test_aes.out
            ko "aes128: test_aes"
        fi
        python3 tests/vectors/run_vectors.py --bindir build-aes128/tests --only aes_gcm \
            >build-aes128/vectors.out 2>&1
        if grep -q '^wycheproof: aes_gcm_test.json .*failed=0 ' build-aes128/vectors.out; then ok; else
            cat build-aes128/vectors.out
            ko "aes128: wycheproof aes_gcm"
        fi
    else
        cat build-aes128.log
        ko "aes128: build"
    fi
    # The 32-bit cores' field (radix 2^25.5) as size builds compile it
    # (squares as products, MOTE_FE_R25_SQR=0), on the host: -Os with the
    # 64-bit field off
    b=build-r25os
    if make -s -j"$JOBS" BUILD=$b OPT="-Os -g" EXTRA_CFLAGS="-DMOTE_FE_R51=0" $b/tests/test_x25519 \
        $b/tests/test_ed25519 $b/tests/wy_25519 $b/ct/ct_25519 >$b.log 2>&1; then
        for t in test_x25519 test_ed25519; do
            if $b/tests/$t >$b/$t.out 2>&1; then ok; else
                cat $b/$t.out
                ko "r25 -Os: $t"
            fi
        done
        python3 tests/vectors/run_vectors.py --bindir $b/tests --only 25519 >$b/vectors.out 2>&1
        if [ "$(grep -c '^wycheproof: .*25519_test.json .*failed=0 ' $b/vectors.out)" = 2 ]; then ok; else
            cat $b/vectors.out
            ko "r25 -Os: wycheproof x25519/ed25519"
        fi
        if valgrind -q --error-exitcode=42 $b/ct/ct_25519 >$b/ct_25519.out 2>&1; then ok; else
            cat $b/ct_25519.out
            ko "r25 -Os: ct_25519"
        fi
    else
        cat $b.log
        ko "r25 -Os: build"
    fi

    echo "== constant time (valgrind memcheck, secrets marked undefined)"
    for t in build/ct/ct_*; do
        [ -x "$t" ] || continue
        if valgrind -q --error-exitcode=42 "$t" >"$t.out" 2>&1; then ok; else cat "$t.out" | head -40; ko "ct: $(basename "$t")"; fi
    done
    # The checker must catch a deliberately leaky function: this one has to be flagged.
    for t in build/ct/leaky_*; do
        [ -x "$t" ] || continue
        valgrind -q --error-exitcode=42 "$t" >"$t.out" 2>&1
        if [ $? -eq 42 ]; then ok; else ko "ct: $(basename "$t") was not flagged"; fi
    done
    # lx106 (no carry flag): no conditional branch beyond tests/ct/lx106_allow.txt
    bash tests/ct/lx106_branches.sh >build/lx106_branches.out 2>&1
    case $? in
    0) ok ;;
    77) echo "(lx106 branch check skipped: xtensa-lx106-elf-gcc not installed)" ;;
    *) cat build/lx106_branches.out; ko "ct: lx106 branches" ;;
    esac

    echo "== interop with real peers on 127.0.0.1 (tests/interop/*.sh)"
    export MOTE_PKI_CACHE=$(mktemp -d /tmp/mote-pki-cache.XXXXXX) # chains shared by the scripts
    for t in tests/interop/selftest.sh tests/interop/x509_chains.sh tests/interop/tls13_client.sh \
        tests/interop/tls12_client.sh tests/interop/tls12_cbc.sh tests/interop/resume.sh tests/interop/tls_server.sh \
        tests/interop/examples.sh; do
        [ -f "$t" ] || continue
        log=build/$(basename "$t" .sh).log
        arg=build/mote
        [ "$t" = tests/interop/examples.sh ] && arg=build # it takes the build directory
        bash "$t" "$arg" >"$log" 2>&1
        rc=$?
        grep -E 'FAIL' "$log" | head -20
        summary=$(grep -E '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
        summary=${summary#*: }
        echo "$(basename "$t"): ${summary:-no summary} (exit $rc)"
        if [ -n "$summary" ]; then
            p=${summary%% passed*}
            f=${summary#*passed, }
            f=${f%% failed*}
            pass=$((pass + p))
            fail=$((fail + f))
            [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && ko "$t exited $rc"
        else
            tail -5 "$log"
            ko "$t: no summary"
        fi
    done
    rm -rf "$MOTE_PKI_CACHE"

    if [ -f tests/fuzz/run.sh ]; then
        echo "== fuzz smoke"
        while read -r line; do
            case "$line" in
            "fuzz: "*" ok"*) ok ;;
            "fuzz: "*) ko "$line" ;;
            esac
            echo "$line"
        done < <(bash tests/fuzz/run.sh smoke 2>&1)
    fi
fi

echo
if [ $fail -ne 0 ]; then
    printf 'failed: %s\n' "${failed_names[@]}"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
