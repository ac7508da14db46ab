import { createConnection, createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { TokenJson } from '../../core/api/types.ts';
import { converged, freePort, makeNetwork, NodeProcess, removeNetwork } from './cluster.ts';

const network = makeNetwork();
const nodes: NodeProcess[] = [];
let proxy: Server | undefined;
afterAll(async () => {
  proxy?.close();
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  removeNetwork(network);
});

/** Forwards TCP connections from `port` to `target` (host:port). */
function startProxy(port: number, target: string): Server {
  const [host, targetPort] = target.split(':');
  const server = createServer((inbound) => {
    const outbound = createConnection(Number(targetPort), host);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  server.listen(port, '127.0.0.1');
  return server;
}

describe('a node cut off while the others mine', () => {
  it('rejoins and adopts the heavier branch', async () => {
    const a = await NodeProcess.start(network, { name: 'a', mine: 'validator' });
    const b = await NodeProcess.start(network, { name: 'b', mine: 'validator', peers: [a.p2p] });
    // c reaches the others only through a proxy that is not there yet, and accepts no connections.
    const gate = await freePort();
    const c = await NodeProcess.start(network, {
      name: 'c',
      mine: 'validator',
      peers: [`127.0.0.1:${gate}`],
      noListen: true,
    });
    nodes.push(a, b, c);
    await new Promise((r) => setTimeout(r, 15_000));
    expect((await c.status()).peers.count).toBe(0);
    const [ab, alone] = await Promise.all([
      a.get<TokenJson>('/v1/subchains/validator/tip'),
      c.get<TokenJson>('/v1/subchains/validator/tip'),
    ]);
    expect(ab.hash).not.toBe(alone.hash);
    const heavier = BigInt(ab.aw) > BigInt(alone.aw) ? ab : alone;
    const lighter = heavier === ab ? alone : ab;

    proxy = startProxy(gate, a.p2p);
    await converged([a, b, c], 60_000);
    for (const n of [a, b, c]) {
      const seen = await n.get<TokenJson>(`/v1/tokens/${heavier.hash}`);
      expect(seen.canonical).toBe(true);
      expect(BigInt((await n.get<TokenJson>('/v1/subchains/validator/tip')).aw)).toBeGreaterThan(
        BigInt(lighter.aw),
      );
    }
  });
});
