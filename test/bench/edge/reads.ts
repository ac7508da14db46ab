/**
 * The read half of `npm run bench:edge` (test/bench/edge.bench.ts calls `benchReads`; this file also
 * runs alone: `node test/bench/edge/reads.ts [--blocks 40 --requests 400 --concurrency 8]`).
 *
 * A one-validator node (in process, 200 ms blocks) commits `blocks` ledger blocks; the edge runs under
 * `wrangler dev --ip 127.0.0.1` on that node's genesis and is loaded with the same blocks through
 * `POST /v1/ledger/range` (each verified). Then, with `concurrency` requests in flight:
 * - node: `GET /v1/ledger/blocks/{h}` from the node's own HTTP server (the reference, same run);
 * - edge uncached: the same route with `Cache-Control: no-cache`, so every read asks the Durable
 *   Objects (head and shard) and builds the JSON;
 * - edge cached: the same route answered by the Workers cache;
 * - bulk ranges: `GET /v1/ledger/range?from=1&count=blocks`, uncached and cached.
 * - floors: `GET /v1/health` on both (no storage, no cache): what the server and, for the edge, the
 *   `wrangler dev` proxy in front of workerd cost by themselves.
 * Printed per case: requests/s, p50 and p99 latency, and the machine's load. Goal: cached reads p99
 * <= 5 ms.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeLedgerRange } from '../../../core/api/ledger-range.ts';
import { fromHex } from '../../../core/bytes.ts';
import { genesisToJson } from '../../../core/token/params.ts';
import { startOneValidator } from '../../../node/http/one-validator.fixture.ts';
import { freePort, waitFor } from '../../e2e/proto-process.ts';

export interface ReadRow {
  case: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ReadsOptions {
  blocks: number;
  requests: number;
  concurrency: number;
}

const ROOT = join(import.meta.dirname, '../../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

/** Runs every read case; returns one row per case (also printed by `printReads`). */
export async function benchReads(opts: ReadsOptions): Promise<ReadRow[]> {
  const node = await startOneValidator('edge-bench', 7);
  const edge = await startEdge(JSON.stringify(genesisToJson(node.params)));
  try {
    await waitFor(async () => (await headOf(node.url)) >= opts.blocks, 60_000, `${opts.blocks} node blocks`);
    await loadEdge(node.url, edge.url, opts.blocks);
    const heights = (i: number) => (i % opts.blocks) + 1;
    const rows: ReadRow[] = [];
    const run = async (name: string, url: (i: number) => string, headers: Record<string, string> = {}) =>
      rows.push(await measure(name, url, headers, opts));
    const fresh = { 'cache-control': 'no-cache' };
    await run('node GET /v1/health (floor)', () => `${node.url}/v1/health`);
    await run('edge GET /v1/health (floor: no storage, no cache)', () => `${edge.url}/v1/health`);
    await run('node GET /v1/ledger/blocks/{h}', (i) => `${node.url}/v1/ledger/blocks/${heights(i)}`);
    await run(
      'edge GET /v1/ledger/blocks/{h} uncached',
      (i) => `${edge.url}/v1/ledger/blocks/${heights(i)}`,
      fresh,
    );
    for (let h = 1; h <= opts.blocks; h++)
      await (await fetch(`${edge.url}/v1/ledger/blocks/${h}`)).arrayBuffer();
    await run('edge GET /v1/ledger/blocks/{h} cached', (i) => `${edge.url}/v1/ledger/blocks/${heights(i)}`);
    const range = `${edge.url}/v1/ledger/range?from=1&count=${opts.blocks}`;
    await run(`edge GET /v1/ledger/range (${opts.blocks} blocks) uncached`, () => range, fresh);
    await run(`edge GET /v1/ledger/range (${opts.blocks} blocks) cached`, () => range);
    return rows;
  } finally {
    edge.stop();
    await node.stop();
  }
}

async function headOf(base: string): Promise<number> {
  const res = await fetch(`${base}/v1/ledger/head`);
  return ((await res.json()) as { height: number }).height;
}

/** Copies blocks 1..n from the node's JSON (raw block and commit) to the edge as one binary range. */
async function loadEdge(nodeUrl: string, edgeUrl: string, n: number): Promise<void> {
  const blocks = [];
  for (let h = 1; h <= n; h++) {
    const b = (await (await fetch(`${nodeUrl}/v1/ledger/blocks/${h}`)).json()) as {
      raw: string;
      rawCommit: string;
    };
    blocks.push({ block: fromHex(b.raw)!, commit: fromHex(b.rawCommit)! });
  }
  const res = await fetch(`${edgeUrl}/v1/ledger/range`, {
    method: 'POST',
    body: encodeLedgerRange({ from: 1, blocks }),
  });
  const body = (await res.json()) as { head?: number };
  if (body.head !== n) throw new Error(`the edge did not take the blocks: ${JSON.stringify(body)}`);
}

/** `opts.requests` GETs, `opts.concurrency` at a time, each body read to the end. */
async function measure(
  name: string,
  url: (i: number) => string,
  headers: Record<string, string>,
  opts: ReadsOptions,
): Promise<ReadRow> {
  for (let i = 0; i < Math.min(20, opts.requests); i++)
    await (await fetch(url(i), { headers })).arrayBuffer();
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < opts.requests) {
      const i = next++;
      const t0 = performance.now();
      const res = await fetch(url(i), { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${name}: status ${res.status}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    case: name,
    requests: opts.requests,
    perSecond: opts.requests / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/** `wrangler dev` on 127.0.0.1 serving `genesis`, with its own state directory. */
async function startEdge(genesis: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'proto-edge-bench-'));
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state];
  const child: ChildProcess = spawn(process.execPath, [WRANGLER, ...args, '--var', `GENESIS:${genesis}`], {
    cwd: ROOT,
    env: {
      ...process.env,
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
      WRANGLER_SEND_METRICS: 'false',
      CI: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => (await fetch(`${url}/v1/health`).catch(() => undefined))?.ok === true,
      120_000,
      'wrangler dev',
    );
  } catch (e) {
    stop();
    throw new Error(`${(e as Error).message}\n${log.slice(-2000)}`);
  }
  return { url, stop };
}

/** Prints the rows as a table, and whether cached reads meet the goal. */
export function printReads(rows: ReadRow[]): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`${pad('case', 52)} ${pad('req/s', 8)} ${pad('p50 ms', 8)} p99 ms`);
  for (const r of rows)
    console.log(
      `${pad(r.case, 52)} ${pad(r.perSecond.toFixed(0), 8)} ${pad(r.p50Ms.toFixed(2), 8)} ${r.p99Ms.toFixed(2)}`,
    );
  const cached = rows.filter((r) => r.case.endsWith('cached') && !r.case.endsWith('uncached'));
  const worst = Math.max(...cached.map((r) => r.p99Ms));
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  console.log(`cached reads p99 ${worst.toFixed(2)} ms (goal <= 5 ms): ${worst <= 5 ? 'met' : 'NOT met'}`);
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      blocks: { type: 'string', default: '40' },
      requests: { type: 'string', default: '400' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  const opts = {
    blocks: Number(values.blocks),
    requests: Number(values.requests),
    concurrency: Number(values.concurrency),
  };
  printReads(await benchReads(opts));
  process.exit(0);
}
