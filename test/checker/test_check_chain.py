"""Self-test of check_chain.py: a valid DAG with merges and one rejected block per rule.

Run: python3 test/checker/test_check_chain.py
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from blake3 import blake3
from chain import MERGE_FLAG, Invalid, subchain
from check_chain import Chain

S = 10**9
G_TIME = 1_750_000_000 * S
NOW = G_TIME + 3600 * S
EASY = f"{2**252:064x}"  # 1 hash in 16 meets it: quick to mine
MAX = f"{2**255:064x}"


def mined(spacing, half_life, root=True):
    p = {"spacing": str(spacing), "halfLife": str(half_life), "maxTarget": MAX, "confirmations": 1}
    return {**p, "rootTarget": EASY} if root else p


GENESIS = {
    "network": "checker", "genesisTime": str(G_TIME), "vetoKey": "ab" * 32,
    "validator": mined(2 * S, 32 * S), "proposal": mined(10 * S, 160 * S), "congress": mined(S, 16 * S, False),
    "congressSize": 5, "liveProposals": 8, "votingPeriod": str(60 * S), "blockInterval": str(S),
    "futureLimit": str(15 * S), "validators": [], "balances": [],
}
ROOT = {"id": "11" * 32, "time": str(G_TIME + 5 * S), "target": EASY, "size": 2}
V, P, C, VETO = 1, 2, 3, 4


class Builder:
    """Mines blocks by varying the key, and feeds them to a Chain."""

    def __init__(self):
        self.chain = Chain(GENESIS, NOW, [ROOT])
        self.seed = 0
        self.accepted = []

    def raw(self, prev, kind, time, target, other=None, pow_ok=True):
        while True:
            self.seed += 1
            key = self.seed.to_bytes(32, "big")
            flag = MERGE_FLAG if other else 0
            b = prev + bytes([kind | flag]) + time.to_bytes(8, "big") + target.to_bytes(32, "big") + key
            b += other or b""
            if (int.from_bytes(blake3(b), "big") <= target) == pow_ok:
                return b

    def next(self, prev, kind, /, dt=None, other=None, **over):
        """A block on `prev` (merging `other`) with the right target, dt after its latest parent;
        `over` replaces any field of the result (prev, kind, time, target, other, pow_ok)."""
        p = self.chain.by_hash[prev]
        sub = subchain(kind, p)
        o = self.chain.by_hash.get(other)
        latest = max(p.time, o.time if o else 0)
        time = latest + (dt if dt is not None else int(self.chain.params(sub)["spacing"]))
        target = self.chain.expected_target(p, sub)
        args = {"prev": prev, "kind": kind, "time": time, "target": target, "other": other, **over}
        return self.raw(**args)

    def add(self, *args, **kw):
        b = self.next(*args, **kw)
        self.chain.add(b)
        self.accepted.append(b)
        return blake3(b)


class CheckChainTest(unittest.TestCase):
    def setUp(self):
        self.b = Builder()
        self.g = self.b.chain.genesis.hash
        self.root = bytes.fromhex(ROOT["id"])

    def reject(self, raw, rule):
        with self.assertRaises(Invalid) as caught:
            self.b.chain.add(raw)
        self.assertEqual(caught.exception.rule, rule)

    def fork(self):
        """v1 <- {x, y} (same time, so equal work): returns (v1, winner, loser) by hash."""
        v1 = self.b.add(self.g, V)
        x, y = self.b.add(v1, V), self.b.add(v1, V)
        return (v1, x, y) if x < y else (v1, y, x)

    def test_valid_dag_and_canonical_order(self):
        v1, win, lose = self.fork()
        v3 = self.b.add(win, V, other=lose)
        p1 = self.b.add(self.g, P)
        c1 = self.b.add(self.root, C)
        report = self.b.chain.report()
        self.assertEqual(report["validator"]["canonical"], [h.hex() for h in (v1, win, lose, v3)])
        self.assertEqual(report["validator"]["count"], 4)
        self.assertEqual(report["proposal"]["tip"], p1.hex())
        self.assertEqual(report["congress"][ROOT["id"]]["canonical"], [c1.hex()])

    def test_decoding(self):
        good = self.b.next(self.g, V)
        self.reject(good[:104], "bad-length")
        self.reject(good[:32] + bytes([V | MERGE_FLAG]) + good[33:], "bad-kind")
        self.reject(good[:32] + bytes([5]) + good[33:], "unknown-type")
        self.reject(good[:32] + bytes([0]) + good[33:], "unknown-type")
        self.reject(good[:33] + (2**63).to_bytes(8, "big") + good[41:], "time-overflow")

    def test_header_rules(self):
        v1 = self.b.add(self.g, V)
        self.reject(self.b.accepted[0], "duplicate")
        self.reject(self.b.raw(self.g, VETO, G_TIME + S, 2**252), "veto-mined")
        self.reject(self.b.next(v1, V, pow_ok=False), "no-pow")
        self.reject(self.b.next(v1, V, target=2**252 + 1), "wrong-target")
        self.reject(self.b.next(v1, V, dt=0), "time-not-increasing")
        self.reject(self.b.next(v1, V, time=NOW + 15 * S + 1), "from-future")
        self.b.chain.add(self.b.next(v1, V, time=NOW + 15 * S))
        self.reject(self.b.next(v1, V, prev=bytes(32)), "unknown-parent")
        self.reject(self.b.next(v1, V, other=bytes(32)), "unknown-parent")

    def test_subchains(self):
        v1, p1 = self.b.add(self.g, V), self.b.add(self.g, P)
        self.reject(self.b.next(p1, P, kind=V), "wrong-subchain")
        self.reject(self.b.next(self.g, V, kind=C), "wrong-subchain")
        self.reject(self.b.next(self.root, C, kind=P), "wrong-subchain")
        self.reject(self.b.next(v1, V, other=p1), "wrong-subchain")

    def test_merge_rules(self):
        v1, win, lose = self.fork()
        self.reject(self.b.next(lose, V, other=win), "not-selected-parent")
        self.reject(self.b.next(win, V, other=self.g), "merge-of-root")
        self.reject(self.b.next(win, V, other=v1), "merge-of-ancestor")
        self.reject(self.b.next(win, V, other=win), "merge-of-ancestor")
        v3 = self.b.add(win, V)
        v4 = self.b.add(v3, V)
        self.reject(self.b.next(v4, V, other=lose), "merge-too-deep")
        self.b.chain.add(self.b.next(v3, V, other=lose))  # sp(lose) = v1, grandparent of v3: depth 2 ok

    def test_merge_of_root_precedes_subchain(self):
        # a root of another subchain is still a root: merge-of-root is checked first (PROTOCOL §1.4 table)
        v1, c1 = self.b.add(self.g, V), self.b.add(self.root, C)
        self.reject(self.b.next(v1, V, other=self.root), "merge-of-root")
        self.reject(self.b.next(c1, C, other=self.g), "merge-of-root")

    def test_mergeset_too_large(self):
        # three children of genesis with equal work: the smallest hash a wins every tie
        a, b, c = sorted(self.b.add(self.g, V, dt=S * k) for k in (2, 3, 4))
        a3 = self.b.add(self.b.add(a, V, other=b), V)
        o = self.b.add(a, V, other=c)  # o brings c, which a3 has not seen
        self.reject(self.b.next(a3, V, other=o), "mergeset-too-large")

    def test_congress_cap(self):
        c1 = self.b.add(self.root, C)
        c2 = self.b.add(c1, C)
        self.reject(self.b.next(c2, C), "congress-cap")

    def test_cli(self):
        v1, win, lose = self.fork()
        blocks = [b.hex() for b in self.b.accepted]
        for extra, code in (([], 0), ([self.b.next(v1, V, dt=0).hex()], 1)):
            doc = {"genesis": GENESIS, "blocks": blocks + extra, "now": str(NOW), "congressRoots": [ROOT]}
            out = run_cli(doc)
            self.assertEqual(out.returncode, code, out.stderr)
            result = json.loads(out.stdout)
            want = {"index": 3, "rule": "time-not-increasing"} if code else None
            self.assertEqual(result.get("error"), want)


def run_cli(doc):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(doc, f)
    try:
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_chain.py")
        return subprocess.run([sys.executable, script, f.name], capture_output=True, text=True)
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
