import { readFileSync } from 'node:fs';
import type { Hasher } from '../../core/token/hash.ts';
import { compileKernel, type KernelModule, kernelHasher } from '../../core/token/kernel/kernel.ts';

/** The committed kernel binary, rebuilt from its emitter by `npm run build:kernel`. */
export const KERNEL_PATH = new URL('../../core/token/kernel/kernel.wasm', import.meta.url);

let cached: KernelModule | undefined;

/** The committed kernel, compiled once per thread. A compiled module can be posted to worker threads. */
export function loadKernelModule(): KernelModule {
  cached ??= compileKernel(readFileSync(KERNEL_PATH));
  return cached;
}

/** BLAKE3-256 through the committed kernel: the fast Hasher for validating blocks on Node. */
export function loadKernelHasher(): Hasher {
  return kernelHasher(loadKernelModule());
}
