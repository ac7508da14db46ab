import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './cluster.ts';
import {
  doubleSigns,
  evidence,
  forks,
  head,
  type LedgerNode,
  ledgerNetwork,
  removeLedgerNetwork,
  startValidators,
} from './ledger-cluster.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-ledger-halt-'));
const nodes: LedgerNode[] = [];
afterAll(() => removeLedgerNetwork(dir, nodes));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ledger: two of four validators stopped', () => {
  it('halts the chain, and it resumes without a fork when they return', async () => {
    const keys = ledgerNetwork(dir, 4);
    await startValidators(dir, keys, nodes);
    await waitFor(async () => (await head(nodes[0]!)).height >= 4, 30_000, 'height 4');

    await Promise.all([nodes[2]!.stop('SIGTERM'), nodes[3]!.stop('SIGKILL')]);
    await sleep(2500); // a height already decided by the four may still commit
    const stalled = (await head(nodes[0]!)).height;
    await sleep(6000);
    expect((await head(nodes[0]!)).height).toBe(stalled);
    expect((await head(nodes[1]!)).height).toBe(stalled);

    await nodes[2]!.spawn();
    await nodes[3]!.spawn();
    await waitFor(async () => (await head(nodes[0]!)).height >= stalled + 4, 40_000, 'the chain to resume');
    await waitFor(
      async () => (await Promise.all(nodes.map(head))).every((h) => h.height >= stalled + 3),
      30_000,
      'every node to follow',
    );
    expect(await forks(nodes)).toEqual([]);
    expect(doubleSigns(nodes.map((n) => ({ key: n.name, lines: n.log })))).toEqual([]);
    for (const n of nodes) expect(await evidence(n)).toEqual([]);
  });
});
