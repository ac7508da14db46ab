/**
 * The main job: `proto devnet`, started exactly as `npm start` starts it, keeps committing with no one
 * watching. Genesis validators get few uses so they drain quickly; nodes mining validator tokens
 * announce them by themselves (`--announce auto`, the devnet default), and the queue never empties.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { readKeyFile } from '../../node/cli/keyfile.ts';
import { testRng } from '../seed.ts';
import { freeRange, waitFor } from './proto-process.ts';

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');

interface Validators {
  validators: string[];
  queue: { key: string; uses: number; until: number | null }[];
}

class Devnet {
  readonly log: string[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'proto-devnet-'));
  private proc: ChildProcess | undefined;
  private httpPort = 0;

  async start(args: string[]): Promise<void> {
    const rng = testRng('e2e');
    const pick = (k: number) => rng.int(k);
    const [port, http] = [await freeRange(args.length, pick), await freeRange(4, pick)];
    this.httpPort = http;
    const all = ['devnet', '--dir', this.dir, '--port', String(port), '--http-port', String(http), ...args];
    this.proc = spawn(process.execPath, [MAIN, ...all], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const s of [this.proc.stdout!, this.proc.stderr!])
      createInterface({ input: s }).on('line', (l) => this.log.push(l));
  }

  async get<T>(node: number, path: string): Promise<T> {
    const res = await fetch(`http://127.0.0.1:${this.httpPort + node}${path}`);
    if (!res.ok) throw new Error(`node ${node} ${path}: ${res.status}`);
    return (await res.json()) as T;
  }

  async height(node: number): Promise<number> {
    return (await this.get<{ height: number }>(node, '/v1/ledger/head').catch(() => ({ height: -1 }))).height;
  }

  lines(pattern: RegExp): string[] {
    return this.log.filter((l) => pattern.test(l));
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGINT');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let devnet: Devnet | undefined;
afterEach(async () => {
  await devnet?.stop();
  devnet = undefined;
});

/** Fails with the devnet's last lines when `check` does not hold within `ms`. */
async function expectWithin(net: Devnet, check: () => Promise<boolean>, ms: number, what: string) {
  try {
    await waitFor(check, ms, what);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${net.log.slice(-40).join('\n')}`);
  }
}

describe('devnet: the main job keeps committing by itself', () => {
  it('one node (as npm start runs it) commits 3 × 60 heights, renewing itself by announcements', async () => {
    // Genesis uses 4, then each announced token brings 60 (fixed): renewals near heights 4, 64 and 124.
    // Blocks every 250 ms instead of the preset's second, so the 180 heights take under a minute.
    const USES = 4;
    const TARGET = 3 * 60;
    devnet = new Devnet();
    await devnet.start(['--nodes', '1', '--uses', String(USES), '--block-ms', '250']);
    const net = devnet;
    await expectWithin(net, async () => (await net.height(0)) >= TARGET, 200_000, `height ${TARGET}`);
    expect(net.lines(/ledger: announced validator token/).length).toBeGreaterThanOrEqual(3);
    expect(net.lines(/exited|stalled|Error/)).toEqual([]);
    const v = await net.get<Validators>(0, '/v1/validators');
    expect(v.validators).toHaveLength(1);
  }, 300_000);

  it('four nodes where two cannot announce: the other two carry the chain', async () => {
    const USES = 3;
    devnet = new Devnet();
    // mixed: nodes 0 and 2 mine validator tokens and announce; nodes 1 and 3 mine proposal tokens.
    await devnet.start(['--nodes', '4', '--uses', String(USES), '--mine', 'mixed']);
    const net = devnet;
    const target = 3 * 4 * USES + 4;
    await expectWithin(net, async () => (await net.height(0)) >= target, 150_000, `height ${target}`);
    expect(net.lines(/exited|stalled/)).toEqual([]);
    const announced = net.lines(/ledger: announced validator token/).map((l) => l.slice(0, 8));
    expect(new Set(announced)).toEqual(new Set(['[node 0]', '[node 2]']));
    // Node i validates with keys/validator-<i+1>.json: the survivors are nodes 0 and 2.
    const keyOf = (i: number) =>
      toHex(readKeyFile(join(net.dir, 'keys', `validator-${i + 1}.json`)).publicKey);
    const v = await net.get<Validators>(0, '/v1/validators');
    expect(v.validators.length).toBeGreaterThanOrEqual(1);
    for (const key of v.validators) expect([keyOf(0), keyOf(2)]).toContain(key);
    const heights = await Promise.all([0, 1, 2, 3].map((i) => net.height(i)));
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(target - 5);
  });
});
