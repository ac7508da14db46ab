/**
 * The explorer web page (docs/explorer.md): the hand-written files of `explorer/` at the repository's
 * top level, served as they are at `GET /` and `GET /explorer/*`. Only files present when the app is
 * built are served (the list is fixed then), each with a Content-Security-Policy that lets the page
 * load and connect to nothing but this node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { Hono } from 'hono';

/** The explorer's folder; the edge serves the same files. */
export const EXPLORER_DIR = join(import.meta.dirname, '../../explorer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** No request leaves the node: scripts, styles, images and connections are same-origin only. */
export const EXPLORER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Routes serving the explorer's files: `/` is index.html, `/explorer/<path>` any other file. */
export function explorerRoutes(dir = EXPLORER_DIR): Hono {
  const files = listFiles(dir);
  const app = new Hono();
  const send = (path: string) => {
    const type = TYPES[extname(path)];
    if (!files.has(path) || !type) return undefined;
    const body = readFileSync(join(dir, path));
    const headers = {
      'content-type': type,
      'cache-control': 'no-cache',
      'content-security-policy': EXPLORER_CSP,
      'x-content-type-options': 'nosniff',
    };
    return new Response(body, { headers });
  };
  app.get('/', (c) => send('index.html') ?? c.notFound());
  app.get('/explorer/*', (c) => send(c.req.path.slice('/explorer/'.length)) ?? c.notFound());
  return app;
}

/** Relative paths (with `/`) of the files under `dir`. */
function listFiles(dir: string): Set<string> {
  const out = new Set<string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) out.add(relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
  return out;
}
