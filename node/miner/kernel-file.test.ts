import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { equalBytes } from '../../core/bytes.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { emitKernel } from '../../core/token/kernel/emit.ts';
import { createKernel } from '../../core/token/kernel/kernel.ts';
import { KERNEL_PATH, loadKernelModule } from './kernel-file.ts';

describe('committed kernel.wasm', () => {
  it('is exactly what the emitter builds (npm run build:kernel)', () => {
    expect(equalBytes(readFileSync(KERNEL_PATH), emitKernel())).toBe(true);
  });

  it('loads and hashes as the reference does', () => {
    const kernel = createKernel(loadKernelModule());
    const input = Uint8Array.from({ length: 105 }, (_, i) => i);
    expect(equalBytes(kernel.hash(input), blake3Hash(input))).toBe(true);
  });
});
