import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mine } from '../../../test/gen/chain.ts';
import { toHex } from '../../bytes.ts';
import { congressId } from '../../token/dag.ts';
import { outcomeError } from '../../token/outcome.ts';
import { TxType } from '../codec/constants.ts';
import { decodeTx, encodeTx, type Tx } from '../codec/tx.ts';
import { treeOf } from '../state/reader.ts';
import { cid, congress, FAR, govLedger, miner, publish, S, text, voteTx } from './governance.fixture.ts';
import { outcome, passThreshold } from './lifecycle.ts';
import { PARAM_IDS } from './params.ts';
import { decodeProposal, proposalKey } from './state-codec.ts';
import { Choice, type Proposal, ProposalKind, Status } from './types.ts';

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
/** A valid token block of 105 bytes (codecs check structure, not work). */
const tokenBlock = (type: number) =>
  fc
    .tuple(bytes(32), fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), bytes(32), bytes(32))
    .map(([prev, time, target, key]) => {
      const b = new Uint8Array(105);
      b.set(prev, 0);
      b[32] = type;
      new DataView(b.buffer).setBigUint64(33, time);
      b.set(target, 41);
      b.set(key, 73);
      return b;
    });

const govTx: fc.Arbitrary<Tx> = fc.oneof(
  fc
    .record({
      token: tokenBlock(2),
      signer: bytes(32),
      kind: fc.constantFrom(0, 1, 2),
      title: fc.uint8Array({ maxLength: 200 }),
      value: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
      height: fc.maxSafeNat(),
      signature: bytes(64),
    })
    .map((r) => ({
      type: TxType.publish,
      token: r.token,
      signer: r.signer,
      kind: r.kind as ProposalKind,
      cid: cid(3),
      title: r.title,
      changes: r.kind === 1 ? [{ id: PARAM_IDS.minFee, value: r.value }] : [],
      upgrade: r.kind === 2 ? { name: 'v2.0-x', height: r.height } : undefined,
      signature: r.signature,
    })),
  fc
    .record({
      token: tokenBlock(3),
      signer: bytes(32),
      proposal: bytes(32),
      choice: fc.constantFrom(1, 2, 3),
      signature: bytes(64),
    })
    .map((r) => ({ type: TxType.vote, ...r, choice: r.choice as Choice })),
  fc
    .record({ signer: bytes(32), proposal: bytes(32), signature: bytes(64) })
    .map((r) => ({ type: TxType.veto, ...r })),
  fc
    .record({
      type: fc.constantFrom(TxType.vetoDelegate, TxType.vetoRevoke),
      delegate: bytes(32),
      seq: fc.nat(),
      signature: bytes(64),
    })
    .map((r) => r as Tx),
);

describe('governance codecs', () => {
  it('round-trip every body and reject every truncation and extension', () => {
    fc.assert(
      fc.property(govTx, (tx) => {
        const enc = encodeTx(tx);
        const dec = decodeTx(enc);
        expect(encodeTx(dec)).toEqual(enc);
        expect(() => decodeTx(enc.subarray(0, enc.length - 65))).toThrow();
        const longer = new Uint8Array(enc.length + 1);
        longer.set(enc.subarray(0, enc.length - 64));
        longer.set(enc.subarray(enc.length - 64), enc.length - 63);
        expect(() => decodeTx(longer)).toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('tally', () => {
  const base = (size: number, choices: number[], vetoed: boolean): Proposal => ({
    ...text(),
    id: new Uint8Array(32),
    seq: 1n,
    token: new Uint8Array(32),
    publisher: new Uint8Array(32),
    height: 1,
    t0: 0n,
    deadline: 1n,
    size,
    rootTarget: 1n,
    status: Status.open,
    closedAt: 0,
    veto: vetoed ? { by: new Uint8Array(32), height: 1 } : undefined,
    votes: choices.map((c, i) => ({ token: new Uint8Array(32).fill(i), choice: c as Choice })),
  });

  it('floor(2Q/3)+1: 4 of 5, 15 of 21', () => {
    expect(passThreshold(5)).toBe(4);
    expect(passThreshold(21)).toBe(15);
  });

  for (const size of [5, 21]) {
    it(`passes iff yes >= floor(2Q/3)+1 and not vetoed, at Q = ${size}`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(1, 2, 3), { maxLength: size + 1 }),
          fc.boolean(),
          (choices, vetoed) => {
            const yes = choices.filter((c) => c === 1).length;
            const want = vetoed
              ? Status.vetoed
              : yes >= Math.floor((2 * size) / 3) + 1
                ? Status.passed
                : Status.rejected;
            expect(outcome(base(size, choices, vetoed), 10)).toBe(want);
          },
        ),
      );
    });
  }

  it('a ledger at Q = 21 passes with 15 yes and rejects with 14', () => {
    for (const [yes, want] of [
      [15, Status.passed],
      [14, Status.rejected],
    ] as const) {
      const t = govLedger(21);
      const id = publish(t, {
        ...text(),
        kind: ProposalKind.parameter,
        changes: [{ id: PARAM_IDS.minFee, value: 5n }],
      });
      const members = congress(t, id, 21);
      t.next();
      t.next({ txs: members.map((m, i) => voteTx(t, m.bytes, id, i < yes ? Choice.yes : Choice.no)) });
      const p = () => decodeProposal(treeOf(t.state).get(proposalKey(id))!);
      expect(p().votes).toHaveLength(21);
      t.next({ time: p().deadline });
      expect(p().status).toBe(want);
      expect(t.state.minFee).toBe(want === Status.passed ? 5n : 1n);
    }
  });
});

describe('congress cap', () => {
  it('votes never exceed Q + 1, whatever forks and merges the congress subchain took', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(3), { minLength: 4, maxLength: 14 }), (moves) => {
        const size = 5;
        const t = govLedger(size);
        const id = publish(t, text());
        const sub = congressId(id);
        const all: { bytes: Uint8Array; hash: Uint8Array }[] = [];
        let time = t.state.time + S;
        for (const move of moves) {
          const tpl = t.dag.template(sub);
          if (!tpl) break;
          const tip = t.dag.tip(sub);
          // move 0: fork off the tip's parent when there is one; otherwise build on the template (merges included)
          const prev = move === 0 && tip.prev && !tip.root ? tip.prev : tpl.prev;
          const other = move === 0 ? undefined : tpl.other;
          time += S;
          try {
            const m = mine(t.dag, { prev, type: 3, time, key: miner.key, ...(other ? { other } : {}) });
            const o = t.dag.add(m.bytes, FAR);
            if (o.status !== 'added') throw outcomeError(o);
            all.push(m);
          } catch {
            // a fork the rules refuse (cap, merge depth) is simply not mined
          }
        }
        t.next();
        const built = t.next({ txs: all.map((m) => voteTx(t, m.bytes, id, Choice.yes)) });
        const p = decodeProposal(treeOf(t.state).get(proposalKey(id))!);
        expect(p.votes.length).toBeLessThanOrEqual(size + 1);
        expect(p.votes.length).toBe(built.block.txs.length);
        const tip = t.state.checkpoints.congress[0]!.tip;
        const full = (t.dag.info(tip)?.count ?? 0) >= size;
        const eligible = all.filter((m) => {
          const c = t.dag.confirmationsAt(m.hash, tip);
          return c !== undefined && (c >= 1 || full);
        });
        expect(p.votes.length).toBe(eligible.length);
        for (const v of p.votes) expect(t.dag.confirmationsAt(v.token, tip), toHex(v.token)).toBeDefined();
      }),
      { numRuns: 15 },
    );
  });
});
