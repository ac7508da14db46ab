import { describe, expect, it } from 'vitest';
import { easyParams } from '../../../test/gen/chain.ts';
import { isProtoError } from '../../errors.ts';
import { blake3Hash } from '../../token/hash.ts';
import { TxType } from '../codec/constants.ts';
import type { Tx } from '../codec/tx.ts';
import { proveAccount, verifyAccountProof } from '../state/account-proof.ts';
import { readAccount } from '../state/reader.ts';
import { applyBlock } from './apply-block.ts';
import { checkTx } from './check-tx.ts';
import { supplyAt } from './issuance.ts';
import { keyPair, TestLedger, withTxs } from './ledger.fixture.ts';

const validators = [1, 2, 3, 4].map(keyPair);
const [alice, bob, carol] = [11, 12, 13].map(keyPair);
const S0 = 10n ** 24n;

function net(): TestLedger {
  const p = easyParams();
  p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
  p.balances = [
    { key: alice!.key, amount: 1000n },
    { key: bob!.key, amount: 10n },
    { key: validators[0]!.key, amount: S0 - 1010n },
  ];
  return new TestLedger(p, [...validators.map((v) => v.secret), alice!.secret, bob!.secret]);
}

const transfer = (
  t: TestLedger,
  from: typeof alice,
  to: Uint8Array,
  amount: bigint,
  nonce: bigint,
  fee = 2n,
) => t.sign({ type: TxType.transfer, from: from!.key, to, amount, fee, nonce }, from!.secret);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isProtoError(e) ? e.code : `other: ${e}`;
  }
  return 'none';
}

const everyone = [...validators, alice!, bob!, carol!].map((k) => k.key);
const balanceSum = (t: TestLedger) => everyone.reduce((s, k) => s + readAccount(t.state, k).balance, 0n);

describe('transfers', () => {
  it('moves the amount, pays the fee to the proposer and bumps the nonce', () => {
    const t = net();
    const proposer = t.state.queue[1]!.key; // round 1: position 1
    const before = readAccount(t.state, proposer).balance;
    const built = t.next({ txs: [transfer(t, alice, carol!.key, 100n, 0n, 7n)], round: 1 });
    expect(built.dropped).toEqual([]);
    expect(readAccount(t.state, alice!.key)).toEqual({ balance: 893n, nonce: 1n });
    expect(readAccount(t.state, carol!.key)).toEqual({ balance: 100n, nonce: 0n });
    const minted = supplyAt(S0, 1) - S0; // block 1 has no LastCommit: all of it to the proposer
    expect(readAccount(t.state, proposer).balance).toBe(before + 7n + minted);
  });

  it('rejects a replayed nonce, a nonce ahead, an overdraft, a low fee and a wrong signer', () => {
    const t = net();
    const first = transfer(t, alice, bob!.key, 10n, 0n);
    t.next({ txs: [first] });
    const forged: Tx = {
      ...transfer(t, alice, bob!.key, 1n, 1n),
      signature: transfer(t, bob, bob!.key, 1n, 1n).signature,
    };
    const cases: [string, Tx][] = [
      ['bad-nonce', first],
      ['bad-nonce', transfer(t, alice, bob!.key, 1n, 2n)],
      ['insufficient-balance', transfer(t, alice, bob!.key, 987n, 1n)],
      ['fee-too-low', transfer(t, alice, bob!.key, 1n, 1n, 0n)],
      ['bad-signature', forged],
    ];
    for (const [code, tx] of cases) {
      expect(codeOf(() => checkTx(t.state, tx, t.env))).toBe(code);
      expect(t.build({ txs: [tx] }).dropped.map((d) => d.error.code)).toEqual([code]);
    }
    expect(codeOf(() => checkTx(t.state, transfer(t, alice, bob!.key, 986n, 1n), t.env))).toBe('none');
  });

  it('a block carrying an invalid transaction is rejected with its code', () => {
    const t = net();
    t.next({ txs: [transfer(t, alice, bob!.key, 10n, 0n)] });
    const block = withTxs(t.build().block, [transfer(t, alice, bob!.key, 10n, 0n)], blake3Hash);
    expect(codeOf(() => applyBlock(t.state, block, t.env))).toBe('bad-nonce');
    const stale = t.build().block;
    expect(
      codeOf(() =>
        applyBlock(t.state, { ...stale, header: { ...stale.header, stateRoot: new Uint8Array(32) } }, t.env),
      ),
    ).toBe('bad-state-root');
  });

  it('a refusal says what to do with the transaction; in a block every refusal is penalize', () => {
    const t = net();
    const actionOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isProtoError(e) ? `${e.code} ${e.action}` : `other: ${e}`;
      }
      return 'none';
    };
    const ahead = transfer(t, alice, bob!.key, 10n, 1n);
    expect(actionOf(() => checkTx(t.state, ahead, t.env))).toBe('bad-nonce retry');
    expect(actionOf(() => checkTx(t.state, transfer(t, alice, bob!.key, 5000n, 0n), t.env))).toBe(
      'insufficient-balance ignore',
    );
    const block = withTxs(t.build().block, [ahead], blake3Hash);
    expect(actionOf(() => applyBlock(t.state, block, t.env))).toBe('bad-nonce penalize');
    t.next({ txs: [transfer(t, alice, bob!.key, 10n, 0n)] });
    expect(actionOf(() => checkTx(t.state, transfer(t, alice, bob!.key, 10n, 0n), t.env))).toBe(
      'bad-nonce ignore',
    );
  });

  it('two transfers of one sender in one block need consecutive nonces', () => {
    const t = net();
    const built = t.next({
      txs: [transfer(t, alice, bob!.key, 1n, 0n), transfer(t, alice, bob!.key, 1n, 1n)],
    });
    expect(built.block.txs.length).toBe(2);
    expect(readAccount(t.state, alice!.key)).toEqual({ balance: 994n, nonce: 2n });
  });

  it('balances and fees always sum to the supply, S0 * rpow(F, h) / RAY', () => {
    const t = net();
    for (let h = 1; h <= 12; h++) {
      const nonce = BigInt(h - 1);
      const txs = [transfer(t, alice, everyone[h % everyone.length]!, BigInt(h), nonce, BigInt(h))];
      const built = t.next({ txs, round: h % 3, silent: h % 4 === 0 ? [validators[h % 4]!.key] : [] });
      expect(built.dropped).toEqual([]);
      expect(t.state.supply).toBe(supplyAt(S0, h));
      expect(balanceSum(t)).toBe(t.state.supply);
    }
  });

  it('proves accounts to a light client against the state root', () => {
    const t = net();
    t.next({ txs: [transfer(t, alice, carol!.key, 5n, 0n)] });
    const root = t.state.root;
    const { account, proof } = proveAccount(t.state, carol!.key);
    expect(account).toEqual({ balance: 5n, nonce: 0n });
    expect(verifyAccountProof(root, carol!.key, account, proof)).toBe(true);
    expect(verifyAccountProof(root, carol!.key, { balance: 6n, nonce: 0n }, proof)).toBe(false);
    const absent = proveAccount(t.state, keyPair(99).key);
    expect(absent.account).toBeUndefined();
    expect(verifyAccountProof(root, keyPair(99).key, undefined, absent.proof)).toBe(true);
    expect(verifyAccountProof(root, carol!.key, undefined, absent.proof)).toBe(false);
  });
});
