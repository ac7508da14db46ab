import { blake3 } from '@noble/hashes/blake3.js';
import { describe, expect, it } from 'vitest';
import { bytesToBigint, equalBytes } from '../../bytes.ts';
import { emitKernel } from './emit.ts';
import { random, testKernel, withTime } from './kernel.fixture.ts';

const kernel = testKernel();

describe('BLAKE3 kernel', () => {
  it('emits the same bytes every time', () => {
    expect(equalBytes(emitKernel(), emitKernel())).toBe(true);
  });

  it('single-hash path equals noble for every length from 0 to 2100', () => {
    const rng = random(7);
    for (let n = 0; n <= 2100; n++) {
      const input = rng.bytes(n);
      expect(equalBytes(kernel.hash(input), blake3(input)), `length ${n}`).toBe(true);
    }
  });

  it('hashes inputs of many chunks through the chain path as noble does (tree of 2..65 chunks)', () => {
    const rng = random(11);
    const chunks = [2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 65];
    for (const n of chunks.flatMap((k) => [k * 1024 - 1, k * 1024, k * 1024 + 1, k * 1024 - 700])) {
      const input = rng.bytes(n);
      expect(equalBytes(kernel.hash(input), blake3(input)), `length ${n}`).toBe(true);
    }
  });

  for (const length of [105, 137] as const) {
    it(`search returns the first time whose 256-bit hash meets the target (${length} bytes)`, () => {
      const rng = random(length);
      const count = 4096;
      for (let trial = 0; trial < 40; trial++) {
        // Targets below 2^245: about one time in 2^11 meets them, so some ranges hold none.
        const template = rng.bytes(length);
        template[41] = 0;
        template[42] &= 0x1f;
        const start = BigInt(rng.next()) & ~3n;
        const target = bytesToBigint(template.subarray(41, 73));
        let first: bigint | undefined;
        for (let k = 0n; k < count && first === undefined; k++) {
          if (bytesToBigint(blake3(withTime(template, start + k))) <= target) first = start + k;
        }
        kernel.setTemplate(template);
        const found = kernel.search(start, count);
        expect(found?.time).toBe(first);
        if (found) {
          expect(equalBytes(found.block, withTime(template, found.time))).toBe(true);
          expect(equalBytes(found.hash, blake3(found.block))).toBe(true);
        }
      }
    });
  }

  it('rejects ranges that are not whole groups of four, and templates of other lengths', () => {
    kernel.setTemplate(new Uint8Array(105));
    expect(() => kernel.search(1n, 4)).toThrow();
    expect(() => kernel.search(0n, 6)).toThrow();
    expect(() => kernel.setTemplate(new Uint8Array(104))).toThrow(/bad-length/);
  });
});
