#!/usr/bin/env python3
"""bench/compare reporting (Python 3 standard library only).

  report.py lines --res DIR --configs "..." --libs "..."    -> compare: lines
  report.py doc --compare compare.txt --doc docs/COMPARE.md  (results section)
  report.py sizedoc --size profiles.txt --doc docs/COMPARE.md (size section)
  report.py serverlines --res DIR --configs "..." --libs "..."  -> compare-server: lines
  report.py serverdoc --compare compare-server.txt --doc docs/COMPARE.md (server section)
  report.py arm32lines --res DIR --configs "..." --libs "..." -> compare-arm32: lines
  report.py arm32doc --compare compare-arm32.txt --doc docs/COMPARE.md (32-bit RAM section)

`lines` reads what bench/compare/run.sh left in DIR for each configuration
and library: <cfg>.<lib>.status, the native run's `result:`/`info:` lines
(<cfg>.<lib>.native) and the callgrind dumps (<cfg>.<lib>.cg.txt.cg/,
one per client request label: hs, bulk, resumed). `doc` and `sizedoc`
rewrite the text between their markers in docs/COMPARE.md and keep the
rest (the hand-written analysis). The servers' results are
server.<cfg>.<lib>.* in DIR (one full handshake served, callgrind label hs).
"""

import argparse
import datetime
import glob
import os
import platform
import re
import subprocess
import sys

NA = "n/a"


def kv(line):
    return dict(re.findall(r"(\w+)=(\S+)", line))


def read_cg_dir(d):
    """{label: Ir} from every callgrind dump in d."""
    out = {}
    for path in glob.glob(os.path.join(d, "cg.*")):
        label = total = None
        with open(path, errors="replace") as f:
            for line in f:
                if line.startswith("desc: Trigger: Client Request: "):
                    label = line.split(":", 2)[2].split(":", 1)[1].strip()
                elif line.startswith("totals:"):
                    nums = line.split(":", 1)[1].split()
                    total = int(nums[0]) if nums else 0
        if label is not None and total is not None:
            out[label] = total
    return out


def lines(args):
    configs = args.configs.split()
    libs = args.libs.split()
    status_all = 0
    for cfg in configs:
        for lib in libs:
            base = os.path.join(args.res, f"{cfg}.{lib}")
            if not os.path.exists(base + ".status"):
                continue
            status = open(base + ".status").read().strip()
            if status in ("unsupported", "missing"):
                print(f"compare: {lib} {cfg} hs_instr=n/a resumed_instr=n/a "
                      f"bulk_instr_per_byte=n/a heap=n/a caller_mem=n/a stack=n/a")
                why = ("the library cannot do this configuration" if status == "unsupported"
                       else "client not built (library missing)")
                print(f"compare-note: {lib} {cfg} {why}")
                continue
            if not status.startswith("ok"):
                print(f"compare: {lib} {cfg} FAILED ({status})")
                status_all = 1
                continue
            nat = {}
            info = []
            with open(base + ".native") as f:
                for line in f:
                    if line.startswith("result:"):
                        nat = kv(line)
                    elif line.startswith("info:"):
                        info.append(line[5:].strip())
            cg = read_cg_dir(base + ".cg.txt.cg")
            hs = cg.get("hs")
            bulk = cg.get("bulk")
            res = cg.get("resumed")
            resumed = nat.get("resumed", NA)
            nbytes = int(nat.get("bulk_bytes", "0"))
            ipb = f"{bulk / nbytes:.1f}" if bulk is not None and nbytes else NA
            if resumed != "1":
                res = None  # not resumed: the figure would be a full handshake
            heap = nat.get("heap", NA)
            caller = nat.get("caller_mem", NA)
            stack = nat.get("stack", NA)
            print(f"compare: {lib} {cfg} hs_instr={hs if hs is not None else NA} "
                  f"resumed_instr={res if res is not None else NA} bulk_instr_per_byte={ipb} "
                  f"heap={heap} caller_mem={caller} stack={stack}")
            ram = NA
            if all(x.isdigit() for x in (heap, caller, stack)):
                ram = str(int(heap) + int(caller) + int(stack))
            verify = kv(status).get("verify", "on")
            extra = " ".join(f"{k}={nat[k]}" for k in ("heap_setup", "heap_ctx", "heap_conn",
                                                        "hs_us", "resumed_us") if k in nat)
            print(f"compare-note: {lib} {cfg} verify={verify} resumed={resumed} ram={ram} "
                  f"{extra} | {' ; '.join(info)}")
    return status_all


# --------------------------------------------------------------------------
# doc

BEGIN = "<!-- compare:begin (bench/compare/report.py doc rewrites this section) -->"
END = "<!-- compare:end -->"
VBEGIN = "<!-- compare-server:begin (bench/compare/report.py serverdoc rewrites this section) -->"
VEND = "<!-- compare-server:end -->"
SBEGIN = "<!-- size-profiles:begin (bench/compare/report.py sizedoc rewrites this section) -->"
SEND = "<!-- size-profiles:end -->"
ABEGIN = "<!-- compare-arm32:begin (bench/compare/report.py arm32doc rewrites this section) -->"
AEND = "<!-- compare-arm32:end -->"

LIBS = ["mote", "bearssl", "bearssl-i31", "mbedtls", "wolfssl", "wolfssl-c", "openssl", "openssl-hw"]
CONFIGS = ["tls12-ecdsa", "tls12-rsa", "tls13-ecdsa", "tls13-rsa", "tls13-ecdsa-p256",
           "tls13-rsa-p256", "tls12-ecdsa-chacha", "tls13-ecdsa-chacha"]


def parse_compare(path):
    rows = {}
    notes = {}
    for line in open(path):
        if line.startswith("compare: "):
            parts = line.split()
            if len(parts) < 3:
                continue
            rows[(parts[1], parts[2])] = kv(line) if "FAILED" not in line else None
        elif line.startswith("compare-note: "):
            parts = line.split(None, 3)
            notes[(parts[1], parts[2])] = parts[3].strip() if len(parts) > 3 else ""
    return rows, notes


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def mfmt(v):
    """Instructions in millions."""
    x = num(v)
    return NA if x is None else f"{x / 1e6:.2f} M"


def kfmt(v):
    x = num(v)
    return NA if x is None else f"{int(x):,}".replace(",", " ")


def ratio(m, p):
    """mote / peer: below 1 means mote needs less."""
    a, b = num(m), num(p)
    if a is None or b is None or b == 0:
        return NA
    r = a / b
    return f"{r:.2f}x" if r >= 0.1 else f"{r:.3f}x"


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count()
    osr = ""
    try:
        osr = open("/etc/debian_version").read().strip()
    except OSError:
        pass
    vg = subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip()
    cc = subprocess.run(["cc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return (f"{cpu}, {cores} cores, {platform.machine()}, Debian {osr}, {cc}, {vg}, "
            f"measured {datetime.date.today().isoformat()}")


def ram_of(r):
    """heap + caller_mem + stack of a row, or n/a."""
    v = [num(r.get(k)) for k in ("heap", "caller_mem", "stack")]
    return NA if None in v else str(int(sum(v)))


def replace_section(doc, begin, end, body, template):
    if os.path.exists(doc):
        text = open(doc).read()
    else:
        text = template
    if begin not in text or end not in text:
        text = text.rstrip("\n") + "\n\n" + begin + "\n" + end + "\n"
    a = text.index(begin) + len(begin)
    b = text.index(end)
    text = text[:a] + "\n" + body.rstrip("\n") + "\n" + text[b:]
    with open(doc, "w") as f:
        f.write(text)


TEMPLATE = f"""# mote next to its peers

{BEGIN}
{END}

{SBEGIN}
{SEND}
"""


def goals(rows, notes):
    """Issue 8's measurable goals, each with mote's figure, the reference and
    the ratio. TLS 1.2 goals compare TLS 1.2 with TLS 1.2 (same suite, same
    chain, same server)."""
    def get(lib, cfg, key):
        r = rows.get((lib, cfg))
        return num(r.get(key)) if r else None

    def ram(lib, cfg):
        return num(kv(notes.get((lib, cfg), "")).get("ram"))

    out = ["#### The goals of issue 8 (ratio = mote / reference)", "",
           "| goal | mote | reference | ratio | target | met |", "|---|---:|---:|---:|---:|---|"]

    def line(goal, m, ref, target, fmt=mfmt):
        if m is None or ref is None or ref == 0:
            out.append(f"| {goal} | {fmt(m)} | {fmt(ref)} | {NA} | <= {target} | {NA} |")
            return
        r = m / ref
        out.append(f"| {goal} | {fmt(m)} | {fmt(ref)} | {r:.2f}x | <= {target} | "
                   f"{'yes' if r <= target else f'no (by {r / target:.2f}x)'} |")

    ipb = lambda v: NA if v is None else f"{v:.1f}"
    b = lambda v: NA if v is None else kfmt(v)
    for cfg in ("tls12-ecdsa", "tls12-rsa"):
        line(f"handshake vs BearSSL, {cfg}", get("mote", cfg, "hs_instr"),
             get("bearssl", cfg, "hs_instr"), 0.5)
    for cfg in ("tls12-ecdsa", "tls12-rsa", "tls13-ecdsa", "tls13-rsa"):
        line(f"handshake vs OpenSSL with assembly, {cfg}", get("mote", cfg, "hs_instr"),
             get("openssl-hw", cfg, "hs_instr"), 2.0)
    # TLS 1.3: the goal is judged against wolfSSL in portable C (wolfssl-c);
    # Debian's build (x86-64 assembly for its bignum digits) shown beside it
    for cfg in ("tls13-ecdsa", "tls13-rsa", "tls13-ecdsa-p256", "tls13-rsa-p256"):
        line(f"handshake vs wolfSSL in portable C (wolfssl-c: the other TLS 1.3 peer in C), {cfg}",
             get("mote", cfg, "hs_instr"), get("wolfssl-c", cfg, "hs_instr"), 1.0)
    for cfg in ("tls13-ecdsa", "tls13-rsa", "tls13-ecdsa-p256", "tls13-rsa-p256"):
        line(f"(for scale) handshake vs Debian's wolfSSL, x86-64 assembly, {cfg}",
             get("mote", cfg, "hs_instr"), get("wolfssl", cfg, "hs_instr"), 1.0)
    line("bulk AES-128-GCM vs BearSSL aes_ct64/ghash_ctmul64 (instr/B), tls12-ecdsa",
         get("mote", "tls12-ecdsa", "bulk_instr_per_byte"),
         get("bearssl", "tls12-ecdsa", "bulk_instr_per_byte"), 0.5, ipb)
    line("bulk ChaCha20-Poly1305 vs BearSSL chacha20_ct/poly1305_ctmul (instr/B), "
         "tls12-ecdsa-chacha",
         get("mote", "tls12-ecdsa-chacha", "bulk_instr_per_byte"),
         get("bearssl", "tls12-ecdsa-chacha", "bulk_instr_per_byte"), 0.5, ipb)
    for cfg in ("tls12-ecdsa", "tls12-rsa"):
        line(f"RAM (context + buffers + stack + heap), 1 KiB records, x86-64, {cfg} (B)",
             ram("mote", cfg), ram("bearssl", cfg), 0.6, b)
    for cfg in ("tls12-ecdsa", "tls12-rsa"):
        out.append(f"| resumed handshake vs BearSSL, {cfg} (no goal) | "
                   f"{mfmt(get('mote', cfg, 'resumed_instr'))} | "
                   f"{mfmt(get('bearssl', cfg, 'resumed_instr'))} | "
                   + (NA if not get('bearssl', cfg, 'resumed_instr') or
                      get('mote', cfg, 'resumed_instr') is None else
                      f"{get('mote', cfg, 'resumed_instr') / get('bearssl', cfg, 'resumed_instr'):.2f}x")
                   + " | - | - |")
    h = get("mote", "tls12-ecdsa", "heap")
    out.append(f"| heap | {b(h)} | - | - | 0 | {NA if h is None else ('yes' if h == 0 else 'no')} |")
    out.append("")
    return out


def doc(args):
    rows, notes = parse_compare(args.compare)
    out = []
    out.append(f"Machine: {machine()}.")
    out.append("")
    out.append("Generated by `make compare` (bench/compare/run.sh); raw lines in "
               "`build/compare/compare.txt`. Instructions are x86-64 user-space instructions "
               "counted by callgrind (the library and the libc calls it makes, no kernel). "
               "`ram` = caller-provided memory + peak heap + peak handshake stack.")
    out.append("")
    for cfg in CONFIGS:
        present = [l for l in LIBS if (l, cfg) in rows]
        if not present:
            continue
        out.append(f"#### {cfg}")
        out.append("")
        out.append("| library | full handshake | resumed | bulk instr/B | heap B | caller B | "
                   "stack B | ram B | verify |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for lib in present:
            r = rows[(lib, cfg)]
            n = notes.get((lib, cfg), "")
            if r is None:
                out.append(f"| {lib} | FAILED | | | | | | | |")
                continue
            ver = kv(n).get("verify", NA) if "verify=" in n else NA
            if ver == "pending":
                ver = "**pending** (MOTE_TLS_NO_VERIFY)"
            ram = kv(n).get("ram", NA)
            out.append(f"| {lib} | {mfmt(r.get('hs_instr'))} | {mfmt(r.get('resumed_instr'))} | "
                       f"{r.get('bulk_instr_per_byte', NA)} | {kfmt(r.get('heap'))} | "
                       f"{kfmt(r.get('caller_mem'))} | {kfmt(r.get('stack'))} | {kfmt(ram)} | "
                       f"{ver} |")
        out.append("")
    # ratios: mote / peer, per configuration mote can do
    out.append("#### Ratios (mote / peer: below 1.00x mote needs less)")
    out.append("")
    out.append("| config | peer | handshake | bulk instr/B | ram |")
    out.append("|---|---|---:|---:|---:|")
    for cfg in CONFIGS:
        m = rows.get(("mote", cfg))
        if not m or m.get("hs_instr") in (None, NA):
            continue
        mram = kv(notes.get(("mote", cfg), "")).get("ram")
        for lib in LIBS[1:]:
            p = rows.get((lib, cfg))
            if not p or p.get("hs_instr") in (None, NA):
                continue
            pram = kv(notes.get((lib, cfg), "")).get("ram")
            out.append(f"| {cfg} | {lib} | {ratio(m.get('hs_instr'), p.get('hs_instr'))} | "
                       f"{ratio(m.get('bulk_instr_per_byte'), p.get('bulk_instr_per_byte'))} | "
                       f"{ratio(mram, pram)} |")
    out.append("")
    out.extend(goals(rows, notes))
    out.append("<details><summary>facts per run (buffer sizes, heap split, native time)</summary>")
    out.append("")
    for (lib, cfg), n in sorted(notes.items()):
        out.append(f"- `{lib} {cfg}`: {n}")
    out.append("")
    out.append("</details>")
    replace_section(args.doc, BEGIN, END, "\n".join(out), TEMPLATE)
    return 0


# --------------------------------------------------------------------------
# size profiles


# goals of issue 8, library-only flash in KiB: (profile, target) -> KiB
SIZE_GOALS = {("mote-client-full", "lx106"): 48, ("mote-client-full", "cortex-m4"): 40,
              ("mote-client-tls13", "lx106"): 36, ("mote-client-tls13", "cortex-m4"): 30}
# axTLS as MicroPython ships it (issue 8's fixed reference, library only):
# RSA key exchange, AES-CBC, no certificate verification.
AXTLS_KIB = {"lx106": 20.4, "cortex-m4": 17.4}


def flash(d):
    return sum(int(d.get(k, 0)) for k in ("text", "rodata", "data"))


def sizedoc(args):
    data = {}  # (target, name) -> dict
    order_t, order_n = [], []
    for line in open(args.size):
        if not line.startswith("size: "):
            continue
        parts = line.split()
        if len(parts) < 3:
            continue
        t, name = parts[1], parts[2]
        d = kv(line)
        if t not in order_t:
            order_t.append(t)
        if name not in order_n:
            order_n.append(name)
        data[(t, name)] = d
    out = ["Generated by `make size-profiles` (bench/profiles/run.sh); raw lines in "
           "`build/profiles/profiles.txt`. Library-only bytes: the input sections the link map "
           "assigns to the library's objects after `--gc-sections` (flash = text + rodata + "
           "data). `image` = the whole program (`size`: code + constants + initialised data). "
           "`ctx` = the connection context the program hands the library, sizeof on that "
           "target (mote: `mote_tls_conn`; BearSSL: client + X.509 contexts; mbed TLS and "
           "wolfSSL allocate theirs). KiB = 1024 bytes.", ""]
    out.append("| target | library-profile | text | rodata | data | bss | flash KiB | "
               "image KiB | ctx B |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for t in order_t:
        for n in order_n:
            d = data.get((t, n))
            if d is None:
                continue
            if "text" not in d:
                out.append(f"| {t} | {n} | {NA} | | | | | | |")
                continue
            img = int(d.get("image_text", 0)) + int(d.get("image_data", 0))
            out.append(f"| {t} | {n} | {d['text']} | {d['rodata']} | {d['data']} | {d['bss']} | "
                       f"{flash(d) / 1024:.1f} | {img / 1024:.1f} | {d.get('ctx', '')} |")
    out.append("")
    out.append("Ratios (mote flash / peer flash, library only; below 1.00x mote is smaller) "
               "and the goals of issue 8:")
    out.append("")
    out.append("| target | mote profile | KiB | goal KiB | vs goal | vs bearssl-client12 | "
               "vs bearssl-client-full | vs mbedtls-client12 | vs wolfssl-client | "
               "vs axTLS (fixed) |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in order_t:
        for n in ("mote-client-tls13", "mote-client-modern", "mote-client-full"):
            d = data.get((t, n))
            if not d or "text" not in d:
                continue
            kib = flash(d) / 1024
            goal = SIZE_GOALS.get((n, t))
            cells = [t, n, f"{kib:.1f}", str(goal) if goal else "-",
                     (f"{kib - goal:+.1f} KiB" if goal else "-")]
            for peer in ("bearssl-client12", "bearssl-client-full", "mbedtls-client12",
                         "wolfssl-client"):
                p = data.get((t, peer))
                cells.append(f"{flash(d) / flash(p):.2f}x" if p and "text" in p else NA)
            ax = AXTLS_KIB.get(t)
            cells.append(f"{kib / ax:.2f}x" if ax else NA)
            out.append("| " + " | ".join(cells) + " |")
    out.append("")
    replace_section(args.doc, SBEGIN, SEND, "\n".join(out), TEMPLATE)
    return 0


def results(args, prefix):
    """(cfg, lib, base, status, result: fields, info: lines) of every run
    that left <prefix><cfg>.<lib>.status in args.res (the native run's
    output read when the status is ok)."""
    for cfg in args.configs.split():
        for lib in args.libs.split():
            base = os.path.join(args.res, f"{prefix}{cfg}.{lib}")
            if not os.path.exists(base + ".status"):
                continue
            status = open(base + ".status").read().strip()
            nat, info = {}, []
            if status == "ok":
                for line in open(base + ".native"):
                    if line.startswith("result:"):
                        nat = kv(line)
                    elif line.startswith("info:"):
                        info.append(line[5:].strip())
            yield cfg, lib, base, status, nat, info


def serverlines(args):
    """compare-server: <lib> <cfg> hs_instr heap caller_mem stack, and a note each."""
    status_all = 0
    for cfg, lib, base, status, nat, info in results(args, "server."):
        if status in ("unsupported", "missing"):
            print(f"compare-server: {lib} {cfg} hs_instr=n/a heap=n/a caller_mem=n/a stack=n/a")
            continue
        if status != "ok":
            print(f"compare-server: {lib} {cfg} FAILED ({status})")
            status_all = 1
            continue
        hs = read_cg_dir(base + ".cg.txt.cg").get("hs", NA)
        heap, caller, stack = (nat.get(k, NA) for k in ("heap", "caller_mem", "stack"))
        print(f"compare-server: {lib} {cfg} hs_instr={hs} heap={heap} caller_mem={caller} "
              f"stack={stack}")
        print(f"compare-server-note: {lib} {cfg} hs_us={nat.get('hs_us', NA)} "
              f"heap_setup={nat.get('heap_setup', NA)} heap_conn={nat.get('heap_conn', NA)} "
              f"| {' ; '.join(info)}")
    return status_all


def serverdoc(args):
    rows = {}
    for line in open(args.compare):
        if line.startswith("compare-server: ") and "FAILED" not in line:
            parts = line.split()
            rows[(parts[1], parts[2])] = kv(line)
    libs = [l for l in LIBS if any(k[0] == l for k in rows)]
    configs = [c for c in CONFIGS if any(k[1] == c for k in rows)]
    out = [f"Machine: {machine()}.", "",
           "Generated by `make compare-server` (`bash bench/compare/run.sh --server`; also the "
           "last part of `make compare`); raw lines in `build/compare/compare-server.txt`. "
           "Each server (bench/compare/cl_<lib>.c with --serve) serves one full handshake to `openssl "
           "s_client` (run outside callgrind); instructions are the server's, inside its "
           "handshake call. `ram` = caller memory + peak heap + peak handshake stack.", ""]
    for cfg in configs:
        out += [f"#### server {cfg}", "",
                "| library | handshake | heap B | caller B | stack B | ram B |",
                "|---|---:|---:|---:|---:|---:|"]
        for lib in libs:
            r = rows.get((lib, cfg))
            if r is None:
                continue
            if num(r.get("hs_instr")) is None:
                out.append(f"| {lib} | n/a (no server for this version) | | | | |")
                continue
            out.append(f"| {lib} | {mfmt(r['hs_instr'])} | {kfmt(r.get('heap'))} | "
                       f"{kfmt(r.get('caller_mem'))} | {kfmt(r.get('stack'))} | {kfmt(ram_of(r))} |")
        out.append("")
    out += ["#### Server ratios (mote / peer: below 1.00x mote needs less)", "",
            "| config | peer | handshake | ram |", "|---|---|---:|---:|"]
    for cfg in configs:
        m = rows.get(("mote", cfg))
        if not m:
            continue
        for lib in libs:
            r = rows.get((lib, cfg))
            if lib == "mote" or not r or num(r.get("hs_instr")) is None:
                continue
            out.append(f"| {cfg} | {lib} | {ratio(m.get('hs_instr'), r.get('hs_instr'))} | "
                       f"{ratio(ram_of(m), ram_of(r))} |")
    out.append("")
    replace_section(args.doc, VBEGIN, VEND, "\n".join(out), TEMPLATE)
    return 0


# --------------------------------------------------------------------------
# arm32 (bench/compare/arm32.sh): RAM on a 32-bit core


def arm32lines(args):
    """compare-arm32: <lib> <cfg> heap caller_mem stack ram, and a note each."""
    status_all = 0
    for cfg, lib, _, status, nat, info in results(args, ""):
        if status in ("unsupported", "missing"):
            print(f"compare-arm32: {lib} {cfg} heap=n/a caller_mem=n/a stack=n/a ram=n/a")
            continue
        if status != "ok":
            print(f"compare-arm32: {lib} {cfg} FAILED ({status})")
            status_all = 1
            continue
        heap, caller, stack = (nat.get(k, NA) for k in ("heap", "caller_mem", "stack"))
        print(f"compare-arm32: {lib} {cfg} heap={heap} caller_mem={caller} stack={stack} "
              f"ram={ram_of(nat)}")
        print(f"compare-arm32-note: {lib} {cfg} verify={nat.get('verify', NA)} "
              f"| {' ; '.join(info)}")
    return status_all


def arm32doc(args):
    rows, notes = {}, {}
    for line in open(args.compare):
        parts = line.split(None, 3)
        if line.startswith("compare-arm32: ") and "FAILED" not in line:
            rows[(parts[1], parts[2])] = kv(line)
        elif line.startswith("compare-arm32-note: ") and len(parts) > 3:
            notes[(parts[1], parts[2])] = parts[3].strip()
    libs = [l for l in LIBS if any(k[0] == l for k in rows)]
    configs = [c for c in CONFIGS if any(k[1] == c for k in rows)]
    cc = subprocess.run(["arm-linux-gnueabihf-gcc", "--version"], capture_output=True,
                        text=True).stdout.split("\n")[0]
    out = [f"Generated by `make compare-arm32` (bench/compare/arm32.sh) on "
           f"{datetime.date.today().isoformat()}: 32-bit ARM builds ({cc}, -O2) run under "
           "qemu-arm (user mode) against `openssl s_server` on 127.0.0.1, 1 KiB records, chain "
           "and host name verified; raw lines in `build/compare-arm32/compare-arm32.txt`. "
           "`ram` = caller memory + peak heap + peak handshake stack (painted).", "",
           "| config | library | heap B | caller B | stack B | ram B | mote's ram / this |",
           "|---|---|---:|---:|---:|---:|---:|"]
    for cfg in configs:
        m = rows.get(("mote", cfg)) or {}
        for lib in libs:
            r = rows.get((lib, cfg))
            if r is None:
                continue
            if num(r.get("ram")) is None:
                out.append(f"| {cfg} | {lib} | n/a | | | | |")
                continue
            rb = ratio(m.get("ram"), r.get("ram")) if lib != "mote" else ""
            out.append(f"| {cfg} | {lib} | {kfmt(r.get('heap'))} | {kfmt(r.get('caller_mem'))} | "
                       f"{kfmt(r.get('stack'))} | {kfmt(r.get('ram'))} | {rb} |")
    out += ["", "Issue 8's RAM goal (mote <= 0.6x BearSSL, TLS 1.2, 1 KiB records) on this "
            "32-bit target:", ""]
    for cfg in ("tls12-ecdsa", "tls12-rsa"):
        m, b = (num((rows.get((lib, cfg)) or {}).get("ram")) for lib in ("mote", "bearssl"))
        r = m / b if m is not None and b else None
        out.append(f"- {cfg}: " + (NA if r is None else
                                   f"{r:.2f}x, {'met' if r <= 0.6 else 'not met'}"))
    out += ["", "What each library was (its `info:` line):", ""]
    for lib in libs:
        n = next((notes[k] for k in sorted(notes) if k[0] == lib), None)
        if n:
            out.append(f"- `{lib}`: {n.split('| ', 1)[-1]}")
    out.append("")
    replace_section(args.doc, ABEGIN, AEND, "\n".join(out), TEMPLATE)
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name, flags in (("lines", ("--res", "--configs", "--libs")),
                        ("doc", ("--compare", "--doc")), ("sizedoc", ("--size", "--doc")),
                        ("serverlines", ("--res", "--configs", "--libs")),
                        ("serverdoc", ("--compare", "--doc")),
                        ("arm32lines", ("--res", "--configs", "--libs")),
                        ("arm32doc", ("--compare", "--doc"))):
        p = sub.add_parser(name)
        for flag in flags:
            p.add_argument(flag, required=True)
    args = ap.parse_args()
    return {"lines": lines, "doc": doc, "sizedoc": sizedoc, "serverlines": serverlines,
            "serverdoc": serverdoc, "arm32lines": arm32lines, "arm32doc": arm32doc}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
