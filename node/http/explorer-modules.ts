/**
 * Core's modules for the explorer page, prepared at serve time so nobody runs a build step:
 * `GET /explorer/core/<path>.ts` is the TypeScript file of `core/` with its types stripped
 * (node:module stripTypeScriptTypes; core's syntax is erasable), and `GET /explorer/vendor/@noble/...`
 * the ES modules of the @noble packages core imports. Bare imports are rewritten to vendor paths.
 * Only files under those two folders are served; each is read and converted once, then kept.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { join, normalize, sep } from 'node:path';
import { Hono } from 'hono';
import { EXPLORER_CSP } from './explorer.ts';

const ROOT = join(import.meta.dirname, '../..');
export const CORE = join(ROOT, 'core');
export const NOBLE = join(ROOT, 'node_modules/@noble');

/** Routes serving core's modules and the @noble modules they import. */
export function explorerModuleRoutes(): Hono {
  const cache = new Map<string, string>();
  const app = new Hono();
  const send = (key: string, make: () => string | undefined) => {
    let body = cache.get(key);
    if (body === undefined) {
      body = make();
      if (body === undefined) return undefined;
      cache.set(key, body);
    }
    return new Response(body, {
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': EXPLORER_CSP,
      },
    });
  };
  app.get('/explorer/core/*', (c) => {
    const path = inside(CORE, c.req.path.slice('/explorer/core/'.length), '.ts');
    const made = path && !path.endsWith('.test.ts') ? send(path, () => coreModule(path)) : undefined;
    return made ?? c.notFound();
  });
  app.get('/explorer/vendor/@noble/*', (c) => {
    const path = inside(NOBLE, c.req.path.slice('/explorer/vendor/@noble/'.length), '.js');
    return (path && send(path, () => rewrite(readFileSync(path, 'utf8')))) || c.notFound();
  });
  return app;
}

/** The absolute path of `rel` when it names an existing `ext` file inside `base`, else undefined. */
function inside(base: string, rel: string, ext: string): string | undefined {
  if (!rel.endsWith(ext) || !/^[A-Za-z0-9_./-]+$/.test(rel)) return undefined;
  const path = normalize(join(base, rel));
  if (!path.startsWith(base + sep) || !existsSync(path)) return undefined;
  const real = realpathSync(path);
  const realBase = realpathSync(base);
  return real.startsWith(realBase + sep) ? real : undefined;
}

/** The JavaScript the explorer loads for core file `path`: types stripped, @noble imports rewritten. */
export function coreModule(path: string): string {
  return rewrite(stripTypeScriptTypes(readFileSync(path, 'utf8')));
}

/** Rewrites bare `@noble/...` imports to the vendor route (a package name alone means its index.js). */
export function rewrite(source: string): string {
  return source.replace(
    /(from\s*|import\s*)(['"])@noble\/([^'"]+)\2/g,
    (_m, kw: string, q: string, spec: string) => {
      const file = spec.includes('/') ? spec : `${spec}/index.js`;
      return `${kw}${q}/explorer/vendor/@noble/${file}${q}`;
    },
  );
}
