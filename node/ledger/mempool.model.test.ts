/**
 * Model-based property test of the mempool: random admissions, commits of what the pool offers,
 * commits of a sender's transfers made elsewhere, and empty commits, against a reference that keeps
 * per sender a map nonce -> transfer and recomputes everything from the ledger's accounts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import { encodeTx, type LedgerEnv, readAccount, type Tx, TxType } from '../../core/ledger/index.ts';
import { keyPair, TestLedger } from '../../core/ledger/transition/ledger.fixture.ts';
import { easyParams } from '../../test/gen/chain.ts';
import { nodeVerify } from '../crypto/ed25519-native.ts';
import { MAX_NONCE_AHEAD, Mempool } from './mempool.ts';

type Pair = ReturnType<typeof keyPair>;
const validators = [1, 2, 3, 4].map(keyPair);
const senders = [21, 22, 23].map(keyPair);
const sink = keyPair(30).key;
const BALANCE = 80n;
const LIMITS = { maxTxs: 14, maxHeld: 5, heldTtl: 3 };

type Action =
  | { kind: 'add'; sender: number; offset: number; amount: number; fee: number }
  | { kind: 'commit'; take: number }
  | { kind: 'foreign'; sender: number; amount: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      sender: fc.nat(2),
      offset: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -1, max: 5 }) }, fc.constant(65)),
      amount: fc.integer({ min: 1, max: 40 }),
      fee: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('commit' as const), take: fc.nat(8) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('foreign' as const),
      sender: fc.nat(2),
      amount: fc.integer({ min: 1, max: 79 }),
    }),
  },
);

interface RefTx {
  tx: Tx & { type: 1 };
  ready: boolean;
  /** Height it was held from. */
  at: number;
}

/** The reference: accounts as the ledger has them, and each sender's pending transfers by nonce. */
class Reference {
  readonly pending = senders.map(() => new Map<bigint, RefTx>());
  readonly t: TestLedger;

  constructor(t: TestLedger) {
    this.t = t;
  }

  account(i: number) {
    return readAccount(this.t.state, senders[i]!.key, this.t.env.hash);
  }

  /** Recomputes every sender: drop used, low-fee or unpayable ones in nonce order; mark the run. */
  settle(): void {
    for (let i = 0; i < senders.length; i++) {
      const { nonce, balance } = this.account(i);
      const q = this.pending[i]!;
      let spent = 0n;
      let next = nonce;
      for (const n of [...q.keys()].sort((a, b) => Number(a - b))) {
        const e = q.get(n)!;
        const cost = e.tx.amount + e.tx.fee;
        if (n < nonce || e.tx.fee < this.t.state.minFee || spent + cost > balance) {
          q.delete(n);
          continue;
        }
        spent += cost;
        const ready = n === next;
        if (ready) next++;
        if (e.ready && !ready) e.at = this.t.state.height;
        e.ready = ready;
      }
    }
  }

  all(): RefTx[] {
    return this.pending.flatMap((q) => [...q.values()]);
  }

  /** The code `add` must answer (admitted, or the error's code). */
  add(i: number, tx: Tx & { type: 1 }): string {
    const { nonce, balance } = this.account(i);
    const q = this.pending[i]!;
    const same = q.get(tx.nonce);
    if (same && toHex(encodeTx(same.tx)) === toHex(encodeTx(tx))) return 'known';
    if (tx.nonce < nonce || tx.nonce > nonce + MAX_NONCE_AHEAD) return 'bad-nonce';
    let end = nonce;
    while (q.has(end)) end++;
    const ready = tx.nonce === end;
    const held = this.all().filter((e) => !e.ready).length;
    if (this.all().length >= LIMITS.maxTxs || (!ready && held >= LIMITS.maxHeld)) return 'bad-input';
    const spent = [...q.values()].reduce((s, e) => s + e.tx.amount + e.tx.fee, 0n);
    if (spent + tx.amount + tx.fee > balance) return 'insufficient-balance';
    if (tx.fee < this.t.state.minFee) return 'fee-too-low';
    if (same) return 'bad-nonce';
    q.set(tx.nonce, { tx, ready, at: this.t.state.height });
    this.settle();
    return 'admitted';
  }

  /** After a commit: held ones that waited heldTtl commits leave, then every sender settles. */
  commit(): void {
    for (const q of this.pending)
      for (const [n, e] of q) if (!e.ready && this.t.state.height >= e.at + LIMITS.heldTtl) q.delete(n);
    this.settle();
  }
}

function setup(): { t: TestLedger; env: LedgerEnv } {
  const p = easyParams();
  p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
  p.balances = senders.map((a) => ({ key: a.key, amount: BALANCE }));
  const t = new TestLedger(
    p,
    [...validators, ...senders].map((v) => v.secret),
  );
  const env = {
    ...t.env,
    verify: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k, nodeVerify),
  };
  return { t, env };
}

function sign(t: TestLedger, who: Pair, nonce: bigint, amount: number, fee: number, to = sink) {
  const body = { type: TxType.transfer, from: who.key, to, amount: BigInt(amount), fee: BigInt(fee), nonce };
  return t.sign(body, who.secret) as Tx & { type: 1 };
}

/** One action on both; returns nothing, asserts agreement. */
function step(pool: Mempool, ref: Reference, env: LedgerEnv, a: Action): void {
  const t = ref.t;
  if (a.kind === 'add') {
    const nonce = ref.account(a.sender).nonce + BigInt(a.offset);
    if (nonce < 0n) return;
    const tx = sign(t, senders[a.sender]!, nonce, a.amount, a.fee);
    const got = pool.add(encodeTx(tx), t.state, env);
    const want = ref.add(a.sender, tx);
    expect(got.ok ? (got.fresh ? 'admitted' : 'known') : got.error.code).toBe(want);
    return;
  }
  const txs =
    a.kind === 'commit'
      ? pool.pick(1 << 20).slice(0, a.take)
      : [sign(t, senders[a.sender]!, ref.account(a.sender).nonce, a.amount, 1, validators[0]!.key)];
  const built = t.next({ txs });
  if (a.kind === 'commit') expect(built.block.txs).toHaveLength(txs.length);
  pool.recheck(t.state, env, built.block.txs);
  ref.commit();
}

/** The pool offers exactly the reference's executable runs, each sender's in nonce order. */
function agree(pool: Mempool, ref: Reference): void {
  const picked = pool.pick(1 << 20) as (Tx & { type: 1 })[];
  const ready = ref.all().filter((e) => e.ready);
  expect(pool.size).toBe(ref.all().length);
  expect(pool.held).toBe(ref.all().length - ready.length);
  const key = (tx: Tx & { type: 1 }) => `${toHex(tx.from)}:${tx.nonce}:${toHex(encodeTx(tx))}`;
  expect(picked.map(key).sort()).toEqual(ready.map((e) => key(e.tx)).sort());
  for (let i = 0; i < senders.length; i++) {
    const own = picked.filter((tx) => toHex(tx.from) === toHex(senders[i]!.key)).map((tx) => tx.nonce);
    const start = ref.account(i).nonce;
    expect(own).toEqual(own.map((_, k) => start + BigInt(k)));
  }
}

describe('mempool against a reference model', () => {
  it('admits, offers, holds and drops exactly as the reference', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 30 }), (actions) => {
        const { t, env } = setup();
        const pool = new Mempool(LIMITS);
        const ref = new Reference(t);
        for (const a of actions) {
          step(pool, ref, env, a);
          agree(pool, ref);
        }
      }),
      { numRuns: 100 },
    );
  });
});
