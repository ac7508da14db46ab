import { afterAll, describe, expect, it } from 'vitest';
import { testRng } from '../seed.ts';
import { converged, makeNetwork, NodeProcess, removeNetwork } from './cluster.ts';

const network = makeNetwork();
const nodes: NodeProcess[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  removeNetwork(network);
});

describe('a node killed with SIGKILL', () => {
  it('restarts with every block it had accepted, then catches up', async () => {
    const a = await NodeProcess.start(network, { name: 'a', mine: 'validator' });
    const victim = await NodeProcess.start(network, { name: 'victim', mine: 'validator', peers: [a.p2p] });
    nodes.push(a, victim);
    // Collect every token the victim reports (it answers only for blocks already on disk) until it is killed.
    const reported = new Set<string>();
    const deadline = Date.now() + 12_000 + testRng('e2e').int(4_000);
    while (Date.now() < deadline) {
      for (const t of await victim.canonical()) reported.add(t.hash);
    }
    await victim.stop('SIGKILL');
    expect(reported.size).toBeGreaterThan(10);

    // Alone (no peers, no listening), the restarted node must still hold everything it reported.
    const alone = [
      'node',
      ...valueArgs(victim.startArgs, ['--network', '--data', '--http-port']),
      '--port',
      '0',
    ];
    await victim.spawn(alone);
    const missing: string[] = [];
    for (const hash of reported) {
      const res = await fetch(`${victim.url}/v1/tokens/${hash}`);
      if (res.status !== 200) missing.push(hash);
    }
    expect(missing).toEqual([]);
    await victim.stop('SIGTERM');

    // Back with its peer, it catches up with the chain mined meanwhile.
    await victim.spawn(victim.startArgs.slice(0, victim.startArgs.indexOf('--mine')));
    const before = (await a.status()).tips.validator!.count;
    await converged([a, victim], 30_000);
    expect((await victim.status()).tips.validator!.count).toBeGreaterThanOrEqual(before);
  });
});

/** The given options with their values, taken from `args`. */
function valueArgs(args: string[], names: string[]): string[] {
  return names.flatMap((n) => [n, args[args.indexOf(n) + 1]!]);
}
