import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProtoError } from '../../errors.ts';
import {
  BLOCKS_PER_YEAR,
  mintedAt,
  PER_BLOCK_FACTOR,
  RAY,
  rpow,
  splitReward,
  supplyAt,
  YEARLY_GROWTH,
} from './issuance.ts';

/** The largest F with rpow(F, BLOCKS_PER_YEAR) <= 1.05 RAY, by binary search (rpow is monotone in x). */
function deriveFactor(): bigint {
  let lo = RAY; // rpow(RAY, n) = RAY: fits
  let hi = RAY + RAY / 10n ** 8n; // about e^0.32 = 1.37 a year: too large
  expect(rpow(hi, BLOCKS_PER_YEAR) > YEARLY_GROWTH).toBe(true);
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (rpow(mid, BLOCKS_PER_YEAR) <= YEARLY_GROWTH) lo = mid;
    else hi = mid;
  }
  return lo;
}

const YEAR = BLOCKS_PER_YEAR;
/** The ProtoError code `fn` throws, 'other' for any other throw, 'none' when it returns. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isProtoError(e) ? e.code : 'other';
  }
  return 'none';
}
const S0 = 1_000_000_000n * 10n ** 18n;

describe('rpow', () => {
  it('matches exact powers where no rounding happens, and the edge cases of MakerDAO rpow', () => {
    expect(rpow(2n * RAY, 10n)).toBe(1024n * RAY);
    expect(rpow(3n * RAY, 7n)).toBe(2187n * RAY);
    expect(rpow(12345n, 1n)).toBe(12345n);
    expect(rpow(12345n, 0n)).toBe(RAY);
    expect(rpow(0n, 0n)).toBe(RAY);
    expect(rpow(0n, 5n)).toBe(0n);
    expect(rpow(15n, 2n, 10n)).toBe(23n); // 1.5^2 = 2.25 -> 2.3 (half up after one product)
  });

  it('stays within n units, scaled by the result, of the exact fixed-point power x^n / RAY^(n-1)', () => {
    const x = fc.bigInt(RAY, RAY + RAY / 100n);
    fc.assert(
      fc.property(x, fc.integer({ min: 1, max: 200 }), (base, n) => {
        const exact = base ** BigInt(n) / RAY ** BigInt(n - 1);
        const diff = rpow(base, BigInt(n)) - exact;
        const bound = BigInt(n) * (exact / RAY + 1n); // each of < 2 log2(n) roundings, amplified by later products
        expect(diff <= bound && diff >= -bound).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the per-block factor F', () => {
  it('is the largest integer whose yearly rpow is at most 1.05 RAY, as PROTOCOL.md states', () => {
    const derived = deriveFactor();
    expect(derived).toBe(PER_BLOCK_FACTOR);
    expect(rpow(derived + 1n, YEAR) > YEARLY_GROWTH).toBe(true);
  });

  it('gives 5 % after one year, short of it only by the rounding of rpow (below 1e-19 relative)', () => {
    const gap = YEARLY_GROWTH - rpow(PER_BLOCK_FACTOR, YEAR);
    expect(gap >= 0n && gap < 10n ** 8n).toBe(true);
    const oneYear = supplyAt(S0, Number(YEAR));
    expect(oneYear <= (S0 * 105n) / 100n && oneYear > (S0 * 105n) / 100n - S0 / 10n ** 18n).toBe(true);
  });
});

describe('supply and minting', () => {
  it('supply starts at S0 and block rewards sum to the supply growth', () => {
    expect(supplyAt(S0, 0)).toBe(S0);
    let sum = 0n;
    for (let h = 1; h <= 2000; h++) sum += mintedAt(S0, h);
    expect(sum).toBe(supplyAt(S0, 2000) - S0);
    expect(mintedAt(S0, 1)).toBe((S0 * PER_BLOCK_FACTOR) / RAY - S0);
  });

  it('never mints a negative amount and supply is monotone, up to 10^10 blocks', () => {
    const genesis = fc.bigInt(0n, 10n ** 30n);
    fc.assert(
      fc.property(genesis, fc.bigInt(1n, 10n ** 10n).map(Number), (s0, h) => {
        expect(mintedAt(s0, h) >= 0n).toBe(true);
        expect(supplyAt(s0, h + 1000) >= supplyAt(s0, h)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('compounds: ten years is 1.05^10 within rounding; a height is the exponent of rpow', () => {
    const tenYears = supplyAt(S0, 10 * Number(YEAR));
    const exact = (S0 * 105n ** 10n) / 100n ** 10n;
    expect(exact - tenYears >= 0n && exact - tenYears < S0 / 10n ** 17n).toBe(true);
    expect(supplyAt(S0, 86_400)).toBe((S0 * rpow(PER_BLOCK_FACTOR, 86_400n)) / RAY);
  });

  it('rejects heights that mint nothing, negative heights and fractions', () => {
    expect(codeOf(() => mintedAt(S0, 0))).toBe('bad-input');
    expect(codeOf(() => supplyAt(S0, -1))).toBe('bad-input');
    expect(codeOf(() => supplyAt(S0, 1.5))).toBe('bad-input');
  });
});

describe('splitReward', () => {
  it('splits exactly: each * n + remainder = minted, remainder < n', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 30n), fc.integer({ min: 1, max: 90 }), (minted, n) => {
        const { each, remainder } = splitReward(minted, n);
        expect(each * BigInt(n) + remainder).toBe(minted);
        expect(remainder >= 0n && remainder < BigInt(n)).toBe(true);
      }),
    );
    expect(splitReward(100n, 7)).toEqual({ each: 14n, remainder: 2n });
    expect(codeOf(() => splitReward(100n, 0))).toBe('bad-input');
  });
});
