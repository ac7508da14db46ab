"""nextTarget of PROTOCOL.md §1.4 (relative ASERT, aserti3-2d polynomial) in Python integers."""

RADIX = 65536
EXP_CLAMP = 300 * RADIX


def div_trunc(a: int, b: int) -> int:
    """a / b rounded toward zero, as C and JS bigint division do (Python's // rounds toward -inf)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def pow2_frac(f: int) -> int:
    """65536 * 2^(f/65536) for 0 <= f < 65536, by the aserti3-2d cubic (error < 0.013 %)."""
    assert 0 <= f < RADIX
    return RADIX + ((195766423245049 * f + 971821376 * f**2 + 5127 * f**3 + 2**47) >> 48)


def exponent(parent_time, grandparent_time, merge, spacing, half_life):
    """e = trunc((st - ideal) * 65536 / tau), clamped to +-300 * 65536; 16.16 fixed point."""
    st = min(parent_time - grandparent_time, spacing + half_life)
    ideal = spacing * (2 if merge else 1)
    e = div_trunc((st - ideal) * RADIX, half_life)
    return max(-EXP_CLAMP, min(EXP_CLAMP, e))


def scale(target: int, e: int) -> int:
    """target * 2^(e / 65536), unclamped: s = e >> 16 (floor), f = e - (s << 16)."""
    s = e >> 16
    f = e - (s << 16)
    n = target * pow2_frac(f)
    s -= 16
    return n >> -s if s < 0 else n << s


def next_target(parent_target, parent_time, grandparent_time, merge, spacing, half_life, max_target):
    """target of a block whose selected parent P is not a root. grandparent_time = time(prev(P))."""
    e = exponent(parent_time, grandparent_time, merge, spacing, half_life)
    return max(1, min(max_target, scale(parent_target, e)))
