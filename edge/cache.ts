/**
 * Caching at the edge (docs/edge.md, Caching): each read route names its policy, and GET answers go
 * through the Workers cache (`caches.default`) in front of the Durable Objects. Only 200 answers with
 * a public policy are put in the cache; errors and misses above the head are `no-store`.
 */
import type { Context, MiddlewareHandler } from 'hono';

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

/**
 * Answers GETs from `caches.default` when it holds the URL (unless the request says
 * `Cache-Control: no-cache`); otherwise runs the route, stamps its policy (no-store for anything but
 * 200) and stores public answers in the cache.
 */
export function edgeCache(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const cache = typeof caches === 'undefined' ? undefined : caches.default;
    const key = new Request(c.req.url, { method: 'GET' });
    const fresh = /no-cache/i.test(c.req.header('cache-control') ?? '');
    const hit = fresh ? undefined : await cache?.match(key);
    if (hit) {
      const res = new Response(hit.body, hit);
      res.headers.set('x-edge-cache', 'hit');
      return res;
    }
    await next();
    const policy = policyOf(c.res);
    c.res.headers.set('cache-control', policy);
    if (!cache || policy === NO_STORE) return;
    c.res.headers.set('x-edge-cache', 'miss');
    const put = cache.put(key, c.res.clone());
    waitUntil(c, put);
  };
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
