/**
 * The HTTP client of the read benchmarks: `node:http` with one keep-alive agent per origin (no
 * connection set-up inside a sample), warm-up requests first, then the cases measured interleaved
 * (a batch of each case in turn, A, B, C, A, B, C, ...) so a machine load that varies over time weighs
 * on all of them alike. Two passes: latency (one request in flight, so a sample is the server's time
 * plus the loopback, not a queue) and throughput (`concurrency` in flight, requests/s).
 * `measureInWorker` runs it in a worker thread, away from anything else on the caller's event loop
 * (the benchmark's node commits blocks on the main thread).
 */
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';

/** One kind of request: GETs cycling over `urls`; each answer must be 200 (and carry `expect`). */
export interface LoadCase {
  name: string;
  urls: string[];
  headers?: Record<string, string>;
  /** A header every answer must carry with this value, e.g. `["x-edge-cache", "hit"]`. */
  expect?: [string, string];
}

export interface LoadOptions {
  /** Samples per case in the latency pass, and requests per case in the throughput pass. */
  requests: number;
  /** Requests in flight in the throughput pass. */
  concurrency: number;
  /** Requests per case before measuring. */
  warmup: number;
  /** Requests of one case before the next case's turn. */
  batch: number;
}

export interface LoadRow {
  case: string;
  samples: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Requests per second with `concurrency` in flight. */
  perSecond: number;
}

const agents = new Map<string, Agent>();

function agentFor(url: URL, sockets: number): Agent {
  let a = agents.get(url.origin);
  if (!a) {
    a = new Agent({ keepAlive: true, maxSockets: sockets });
    agents.set(url.origin, a);
  }
  return a;
}

/** One GET read to its end; resolves with the milliseconds it took. */
function get(c: LoadCase, i: number, sockets: number): Promise<number> {
  const url = new URL(c.urls[i % c.urls.length]!);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { agent: agentFor(url, sockets), headers: c.headers }, (res) => {
      res.resume();
      res.on('error', reject);
      res.on('end', () => {
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) return reject(new Error(`${c.name}: status ${res.statusCode}`));
        const [name, want] = c.expect ?? [];
        if (name && res.headers[name] !== want)
          return reject(new Error(`${c.name}: ${name} is ${res.headers[name]}, expected ${want}`));
        resolve(ms);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** `n` requests of `c` starting at index `from`, `inFlight` at a time; their latencies. */
async function batchOf(c: LoadCase, from: number, n: number, inFlight: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < n) times.push(await get(c, from + next++, inFlight));
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, n) }, lane));
  return times;
}

/** Runs every case, interleaved batch by batch, in both passes; one row per case. */
export async function measureCases(cases: LoadCase[], o: LoadOptions): Promise<LoadRow[]> {
  for (const c of cases) await batchOf(c, 0, o.warmup, o.concurrency);
  const lat = cases.map(() => [] as number[]);
  const busy = cases.map(() => 0);
  for (let done = 0; done < o.requests; done += o.batch) {
    const n = Math.min(o.batch, o.requests - done);
    for (const [k, c] of cases.entries()) lat[k]!.push(...(await batchOf(c, done, n, 1)));
    for (const [k, c] of cases.entries()) {
      const t0 = performance.now();
      await batchOf(c, done, n, o.concurrency);
      busy[k]! += performance.now() - t0;
    }
  }
  for (const a of agents.values()) a.destroy();
  agents.clear();
  return cases.map((c, k) => row(c.name, lat[k]!, (o.requests * 1000) / busy[k]!));
}

function row(name: string, times: number[], perSecond: number): LoadRow {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return {
    case: name,
    samples: s.length,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: s[s.length - 1]!,
    perSecond,
  };
}

/** `measureCases` in a worker thread (http-load.worker.ts). */
export function measureInWorker(cases: LoadCase[], o: LoadOptions): Promise<LoadRow[]> {
  const worker = new Worker(new URL('./http-load.worker.ts', import.meta.url), {
    workerData: { cases, options: o },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { rows?: LoadRow[]; error?: string }) =>
      m.rows ? resolve(m.rows) : reject(new Error(m.error)),
    );
    worker.once('error', reject);
  }).finally(() => worker.terminate()) as Promise<LoadRow[]>;
}
