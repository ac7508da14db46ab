/**
 * Caching at the edge (docs/edge.md, Caching): each read route names its policy, and GET answers go
 * through the Workers cache (`caches.default`) in front of the Durable Objects. Only 200 answers with
 * a public policy are put in the cache; errors and misses above the head are `no-store`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { HOT_ENTRY_MAX, type HotAnswer, HotCache } from './hot.ts';

/** Content addressed by hash, or by a committed (final) height: never changes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Heads, tips and anything that moves with them: fresh for 2 s, then served stale while refetched. */
export const MOVING = 'public, max-age=2, stale-while-revalidate=30';
/** Errors, and misses that a later block may fill. */
export const NO_STORE = 'no-store';

/** The policy header the handler chose (the answer's own Cache-Control), else no-store. */
function policyOf(res: Response): string {
  const set = res.headers.get('cache-control');
  return res.status === 200 && set ? set : NO_STORE;
}

/** Routes whose answers are never cached (live, or built from the bundle): no lookup for them. */
const UNCACHED = new Set(['/v1/health', '/v1/params', '/v1/openapi.json']);

/** This isolate's immutable answers (hot.ts). */
export const hot = new HotCache();

/**
 * Answers GETs from memory (immutable answers this isolate served, `x-edge-cache: memory`) or
 * `caches.default` (`x-edge-cache: hit`), before any route or Durable Object runs, unless the request
 * says `Cache-Control: no-cache`; otherwise runs the route, stamps its policy (no-store for anything
 * but 200) and stores public answers in the cache, immutable ones in memory too.
 */
export function edgeCache(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' || UNCACHED.has(c.req.path)) return next();
    const url = c.req.url;
    if (!NO_CACHE.test(c.req.header('cache-control') ?? '')) {
      const found = await lookup(url);
      if (found) return found;
    }
    await next();
    const policy = policyOf(c.res);
    c.res.headers.set('cache-control', policy);
    const cache = workersCache();
    if (!cache || policy === NO_STORE) return;
    c.res.headers.set('x-edge-cache', 'miss');
    const copy = c.res.clone();
    waitUntil(c, store(cache, url, copy));
  };
}

const NO_CACHE = /no-cache/i;

/**
 * The answer to `request` this isolate holds in memory, for the Worker to send before any routing:
 * the cheapest path a read can take. Undefined for anything else (the app then runs as usual).
 */
export function memoryAnswer(request: Request): Response | undefined {
  if (request.method !== 'GET' || hot.size === 0) return undefined;
  const kept = hot.get(request.url);
  if (!kept || NO_CACHE.test(request.headers.get('cache-control') ?? '')) return undefined;
  return answer(kept, 'memory');
}

function workersCache(): Cache | undefined {
  return typeof caches === 'undefined' ? undefined : caches.default;
}

/** The stored answer for `url`: from memory, else from the Workers cache (an immutable one is kept in memory). */
async function lookup(url: string): Promise<Response | undefined> {
  const kept = hot.get(url);
  if (kept) return answer(kept, 'memory');
  const hit = await workersCache()?.match(url);
  if (!hit) return undefined;
  if (!keepable(hit)) {
    const res = new Response(hit.body, hit);
    res.headers.set('x-edge-cache', 'hit');
    return res;
  }
  const stored = { headers: [...hit.headers], body: new Uint8Array(await hit.arrayBuffer()) };
  hot.put(url, stored);
  return answer(stored, 'hit');
}

/** Immutable and, when its length is known, small enough for memory. */
function keepable(res: Response): boolean {
  const length = Number(res.headers.get('content-length') ?? 0);
  return res.headers.get('cache-control') === IMMUTABLE && !(length > HOT_ENTRY_MAX);
}

function answer(a: HotAnswer, source: 'memory' | 'hit'): Response {
  const res = new Response(a.body, { headers: a.headers });
  res.headers.set('x-edge-cache', source);
  return res;
}

/** Puts a fresh answer in the Workers cache, and an immutable one in memory. */
async function store(cache: Cache, url: string, res: Response): Promise<void> {
  if (!keepable(res)) return cache.put(url, res);
  const body = new Uint8Array(await res.arrayBuffer());
  const headers = [...res.headers];
  hot.put(url, { headers, body });
  await cache.put(url, new Response(body, { headers }));
}

function waitUntil(c: Context, p: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(p);
  } catch {
    void p;
  }
}

/** Sets `policy` on the answer the route is about to send. */
export function cacheFor(c: Context, policy: string): void {
  c.header('cache-control', policy);
}
