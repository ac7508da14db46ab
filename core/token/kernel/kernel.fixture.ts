import { blake3 } from '@noble/hashes/blake3.js';
import { equalBytes } from '../../bytes.ts';
import { emitKernel } from './emit.ts';
import { compileKernel, createKernel, type Kernel } from './kernel.ts';
import { WORDS_CAPACITY } from './layout.ts';

/** A kernel instantiated from freshly emitted bytes, as the tests see it. */
export function testKernel(): Kernel {
  return createKernel(compileKernel(emitKernel()));
}

/** xorshift32: reproducible pseudo-random numbers and bytes, so a failure names its seed. */
export function random(seed: number) {
  let s = seed || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  return { next, bytes: (n: number) => Uint8Array.from({ length: n }, () => next() & 0xff) };
}

/** `template` with its time field set to `time`. */
export function withTime(template: Uint8Array, time: bigint): Uint8Array {
  const block = template.slice();
  new DataView(block.buffer).setBigUint64(33, time);
  return block;
}

/**
 * Mismatches against noble for one batch: a random template at WORDS_CAPACITY consecutive times from a
 * random start. Bytes 0..3 come from the SIMD mining path, all 32 from the single-hash path.
 */
export function nobleMismatches(kernel: Kernel, length: 105 | 137, seed: number): number {
  const rng = random(seed);
  const template = rng.bytes(length);
  const start = ((BigInt(rng.next()) << 29n) | BigInt(rng.next())) & ~3n;
  kernel.setTemplate(template);
  const words = kernel.words(start, WORDS_CAPACITY);
  const block = template.slice();
  const view = new DataView(block.buffer);
  let mismatches = 0;
  for (let k = 0; k < WORDS_CAPACITY; k++) {
    view.setBigUint64(33, start + BigInt(k));
    const expected = blake3(block);
    if (!equalBytes(words.subarray(4 * k, 4 * k + 4), expected.subarray(0, 4))) mismatches++;
    if (!equalBytes(kernel.hash(block), expected)) mismatches++;
  }
  return mismatches;
}
