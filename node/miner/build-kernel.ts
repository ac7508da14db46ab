/** Writes core/token/kernel/kernel.wasm from its TypeScript emitter (`npm run build:kernel`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emitKernel } from '../../core/token/kernel/emit.ts';
import { KERNEL_PATH } from './kernel-file.ts';

const bytes = emitKernel();
writeFileSync(KERNEL_PATH, bytes);
console.log(`${fileURLToPath(KERNEL_PATH)}: ${bytes.length} bytes`);
