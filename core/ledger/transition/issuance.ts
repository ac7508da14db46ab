import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';

/**
 * Issuance (PROTOCOL.md §3.6): 5 % a year, compounded per block (one block per second), in integers.
 *   S(h) = S0 * rpow(F, h) / RAY,  minted(h) = S(h) - S(h - 1)
 * Supply is always computed from the genesis supply, never by adding rounded increments, so rounding
 * never accumulates. Fixed in code forever: these constants are not network parameters.
 */
export const RAY = 10n ** 27n;
/** Blocks in a 365.25-day year at one block per second. */
export const BLOCKS_PER_YEAR = 31_557_600n;
/** The yearly growth target as a RAY: 1.05. */
export const YEARLY_GROWTH = (RAY * 105n) / 100n;
/** F: the largest integer with rpow(F, BLOCKS_PER_YEAR) <= 1.05 RAY (derived in issuance.test.ts). */
export const PER_BLOCK_FACTOR = 1000000001546067007857011769n;

/**
 * MakerDAO's `rpow`: x^n in fixed point with scale `base`, by square-and-multiply, rounding each
 * product half up: `(a * b + base / 2) / base`. rpow(0, 0) = base. Takes about 2 log2(n) products.
 */
export function rpow(x: bigint, n: bigint, base: bigint = RAY): bigint {
  if (x < 0n || n < 0n || base <= 0n)
    throw new ProtoError('bad-input', 'rpow takes x >= 0, n >= 0, base > 0', 'penalize');
  if (x === 0n) return n === 0n ? base : 0n;
  const half = base / 2n;
  let z = n % 2n === 0n ? base : x;
  for (let m = n / 2n, y = x; m > 0n; m /= 2n) {
    y = (y * y + half) / base;
    if (m % 2n === 1n) z = (z * y + half) / base;
  }
  return z;
}

/** Total supply after block `height`: S0 * rpow(F, height) / RAY, rounded down. */
export function supplyAt(genesisSupply: bigint, height: Height): bigint {
  if (genesisSupply < 0n) throw new ProtoError('bad-input', 'genesis supply is negative', 'penalize');
  return (genesisSupply * rpow(PER_BLOCK_FACTOR, heightOf(height))) / RAY;
}

/** Coins minted by block `height` (>= 1): S(height) - S(height - 1). Never negative. */
export function mintedAt(genesisSupply: bigint, height: Height): bigint {
  if (heightOf(height) < 1n)
    throw new ProtoError('bad-input', 'block heights that mint start at 1', 'penalize');
  return supplyAt(genesisSupply, height) - supplyAt(genesisSupply, height - 1);
}

/** An equal share for each signer of the LastCommit; the remainder goes to the proposer. */
export interface RewardSplit {
  each: bigint;
  remainder: bigint;
}

/** Splits `minted` among `signerCount` (>= 1) signers: `each * signerCount + remainder = minted`. */
export function splitReward(minted: bigint, signerCount: number): RewardSplit {
  if (!Number.isSafeInteger(signerCount) || signerCount < 1) {
    throw new ProtoError('bad-input', `signer count ${signerCount} is not a positive integer`, 'penalize');
  }
  if (minted < 0n) throw new ProtoError('bad-input', 'minted amount is negative', 'penalize');
  const n = BigInt(signerCount);
  return { each: minted / n, remainder: minted % n };
}

/** The exponent of rpow: the height as a bigint, once it is a safe integer >= 0. */
function heightOf(height: Height): bigint {
  if (!Number.isSafeInteger(height)) {
    throw new ProtoError('bad-input', `height ${height} is not an integer`, 'penalize');
  }
  if (height < 0) throw new ProtoError('bad-input', `height ${height} is negative`, 'penalize');
  return BigInt(height);
}
