import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { readKeyFile } from '../../node/cli/keyfile.ts';
import { waitFor } from './cluster.ts';
import { evidence, forks, head, LedgerNode, ledgerNetwork } from './ledger-cluster.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-ledger-twin-'));
const nodes: LedgerNode[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

describe('ledger: one validator key run on two nodes', () => {
  it('is detected and recorded as equivocation, and the chain does not fork', async () => {
    const keys = ledgerNetwork(dir, 4);
    nodes.push(await LedgerNode.start(dir, { name: 'v0', validatorKey: keys[0]! }));
    for (let i = 1; i < 4; i++)
      nodes.push(
        await LedgerNode.start(dir, { name: `v${i}`, validatorKey: keys[i]!, peers: [nodes[0]!.p2p] }),
      );
    const twin = await LedgerNode.start(dir, {
      name: 'v3-twin',
      validatorKey: keys[3]!,
      peers: [nodes[0]!.p2p],
    });
    nodes.push(twin);
    const doubled = toHex(readKeyFile(keys[3]!).publicKey);

    await waitFor(
      async () => (await evidence(nodes[0]!)).some((e) => e.validator === doubled),
      60_000,
      'evidence against the doubled key',
    );
    const start = (await head(nodes[0]!)).height;
    await waitFor(async () => (await head(nodes[1]!)).height >= start + 3, 30_000, 'the chain to go on');
    expect(await forks(nodes)).toEqual([]);
    for (const n of nodes.slice(0, 3)) {
      const found = await evidence(n);
      expect(found.every((e) => e.validator === doubled)).toBe(true);
    }

    // The evidence is gossiped, put in a block, and every node records it and drops the offender.
    const committed = async (n: LedgerNode) =>
      (await n.get<{ committed: { offender: string; recordedAt: number }[] }>('/v1/ledger/evidence'))
        .committed;
    for (const n of nodes.slice(0, 3))
      await waitFor(
        async () => (await committed(n)).some((e) => e.offender === doubled),
        30_000,
        `${n.name} to hold committed evidence`,
      );
    const recorded = (await committed(nodes[0]!)).find((e) => e.offender === doubled)!;
    for (const n of nodes.slice(1, 3)) expect((await committed(n)).map((e) => e.offender)).toContain(doubled);
    await waitFor(
      async () => (await head(nodes[0]!)).height >= recorded.recordedAt + 3,
      30_000,
      'the offender to leave',
    );
    const v = await nodes[0]!.get<{ validators: string[] }>('/v1/validators');
    expect(v.validators).not.toContain(doubled);
    expect(v.validators).toHaveLength(3);
    const start2 = (await head(nodes[0]!)).height;
    await waitFor(async () => (await head(nodes[1]!)).height >= start2 + 3, 30_000, 'commits without it');
    expect(await forks(nodes)).toEqual([]);
  });
});
