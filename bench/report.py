#!/usr/bin/env python3
"""mote benchmark reporting (Python 3 standard library only).

  report.py combine --time F --cg-dir D --stack F [...]   -> bench:/setup:/stack: lines
  report.py sections --target T --dir D                    -> size: lines for D/*.o
  report.py doc [--bench bench.txt [--bench16 bench16.txt]] [--size size.txt] --doc docs/PERFORMANCE.md

`combine` merges a bench program's native run (rate:, check:, note: lines),
its callgrind dumps (one per measurement, labelled by the client request
that triggered it) and its stack run. `sections` classifies the allocated
sections of each object file (ELF parsed here, any class/endianness).
`doc` rewrites the marked sections of docs/PERFORMANCE.md (creating the file
from a template if it is missing); text outside the markers is kept.
"""

import argparse
import datetime
import glob
import os
import re
import struct
import subprocess
import sys

IMPLS = ("mote", "bearssl", "mbedtls")

# --------------------------------------------------------------------------
# combine


def read_cg_dir(d):
    """{label: Ir} from every callgrind dump in d."""
    out = {}
    for path in glob.glob(os.path.join(d, "cg.*")):
        label = None
        total = None
        with open(path, errors="replace") as f:
            for line in f:
                if line.startswith("desc: Trigger: Client Request: "):
                    label = line[len("desc: Trigger: Client Request: "):].strip()
                elif line.startswith("totals:") or (total is None and line.startswith("summary:")):
                    nums = line.split(":", 1)[1].split()
                    total = int(nums[0]) if nums else 0
        if label is not None and total is not None:
            out[label] = total
    return out


def fmt(v, digits):
    if v is None:
        return "n/a"
    return f"{v:.{digits}f}"


def combine(args):
    order = []  # (case, size) in first-seen order
    kind = {}  # case -> "byte" | "op"
    rate = {}  # (case, size, impl) -> MB/s or ops/s
    ipx = {}  # (case, size, impl) -> instructions per byte / per op
    setup = {}  # (case, impl) -> instructions
    passthrough = []
    stack_lines = []
    checks_total = [0, 0]
    aesni = {}
    for path in args.time or []:
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                m = re.match(r"rate: (\S+) (\S+) (\S+) (\S+)$", line)
                if m:
                    case, size, impl, v = m.groups()
                    if (case, size) not in order:
                        order.append((case, size))
                    kind[case] = "op" if size == "op" else "byte"
                    rate[(case, size, impl)] = float(v)
                elif re.match(r"check: \d+ comparisons, \d+ mismatches$", line):
                    n = re.findall(r"\d+", line)
                    checks_total[0] += int(n[0])
                    checks_total[1] += int(n[1])
                elif line.startswith("note: mbedtls-aesni "):
                    d = kv(line)
                    for k in ("cpu", "enabled"):
                        aesni[k] = max(aesni.get(k, 0), int(d.get(k, 0)))
                    aesni["queries"] = aesni.get("queries", 0) + int(d.get("queries", 0))
                elif line.startswith(("check:", "note:")):
                    passthrough.append(line)
    for d in args.cg_dir or []:
        cg = read_cg_dir(d)
        if "null 1" not in cg or "null 4097" not in cg:
            continue
        loop = (cg["null 4097"] - cg["null 1"]) / 4096.0
        fixed = cg["null 1"] - loop
        for label, ir in cg.items():
            p = label.split()
            if p[0] == "ipb" and len(p) == 5:
                case, size, impl, iters = p[1], p[2], p[3], int(p[4])
                per_iter = (ir - fixed - iters * loop) / iters
                ipx[(case, size, impl)] = per_iter if size == "op" else per_iter / int(size)
                if (case, size) not in order:
                    order.append((case, size))
                    kind[case] = "op" if size == "op" else "byte"
            elif p[0] == "setup" and len(p) == 3:
                setup[(p[1], p[2])] = ir - fixed - loop
    for path in args.stack or []:
        with open(path) as f:
            stack_lines += [l.rstrip("\n") for l in f if l.startswith("stack:")]

    # Per-byte cases first, then per-operation ones; stack lines likewise.
    order.sort(key=lambda cs: kind[cs[0]] == "op")
    rank = {}
    for case, _size in order:
        rank.setdefault(case, len(rank))
    stack_lines.sort(key=lambda l: rank.get(l.split()[1], len(rank)))
    lines = []
    for case, size in order:
        mote = ipx.get((case, size, "mote"))
        if kind[case] == "byte":
            unit_i, unit_r, d_i = "ipb", "mbps", 2
        else:
            unit_i, unit_r, d_i = "ipo", "ops", 0
        parts = [f"bench: {case} {size}"]
        for impl in IMPLS:
            v = ipx.get((case, size, impl))
            parts.append(f"{impl}_{unit_i}={fmt(v, d_i)}")
            if impl != "mote":
                r = mote / v if (v is not None and mote is not None and v) else None
                parts.append(f"ratio_{impl}={fmt(r, 2)}")
        for impl in IMPLS:
            parts.append(f"{impl}_{unit_r}={fmt(rate.get((case, size, impl)), 1)}")
        lines.append(" ".join(parts))
    seen = []
    for case, _size in order:
        if case not in seen and any((case, impl) in setup for impl in IMPLS):
            seen.append(case)
    for case in seen:
        parts = [f"setup: {case}"]
        for impl in IMPLS:
            v = setup.get((case, impl))
            parts.append(f"{impl}_instr={fmt(v, 0)}")
        lines.append(" ".join(parts))
    lines += stack_lines
    lines += passthrough
    if args.time:
        lines.append(f"check: {checks_total[0]} comparisons, {checks_total[1]} mismatches")
    if aesni:
        lines.append("note: mbedtls-aesni " + " ".join(f"{k}={aesni[k]}" for k in ("cpu", "enabled", "queries")))
    print("\n".join(lines))
    return 0


# --------------------------------------------------------------------------
# sections

SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 2, 4
SHT_NOBITS = 8


def elf_sections(path):
    """[(name, type, flags, size)] of an ELF object file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        raise ValueError(f"{path}: not ELF")
    cls, enc = data[4], data[5]
    e = "<" if enc == 1 else ">"
    if cls == 2:
        shoff, = struct.unpack_from(e + "Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x3A)
        shfmt = e + "IIQQQQIIQQ"
    else:
        shoff, = struct.unpack_from(e + "I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x2E)
        shfmt = e + "IIIIIIIIII"
    hdrs = [struct.unpack_from(shfmt, data, shoff + i * shentsize) for i in range(shnum)]
    stroff = hdrs[shstrndx][4]
    out = []
    for h in hdrs:
        name_off, typ, flags, _addr, _off, size = h[:6]
        end = data.index(b"\0", stroff + name_off)
        out.append((data[stroff + name_off:end].decode(), typ, flags, size))
    return out


def classify(name, typ, flags):
    if not flags & SHF_ALLOC:
        return None
    if name.startswith((".irom", ".flash")):
        return "rodata"
    if name.startswith((".text", ".literal")):
        return "text"
    if name.startswith((".rodata", ".srodata", ".data.rel.ro")):
        return "rodata"  # .data.rel.ro: constants holding pointers (PIC), read-only after relocation
    if name.startswith((".bss", ".sbss", ".tbss")) or typ == SHT_NOBITS:
        return "bss"
    if name.startswith((".data", ".sdata", ".tdata")):
        return "data"
    if flags & SHF_EXECINSTR:
        return "text"
    if flags & SHF_WRITE:
        return "data"
    return "rodata"


def sections(args):
    kinds = ("text", "rodata", "data", "bss")
    # On lx106 .rodata is copied into DRAM at boot; .irom* stays in flash.
    # Say how much of rodata is flash-only there.
    extra = ("irom",) if args.target == "lx106" else ()
    total = dict.fromkeys(kinds + extra, 0)
    status = 0
    for log in sorted(glob.glob(os.path.join(args.dir, "*.o.log"))):
        obj = log[: -len(".log")]
        mod = os.path.basename(obj)[: -len(".o")].replace("__", "/")
        if not os.path.exists(obj):
            print(f"size: {args.target} {mod} FAILED")
            status = 1
            continue
        sz = dict.fromkeys(kinds + extra, 0)
        for name, typ, flags, size in elf_sections(obj):
            k = classify(name, typ, flags)
            if k:
                sz[k] += size
            if k and extra and name.startswith((".irom", ".flash")):
                sz["irom"] += size
        for k in sz:
            total[k] += sz[k]
        print(f"size: {args.target} {mod} " + " ".join(f"{k}={sz[k]}" for k in sz))
    print(f"size: {args.target} total " + " ".join(f"{k}={total[k]}" for k in total))
    return status


# --------------------------------------------------------------------------
# doc

TEMPLATE = """# mote performance

Every figure below is produced by a script in `bench/` and written here by
`bench/report.py` between the `<!-- bench:... -->` markers (edit the text
outside them by hand; the inside is regenerated).

<!-- bench:begin speed -->
<!-- bench:end speed -->

<!-- bench:begin stack -->
<!-- bench:end stack -->

<!-- bench:begin size -->
<!-- bench:end size -->
"""


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return ""


def first_line(cmd):
    out = sh(cmd)
    return out.splitlines()[0] if out else "not installed"


def cpu_model():
    for line in sh("lscpu").splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def pkg_version(pkg):
    v = sh(f"dpkg-query -W -f '${{Version}}' {pkg} 2>/dev/null")
    return v or "unknown"


def git_rev():
    rev = sh("git rev-parse --short HEAD")
    if rev and sh("git status --porcelain -- src include"):
        rev += " + local changes"
    return rev or "unknown"


def kv(line):
    return dict(p.split("=", 1) for p in line.split() if "=" in p)


def speed_section(lines):
    rows, setups, notes, checks, loads = [], [], [], [], []
    for l in lines:
        if l.startswith("bench: "):
            p = l.split()
            rows.append((p[1], p[2], kv(l)))
        elif l.startswith("setup: "):
            setups.append((l.split()[1], kv(l)))
        elif l.startswith("note: mbedtls-aesni"):
            notes.append(kv(l))
        elif l.startswith("note: load "):
            loads.append(l.split()[3])
        elif l.startswith("check: "):
            checks.append(l[len("check: "):])
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    out = []
    out.append("## Speed\n")
    out.append(f"Measured {today} on: {cpu_model()}, {os.cpu_count()} cores; "
               f"mote {git_rev()} built by `make lib` ({first_line('cc --version')}, -O2); "
               f"BearSSL {pkg_version('libbearssl-dev')}, mbedTLS {pkg_version('libmbedtls-dev')} "
               f"(Debian packages); {first_line('valgrind --version')}.\n")
    aes = notes[-1] if notes else {}
    if aes:
        used = "used" if aes.get("enabled") == "1" else "not used"
        out.append(f"mbedTLS AES-NI/PCLMUL: CPU support={'yes' if aes.get('cpu') == '1' else 'no'}, "
                   f"{used} (mbedtls_aesni_has_support interposed, queried {aes.get('queries')} times): "
                   "mbedTLS runs its default portable software AES and GHASH, as on a microcontroller.\n")
    if loads:
        out.append(f"Load average (1 min) as the native runs started: {', '.join(loads)} on "
                   f"{os.cpu_count()} cores. Anything near or above the core count means other work "
                   "shared the CPU: MB/s then reads low and noisy, while instr/B is unaffected.\n")
    out.append("Reproduce: `make bench` (or `bash bench/run.sh`; raw lines in `build/bench/bench.txt`).\n")
    out.append("Columns (see Method above): **instr/B** instructions per byte, counted by callgrind "
               "around the measured operation only (exact, machine-independent: the figure to "
               "compare); **×** mote's instructions divided by the peer's (the ratio mote/peer; below 1: mote executes "
               "fewer); **MB/s** native timed loop, fastest round, this machine under its load at "
               "the time. Key setup is not included (next table); what each primitive's operation "
               "is: top of `bench/bench_sym.c`.\n")
    def peer(d, impl, u):
        v = d.get(f"{impl}_{u}", "n/a")
        ratio = d.get(f"ratio_{impl}", "n/a")
        return v if ratio == "n/a" else f"{v} ({ratio}×)"

    out.append("| primitive | bytes | mote instr/B | BearSSL instr/B (×) | mbedTLS instr/B (×) "
               "| mote MB/s | BearSSL MB/s | mbedTLS MB/s |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for case, size, d in rows:
        if size == "op":
            continue
        out.append(f"| {case} | {size} | {d.get('mote_ipb', 'n/a')} | {peer(d, 'bearssl', 'ipb')} | "
                   f"{peer(d, 'mbedtls', 'ipb')} | {d.get('mote_mbps', 'n/a')} | "
                   f"{d.get('bearssl_mbps', 'n/a')} | {d.get('mbedtls_mbps', 'n/a')} |")
    ops = [(case, d) for case, size, d in rows if size == "op"]
    if ops:
        out.append("\n### Public-key operations\n")
        out.append("Per operation: instructions (callgrind, one operation) and operations per "
                   "second (native). What each operation is: top of `bench/bench_pk.c`.\n")
        out.append("| operation | mote instr | BearSSL instr (×) | mbedTLS instr (×) "
                   "| mote ops/s | BearSSL ops/s | mbedTLS ops/s |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for case, d in ops:
            out.append(f"| {case} | {d.get('mote_ipo', 'n/a')} | {peer(d, 'bearssl', 'ipo')} | "
                       f"{peer(d, 'mbedtls', 'ipo')} | {d.get('mote_ops', 'n/a')} | "
                       f"{d.get('bearssl_ops', 'n/a')} | {d.get('mbedtls_ops', 'n/a')} |")
    if setups:
        out.append("\n### Key setup (instructions per call)\n")
        out.append("| primitive | mote | BearSSL | mbedTLS |")
        out.append("|---|---:|---:|---:|")
        for case, d in setups:
            out.append(f"| {case} | {d.get('mote_instr')} | {d.get('bearssl_instr')} | "
                       f"{d.get('mbedtls_instr')} |")
    if checks:
        out.append("\nCross-check of outputs (every implementation run on the same inputs): "
                   + "; ".join(checks) + ".")
    return "\n".join(out) + "\n"


def stack_section(lines):
    rows = [l for l in lines if l.startswith("stack: ")]
    out = ["## Stack\n",
           "Peak stack of key setup and of one operation (on 1 KiB for the per-byte primitives), "
           "whichever is deeper, in bytes, "
           "measured by running each call on a painted 64 KiB stack (`tools/stackmeter.c`, "
           "`mote_stack_measure`) and subtracting the meter's own use; same x86-64 build as the "
           "speed table (32-bit targets differ: 4-byte pointers and registers). Includes the "
           "benchmark's thin wrapper frame (a few dozen bytes, the same for all three) and any "
           "context a one-shot API keeps on the stack.\n",
           "Reproduce: `make bench` (`build/bench/bench_<group> --stack`).\n",
           "| primitive | mote | BearSSL | mbedTLS |", "|---|---:|---:|---:|"]
    for l in rows:
        d = kv(l)
        out.append(f"| {l.split()[1]} | {d.get('mote')} | {d.get('bearssl')} | {d.get('mbedtls')} |")
    return "\n".join(out) + "\n"


# Which BearSSL code each public-key case runs by default and with
# MOTE_BENCH_BEARSSL_I15=1 (bench/bench_pk.c).
BEARSSL_PK = {
    "x25519-shared": ("c25519_m31", "c25519_m15"),
    "p256-ecdh": ("p256_m31", "p256_m15"),
    "p256-ecdsa-verify": ("p256_m31 + ecdsa_i31", "p256_m15 + ecdsa_i15"),
    "p256-ecdsa-sign": ("p256_m31 + ecdsa_i31", "p256_m15 + ecdsa_i15"),
    "p384-ecdsa-verify": ("prime_i31 + ecdsa_i31", "prime_i15 + ecdsa_i15"),
    "rsa2048-verify": ("rsa_i62", "rsa_i15"),
    "rsa4096-verify": ("rsa_i62", "rsa_i15"),
    "rsa2048-sign": ("rsa_i62", "rsa_i15"),
}


def mul16_section(lines, lines16):
    """Both multiplier backends of mote next to the BearSSL code made for
    the same class of CPU."""
    def ops(ls):
        return {l.split()[1]: kv(l) for l in ls if l.startswith("bench: ") and l.split()[2] == "op"}

    def stacks(ls):
        return {l.split()[1]: kv(l) for l in ls if l.startswith("stack: ")}

    def cell(d):
        v, r = d.get("bearssl_ipo", "n/a"), d.get("ratio_bearssl", "n/a")
        return v if r == "n/a" else f"{v} ({r}×)"

    main, m16, st16 = ops(lines), ops(lines16), stacks(lines16)
    out = ["### MUL16 against BearSSL m15/i15, default against m31/i31/i62\n",
           f"Measured {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d')}, mote "
           f"{git_rev()}, in the same `make bench` run as the tables above. **MUL16**: the library "
           "built again with `-DMOTE_MUL16=1` (`$BUILD/mul16`: every 32x32->64 product assembled "
           "from four 16x16->32 ones, the ESP8266's shape) against BearSSL's 15-bit code "
           "(`MOTE_BENCH_BEARSSL_I15=1`: ec_c25519_m15, ec_p256_m15, ec_prime_i15, ecdsa_i15, "
           "rsa_i15), which is what BearSSL itself uses on a core without a 32x32->64 multiplier. "
           "**default**: the build of the tables above (32-bit limbs, 64-bit words with "
           "`MOTE_BN64` on this host) against BearSSL's m31/i31 curves and i62 RSA. Both run on "
           "x86-64, so the MUL16 column counts the emulation (four multiplies, shifts and adds "
           "per product) in host instructions, and BearSSL's 15-bit code multiplies 15- or "
           "13-bit limbs with native 32-bit multiplies: the ratio compares the two designs on "
           "the same instruction set, not lx106 cycles.\n",
           "Reproduce: `make bench` (raw lines: `build/bench/bench16.txt`, `build/bench/bench.txt`).\n",
           "| operation | mote MUL16 instr | BearSSL 15-bit | instr (×) | mote default instr "
           "| BearSSL default | instr (×) | stack MUL16 mote / BearSSL 15-bit (B) |",
           "|---|---:|---|---:|---:|---|---:|---:|"]
    for case in [l.split()[1] for l in lines16 if l.startswith("bench: ")]:
        a, b = m16.get(case, {}), main.get(case, {})
        names = BEARSSL_PK.get(case, ("", ""))
        s16 = st16.get(case, {})
        out.append(f"| {case} | {a.get('mote_ipo', 'n/a')} | {names[1] or 'n/a'} | {cell(a)} | "
                   f"{b.get('mote_ipo', 'n/a')} | {names[0] or 'n/a'} | {cell(b)} | "
                   f"{s16.get('mote', 'n/a')} / {s16.get('bearssl', 'n/a')} |")
    return "\n".join(out) + "\n"


TARGET_CC = {
    "lx106": ("xtensa-lx106-elf-gcc", "-mlongcalls -mtext-section-literals"),
    "cortex-m0": ("arm-none-eabi-gcc", "-mcpu=cortex-m0 -mthumb"),
    "cortex-m4": ("arm-none-eabi-gcc", "-mcpu=cortex-m4 -mthumb"),
    "rv32imc": ("riscv64-unknown-elf-gcc", "-march=rv32imc -mabi=ilp32"),
    "x86-64": ("gcc", "-fno-asynchronous-unwind-tables"),
}


def size_section(lines):
    per = {}  # target -> {module: {kind: n}}
    targets, modules, skipped, failed = [], [], [], []
    for l in lines:
        p = l.split()
        if not l.startswith("size: ") or len(p) < 3:
            continue
        t = p[1]
        if p[2] == "skipped":
            skipped.append(l[len("size: "):])
            continue
        if len(p) == 4 and p[3] == "FAILED":
            failed.append(f"{t} {p[2]}")
            continue
        if t not in targets:
            targets.append(t)
        mod = p[2]
        if mod != "total" and mod not in modules:
            modules.append(mod)
        per.setdefault(t, {})[mod] = {k: int(v) for k, v in kv(l).items()}
    modules.sort()
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    out = ["## Code size\n",
           f"Measured {today}, mote {git_rev()}. Each library module (`src/*/*.c`) compiled alone "
           "with `-Os -ffunction-sections -fdata-sections -fno-common`, default configuration "
           "(every feature on), not linked: an upper bound per module (a link drops unused "
           "functions). Whole-library profile sizes (client-tls13, ...) come later.\n"]
    for t in targets:
        cc, flags = TARGET_CC.get(t, ("?", ""))
        out.append(f"- **{t}**: {first_line(cc + ' --version')} `{flags}`")
    out.append("\nReproduce: `make size` (or `bash bench/size.sh`; raw lines in "
               "`build/bench/size.txt`). text = .text* + .literal*; rodata = .rodata* (+ .data.rel.ro* on x86-64) + "
               "flash tables (.irom* on lx106, where MOTE_FLASH puts them); data and bss are RAM "
               "held by the module itself.\n")
    if skipped:
        out.append("Skipped: " + "; ".join(skipped) + ".\n")
    if failed:
        out.append("**Did not compile**: " + ", ".join(failed) + ".\n")
    out.append("### Flash per module: text + rodata (bytes)\n")
    out.append("| module | " + " | ".join(targets) + " |")
    out.append("|---|" + "---:|" * len(targets))

    def flash(d):
        return d["text"] + d["rodata"] if d else None

    for mod in modules:
        cells = []
        for t in targets:
            d = per.get(t, {}).get(mod)
            cells.append("—" if d is None else str(flash(d)))
        out.append(f"| {mod} | " + " | ".join(cells) + " |")
    out.append("| **total** | " + " | ".join(
        f"**{flash(per[t].get('total'))}**" if per[t].get("total") else "—" for t in targets) + " |")
    out.append("\n### Totals per target (bytes)\n")
    out.append("| target | text | rodata | data | bss |")
    out.append("|---|---:|---:|---:|---:|")
    for t in targets:
        d = per[t].get("total")
        if d:
            out.append(f"| {t} | {d['text']} | {d['rodata']} | {d['data']} | {d['bss']} |")
    ram = [(t, m, d) for t in targets for m, d in per[t].items()
           if m != "total" and (d["data"] or d["bss"])]
    if ram:
        out.append("\nModules holding static RAM (data + bss):\n")
        out.append("| target | module | data | bss |")
        out.append("|---|---|---:|---:|")
        for t, m, d in ram:
            out.append(f"| {t} | {m} | {d['data']} | {d['bss']} |")
    else:
        out.append("\nNo module holds static RAM (data = bss = 0 on every target).")
    lx = per.get("lx106", {})
    dram = [(m, d) for m, d in sorted(lx.items())
            if m != "total" and "irom" in d and d["rodata"] - d["irom"] > 0]
    if dram:
        out.append("\n### lx106: constants that cost DRAM\n")
        out.append("The ESP8266 copies `.rodata` into its ~80 KB of DRAM at boot unless the firmware's "
                   "linker script sends it to flash; tables marked `MOTE_FLASH` (`.irom.text`) stay in "
                   "flash. Modules with constants still in `.rodata` on lx106:\n")
        out.append("| module | .rodata (DRAM) | .irom (flash) |")
        out.append("|---|---:|---:|")
        for m, d in dram:
            out.append(f"| {m} | {d['rodata'] - d['irom']} | {d['irom']} |")
        d = lx.get("total")
        if d and "irom" in d:
            out.append(f"| **all modules** | **{d['rodata'] - d['irom']}** | **{d['irom']}** |")
    return "\n".join(out) + "\n"


def replace_section(doc, name, body):
    begin, end = f"<!-- bench:begin {name} -->", f"<!-- bench:end {name} -->"
    if begin not in doc or end not in doc:
        doc = doc.rstrip("\n") + f"\n\n{begin}\n{end}\n"
    i, j = doc.index(begin) + len(begin), doc.index(end)
    return doc[:i] + "\n" + body.rstrip("\n") + "\n" + doc[j:]


def doc(args):
    text = open(args.doc).read() if os.path.exists(args.doc) else TEMPLATE
    if args.bench:
        with open(args.bench) as f:
            lines = f.read().splitlines()
        text = replace_section(text, "speed", speed_section(lines))
        text = replace_section(text, "stack", stack_section(lines))
        if args.bench16:
            with open(args.bench16) as f:
                text = replace_section(text, "mul16", mul16_section(lines, f.read().splitlines()))
    if args.size:
        with open(args.size) as f:
            text = replace_section(text, "size", size_section(f.read().splitlines()))
    os.makedirs(os.path.dirname(args.doc) or ".", exist_ok=True)
    with open(args.doc, "w") as f:
        f.write(text)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("combine")
    c.add_argument("--time", action="append")
    c.add_argument("--cg-dir", action="append")
    c.add_argument("--stack", action="append")
    s = sub.add_parser("sections")
    s.add_argument("--target", required=True)
    s.add_argument("--dir", required=True)
    d = sub.add_parser("doc")
    d.add_argument("--bench")
    d.add_argument("--bench16")
    d.add_argument("--size")
    d.add_argument("--doc", required=True)
    args = ap.parse_args()
    return {"combine": combine, "sections": sections, "doc": doc}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
