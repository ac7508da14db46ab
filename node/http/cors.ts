/**
 * CORS for the node's API (`proto node --cors ORIGIN`): off unless asked. Read routes (GET, HEAD)
 * answer the configured origins; write routes (POST) only with `--cors-writes`, which a wildcard
 * origin may not use, so a page elsewhere can read public data but not spend through a browser.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface CorsConfig {
  /** Allowed origins (`https://host[:port]`), or `['*']` for any. */
  origins: string[];
  /** Also allow POST routes from those origins. */
  writes: boolean;
}

const READ = new Set(['GET', 'HEAD']);

/** Checks a CORS configuration; returns what is wrong with it, or undefined. */
export function corsProblem(config: CorsConfig): string | undefined {
  for (const o of config.origins) {
    if (o === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(o);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== o || !/^https?:$/.test(url.protocol))
      return `a CORS origin is * or scheme://host[:port] with no path, not ${JSON.stringify(o)}`;
  }
  if (config.origins.includes('*') && config.origins.length > 1) return 'the CORS origin * stands alone';
  if (config.writes && config.origins.includes('*')) return 'CORS on write routes needs named origins, not *';
  return undefined;
}

/** The middleware for `/v1/*`: CORS headers on reads, and on writes when configured. */
export function corsMiddleware(config: CorsConfig): MiddlewareHandler {
  const methods = config.writes ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD'];
  const any = config.origins.includes('*');
  const handler = cors({
    origin: any ? '*' : config.origins,
    allowMethods: methods,
    allowHeaders: config.writes ? ['content-type'] : [],
    maxAge: 600,
  });
  return async (c, next) => {
    const method =
      c.req.method === 'OPTIONS' ? (c.req.header('access-control-request-method') ?? '') : c.req.method;
    if (!READ.has(method.toUpperCase()) && !config.writes) return next();
    return handler(c, next);
  };
}
