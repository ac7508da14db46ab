import { upgradeWebSocket } from '@hono/node-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { easyParams } from '../../test/e2e/chain-fixtures.ts';
import { hostileRequests, openSocket, rawGet, rawRequest } from '../../test/e2e/raw-http.ts';
import { Chain, nowNs } from '../chain.ts';
import { createApp } from './app.ts';
import { type HttpLimits, type HttpServer, startHttp } from './server.ts';

const params = easyParams(nowNs());
const open: { chain: Chain; server: HttpServer }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const { chain, server } of open.splice(0)) {
    await server.close();
    chain.close();
  }
});

/** The node's real app and server, plus a websocket route at /ws that greets each client. */
async function serve(limits: Partial<HttpLimits> = {}): Promise<HttpServer> {
  const chain = Chain.open({ params, path: ':memory:', chainId: 'test' });
  const app = createApp({
    chain,
    status: () => ({
      peers: { count: 0, list: [] },
      mining: { enabled: false, type: null, threads: 0, hashRate: 0, found: 0 },
      sync: { syncing: false, orphans: 0 },
    }),
  });
  app.get(
    '/ws',
    upgradeWebSocket(() => ({ onOpen: (_e, ws) => ws.send('hello') })),
  );
  const server = await startHttp(app, '127.0.0.1', 0, { websocketPaths: ['/ws'], limits });
  open.push({ chain, server });
  return server;
}

const HOST = 'Host: 127.0.0.1';
const HOSTILE = hostileRequests('/ws');

describe('HTTP server over raw sockets', () => {
  it('answers every hostile request 400 with a JSON error and closes its socket', async () => {
    const server = await serve();
    for (const h of HOSTILE) {
      const a = await rawRequest(server.port, h.text);
      expect({ name: h.name, status: a.status, closed: a.closed }).toEqual({
        name: h.name,
        status: h.status,
        closed: true,
      });
      expect(a.headers['content-type']).toBe('application/json');
      expect(JSON.parse(a.body).error.code, h.name).toBe(h.code);
    }
    await expectNoConnections(server);
  });

  it('still serves plain requests, absolute-form targets and websocket upgrades on a websocket path', async () => {
    const server = await serve();
    const plain = await rawRequest(server.port, rawGet('/v1/status', [HOST, 'Connection: close']));
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body).network).toBe('test');
    const absolute = await rawRequest(
      server.port,
      rawGet('http://127.0.0.1/v1/params', [HOST, 'Connection: close']),
    );
    expect(absolute.status).toBe(200);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
    const greeting = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(String(d)));
      ws.once('error', reject);
    });
    expect(greeting).toBe('hello');
    ws.close();
  });

  it('does not log a body cut short as an internal error, and closes the socket', async () => {
    const server = await serve();
    const errors = vi.spyOn(console, 'error');
    const cut =
      'POST /v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\nabc';
    const a = await rawRequest(server.port, cut, 2000, true);
    expect(a.closed).toBe(true);
    expect(a.status).toBe(400);
    const reset = await openSocket(server.port);
    reset.write(cut);
    await new Promise((r) => setTimeout(r, 50));
    reset.resetAndDestroy();
    await expectNoConnections(server);
    expect(errors).not.toHaveBeenCalled();
  });

  it('answers a body over the limit 413 with Connection: close and closes the socket', async () => {
    const server = await serve();
    const body = 'a'.repeat(64 * 1024);
    const post = `POST /v1/tokens HTTP/1.1\r\n${HOST}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const a = await rawRequest(server.port, post);
    expect([a.status, a.headers.connection, a.closed]).toEqual([413, 'close', true]);
    expect(JSON.parse(a.body).error.code).toBe('body-too-large');
  });

  it('answers a client too slow with its headers 408 and closes it; a client that leaves leaves no socket', async () => {
    const server = await serve({ headersTimeoutMs: 300 });
    const slow = await rawRequest(server.port, 'GET /v1/status HTTP/1.1\r\nHost: 127', 3000);
    expect([slow.status, slow.closed]).toEqual([408, true]);
    expect(JSON.parse(slow.body).error.code).toBe('request-timeout');
    const left = await rawRequest(server.port, 'GET /v1/status HTTP/1.1\r\nHost: 127', 200, true);
    expect(left.closed).toBe(true);
    await expectNoConnections(server);
  });

  it('closes an idle connection after the idle timeout', async () => {
    const server = await serve({ idleTimeoutMs: 300, headersTimeoutMs: 10_000 });
    const idle = await rawRequest(server.port, '', 3000);
    expect(idle.closed).toBe(true);
    await expectNoConnections(server);
  });

  it('refuses connections over the per-address cap with 429 and serves again once they close', async () => {
    const server = await serve({ perAddress: 4 });
    const held = await Promise.all([0, 1, 2, 3].map(() => openSocket(server.port)));
    const over = await rawRequest(server.port, rawGet('/v1/status', [HOST]));
    expect([over.status, over.closed]).toEqual([429, true]);
    expect(JSON.parse(over.body).error.code).toBe('too-many-connections');
    for (const s of held) s.destroy();
    await expectNoConnections(server);
    const again = await rawRequest(server.port, rawGet('/v1/status', [HOST, 'Connection: close']));
    expect(again.status).toBe(200);
  });

  it('after 300 hostile requests holds no socket and answers /v1/status within 100 ms', async () => {
    const server = await serve();
    const status = rawGet('/v1/status', [HOST, 'Connection: close']);
    expect((await rawRequest(server.port, status)).status).toBe(200);
    for (let i = 0; i < 300; i++) {
      const h = HOSTILE[i % HOSTILE.length]!;
      const a = await rawRequest(server.port, h.text);
      expect(a.status, h.name).toBe(h.status);
    }
    await expectNoConnections(server);
    const start = performance.now();
    const answer = await rawRequest(server.port, status);
    expect(performance.now() - start).toBeLessThan(100);
    expect(JSON.parse(answer.body).network).toBe('test');
  });
});

/** Waits (up to 2 s) until the server holds no connection. */
async function expectNoConnections(server: HttpServer): Promise<void> {
  const end = Date.now() + 2000;
  while ((await server.connections()) > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(await server.connections()).toBe(0);
}
