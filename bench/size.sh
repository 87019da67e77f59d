#!/usr/bin/env bash
# make size: code size of every library module (src/*/*.c) for each target,
# compiled alone with -Os -ffunction-sections -fdata-sections (no link, so
# this is the size before the linker drops unused functions: an upper bound
# per module). Prints, per module and then per target:
#   size: <target> <module> text=N rodata=N data=N bss=N
#   size: <target> total text=N rodata=N data=N bss=N
# text = .text* + .literal*; rodata = .rodata* + .srodata* + .data.rel.ro*
# (x86-64 PIC constants that hold pointers) + .irom*/.flash*
# (MOTE_FLASH tables, in flash on lx106); data = .data* + .sdata*;
# bss = .bss* + .sbss* (-fno-common, so no COMMON symbols). lx106 lines add
# irom=N: the part of rodata in .irom* (flash; the rest is copied to DRAM on
# the ESP8266 at boot). A target whose
# compiler is missing is skipped with a line saying so; a module that does
# not compile prints `size: <target> <module> FAILED` and the script exits 1.
# Output is also written to $BUILD/bench/size.txt and, unless
# MOTE_BENCH_NO_DOC=1, into docs/PERFORMANCE.md (bench/report.py).
#
# Targets (lx106 and rv32imc have no libc headers of their own: newlib's
# generic headers from libnewlib-dev are used, only for declarations):
#   lx106      xtensa-lx106-elf-gcc -mlongcalls -mtext-section-literals
#   cortex-m0  arm-none-eabi-gcc -mcpu=cortex-m0 -mthumb
#   cortex-m4  arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb
#   rv32imc    riscv64-unknown-elf-gcc -march=rv32imc -mabi=ilp32
#   x86-64     the host's gcc, without unwind tables
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=$BUILD/bench
SZ=$OUT/size
JOBS=$(nproc 2>/dev/null || echo 2)
mkdir -p "$OUT"
rm -rf "$SZ"

NEWLIB=()
[ -d /usr/include/newlib ] && NEWLIB=(-isystem /usr/include/newlib)
COMMON=(-std=c99 -Os -ffunction-sections -fdata-sections -fno-common -Iinclude -Isrc
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes)

targets=(lx106 cortex-m0 cortex-m4 rv32imc x86-64)
target_cc() {
    case $1 in
    lx106) echo xtensa-lx106-elf-gcc ;;
    cortex-m0 | cortex-m4) echo arm-none-eabi-gcc ;;
    rv32imc) echo riscv64-unknown-elf-gcc ;;
    x86-64) echo gcc ;;
    esac
}
target_flags() {
    case $1 in
    lx106) echo -mlongcalls -mtext-section-literals "${NEWLIB[@]}" ;;
    cortex-m0) echo -mcpu=cortex-m0 -mthumb ;;
    cortex-m4) echo -mcpu=cortex-m4 -mthumb ;;
    rv32imc) echo -march=rv32imc -mabi=ilp32 "${NEWLIB[@]}" ;;
    x86-64) echo -fno-asynchronous-unwind-tables -fno-unwind-tables ;;
    esac
}

srcs=(src/*/*.c)
status=0
{
    for t in "${targets[@]}"; do
        cc=$(target_cc "$t")
        if ! command -v "$cc" >/dev/null; then
            echo "size: $t skipped ($cc not installed)"
            continue
        fi
        mkdir -p "$SZ/$t"
        # shellcheck disable=SC2046
        read -r -a flags <<<"$(target_flags "$t")"
        for src in "${srcs[@]}"; do
            [ -f "$src" ] || continue
            mod=${src#src/}
            mod=${mod%.c}
            obj=$SZ/$t/${mod//\//__}.o
            while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
            "$cc" "${COMMON[@]}" "${flags[@]}" -c "$src" -o "$obj" 2>"$obj.log" || rm -f "$obj" &
        done
        wait
        python3 bench/report.py sections --target "$t" --dir "$SZ/$t" || status=1
        cat "$SZ/$t"/*.log >"$SZ/$t.warnings" 2>/dev/null
        [ -s "$SZ/$t.warnings" ] && echo "size: $t compiler messages in $SZ/$t.warnings" >&2
    done
} >"$OUT/size.txt"
cat "$OUT/size.txt"
grep -q 'FAILED' "$OUT/size.txt" && status=1
if [ "${MOTE_BENCH_NO_DOC:-0}" != 1 ]; then
    python3 bench/report.py doc --size "$OUT/size.txt" --doc docs/PERFORMANCE.md || status=1
    echo "size: wrote docs/PERFORMANCE.md"
fi
exit $status
