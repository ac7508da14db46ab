import { describe, expect, it } from 'vitest';
import { verify } from '../../core/crypto/ed25519.ts';
import { TxType } from '../../core/ledger/constants.ts';
import { encodeTx, type LedgerEnv } from '../../core/ledger/index.ts';
import { keyPair, TestLedger } from '../../core/ledger/ledger.fixture.ts';
import { easyParams } from '../../test/gen/chain.ts';
import { nodeVerify } from '../crypto/ed25519-native.ts';
import { Mempool } from './mempool.ts';

const validators = [1, 2, 3, 4].map(keyPair);
const [alice, bob, carol] = [11, 12, 13].map(keyPair) as [
  ReturnType<typeof keyPair>,
  ReturnType<typeof keyPair>,
  ReturnType<typeof keyPair>,
];

function net(): TestLedger {
  const p = easyParams();
  p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
  p.balances = [alice, bob].map((a) => ({ key: a.key, amount: 1000n }));
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

function transfer(t: TestLedger, from: typeof alice, to: Uint8Array, nonce: bigint) {
  return t.sign({ type: TxType.transfer, from: from.key, to, amount: 5n, fee: 2n, nonce }, from.secret);
}

describe('mempool', () => {
  it('admits a transaction once, refuses what checkTx refuses', () => {
    const t = net();
    const pool = new Mempool();
    const { env } = counting(t);
    const raw = encodeTx(transfer(t, alice, bob.key, 0n));
    expect(pool.add(raw, t.state, env)).toMatchObject({ ok: true, fresh: true });
    expect(pool.add(raw, t.state, env)).toMatchObject({ ok: true, fresh: false });
    const early = pool.add(encodeTx(transfer(t, bob, alice.key, 1n)), t.state, env);
    expect(early.ok ? 'admitted' : early.error.code).toBe('bad-nonce');
    expect(pool.size).toBe(1);
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

  it('after a commit, keeps what is still valid and drops what the block invalidated', () => {
    const t = net();
    const pool = new Mempool();
    const { env } = counting(t);
    const included = transfer(t, alice, bob.key, 0n);
    const conflicting = transfer(t, alice, carol.key, 0n);
    const other = transfer(t, bob, carol.key, 0n);
    for (const tx of [included, conflicting, other])
      expect(pool.add(encodeTx(tx), t.state, env).ok).toBe(true);
    const built = t.next({ txs: [included] });
    expect(built.block.txs).toHaveLength(1);
    pool.recheck(t.state, env, built.block.txs);
    expect(pool.pick(1 << 20)).toEqual([other]);
  });
});
