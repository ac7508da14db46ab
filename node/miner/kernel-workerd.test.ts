import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createKernel } from '../../core/token/kernel/kernel.ts';
import { KERNEL_PATH, loadKernelModule } from './kernel-file.ts';
import { probe } from './kernel-probe.fixture.ts';

const WORKERD = fileURLToPath(new URL('../../node_modules/.bin/workerd', import.meta.url));

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** A workerd test module: the probe on a kernel made from the kernel.wasm module import. */
const ENTRY = `
import wasm from './kernel.wasm';
import { createKernel } from ${JSON.stringify(here('../../core/token/kernel/kernel.ts'))};
import { probe } from ${JSON.stringify(here('./kernel-probe.fixture.ts'))};
export default { test() { console.log('KERNEL ' + JSON.stringify(probe(createKernel(wasm)))); } };
`;

const CONFIG = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (services = [(name = "main", worker = .probe)]);
const probe :Workerd.Worker = (
  modules = [(name = "probe.mjs", esModule = embed "probe.mjs"), (name = "kernel.wasm", wasm = embed "kernel.wasm")],
  compatibilityDate = "2025-01-01",
);
`;

describe('kernel in workerd', () => {
  it('loads kernel.wasm as a WebAssembly.Module import and computes what Node computes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proto-kernel-'));
    try {
      const bundle = await build({
        stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('.', KERNEL_PATH)), loader: 'js' },
        bundle: true,
        format: 'esm',
        external: ['./kernel.wasm'],
        write: false,
      });
      writeFileSync(join(dir, 'probe.mjs'), bundle.outputFiles[0]!.text);
      copyFileSync(KERNEL_PATH, join(dir, 'kernel.wasm'));
      writeFileSync(join(dir, 'config.capnp'), CONFIG);
      const output = execFileSync(WORKERD, ['test', 'config.capnp'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: 'pipe',
      });
      const line = output.split('\n').find((l) => l.startsWith('KERNEL '));
      expect(line, output).toBeDefined();

      const result = JSON.parse(line!.slice('KERNEL '.length));
      expect(result.found).not.toBe('');
      expect(result).toEqual(probe(createKernel(loadKernelModule())));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
