import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigintToBytes } from '../bytes.ts';
import { encodeBlock } from './block.ts';
import { blockMeetsTarget, MAX_U256, meetsTarget, TWO_256, work } from './pow.ts';

const u256 = fc.bigInt({ min: 0n, max: MAX_U256 });

/** A 105-byte block whose target field holds `target`. */
function withTarget(target: bigint): Uint8Array {
  return encodeBlock({ prev: new Uint8Array(32), type: 1, time: 1n, target, key: new Uint8Array(32) });
}

describe('proof of work', () => {
  it('holds iff uint256(hash) <= target, the boundary included', () => {
    const h = bigintToBytes(1000n, 32);
    expect(meetsTarget(h, 1000n)).toBe(true);
    expect(meetsTarget(h, 999n)).toBe(false);
    expect(meetsTarget(h, 1001n)).toBe(true);
    expect(meetsTarget(new Uint8Array(32).fill(0xff), MAX_U256)).toBe(true);
    expect(meetsTarget(new Uint8Array(32), 0n)).toBe(true);
    expect(meetsTarget(bigintToBytes(1n << 255n, 32), (1n << 255n) - 1n)).toBe(false);
  });

  it('work is floor(2^256 / (target + 1))', () => {
    expect(work(MAX_U256)).toBe(1n);
    expect(work(0n)).toBe(TWO_256);
    expect(work((1n << 255n) - 1n)).toBe(2n);
    expect(work(2n)).toBe(TWO_256 / 3n);
    expect(work((1n << 232n) - 1n)).toBe(1n << 24n);
  });

  it('the byte comparison on the raw block agrees with the bigint rule', () => {
    const near = fc.tuple(u256, fc.integer({ min: -2, max: 2 })).map(([t, d]) => {
      const h = t + BigInt(d);
      return [t, h < 0n ? 0n : h > MAX_U256 ? MAX_U256 : h] as const;
    });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(u256, u256), near), ([target, hash]) => {
        const h = bigintToBytes(hash, 32);
        expect(blockMeetsTarget(h, withTarget(target))).toBe(hash <= target);
        expect(meetsTarget(h, target)).toBe(hash <= target);
      }),
      { numRuns: 2000 },
    );
  });
});
