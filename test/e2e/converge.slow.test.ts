import { afterAll, describe, expect, it } from 'vitest';
import { converged, makeNetwork, NodeProcess, removeNetwork } from './cluster.ts';

const network = makeNetwork();
const nodes: NodeProcess[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  removeNetwork(network);
});

describe('three mining nodes', () => {
  it('converge on identical tips and canonical sets, with merges from racing miners', async () => {
    const a = await NodeProcess.start(network, { name: 'a', mine: 'validator' });
    nodes.push(a);
    nodes.push(await NodeProcess.start(network, { name: 'b', mine: 'validator', peers: [a.p2p] }));
    nodes.push(await NodeProcess.start(network, { name: 'c', mine: 'validator', peers: [a.p2p] }));
    await new Promise((r) => setTimeout(r, 20_000));
    // while mining: every node reports the same tip at some moment
    await converged(nodes, 30_000);
    const counts = await Promise.all(nodes.map(async (n) => (await n.status()).mining.found));
    expect(counts.every((c) => c > 0)).toBe(true);

    // stop mining: restart each node on its data without --mine, then compare everything
    await Promise.all(nodes.map((n) => n.stop('SIGTERM')));
    for (const n of nodes) await n.spawn(n.startArgs.slice(0, n.startArgs.indexOf('--mine')));
    const tip = await converged(nodes, 30_000);
    const sets = await Promise.all(nodes.map((n) => n.canonical()));
    const hashes = sets.map((s) => s.map((t) => t.hash).join());
    expect(hashes[1]).toBe(hashes[0]);
    expect(hashes[2]).toBe(hashes[0]);
    expect(sets[0]!.at(-1)!.hash).toBe(tip);
    expect(sets[0]!.length).toBeGreaterThan(20);
    const miners = new Set(sets[0]!.map((t) => t.key));
    expect(miners.size).toBe(3);
    expect(sets[0]!.filter((t) => t.merge).length).toBeGreaterThan(0);
  });
});
