#!/usr/bin/env python3
"""Run every Wycheproof vector file that a mote vector runner handles.

Each runner (build/tests/wy_*) names the JSON files it handles (--files).
This script flattens each test, with its group's fields, into one line
"k=v k=v ..." (hex stays hex, nested keys are joined with dots, lists with
commas, values with spaces are dropped), pipes the lines to the runner and
tallies its verdicts. Output, one line per file:

    wycheproof: <file> run=N passed=N failed=N skipped=N

then, for files with "acceptable" tests, the outcome mote chose:

    wycheproof-acceptable: <file> accepted=N rejected=N

and each distinct skip reason once. Exit status 1 if any test failed or
a runner crashed.
"""
import argparse, collections, glob, json, os, shlex, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "vectors", "wycheproof"))


def flat(prefix, value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flat(prefix + "." + k if prefix else k, v, out)
    elif isinstance(value, list):
        if all(isinstance(x, (str, int)) for x in value):
            s = ",".join(str(x) for x in value)
            if not any(c.isspace() for c in s):
                out[prefix] = s
    elif isinstance(value, bool):
        out[prefix] = "1" if value else "0"
    elif isinstance(value, (int, float)):
        out[prefix] = str(value)
    elif isinstance(value, str):
        if value == "" or not any(c.isspace() for c in value):
            out[prefix] = value


def lines_of(path):
    doc = json.load(open(path))
    top = {}
    for k in ("algorithm",):
        if k in doc:
            flat(k, doc[k], top)
    for group in doc["testGroups"]:
        g = dict(top)
        for k, v in group.items():
            if k != "tests":
                flat(k, v, g)
        for t in group["tests"]:
            f = dict(g)
            for k, v in t.items():
                flat(k, v, f)
            # tcId and result first: runners and humans read them first
            order = ["tcId", "result"] + [k for k in f if k not in ("tcId", "result")]
            yield " ".join("%s=%s" % (k, f[k]) for k in order if k in f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bindir", default="build/tests")
    ap.add_argument("--vectors", default=os.environ.get("MOTE_VECTORS", DEFAULT_DIR))
    ap.add_argument("--exec", default="", help="prefix for running runners, e.g. qemu-arm")
    ap.add_argument("--only", default="", help="run only files whose name contains this")
    a = ap.parse_args()
    prefix = shlex.split(a.exec)
    runners = sorted(glob.glob(os.path.join(a.bindir, "wy_*")))
    handled = {}
    for r in runners:
        out = subprocess.run(prefix + [r, "--files"], capture_output=True, text=True, check=True).stdout
        for name in out.split():
            handled[name] = r
    all_files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(a.vectors, "*.json")))
    if not all_files:
        print("wycheproof: no vector files found in %s" % a.vectors)
        return 1
    bad = 0
    skip_reasons = collections.OrderedDict()
    accept_lines = []
    for name in all_files:
        if name not in handled or a.only not in name:
            continue
        data = "\n".join(lines_of(os.path.join(a.vectors, name))) + "\n"
        n_in = data.count("\n")
        p = subprocess.run(prefix + [handled[name], name], input=data, capture_output=True, text=True)
        c = collections.Counter()
        acc = collections.Counter()
        for ln in p.stdout.splitlines():
            parts = ln.split(" ", 2)
            if len(parts) < 2:
                continue
            c[parts[1]] += 1
            if parts[1] == "pass" and len(parts) == 3:
                acc[parts[2]] += 1
            elif parts[1] == "skip":
                skip_reasons.setdefault(parts[2] if len(parts) > 2 else "?", name)
            elif parts[1] == "fail":
                print("  FAIL %s tcId=%s: %s" % (name, parts[0], parts[2] if len(parts) > 2 else ""))
        run = c["pass"] + c["fail"] + c["skip"]
        failed = c["fail"] + (n_in - run) + (1 if p.returncode != 0 else 0)
        if p.returncode != 0:
            print("  runner %s exited %d: %s" % (handled[name], p.returncode, p.stderr.strip()[-500:]))
        print("wycheproof: %s run=%d passed=%d failed=%d skipped=%d" % (name, n_in, c["pass"], failed, c["skip"]))
        if acc:
            accept_lines.append("wycheproof-acceptable: %s accepted=%d rejected=%d" % (name, acc["accepted"], acc["rejected"]))
        bad += failed
    for ln in accept_lines:
        print(ln)
    for reason, name in skip_reasons.items():
        print("wycheproof-skip-reason: %s (first in %s)" % (reason, name))
    missing = [n for n in all_files if n not in handled]
    if missing:
        print("wycheproof-not-implemented: %s" % " ".join(missing))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
