"""Writes test/vectors/asert.json from asert.py; `--check` only verifies that the file is current.

Every case whose value can be derived by hand carries that derivation as an assertion, so the
vector file rests on arithmetic, not only on asert.py.
"""

import json
import pathlib
import sys

from asert import RADIX, next_target, pow2_frac

OUT = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "asert.json"
S = 10**9  # ns per second
T0 = 1_750_000_000 * S  # time(prev(P)) in most cases
GENERIC = dict(spacing=S, half_life=16 * S, max_target=2**246)
TARGET = (2**238 * 5) // 7  # odd low bits, so every rounding step shows
MAX256 = 2**256 - 1
cases = []


def case(name, st, check=None, target=TARGET, merge=False, **params):
    """One vector: P took `st` ns after its own parent. `check(result)` is the hand derivation."""
    p = {**GENERIC, **params}
    got = next_target(target, T0 + st, T0, merge, p["spacing"], p["half_life"], p["max_target"])
    assert check is None or check(got), f"hand derivation fails for {name}: {got:#x}"
    cases.append({
        "name": name,
        "parentTarget": f"{target:064x}",
        "parentTime": str(T0 + st),
        "grandparentTime": str(T0),
        "merge": merge,
        "spacing": str(p["spacing"]),
        "halfLife": str(p["half_life"]),
        "maxTarget": f"{p['max_target']:064x}",
        "expected": f"{got:064x}",
    })
    return got


def floor_variant(target, st, spacing, half_life):
    """The result if e were rounded toward -inf: used to prove a case exercises truncation."""
    e = ((st - spacing) * RADIX) // half_life
    s = e >> 16
    n = target * pow2_frac(e - (s << 16))
    return n >> (16 - s)


T, TAU = S, 16 * S
# e = 0: s = 0, f = 0, factor (2^47 >> 48) = 0, so n = target * 65536 >> 16 = target.
case("on schedule: st == T, e = 0, target unchanged", T, lambda n: n == TARGET)
case("a bit fast: st = T - 100 ms, e = -409, slightly harder", T - S // 10, lambda n: n < TARGET)
case("a bit slow: st = T + 250 ms, e = 1024, slightly easier", T + S // 4, lambda n: TARGET < n < 2 * TARGET)
case("merge parent on schedule: ideal = 2T, st = 2T, target unchanged", 2 * T, lambda n: n == TARGET, merge=True)
# merge with st = T: e = -T * 65536 / 16T = -4096, s = -1, f = 61440.
case("merge parent at st = T: one block late by the merge, e = -4096", T,
     lambda n: n == (TARGET * pow2_frac(61440)) >> 17, merge=True)
case("non-merge parent at st = 2T: e = +4096, easier (contrast with the merge case)", 2 * T,
     lambda n: n == (TARGET * pow2_frac(4096)) >> 16)
# st - ideal = tau: e = 65536, s = 1, f = 0, n = target * 65536 >> 15 = 2 * target.
case("exactly one half-life slow: st = T + tau, target doubles", T + TAU, lambda n: n == 2 * TARGET)
case("100x slow: st = 100 T capped at T + tau, still exactly 2x", 100 * T, lambda n: n == 2 * TARGET)
case("st = T + tau + 1 ns: capped, exactly 2x", T + TAU + 1, lambda n: n == 2 * TARGET)
# (tau - 1) * 65536 / tau = 65535.99999...: truncates to 65535, just under 2x.
case("st = T + tau - 1 ns: e = 65535, just under 2x", T + TAU - 1, lambda n: TARGET < n < 2 * TARGET)
# half a half-life: e = 32768, factor 92674 / 65536 ~ sqrt(2) within the polynomial's 0.013 %.
case("half a half-life slow: e = 32768, ~sqrt(2)", T + TAU // 2,
     lambda n: n == (TARGET * 92674) >> 16 and abs(92674 - 2**0.5 * 65536) < 0.00013 * 65536)
# (1 - T) * 65536 / 16T = -4095.99999...: truncation gives -4095, floor would give -4096.
case("very fast: st = 1 ns, e = trunc(-4095.99..) = -4095 (not -4096)", 1,
     lambda n: n == (TARGET * pow2_frac(65536 - 4095)) >> 17 != floor_variant(TARGET, 1, T, TAU))
# d = 100000 ns fast: -100000 * 65536 / 16e9 = -0.4096: truncation gives e = 0, floor gives -1.
case("100 us fast: e = trunc(-0.41) = 0, target unchanged (floor would give -1)", T - 100_000,
     lambda n: n == TARGET != floor_variant(TARGET, T - 100_000, T, TAU))
# d = 300000 ns fast: e = trunc(-1.23) = -1: s = -1 (arithmetic shift), f = 65535.
case("300 us fast: e = -1, s = -1, f = 65535", T - 300_000,
     lambda n: n == (TARGET * pow2_frac(65535)) >> 17)
# T = 10, tau = 3, st = 9: e = trunc(-65536 / 3) = -21845, floor = -21846.
case("negative e truncates toward zero: T = 10 ns, tau = 3 ns, st = 9, e = -21845", 9,
     lambda n: n != floor_variant(TARGET, 9, 10, 3), spacing=10, half_life=3)
case("positive e not divisible: T = 10 ns, tau = 3 ns, st = 11, e = 21845", 11,
     lambda n: n == (TARGET * pow2_frac(21845)) >> 16, spacing=10, half_life=3)
# merge, tau = T, st = T: e = -65536, s = -1, f = 0: n = target * 65536 >> 17 = floor(target / 2).
case("merge parent one half-life fast (tau = T): target halves, rounded down", T,
     lambda n: n == TARGET // 2, merge=True, half_life=T)
# T = 201, tau = 1, st = 1: e = -200 * 65536 exactly: n = (2^256 - 1) >> 200.
case("deep negative, no clamp: e = -200 * 65536, (2^256-1) >> 200", 1,
     lambda n: n == MAX256 >> 200, target=MAX256, spacing=201, half_life=1, max_target=MAX256)
case("negative clamp boundary: e = -300 * 65536 exactly, result 1", 1,
     lambda n: n == 1, target=MAX256, spacing=301, half_life=1, max_target=MAX256)
# e = -(10^15 - 1) * 65536 is clamped to -300 * 65536 before shifting; any u256 >> 300 is 0 -> 1.
case("negative clamp: huge spacing 1e15 ns, tau = 1 ns, st = 1, e clamped, result 1", 1,
     lambda n: n == 1, target=MAX256, spacing=10**15, half_life=1, max_target=MAX256)
case("merge with huge spacing: ideal = 2e15 ns, e clamped, result 1", 1,
     lambda n: n == 1, merge=True, spacing=10**15, half_life=1)
case("clamped to maxTarget: target = maxTarget, one half-life slow", T + TAU,
     lambda n: n == 2**246, target=2**246)
case("clamped to maxTarget from below: 0.75 maxTarget, 2x would pass it", T + TAU,
     lambda n: n == 2**246, target=3 * 2**244)
case("maxTarget 2^256-1: target 2^256-1 one half-life slow stays 2^256-1", T + TAU,
     lambda n: n == MAX256, target=MAX256, max_target=MAX256)
# target 1, st = 1 ns: 1 * (65536 + ...) >> 17 = 0, raised to the floor of 1.
case("clamped to 1: target 1 and very fast blocks would give 0", 1, lambda n: n == 1, target=1)
case("target 1 on schedule stays 1", T, lambda n: n == 1, target=1)
case("target 1 one half-life slow becomes 2", T + TAU, lambda n: n == 2, target=1)
case("target 3 a bit fast rounds down to 2", T - S // 10, lambda n: n == 2, target=3)
# Presets of core/token/params.ts (devnet, public); parent = first block on top of the root target.
DEV_V = dict(spacing=2 * S, half_life=32 * S, max_target=2**246)
case("devnet validator: root target 2^238, first block 2.5 s after genesis", 2_500_000_000,
     target=2**238, **DEV_V)
case("devnet validator: 1 ms block (miner burst)", 1_000_000, target=2**238, **DEV_V)
case("devnet proposal: T = 10 s, tau = 160 s, 7 s block", 7 * S,
     target=2**236, spacing=10 * S, half_life=160 * S, max_target=2**246)
case("devnet congress: T = 1 s, tau = 16 s, merge parent after 1.2 s", 1_200_000_000,
     target=2**240 + 12345, merge=True, spacing=S, half_life=16 * S, max_target=2**246)
PUB_V = dict(spacing=30 * S, half_life=960 * S, max_target=2**240)
case("public validator: T = 30 s, tau = 960 s, 29 s block", 29 * S, target=2**232 - 1, **PUB_V)
case("public validator: one-day stall capped at 2x", 86400 * S, lambda n: n == 2**233, target=2**232, **PUB_V)
case("public proposal: T = 3600 s, tau = 57600 s, 50 min block", 3000 * S,
     target=2**228, spacing=3600 * S, half_life=57600 * S, max_target=2**240)
case("public congress: T = 60 s, tau = 960 s, merge parent after 61 s", 61 * S,
     target=2**237 + 2**200, merge=True, spacing=60 * S, half_life=960 * S, max_target=2**240)

doc = {
    "_comment": "nextTarget (PROTOCOL.md 1.4) for a non-root parent P: times in ns (decimal), "
    "targets hex. Generated by test/checker/gen_asert_vectors.py from test/checker/asert.py.",
    "cases": cases,
}
text = json.dumps(doc, indent=2) + "\n"
if "--check" in sys.argv:
    same = OUT.read_text() == text
    print(f"{len(cases)} cases, file {'matches' if same else 'DIFFERS'}")
    sys.exit(0 if same else 1)
OUT.write_text(text)
print(f"wrote {len(cases)} cases to {OUT}")
