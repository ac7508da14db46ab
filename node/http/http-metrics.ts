/** Counts each HTTP API request by method, matched route pattern (not the raw path) and status. */
import type { MiddlewareHandler } from 'hono';

/** Middleware reporting every answered request to `count`. */
export function httpMetrics(
  count: (method: string, route: string, status: number) => void,
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const routes = c.req.matchedRoutes.filter((r) => r.method !== 'ALL');
    count(c.req.method, routes.at(-1)?.path ?? 'unmatched', c.res.status);
  };
}
