import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { blake3 } from '@noble/hashes/blake3.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { nextTarget } from '../../core/token/asert.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const VECTORS = fileURLToPath(new URL('../vectors/asert.json', import.meta.url));

interface AsertCase {
  name: string;
  parentTarget: string;
  parentTime: string;
  grandparentTime: string;
  merge: boolean;
  spacing: string;
  halfLife: string;
  maxTarget: string;
  expected: string;
}

/** Runs a script of the Python checker; fails the test with its output when it exits non-zero. */
function python(script: string, ...args: string[]): string {
  const run = spawnSync('python3', [script, ...args], {
    cwd: DIR,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  expect(run.status, `${script}: ${run.stdout}${run.stderr}`).toBe(0);
  return run.stdout;
}

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

describe('independent Python checker', () => {
  it('BLAKE3 matches the official test vectors', () => {
    expect(python('blake3.py')).toMatch(/10\/10 official vectors ok/);
  });

  it('BLAKE3 matches @noble/hashes around block and chunk boundaries', () => {
    const lengths = [0, 1, 63, 64, 65, 105, 137, 1023, 1024, 1025, 2049, 4097];
    const inputs = lengths.map((n) => toHex(pattern(n)));
    const got = python('blake3.py', ...inputs)
      .trim()
      .split('\n');
    expect(got).toEqual(lengths.map((n) => toHex(blake3(pattern(n)))));
  });

  it('the ASERT vector file is what asert.py produces', () => {
    expect(python('gen_asert_vectors.py', '--check')).toMatch(/file matches/);
  });

  it('check_chain.py accepts a valid DAG and rejects one block per rule', () => {
    python('test_check_chain.py');
  });
});

describe('core/token/asert.ts against test/vectors/asert.json', () => {
  const { cases } = JSON.parse(readFileSync(VECTORS, 'utf8')) as { cases: AsertCase[] };

  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const parent = {
      isRoot: false,
      target: BigInt(`0x${c.parentTarget}`),
      time: BigInt(c.parentTime),
      parentTime: BigInt(c.grandparentTime),
      merge: c.merge,
    };
    const got = nextTarget(parent, BigInt(c.spacing), BigInt(c.halfLife), BigInt(`0x${c.maxTarget}`));
    expect(got.toString(16).padStart(64, '0')).toBe(c.expected);
  });
});
