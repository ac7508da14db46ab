/**
 * The read half of `npm run bench:edge` (test/bench/edge.bench.ts calls `benchReads`; this file also
 * runs alone: `npm run bench:edge-reads [-- --blocks 40 --requests 600 --concurrency 8]`).
 *
 * A one-validator node (in process, 200 ms blocks) commits `blocks` ledger blocks; the edge runs in
 * local workerd (workerd.ts: the Worker bundled as `wrangler deploy` bundles it, on its own workerd
 * socket, no `wrangler dev` proxy) on that node's genesis and is loaded with the same blocks through
 * `POST /v1/ledger/range` (each verified). The client (http-load.ts, a worker thread with keep-alive
 * agents) measures, interleaved in the same run:
 * - floors: workerd's `hello` worker (no code of ours), `GET /v1/health` on the node and the edge;
 * - node: `GET /v1/ledger/blocks/{h}` from the node's own HTTP server (the reference);
 * - edge uncached: the same route with `Cache-Control: no-cache`, so every read asks the Durable
 *   Objects (head and shard) and builds the JSON;
 * - edge cached: the same route answered by the Workers cache (every answer must say
 *   `x-edge-cache: hit`);
 * - bulk ranges: `GET /v1/ledger/range?from=1&count=blocks`, uncached and cached.
 * Printed per case: p50/p90/p99/max latency with one request in flight, requests/s with
 * `concurrency` in flight, and the machine's load. Goal: cached reads p99 <= 5 ms.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { encodeLedgerRange } from '../../../core/api/ledger-range.ts';
import { fromHex } from '../../../core/bytes.ts';
import { genesisToJson } from '../../../core/token/params.ts';
import { startOneValidator } from '../../../node/http/one-validator.fixture.ts';
import { waitFor } from '../../e2e/proto-process.ts';
import { type LoadCase, type LoadRow, measureInWorker } from './http-load.ts';
import { startWorkerdEdge } from './workerd.ts';

export const CACHED_GOAL_MS = 5;

export interface ReadsOptions {
  blocks: number;
  requests: number;
  concurrency: number;
}

/** Runs every read case; returns one row per case (printed by `printReads`). */
export async function benchReads(opts: ReadsOptions): Promise<LoadRow[]> {
  const node = await startOneValidator('edge-bench', 7);
  const edge = await startWorkerdEdge(JSON.stringify(genesisToJson(node.params)));
  try {
    await waitFor(async () => (await headOf(node.url)) >= opts.blocks, 60_000, `${opts.blocks} node blocks`);
    await loadEdge(node.url, edge.url, opts.blocks);
    const heights = Array.from({ length: opts.blocks }, (_, i) => i + 1);
    const blocks = (base: string) => heights.map((h) => `${base}/v1/ledger/blocks/${h}`);
    const range = [`${edge.url}/v1/ledger/range?from=1&count=${opts.blocks}`];
    for (const url of [...blocks(edge.url), ...range]) await (await fetch(url)).arrayBuffer();
    const fresh = { 'cache-control': 'no-cache' };
    const hit: [string, string] = ['x-edge-cache', 'memory'];
    const cases: LoadCase[] = [
      { name: 'workerd hello worker (floor)', urls: [`${edge.hello}/`] },
      { name: 'node GET /v1/health (floor)', urls: [`${node.url}/v1/health`] },
      { name: 'edge GET /v1/health (no storage)', urls: [`${edge.url}/v1/health`] },
      { name: 'node GET /v1/ledger/blocks/{h}', urls: blocks(node.url) },
      { name: 'edge GET /v1/ledger/blocks/{h} uncached', urls: blocks(edge.url), headers: fresh },
      { name: 'edge GET /v1/ledger/blocks/{h} cached', urls: blocks(edge.url), expect: hit },
      { name: `edge GET /v1/ledger/range (${opts.blocks}) uncached`, urls: range, headers: fresh },
      { name: `edge GET /v1/ledger/range (${opts.blocks}) cached`, urls: range, expect: hit },
    ];
    return await measureInWorker(cases, { ...opts, warmup: 30, batch: 50 });
  } finally {
    await edge.stop();
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

/** The machine's load, as printed with every figure. */
export function loadLine(): string {
  const l = loadavg().map((x) => x.toFixed(1));
  return `load average ${l.join(' ')} on ${availableParallelism()} cores`;
}

/** Prints the rows as a table and the goal's verdict; returns whether cached reads meet the goal. */
export function printReads(rows: LoadRow[], concurrency: number): boolean {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (v: number) => v.toFixed(2).padStart(8);
  console.log(
    `${pad('case (latency: 1 in flight)', 44)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}   req/s (${concurrency} in flight)`,
  );
  for (const r of rows)
    console.log(
      `${pad(r.case, 44)} ${num(r.p50Ms)} ${num(r.p90Ms)} ${num(r.p99Ms)} ${num(r.maxMs)}   ${r.perSecond.toFixed(0).padStart(6)}`,
    );
  console.log(`${rows[0]?.samples ?? 0} samples per case; ${loadLine()}`);
  const cached = rows.filter((r) => r.case.endsWith(' cached'));
  const worst = Math.max(...cached.map((r) => r.p99Ms));
  const floor = rows[0]!;
  const met = worst <= CACHED_GOAL_MS;
  console.log(
    `${met ? 'PASS' : 'FAIL'} cached reads p99 <= ${CACHED_GOAL_MS} ms: worst cached p99 ${worst.toFixed(2)} ms (${cached.map((r) => `${r.case.replace('edge GET ', '')} ${r.p99Ms.toFixed(2)}`).join('; ')}); workerd hello floor p99 ${floor.p99Ms.toFixed(2)} ms`,
  );
  return met;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      blocks: { type: 'string', default: '40' },
      requests: { type: 'string', default: '600' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  const opts = {
    blocks: Number(values.blocks),
    requests: Number(values.requests),
    concurrency: Number(values.concurrency),
  };
  const met = printReads(await benchReads(opts), opts.concurrency);
  process.exit(met ? 0 : 1);
}
