/**
 * The edge's HTTP surface in workerd: cache policies per route (immutable, short with
 * stale-while-revalidate, no-store), answers from the Workers cache, CORS on reads and never on
 * writes, the OpenAPI document of exactly the mounted routes, and the explorer from static assets.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { IMMUTABLE, MOVING } from '../../edge/cache.ts';
import { edgeStores } from '../../edge/stores/index.ts';
import { app } from '../../edge/worker.ts';
import { mine } from '../gen/chain.ts';
import { edgeTestParams } from './fixtures.ts';
import { committedChain } from './ledger-chain.ts';

const settle = () => new Promise((r) => setTimeout(r, 100));
const fetchEdge = (path: string, init?: RequestInit) => exports.default.fetch(`http://edge${path}`, init);
let tokenHash = '';

beforeAll(async () => {
  const chain = committedChain(3);
  for (const b of chain.blocks) await edgeStores(env).addLedgerBlock(b);
  const dag = new TokenDag(edgeTestParams());
  const m = mine(dag, { prev: dag.genesisHash, type: 1, time: dag.params.genesisTime + 1n });
  await edgeStores(env).addToken(m.bytes);
  tokenHash = toHex(m.hash);
});

describe('caching', () => {
  it('marks committed heights immutable, heads and tips short with stale-while-revalidate, misses no-store', async () => {
    const cases: [string, string][] = [
      ['/v1/ledger/blocks/2', IMMUTABLE],
      ['/v1/ledger/range?from=1&count=3', IMMUTABLE],
      ['/v1/ledger/light/3', IMMUTABLE],
      ['/v1/ledger/range?from=1&count=10', MOVING],
      ['/v1/ledger/head', MOVING],
      ['/v1/status', MOVING],
      ['/v1/subchains/validator/tip', MOVING],
      [`/v1/tokens/${tokenHash}`, MOVING],
      ['/v1/ledger/blocks/4', 'no-store'],
      ['/v1/ledger/blocks/x', 'no-store'],
      [`/v1/tokens/${'cd'.repeat(32)}`, 'no-store'],
      ['/v1/accounts/zz', 'no-store'],
      [`/v1/accounts/${'ab'.repeat(32)}`, 'no-store'],
    ];
    for (const [path, policy] of cases) {
      const res = await fetchEdge(path, { headers: { 'cache-control': 'no-cache' } });
      expect({ path, policy: res.headers.get('cache-control') }).toEqual({ path, policy });
      await res.arrayBuffer();
    }
    expect(MOVING).toMatch(/max-age=\d+, stale-while-revalidate=\d+/);
  });

  it('answers a second read of a committed block from memory, with its policy and CORS', async () => {
    const first = await fetchEdge('/v1/ledger/blocks/1');
    const body = await first.text();
    expect(first.headers.get('x-edge-cache')).toBe('miss');
    await settle(); // the copy is stored after the answer (waitUntil)
    const second = await fetchEdge('/v1/ledger/blocks/1');
    expect(second.headers.get('x-edge-cache')).toBe('memory');
    expect(await second.text()).toBe(body);
    expect(second.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(second.headers.get('access-control-allow-origin')).toBe('*');
    const fresh = await fetchEdge('/v1/ledger/blocks/1', { headers: { 'cache-control': 'no-cache' } });
    expect(fresh.headers.get('x-edge-cache')).toBe('miss');
    expect(await fresh.text()).toBe(body);
  });

  it('answers a moving read from the Workers cache, not from memory, and never caches live routes', async () => {
    const first = await fetchEdge('/v1/ledger/range?from=2&count=10');
    const body = new Uint8Array(await first.arrayBuffer());
    expect(first.headers.get('x-edge-cache')).toBe('miss');
    await settle();
    const second = await fetchEdge('/v1/ledger/range?from=2&count=10');
    expect(second.headers.get('x-edge-cache')).toBe('hit');
    expect(second.headers.get('cache-control')).toBe(MOVING);
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(body);
    for (const path of ['/v1/health', '/v1/params']) {
      const res = await fetchEdge(path);
      expect({ path, cache: res.headers.get('x-edge-cache') }).toEqual({ path, cache: null });
      await res.arrayBuffer();
    }
  });
});

describe('account reads', () => {
  it('answer 503 no-upstream when the edge has no UPSTREAM node, 400 for a bad key', async () => {
    const res = await fetchEdge(`/v1/accounts/${'ab'.repeat(32)}`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; action: string } }).error).toMatchObject({
      code: 'no-upstream',
      action: 'retry',
    });
    expect((await fetchEdge('/v1/accounts/AB')).status).toBe(400);
  });
});

describe('CORS', () => {
  it('is on for reads from any origin', async () => {
    const origin = { origin: 'https://elsewhere.example' };
    for (const path of ['/v1/ledger/head', '/v1/status', `/v1/tokens/${'ab'.repeat(32)}`]) {
      const res = await fetchEdge(path, { headers: origin });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
    const pre = await fetchEdge('/v1/ledger/head', {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'GET' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is never on for writes, nor for their preflight', async () => {
    const origin = { origin: 'https://elsewhere.example' };
    const post = await fetchEdge('/v1/tokens', {
      method: 'POST',
      body: '00',
      headers: { ...origin, 'content-type': 'text/plain' },
    });
    expect(post.status).toBe(400);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetchEdge('/v1/tokens', {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('cache-control')).toBeNull();
  });
});

describe('OpenAPI, docs and the explorer', () => {
  it('lists exactly the routes the edge mounts, each documented', async () => {
    const doc = (await (await fetchEdge('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary: string }>>;
    };
    const listed = Object.entries(doc.paths)
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const mounted = [
      ...new Set(
        app.routes
          .filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL')
          .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
      ),
    ].sort();
    expect(listed).toEqual(mounted);
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) expect(op.summary).not.toBe('not described');
    for (const absent of ['/v1/txs', '/v1/ledger/subscribe', '/v1/subchains/{subchain}/template'])
      expect(doc.paths[absent]).toBeUndefined();
    const page = await fetchEdge('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/v1/ledger/range');
  });

  it('serves the explorer files the node serves, with its CSP and JavaScript types', async () => {
    const index = await fetchEdge('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('/explorer/js/main.js');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    const client = await fetchEdge('/explorer/js/generated/proto-client.js');
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await client.text()).toContain('verifyCommit');
    expect((await fetchEdge('/explorer/../wrangler.toml')).status).toBe(404);
    expect((await fetchEdge('/explorer/nothing.js')).status).toBe(404);
  });
});
