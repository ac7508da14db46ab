import { readFileSync } from 'node:fs';
import { compileKernel, type KernelModule } from '../../core/token/kernel/kernel.ts';

/** The committed kernel binary, rebuilt from its emitter by `npm run build:kernel`. */
export const KERNEL_PATH = new URL('../../core/token/kernel/kernel.wasm', import.meta.url);

let cached: KernelModule | undefined;

/** The committed kernel, compiled once per thread. A compiled module can be posted to worker threads. */
export function loadKernelModule(): KernelModule {
  cached ??= compileKernel(readFileSync(KERNEL_PATH));
  return cached;
}
