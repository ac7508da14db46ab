/**
 * The edge in local workerd for the benchmarks, without `wrangler dev`'s proxy: the Worker is bundled
 * exactly as `wrangler deploy` bundles it (`wrangler deploy --dry-run --outdir`), then run by
 * Miniflare (real workerd) with the bindings of wrangler.toml, each worker on its own workerd socket
 * (`unsafeDirectSockets`), so requests reach the Worker with no Node hop and no Miniflare entry worker.
 * The static assets (the explorer) are left out: locally they put Miniflare's asset router (two
 * JavaScript workers) in front of every request, where Cloudflare routes natively; no benchmark reads
 * them (ASSETS is optional in Env).
 * A second worker, `hello` (answers "ok"; and a bare fan-out hub), is the floor of workerd itself:
 * measured with the same client in the same run, it shows what any route or any fan-out costs before
 * the edge's own work.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare, type V4WorkerOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { encodeMessage } from '../../../core/p2p/codec.ts';

const ROOT = join(import.meta.dirname, '../../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
/**
 * The floor worker: `GET /` answers "ok"; `GET /fanout` is a bare hub (a Durable Object on the
 * Hibernation API, one instance) that answers a connection's first frame with `status` (so clients
 * see the handshake they expect) and sends every later frame to every other connection: no decoding,
 * no checks, no attachments.
 */
const hello = (status: Uint8Array) => `
import { DurableObject } from 'cloudflare:workers';
const STATUS = new Uint8Array([${status.join(',')}]);
export class Fanout extends DurableObject {
  ready = new Set();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, data) {
    if (!this.ready.has(ws)) { this.ready.add(ws); ws.send(STATUS); return; }
    for (const other of this.ctx.getWebSockets()) if (other !== ws) other.send(data);
  }
}
export default {
  fetch(request, env) {
    if (new URL(request.url).pathname === '/fanout') return env.FANOUT.getByName('floor').fetch(request);
    return new Response('ok');
  },
};`;

export interface WorkerdEdge {
  /** http://127.0.0.1:PORT: the edge Worker's own workerd socket. */
  url: string;
  /** ws://127.0.0.1:PORT/v1/relay */
  relay: string;
  /** http://127.0.0.1:PORT: the `hello` worker's socket (the floor). */
  hello: string;
  /** ws://127.0.0.1:PORT/fanout: the bare hub of the `hello` worker (the fan-out floor). */
  bareRelay: string;
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
  const status = encodeMessage({ type: 'ledgerStatus', head: 0 });
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
          bindings: { GENESIS: genesis },
          unsafeDirectSockets: socket,
        },
        {
          name: 'hello',
          modules: true,
          script: hello(status),
          compatibilityDate,
          durableObjects: { FANOUT: 'Fanout' },
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
    const ws = (base: string) => base.replace('http', 'ws');
    return { url, relay: `${ws(url)}/v1/relay`, hello, bareRelay: `${ws(hello)}/fanout`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
