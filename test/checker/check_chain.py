"""Independent token-chain checker. Usage: python3 test/checker/check_chain.py FILE (see README.md)."""

import json
import sys

from asert import next_target
from blake3 import blake3
from chain import CONGRESS, VETO, Invalid, Node, better, check_merge, check_time, decode, subchain, work


def genesis_token(g):
    """§1.1: prev 0^32, type veto, genesis time, target 2^256-1, key = veto root key."""
    time = int(g["genesisTime"]).to_bytes(8, "big")
    return bytes(32) + bytes([VETO]) + time + (2**256 - 1).to_bytes(32, "big") + bytes.fromhex(g["vetoKey"])


class Chain:
    """Accepted blocks of every subchain, in arrival order, with the roots first."""

    def __init__(self, genesis, now, congress_roots):
        self.g = genesis
        self.latest = now + int(genesis["futureLimit"])
        self.nodes, self.by_hash = [], {}
        self.genesis = self._node(blake3(genesis_token(genesis)), int(genesis["genesisTime"]), 2**256 - 1, None)
        self.congress_roots = [
            self._node(bytes.fromhex(r["id"]), int(r["time"]), int(r["target"], 16), r["id"].lower(),
                       size=int(r.get("size", genesis["congressSize"])))
            for r in congress_roots
        ]

    def _node(self, h, time, target, sub, size=0):
        node = Node(len(self.nodes), h, time, target, sub, root=True, size=size)
        self.nodes.append(node)
        self.by_hash[h] = node
        return node

    def params(self, sub):
        return self.g[sub if sub in ("validator", "proposal") else "congress"]

    def expected_target(self, prev, sub):
        """§1.4 nextTarget(prev)."""
        p = self.params(sub)
        if prev.root:
            return int(p["rootTarget"], 16) if prev is self.genesis else prev.target
        return next_target(prev.target, prev.time, prev.prev.time, prev.merge,
                           int(p["spacing"]), int(p["halfLife"]), int(p["maxTarget"], 16))

    def add(self, raw):
        """Validates one block against everything accepted so far, then accepts it."""
        prev_hash, kind, time, target, other_hash = decode(raw)
        h = blake3(raw)
        if h in self.by_hash:
            raise Invalid("duplicate", h.hex())
        if kind == VETO:
            raise Invalid("veto-mined")
        if int.from_bytes(h, "big") > target:
            raise Invalid("no-pow", h.hex())
        if time > self.latest:
            raise Invalid("from-future", f"{time} > {self.latest}")
        prev = self.by_hash.get(prev_hash)
        other = self.by_hash.get(other_hash) if other_hash else None
        if prev is None or (other_hash and other is None):
            raise Invalid("unknown-parent")
        sub = subchain(kind, prev)
        if other:
            check_merge(sub, prev, other, self.nodes)
        check_time(time, prev, other)
        if target != self.expected_target(prev, sub):
            raise Invalid("wrong-target", f"{target:x} != {self.expected_target(prev, sub):x}")
        if kind == CONGRESS and prev.count >= self.by_hash[bytes.fromhex(sub)].size:
            raise Invalid("congress-cap", f"count(prev) = {prev.count}")
        node = Node(len(self.nodes), h, time, target, sub, merge=other is not None, prev=prev, other=other)
        node.aw = prev.aw + work(target) + (work(other.target) if other else 0)
        node.count = prev.count + 1 + (1 if other else 0)
        node.past = prev.closed_past | (other.closed_past if other else 0)
        self.nodes.append(node)
        self.by_hash[h] = node

    def summary(self, sub, root):
        """Best tip (largest AW, ties to the smaller hash) and canonical order of its tokens."""
        tip = root
        for n in self.nodes:
            if not n.root and n.sub == sub and better(n, tip):
                tip = n
        chain, n = [], tip
        while n is not root:
            chain.append(n)
            n = n.prev
        canonical = []
        for n in reversed(chain):
            canonical += [n.other.hash.hex()] if n.other else []
            canonical.append(n.hash.hex())
        tokens = {m.hash.hex() for m in self.nodes if tip.closed_past >> m.index & 1 and not m.root}
        assert set(canonical) == tokens and len(canonical) == tip.count, "canonical order lost a token"
        return {"tip": tip.hash.hex(), "aw": format(tip.aw, "x"), "count": tip.count, "canonical": canonical}

    def report(self):
        return {
            "validator": self.summary("validator", self.genesis),
            "proposal": self.summary("proposal", self.genesis),
            "congress": {r.sub: self.summary(r.sub, r) for r in self.congress_roots},
        }


def main(argv):
    if len(argv) != 2:
        print("usage: check_chain.py FILE", file=sys.stderr)
        return 2
    try:
        with open(argv[1]) as f:
            doc = json.load(f)
        chain = Chain(doc["genesis"], int(doc["now"]), doc.get("congressRoots", []))
        blocks = [bytes.fromhex(b) for b in doc["blocks"]]
    except (OSError, ValueError, KeyError, TypeError) as err:
        print(f"malformed input: {err!r}", file=sys.stderr)
        return 2
    for i, block in enumerate(blocks):
        try:
            chain.add(block)
        except Invalid as err:
            print(json.dumps({"error": {"index": i, "rule": err.rule}}))
            print(f"block {i}: {err}", file=sys.stderr)
            return 1
    print(json.dumps(chain.report()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
