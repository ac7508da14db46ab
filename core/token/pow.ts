import { bytesToBigint } from '../bytes.ts';

/** 2^256: one more than the largest target. */
export const TWO_256 = 1n << 256n;
export const MAX_U256 = TWO_256 - 1n;

/** Proof of work holds iff uint256(hash) <= target. */
export function meetsTarget(hash: Uint8Array, target: bigint): boolean {
  return bytesToBigint(hash) <= target;
}

/** Expected work of a block: w = floor(2^256 / (target + 1)). */
export function work(target: bigint): bigint {
  return TWO_256 / (target + 1n);
}

/**
 * Proof of work on the raw block: compares the hash with the target bytes stored in the block itself
 * (offset 41), so no bigint is built on the hot path.
 */
export function blockMeetsTarget(hash: Uint8Array, block: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const h = hash[i]!;
    const t = block[41 + i]!;
    if (h !== t) return h < t;
  }
  return true;
}
