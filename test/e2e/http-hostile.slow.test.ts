import { readdirSync, readlinkSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeNetwork, NodeProcess, removeNetwork } from './cluster.ts';
import { hostileRequests, rawGet, rawRequest } from './raw-http.ts';

const network = makeNetwork();
let node: NodeProcess | undefined;
afterAll(async () => {
  await node?.stop('SIGKILL');
  removeNetwork(network);
});

/** Open sockets of process `pid` (Linux /proc). */
function sockets(pid: number): number {
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).filter((fd) => {
    try {
      return readlinkSync(`${dir}/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

describe('a proto node HTTP port under hostile requests', () => {
  it('answers each 400 and closes it, leaks no socket, and still answers /v1/status within 100 ms after 300', async () => {
    node = await NodeProcess.start(network, { name: 'target' });
    const port = Number(new URL(node.url).port);
    const status = rawGet('/v1/status', ['Host: 127.0.0.1', 'Connection: close']);
    expect((await rawRequest(port, status)).status).toBe(200);
    const before = sockets(node.pid!);
    const hostile = hostileRequests('/v1/ledger/subscribe');
    for (const h of hostile) {
      const a = await rawRequest(port, h.text);
      expect({ name: h.name, status: a.status, closed: a.closed }).toEqual({
        name: h.name,
        status: h.status,
        closed: true,
      });
      expect(JSON.parse(a.body).error.code, h.name).toBe(h.code);
    }
    for (let i = 0; i < 300; i++) {
      const h = hostile[i % hostile.length]!;
      const a = await rawRequest(port, h.text, 2000, i % 2 === 0);
      expect([h.name, a.status, a.closed]).toEqual([h.name, h.status, true]);
    }
    const start = performance.now();
    const answer = await rawRequest(port, status);
    expect(performance.now() - start).toBeLessThan(100);
    expect(JSON.parse(answer.body).network).toBe('devnet');
    await new Promise((r) => setTimeout(r, 200));
    expect(sockets(node.pid!)).toBeLessThanOrEqual(before);
    expect(node.log.join('\n')).not.toMatch(/internal error/);
  });
});
