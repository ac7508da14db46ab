import { describe, expect, it } from 'vitest';
import { easyParams } from '../../../test/gen/chain.ts';
import { toHex } from '../../bytes.ts';
import { readAccount } from '../state/reader.ts';
import type { LedgerEvent } from './events.ts';
import { PER_BLOCK_FACTOR, RAY, rpow } from './issuance.ts';
import { keyPair, TestLedger } from './ledger.fixture.ts';

const validators = [1, 2, 3, 4].map(keyPair);
const treasury = keyPair(30);
const S0 = 7n * 10n ** 26n + 3n;

describe('issuance over a run of blocks', () => {
  it('supply after N blocks is S0 * rpow(F, N) / RAY exactly, and balances always sum to it', () => {
    const p = easyParams();
    p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
    p.balances = [{ key: treasury.key, amount: S0 }];
    const t = new TestLedger(
      p,
      validators.map((v) => v.secret),
    );
    const keys = [treasury, ...validators].map((k) => k.key);
    const N = 30;
    for (let h = 1; h <= N; h++) {
      const silent = h % 3 === 0 ? [validators[h % 4]!.key] : [];
      const before = keys.map((k) => readAccount(t.state, k).balance);
      const built = t.next({ round: h % 5, silent });
      const issuance = built.events.find((e) => e.kind === 'issuance') as Extract<
        LedgerEvent,
        { kind: 'issuance' }
      >;
      const minted =
        (S0 * rpow(PER_BLOCK_FACTOR, BigInt(h))) / RAY - (S0 * rpow(PER_BLOCK_FACTOR, BigInt(h - 1))) / RAY;
      expect(issuance.minted).toBe(minted);
      expect(issuance.each * BigInt(issuance.signers.length) + issuance.remainder).toBe(minted);
      expect(issuance.signers.length).toBe(h === 1 ? 0 : 4 - silent.length);
      const gained = keys.map((k, i) => readAccount(t.state, k).balance - before[i]!);
      for (const key of silent) {
        const gain = gained[keys.findIndex((k) => toHex(k) === toHex(key))]!;
        expect(gain).toBe(toHex(key) === toHex(issuance.proposer) ? issuance.remainder : 0n);
      }
      expect(gained.reduce((a, b) => a + b, 0n)).toBe(minted);
      expect(t.state.supply).toBe((S0 * rpow(PER_BLOCK_FACTOR, BigInt(h))) / RAY);
    }
    const total = keys.reduce((s, k) => s + readAccount(t.state, k).balance, 0n);
    expect(total).toBe((S0 * rpow(PER_BLOCK_FACTOR, BigInt(N))) / RAY);
  });
});
