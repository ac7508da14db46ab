import { describe, expect, it } from 'vitest';
import { verify } from '../../core/crypto/ed25519.ts';
import { encodeTx, type LedgerEnv, type Tx, TxType } from '../../core/ledger/index.ts';
import { keyPair, TestLedger } from '../../core/ledger/transition/ledger.fixture.ts';
import { easyParams } from '../../test/gen/chain.ts';
import { nodeVerify } from '../crypto/ed25519-native.ts';
import { type Admission, MAX_NONCE_AHEAD, Mempool } from './mempool.ts';

const validators = [1, 2, 3, 4].map(keyPair);
type Pair = ReturnType<typeof keyPair>;
const [alice, bob, carol] = [11, 12, 13].map(keyPair) as [Pair, Pair, Pair];

function net(balance = 1000n): TestLedger {
  const p = easyParams();
  p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
  p.balances = [alice, bob].map((a) => ({ key: a.key, amount: balance }));
  return new TestLedger(p, [...validators.map((v) => v.secret), alice.secret, bob.secret]);
}

/** The ledger's env with a verifier that counts its calls. */
function counting(t: TestLedger): { env: LedgerEnv; calls: () => number } {
  let n = 0;
  const env = {
    ...t.env,
    verify: (sig: Uint8Array, msg: Uint8Array, key: Uint8Array) => {
      n++;
      return verify(sig, msg, key, nodeVerify);
    },
  };
  return { env, calls: () => n };
}

function transfer(t: TestLedger, from: Pair, to: Uint8Array, nonce: bigint, amount = 5n) {
  return t.sign({ type: TxType.transfer, from: from.key, to, amount, fee: 2n, nonce }, from.secret);
}

function code(a: Admission): string {
  return a.ok ? 'admitted' : a.error.code;
}

const nonces = (txs: Tx[]) => txs.map((tx) => (tx.type === TxType.transfer ? Number(tx.nonce) : -1));

describe('mempool', () => {
  it('admits a transaction once, refuses what core refuses', () => {
    const t = net();
    const pool = new Mempool();
    const { env } = counting(t);
    const raw = encodeTx(transfer(t, alice, bob.key, 0n));
    expect(pool.add(raw, t.state, env)).toMatchObject({ ok: true, fresh: true });
    expect(pool.add(raw, t.state, env)).toMatchObject({ ok: true, fresh: false });
    const poor = transfer(t, bob, alice.key, 0n, 999n);
    expect(code(pool.add(encodeTx(poor), t.state, env))).toBe('insufficient-balance');
    const forged = { ...transfer(t, bob, alice.key, 1n), signature: new Uint8Array(64).fill(7) };
    expect(code(pool.add(encodeTx(forged), t.state, env))).toBe('bad-signature');
    expect(pool.size).toBe(1);
  });

  it('holds future nonces in order and offers them once the gap fills', () => {
    const t = net();
    const pool = new Mempool();
    const { env } = counting(t);
    for (const n of [3n, 1n, 2n])
      expect(code(pool.add(encodeTx(transfer(t, alice, bob.key, n)), t.state, env))).toBe('admitted');
    expect(pool.held).toBe(3);
    expect(pool.pick(1 << 20)).toEqual([]);
    pool.add(encodeTx(transfer(t, alice, bob.key, 0n)), t.state, env);
    expect(pool.held).toBe(0);
    expect(nonces(pool.pick(1 << 20))).toEqual([0, 1, 2, 3]);
    const built = t.next({ txs: pool.pick(1 << 20) });
    expect(built.block.txs).toHaveLength(4);
    pool.recheck(t.state, env, built.block.txs);
    expect(pool.size).toBe(0);
  });

  it('refuses a nonce used, pending already or more than 64 ahead', () => {
    const t = net();
    const pool = new Mempool();
    const { env } = counting(t);
    t.next({ txs: [transfer(t, alice, carol.key, 0n)] });
    const used = pool.add(encodeTx(transfer(t, alice, bob.key, 0n)), t.state, env);
    expect(used.ok ? '' : used.error.message).toMatch(/used/);
    expect(code(pool.add(encodeTx(transfer(t, alice, bob.key, 1n + MAX_NONCE_AHEAD)), t.state, env))).toBe(
      'admitted',
    );
    const far = pool.add(encodeTx(transfer(t, alice, bob.key, 2n + MAX_NONCE_AHEAD)), t.state, env);
    expect(far.ok ? '' : `${far.error.code} ${far.error.action}`).toBe('bad-nonce retry');
    const twin = pool.add(encodeTx(transfer(t, alice, bob.key, 1n + MAX_NONCE_AHEAD, 6n)), t.state, env);
    expect(twin.ok ? '' : twin.error.message).toMatch(/already pending/);
  });

  it('admits a held transfer only while the balance pays for every pending one', () => {
    const t = net(100n);
    const pool = new Mempool();
    const { env } = counting(t);
    for (const n of [1n, 2n])
      expect(pool.add(encodeTx(transfer(t, alice, bob.key, n, 40n)), t.state, env).ok).toBe(true);
    expect(code(pool.add(encodeTx(transfer(t, alice, bob.key, 0n, 40n)), t.state, env))).toBe(
      'insufficient-balance',
    );
    expect(code(pool.add(encodeTx(transfer(t, alice, bob.key, 0n, 10n)), t.state, env))).toBe('admitted');
    expect(nonces(pool.pick(1 << 20))).toEqual([0, 1, 2]);
  });

  it('drops the transactions a block included by their hash, and checks no transfer of another sender again', () => {
    const t = net();
    const pool = new Mempool();
    const { env, calls } = counting(t);
    const [a, b] = [transfer(t, alice, bob.key, 0n), transfer(t, bob, alice.key, 0n)];
    for (const tx of [a, b]) expect(pool.add(encodeTx(tx), t.state, env).ok).toBe(true);
    const before = calls();
    pool.recheck(t.state, env, [a]);
    expect(pool.pick(1 << 20)).toEqual([b]);
    expect(calls() - before).toBe(0);
  });

  it('after a commit, drops what another transfer of the sender made impossible and holds what follows a gap', () => {
    const t = net(100n);
    const pool = new Mempool();
    const { env } = counting(t);
    const mine = [0n, 1n, 2n].map((n) => transfer(t, alice, bob.key, n, 20n));
    for (const tx of mine) expect(pool.add(encodeTx(tx), t.state, env).ok).toBe(true);
    const other = transfer(t, bob, carol.key, 0n);
    expect(pool.add(encodeTx(other), t.state, env).ok).toBe(true);
    // Elsewhere the sender spent its nonce 0 on a larger transfer: nonce 0 is used, and of the
    // 100 - 62 = 38 left, nonce 1 (22) fits, nonce 2 (22 more) does not.
    const foreign = transfer(t, alice, carol.key, 0n, 60n);
    const built = t.next({ txs: [foreign] });
    pool.recheck(t.state, env, built.block.txs);
    expect(pool.pick(1 << 20)).toEqual([mine[1], other]);
    expect(pool.size).toBe(2);
  });

  it('drops a held transfer whose gap stays open for heldTtl commits', () => {
    const t = net();
    const pool = new Mempool({ heldTtl: 3 });
    const { env } = counting(t);
    expect(pool.add(encodeTx(transfer(t, alice, bob.key, 2n)), t.state, env).ok).toBe(true);
    for (let i = 0; i < 2; i++) pool.recheck(t.next().state, env);
    expect(pool.held).toBe(1);
    pool.recheck(t.next().state, env);
    expect(pool.size).toBe(0);
  });

  it('holds what followed a dropped transfer from that commit on, and expires it heldTtl commits later', () => {
    const t = net(100n);
    const pool = new Mempool({ heldTtl: 3 });
    const { env } = counting(t);
    const mine = [18n, 48n, 3n].map((amount, n) => transfer(t, alice, bob.key, BigInt(n), amount));
    for (const tx of mine) expect(pool.add(encodeTx(tx), t.state, env).ok).toBe(true);
    for (let i = 0; i < 3; i++) pool.recheck(t.next().state, env);
    const built = t.next({ txs: [transfer(t, alice, carol.key, 0n, 59n)] });
    pool.recheck(t.state, env, built.block.txs);
    expect(pool.held).toBe(1);
    for (let i = 0; i < 2; i++) pool.recheck(t.next().state, env);
    expect(pool.held).toBe(1);
    pool.recheck(t.next().state, env);
    expect(pool.size).toBe(0);
  });

  it('keeps held transactions within their share of the pool', () => {
    const t = net();
    const pool = new Mempool({ maxTxs: 4, maxHeld: 2 });
    const { env } = counting(t);
    for (const n of [1n, 2n])
      expect(pool.add(encodeTx(transfer(t, alice, bob.key, n)), t.state, env).ok).toBe(true);
    const full = pool.add(encodeTx(transfer(t, alice, bob.key, 3n)), t.state, env);
    expect(full.ok ? '' : `${full.error.code} ${full.error.action}`).toBe('bad-input retry');
    expect(pool.add(encodeTx(transfer(t, bob, alice.key, 0n)), t.state, env).ok).toBe(true);
    expect(pool.add(encodeTx(transfer(t, alice, bob.key, 0n)), t.state, env).ok).toBe(true);
    expect(code(pool.add(encodeTx(transfer(t, bob, alice.key, 1n)), t.state, env))).toBe('bad-input');
    expect(pool.size).toBe(4);
  });
});
