/**
 * Seeded randomness for tests that need chance (crash moments, message delays, keys): a test draws
 * from `testRng`, whose seed is PROTO_TEST_SEED when set (to replay a run) and fresh otherwise, and is
 * printed when the test fails. Call it inside a running test, so the failure hook attaches to it.
 */
import { expect, onTestFailed } from 'vitest';
import { publicKeyOf } from '../core/crypto/ed25519.ts';
import { makeRng, type Rng } from './sim/prng.ts';

export interface TestRng extends Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  float(): number;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
  /** An ed25519 key pair from 32 random bytes. */
  keyPair(): { secret: Uint8Array; publicKey: Uint8Array };
}

/** The seed of this run: PROTO_TEST_SEED, or a fresh one. */
export function runSeed(): number {
  const given = process.env.PROTO_TEST_SEED;
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32)
      throw new Error(`PROTO_TEST_SEED must be a u32: ${given}`);
    return n;
  }
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

const perTest = new Map<string, TestRng>();

/**
 * The generator of the running test (one per test: later calls return the same one), its seed
 * printed (with `label`) if the test fails.
 */
export function testRng(label: string): TestRng {
  const name = expect.getState().currentTestName ?? '';
  const known = perTest.get(name);
  if (known) return known;
  const seed = runSeed();
  onTestFailed(() => {
    console.error(`${label}: seed ${seed} (replay with PROTO_TEST_SEED=${seed})`);
  });
  const rng = seededRng(seed);
  perTest.set(name, rng);
  return rng;
}

/** A generator for `seed` without a failure hook (for fixtures that print the seed themselves). */
export function seededRng(seed: number): TestRng {
  const rng = makeRng(seed);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => rng.next() & 0xff);
  return {
    ...rng,
    seed,
    float: () => rng.next() / 2 ** 32,
    bytes,
    keyPair: () => {
      const secret = bytes(32);
      return { secret, publicKey: publicKeyOf(secret) };
    },
  };
}
