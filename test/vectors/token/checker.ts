/** Runs the independent Python checker (test/checker/check_chain.py) on a chain. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CongressRootJson } from './format.ts';

const CHECKER = fileURLToPath(new URL('../../checker/check_chain.py', import.meta.url));

/** The checker's input: blocks in arrival order, as hex. */
export interface CheckerInput {
  genesis: unknown;
  now: string;
  congressRoots?: CongressRootJson[];
  blocks: string[];
}

/** Exit status and parsed stdout of one checker run (0: valid, 1: an invalid block). */
export interface CheckerResult {
  status: number;
  output: unknown;
  stderr: string;
}

export function runChecker(input: CheckerInput): Promise<CheckerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'token-check-'));
  const file = join(dir, 'chain.json');
  writeFileSync(file, JSON.stringify(input));
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  return new Promise((resolve) => {
    execFile('python3', [CHECKER, file], { env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      const status = err ? Number((err as { code?: number }).code ?? -1) : 0;
      let output: unknown;
      try {
        output = JSON.parse(stdout);
      } catch {
        output = stdout;
      }
      resolve({ status, output, stderr });
    });
  });
}
