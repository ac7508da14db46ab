"""Token-chain rules of PROTOCOL.md §1 that need no ledger, checked by brute force.

Every block keeps its full past as an explicit set (a Python int used as a bit set over arrival
indices), so merge rules are literal set algebra rather than graph walks.
"""

from dataclasses import dataclass

from asert import next_target
from blake3 import blake3

TWO_256 = 2**256
MERGE_FLAG = 0x80
VALIDATOR, PROPOSAL, CONGRESS, VETO = 1, 2, 3, 4


class Invalid(Exception):
    """A block breaks `rule` (one of the rule names listed in README.md)."""

    def __init__(self, rule, detail=""):
        super().__init__(f"{rule}: {detail}")
        self.rule = rule


@dataclass(eq=False)
class Node:
    """A root or an accepted block. `sub` names its subchain ('validator', 'proposal' or a congress
    root id in hex); the genesis root serves two subchains and has sub=None."""

    index: int
    hash: bytes
    time: int
    target: int  # for a root: the root target its children must carry
    sub: str | None
    root: bool = False
    merge: bool = False
    prev: "Node | None" = None
    other: "Node | None" = None
    aw: int = 0
    count: int = 0
    past: int = 0  # bit i set <=> the node with index i is in past(self)
    size: int = 0  # congress roots only: the congress size Q

    @property
    def closed_past(self):
        """past(self) ∪ {self}."""
        return self.past | (1 << self.index)


def work(target):
    """w = floor(2^256 / (target + 1))."""
    return TWO_256 // (target + 1)


def decode(raw):
    """Strict decoding (§1): returns (prev, type, time, target, other or None)."""
    if len(raw) not in (105, 137):
        raise Invalid("bad-length", str(len(raw)))
    merge = raw[32] & MERGE_FLAG != 0
    if merge != (len(raw) == 137):
        raise Invalid("bad-kind", f"merge flag {merge} on {len(raw)} bytes")
    kind = raw[32] & ~MERGE_FLAG
    if not VALIDATOR <= kind <= VETO:
        raise Invalid("unknown-type", str(kind))
    time = int.from_bytes(raw[33:41], "big")
    if time >= 2**63:
        raise Invalid("time-overflow", str(time))
    target = int.from_bytes(raw[41:73], "big")
    return raw[0:32], kind, time, target, (raw[105:137] if merge else None)


def better(a, b):
    """a beats b for selected parent and tip: more AW, ties to the bytewise smaller hash."""
    return a.aw > b.aw or (a.aw == b.aw and a.hash < b.hash)


def subchain(kind, prev):
    """The subchain a block of type `kind` on top of `prev` joins (§1.1), or raises wrong-subchain."""
    if kind in (VALIDATOR, PROPOSAL):
        name = "validator" if kind == VALIDATOR else "proposal"
        if (prev.root and prev.sub is None) or (not prev.root and prev.sub == name):
            return name
    elif prev.sub not in (None, "validator", "proposal"):
        return prev.sub  # a congress root or congress block: the subchain is the root id
    raise Invalid("wrong-subchain", f"type {kind} on {prev.sub or 'genesis'}")


def check_merge(block_sub, prev, other, nodes):
    """Merge validity (§1.2, k = 1, depth D = 2)."""
    if other.root:
        raise Invalid("merge-of-root")
    if other.sub != block_sub:  # other is mined, so it lies in exactly one subchain
        raise Invalid("wrong-subchain", "merged block of another subchain")
    if other is prev:
        raise Invalid("merge-of-ancestor", "other == prev")
    if not better(prev, other):
        raise Invalid("not-selected-parent", "other has more work (or equal work and a smaller hash)")
    if prev.closed_past >> other.index & 1 or other.past >> prev.index & 1:
        raise Invalid("merge-of-ancestor")
    chain = [prev.prev, prev.prev.prev if prev.prev else None]  # first D = 2 selected ancestors
    if other.prev not in [n for n in chain if n is not None]:
        raise Invalid("merge-too-deep")
    mergeset = other.closed_past & ~prev.closed_past
    if mergeset != 1 << other.index:
        extra = [nodes[i].hash.hex() for i in range(len(nodes)) if mergeset >> i & 1 and i != other.index]
        raise Invalid("mergeset-too-large", ",".join(extra))


def check_time(time, prev, other):
    """§1.3: strictly later than every parent."""
    if time <= max(prev.time, other.time if other else 0):
        raise Invalid("time-not-increasing", f"{time} after {prev.time}")
