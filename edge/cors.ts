/**
 * CORS at the edge: always on for read routes (GET, HEAD) with any origin (`*`), since everything the
 * edge serves is public; never on write routes (POST), so no page elsewhere can submit through a
 * visitor's browser. A preflight for a write gets no CORS headers and the browser stops there.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const READ = new Set(['GET', 'HEAD']);

/** The middleware for `/v1/*`. */
export function edgeCors(): MiddlewareHandler {
  const handler = cors({ origin: '*', allowMethods: ['GET', 'HEAD'], allowHeaders: [], maxAge: 86400 });
  return async (c, next) => {
    const method =
      c.req.method === 'OPTIONS' ? (c.req.header('access-control-request-method') ?? '') : c.req.method;
    if (!READ.has(method.toUpperCase())) return next();
    return handler(c, next);
  };
}
