#!/usr/bin/env python3
"""Bytes per kind in a GNU ld link map (Python 3 standard library only).

  mapsize.py MAP LIB_SUBSTRING [--objects]

prints two lines of key=value:
  lib   text=N rodata=N data=N bss=N irom=N   (input sections from files whose
                                              path contains LIB_SUBSTRING)
  image text=N rodata=N data=N bss=N irom=N   (every input section kept)

Input sections are classified by name: .text* .literal* .init .fini
.iram* -> text; .rodata* .srodata* .irom* .flash* .data.rel.ro*
.ARM.exidx* .ARM.extab* .eh_frame* -> rodata (irom: the .irom*/.flash*
part, MOTE_FLASH tables that stay in flash on the ESP8266); .data* .sdata*
.init_array* .fini_array* -> data; .bss* .sbss* COMMON -> bss. Sections the
linker discarded (--gc-sections) are listed before the memory map and are
not counted; debug and note sections are not classified, so not counted.
--objects adds one line per library member: `obj NAME flash=N ram=N`
(flash = text + rodata + data, ram = data + bss), largest first.
"""

import re
import sys

INPUT = re.compile(r"^ (\S+)\s+0x([0-9a-fA-F]+)\s+0x([0-9a-fA-F]+)\s+(\S.*)$")
NAME_ONLY = re.compile(r"^ (\S+)$")
CONT = re.compile(r"^\s+0x([0-9a-fA-F]+)\s+0x([0-9a-fA-F]+)\s+(\S.*)$")


def kind(name):
    if name == "COMMON" or name.startswith((".bss", ".sbss")):
        return "bss"
    if name.startswith((".text", ".literal", ".iram")) or name in (".init", ".fini"):
        return "text"
    if name.startswith((".irom", ".flash")):
        return "irom"
    if name.startswith((".rodata", ".srodata", ".data.rel.ro", ".ARM.exidx", ".ARM.extab",
                        ".eh_frame")):
        return "rodata"
    if name.startswith((".data", ".sdata", ".init_array", ".fini_array")):
        return "data"
    return None


def main():
    path, lib = sys.argv[1], sys.argv[2]
    tot = {"lib": dict.fromkeys(("text", "rodata", "data", "bss", "irom"), 0),
           "image": dict.fromkeys(("text", "rodata", "data", "bss", "irom"), 0)}
    in_map = False
    pending = None
    per = {}
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not in_map:
                if line.startswith("Linker script and memory map"):
                    in_map = True
                continue
            m = INPUT.match(line)
            if m:
                name, size, src = m.group(1), int(m.group(3), 16), m.group(4)
                pending = None
            else:
                if pending is not None:
                    c = CONT.match(line)
                    name, pending = pending, None
                    if not c:
                        continue
                    size, src = int(c.group(2), 16), c.group(3)
                else:
                    n = NAME_ONLY.match(line)
                    if n:
                        pending = n.group(1)
                    continue
            k = kind(name)
            if k is None or size == 0:
                continue
            tot["image"][k] += size
            if lib in src:
                tot["lib"][k] += size
                obj = src[src.index(lib) + len(lib):].rstrip(")")
                o = per.setdefault(obj, {"flash": 0, "ram": 0})
                if k != "bss":
                    o["flash"] += size
                if k in ("data", "bss"):
                    o["ram"] += size
    for which in ("lib", "image"):
        t = tot[which]
        # irom is part of rodata (flash-resident constants)
        print(f"{which} text={t['text']} rodata={t['rodata'] + t['irom']} data={t['data']} "
              f"bss={t['bss']} irom={t['irom']}")
    if "--objects" in sys.argv[3:]:
        for obj, o in sorted(per.items(), key=lambda x: -x[1]["flash"]):
            print(f"obj {obj} flash={o['flash']} ram={o['ram']}")


if __name__ == "__main__":
    main()
