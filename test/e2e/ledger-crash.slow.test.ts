import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { newKeyFile, readKeyFile } from '../../node/cli/keyfile.ts';
import { testRng } from '../seed.ts';
import { waitFor } from './cluster.ts';
import {
  balances,
  doubleSigns,
  evidence,
  forks,
  head,
  type LedgerNode,
  ledgerNetwork,
  removeLedgerNetwork,
  signatures,
  startValidators,
} from './ledger-cluster.ts';

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'proto-ledger-e2e-'));
const nodes: LedgerNode[] = [];
afterAll(() => removeLedgerNetwork(dir, nodes));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ledger: four validators, one killed with SIGKILL', () => {
  it('commit about a block a second, continue without it, and it catches up without signing twice', async () => {
    const keys = ledgerNetwork(dir, 4);
    await startValidators(dir, keys, nodes);
    await waitFor(async () => (await head(nodes[0]!)).height >= 3, 30_000, 'height 3');

    const [t0, h0] = [Date.now(), (await head(nodes[0]!)).height];
    await sleep(8000);
    const rate = ((await head(nodes[0]!)).height - h0) / ((Date.now() - t0) / 1000);
    expect(rate).toBeGreaterThan(0.6);
    expect(rate).toBeLessThan(1.4);

    // A transfer through the CLI, into a fresh account.
    const recipient = newKeyFile(join(dir, 'recipient.json'), testRng('e2e').bytes(32)).publicKey;
    await promisify(execFile)(process.execPath, [
      MAIN,
      ...['tx', 'transfer', '--key', keys[0]!, '--to', toHex(recipient), '--amount', '12345'],
      ...['--url', nodes[0]!.url],
    ]);

    const victim = nodes[1 + testRng('e2e').int(3)]!;
    await sleep(testRng('e2e').int(1000));
    await victim.stop('SIGKILL');
    const killedAt = (await head(nodes[0]!)).height;
    const alive = nodes.filter((n) => n !== victim);
    await waitFor(
      async () => (await head(alive[0]!)).height >= killedAt + 3,
      20_000,
      'progress without the victim',
    );

    const signedBefore = signatures(victim.log);
    await victim.spawn();
    await waitFor(
      async () => (await head(victim)).height >= (await head(nodes[0]!)).height - 1,
      30_000,
      'the victim to catch up',
    );
    await waitFor(() => signatures(victim.log) > signedBefore + 3, 20_000, 'the victim to sign again');

    expect(await forks(nodes)).toEqual([]);
    expect(doubleSigns(nodes.map((n) => ({ key: n.name, lines: n.log })))).toEqual([]);
    for (const n of nodes) expect(await evidence(n)).toEqual([]);

    const owners = [...keys.map((k) => readKeyFile(k).publicKey), recipient];
    await waitFor(
      async () => (await balances(nodes[2]!, [recipient])).sum === 12345n,
      10_000,
      'the transfer',
    );
    for (const n of nodes) {
      const { sum, supply } = await balances(n, owners);
      expect(sum).toBe(supply);
    }
  });
});
