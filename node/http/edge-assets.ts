/**
 * The edge's static assets (`npm run build:edge`, run by wrangler before `deploy` and `dev`): the
 * explorer exactly as the node serves it, written under `.edge-assets/explorer/`: the files of
 * `explorer/`, core's modules with their types stripped (`explorer/core/**.ts`) and the @noble
 * modules they import (`explorer/vendor/@noble/**.js`). The Worker serves them from its `[assets]`.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { EXPLORER_DIR } from './explorer.ts';
import { CORE, coreModule, NOBLE, rewrite } from './explorer-modules.ts';

/** Where the assets go: `.edge-assets/` at the repository's top level (ignored by git). */
export const EDGE_ASSETS_DIR = join(import.meta.dirname, '../../.edge-assets');

/** Writes the assets into `out` (emptied first); returns the number of files written. */
export function buildEdgeAssets(out = EDGE_ASSETS_DIR): number {
  rmSync(out, { recursive: true, force: true });
  const base = join(out, 'explorer');
  mkdirSync(base, { recursive: true });
  cpSync(EXPLORER_DIR, base, { recursive: true });
  let n = files(EXPLORER_DIR, () => true).length;
  for (const path of files(
    CORE,
    (p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.as.ts'),
  )) {
    write(join(base, 'core', relative(CORE, path)), coreModule(path));
    n++;
  }
  for (const path of files(NOBLE, (p) => p.endsWith('.js'))) {
    write(join(base, 'vendor/@noble', relative(NOBLE, path)), rewrite(readFileSync(path, 'utf8')));
    n++;
  }
  return n;
}

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

if (import.meta.main) console.log(`edge assets: ${buildEdgeAssets()} files in ${EDGE_ASSETS_DIR}`);
