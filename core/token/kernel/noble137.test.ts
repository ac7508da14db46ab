import { describe, expect, it } from 'vitest';
import { nobleMismatches, testKernel } from './kernel.fixture.ts';
import { WORDS_CAPACITY } from './layout.ts';

describe('BLAKE3 kernel against @noble/hashes', () => {
  it('hashes 2^20 random 137-byte blocks as noble does, on the mining and single-hash paths', () => {
    const kernel = testKernel();
    const batches = (1 << 20) / WORDS_CAPACITY;
    for (let b = 0; b < batches; b++)
      expect(nobleMismatches(kernel, 137, 137 * 1000 + b + 1), `batch ${b}`).toBe(0);
    // 2^20 noble hashes take ~15 s alone; a loaded 2-core machine needs more than the default 30 s.
  }, 120_000);
});
