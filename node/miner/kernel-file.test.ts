import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { equalBytes } from '../../core/bytes.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { emitKernel } from '../../core/token/kernel/emit.ts';
import { KERNEL_PATH, loadKernelHasher } from './kernel-file.ts';

describe('committed kernel.wasm', () => {
  it('is exactly what the emitter builds (npm run build:kernel)', () => {
    expect(equalBytes(readFileSync(KERNEL_PATH), emitKernel())).toBe(true);
  });

  it('loads as a Hasher that agrees with the reference', () => {
    const hash = loadKernelHasher();
    for (const length of [0, 105, 137, 1024, 1025, 5000]) {
      const input = Uint8Array.from({ length }, (_, i) => i * 31);
      expect(equalBytes(hash(input), blake3Hash(input)), `length ${length}`).toBe(true);
    }
  });
});
