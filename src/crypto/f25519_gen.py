#!/usr/bin/env python3
"""Writes out the product columns of f25519.c's radix-2^13 form (MOTE_FE_R13,
20 limbs x[0..20), y[0..20) copied to 32-bit words): the body of mote_fe_mul
(400 multiplies; one level of Karatsuba, 300, measured 4% fewer instructions
on x86-64 for 156 more bytes of stack: not taken) and of mote_fe_sqr (cross
products once, doubled: 210). Column k lands in t[k] (39 columns, each below
2^30.4). The output replaces the lines between the "f25519_gen.py"
markers of src/crypto/f25519.c:

    python3 src/crypto/f25519_gen.py mul
    python3 src/crypto/f25519_gen.py sqr
"""
import sys


def col(k, xa, ya, n):
    lo, hi = max(0, k - n + 1), min(k, n - 1)
    return " + ".join(f"{xa(i)} * {ya(k - i)}" for i in range(lo, hi + 1))


def mul():
    return [f"    t[{k}] = {col(k, lambda i: f'x[{i}]', lambda j: f'y[{j}]', 20)};" for k in range(39)]


def sqr():
    out = []
    for k in range(39):
        lo = max(0, k - 19)
        cross = [f"x[{i}] * x[{k - i}]" for i in range(lo, 20) if i < k - i]
        square = f"x[{k // 2}] * x[{k // 2}]" if k % 2 == 0 else None
        e = ("2 * (" + " + ".join(cross) + ")") if cross else ""
        e = (e + " + " + square) if (e and square) else (e or square)
        out.append(f"    t[{k}] = {e};")
    return out


print("\n".join(mul() if sys.argv[1:] == ["mul"] else sqr()))
