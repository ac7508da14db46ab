/**
 * The edge in local workerd for the benchmarks, without `wrangler dev`'s proxy: the Worker is bundled
 * exactly as `wrangler deploy` bundles it (`wrangler deploy --dry-run --outdir`), then run by
 * Miniflare (real workerd) with the bindings of wrangler.toml, each worker on its own workerd socket
 * (`unsafeDirectSockets`), so requests reach the Worker with no Node hop and no Miniflare entry worker.
 * A second worker, `hello` (answers "ok", nothing else), is the floor of workerd itself: measured
 * with the same client in the same run, it shows what any route costs before the edge's own work.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare, type V4WorkerOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const ROOT = join(import.meta.dirname, '../../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const HELLO = 'export default { fetch() { return new Response("ok"); } };';

export interface WorkerdEdge {
  /** http://127.0.0.1:PORT: the edge Worker's own workerd socket. */
  url: string;
  /** ws://127.0.0.1:PORT/v1/relay */
  relay: string;
  /** http://127.0.0.1:PORT: the `hello` worker's socket (the floor). */
  hello: string;
  stop(): Promise<void>;
}

/** Bundles the Worker as `wrangler deploy` would, into a fresh directory; returns the directory. */
function bundle(): string {
  const out = mkdtempSync(join(tmpdir(), 'proto-edge-bundle-'));
  const r = spawnSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
  });
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** Starts the edge serving `genesis` (a genesis.json text) in workerd, state in a fresh directory. */
export async function startWorkerdEdge(genesis: string): Promise<WorkerdEdge> {
  const out = bundle();
  const state = mkdtempSync(join(tmpdir(), 'proto-edge-state-'));
  const w = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml')).workerOptions as V4WorkerOptions;
  const socket = [{ host: '127.0.0.1', port: 0 }];
  const compatibilityDate = w.compatibilityDate;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      logRequests: false,
      defaultPersistRoot: state,
      workers: [
        {
          name: 'proto-edge',
          modules: true,
          scriptPath: join(out, 'worker.js'),
          modulesRoot: out,
          compatibilityDate,
          durableObjects: w.durableObjects,
          assets: w.assets,
          bindings: { GENESIS: genesis },
          unsafeDirectSockets: socket,
        },
        {
          name: 'hello',
          modules: true,
          script: HELLO,
          compatibilityDate,
          unsafeDirectSockets: socket,
        },
      ],
    }),
  );
  const stop = async () => {
    await mf.dispose();
    for (const d of [out, state]) rmSync(d, { recursive: true, force: true });
  };
  try {
    await mf.ready;
    const url = (await mf.unsafeGetDirectURL('proto-edge')).origin;
    const hello = (await mf.unsafeGetDirectURL('hello')).origin;
    return { url, relay: `${url.replace('http', 'ws')}/v1/relay`, hello, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
