/**
 * The explorer at the edge: the files of `explorer/` (the same the node serves), read through the
 * `ASSETS` binding at `GET /` and `GET /explorer/*` with the node's headers: its
 * Content-Security-Policy and `nosniff`.
 */
import { Hono } from 'hono';
import type { Env } from './env.ts';

/** Same-origin only, as on the node (node/http/explorer.ts). */
export const EXPLORER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The explorer's routes. */
export function explorerRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  const serve = async (env: Env, url: URL, path: string): Promise<Response | undefined> => {
    if (!env.ASSETS || !/^\/explorer\/[A-Za-z0-9_./@-]+$/.test(path) || path.includes('..')) return undefined;
    const res = await env.ASSETS.fetch(new URL(path.slice('/explorer'.length), url.origin));
    if (res.status !== 200) return undefined;
    const out = new Response(res.body, res);
    if (path.endsWith('.js')) out.headers.set('content-type', 'text/javascript; charset=utf-8');
    out.headers.set('content-security-policy', EXPLORER_CSP);
    out.headers.set('x-content-type-options', 'nosniff');
    return out;
  };
  app.get('/', async (c) => (await serve(c.env, new URL(c.req.url), '/explorer/index.html')) ?? c.notFound());
  app.get('/explorer/*', async (c) => (await serve(c.env, new URL(c.req.url), c.req.path)) ?? c.notFound());
  return app;
}
