/**
 * The load of Part 2: pre-signed transfers sent round-robin to the validators, `batch` per request
 * (`POST /v1/txs/batch`; one per request: `POST /v1/txs`), at most `inFlight` requests at a time, and
 * committed blocks read back from one validator with
 * `GET /v1/ledger/blocks/{height}`. Each account keeps `ahead` transfers in flight, as a wallet would:
 * its transfer of nonce n + ahead is sent once nonce n is in a committed block (`ahead` 1: one at a
 * time, each waiting for the previous one to commit); a refusal the node marks as retryable, or a
 * nonce the node does not take yet, is sent again 100 ms later. Every loop is bounded in time and in
 * requests. Requests go through node:http with kept-alive connections: fetch costs the client about
 * three times the CPU per request, which the validators sharing the machine's cores would lose.
 */
import { Agent, request } from 'node:http';
import { encodeTxBatch } from '../../../core/api/tx-batch.ts';
import type { DevnetNode } from './devnet.ts';

/** One committed block as the follower saw it. */
export interface SeenBlock {
  height: number;
  round: number;
  /** Header time (ns). */
  time: bigint;
  txs: number;
  /** When the follower read it (ms, performance.now). */
  seenAt: number;
}

export interface LoadResult {
  blocks: SeenBlock[];
  accepted: number;
  retried: number;
  refused: Map<string, number>;
  requests: number;
}

export interface LoadOptions {
  nodes: DevnetNode[];
  /** Encoded transfers; transfer i is account i mod `accounts`'s nonce floor(i / accounts). */
  txs: Uint8Array[];
  accounts: number;
  /** Sending stops after this long (ms); the follower reads on for `settleMs` more. */
  durationMs: number;
  settleMs: number;
  inFlight: number;
  /** Transfers per request: 1 posts each alone to /v1/txs, more go to /v1/txs/batch. */
  batch: number;
  maxRequests: number;
  /** The first height to read: the one after the head when the load starts. */
  fromHeight: number;
  /** Transfers each account keeps in flight (future nonces); 1 by default. */
  ahead?: number;
}

const TIMEOUT_MS = 5000;

/** The committed height of `node`, once it is at least `min` (polled for at most `ms`). */
export async function waitForHeight(node: DevnetNode, min: number, ms: number): Promise<number> {
  const end = performance.now() + ms;
  for (;;) {
    const res = await call(node, 'GET', '/v1/ledger/head').catch(() => undefined);
    const head = res?.status === 200 ? parse<{ height: number }>(res.body) : undefined;
    if (head && head.height >= min) return head.height;
    if (performance.now() > end) throw new Error(`no ledger height ${min} after ${ms} ms`);
    await sleep(100);
  }
}

/** Runs the load; resolves with what was committed. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const r: LoadResult = { blocks: [], accepted: 0, retried: 0, refused: new Map(), requests: 0 };
  const ahead = o.ahead ?? 1;
  const ready: number[] = Array.from({ length: Math.min(ahead * o.accounts, o.txs.length) }, (_, i) => i);
  const index = new Map<string, number>();
  for (let a = 0; a < Math.min(o.accounts, o.txs.length); a++) index.set(hexOf(o.txs[a]!.subarray(1, 33)), a);
  const start = performance.now();
  const sendUntil = start + o.durationMs;
  const sending = async (worker: number) => {
    for (let turn = worker; performance.now() < sendUntil && r.requests < o.maxRequests; turn++) {
      const picked = ready.splice(0, o.batch);
      if (picked.length === 0) {
        await sleep(5);
        continue;
      }
      r.requests++;
      const verdicts = await submit(
        o.nodes[turn % o.nodes.length]!,
        picked.map((i) => o.txs[i]!),
        o.batch,
      );
      for (const [k, verdict] of verdicts.entries()) {
        const i = picked[k]!;
        if (verdict === 'ok') r.accepted++;
        else if (verdict === 'retry') {
          r.retried++;
          setTimeout(() => ready.push(i), 100);
        } else r.refused.set(verdict, (r.refused.get(verdict) ?? 0) + 1);
      }
    }
  };
  const follow = async () => {
    for (let height = o.fromHeight; performance.now() < sendUntil + o.settleMs; ) {
      const block = await getBlock(o.nodes[0]!, height);
      if (!block) {
        await sleep(20);
        continue;
      }
      const { time, round } = block.header;
      r.blocks.push({ height, round, time: BigInt(time), txs: block.txs.length, seenAt: performance.now() });
      for (const tx of block.txs) {
        const a = tx.from === undefined ? undefined : index.get(tx.from);
        const next = a === undefined ? o.txs.length : a + (Number(tx.nonce) + ahead) * o.accounts;
        if (next < o.txs.length) ready.push(next);
      }
      height++;
    }
  };
  await Promise.all([follow(), ...Array.from({ length: o.inFlight }, (_, w) => sending(w))]);
  return r;
}

type Refusal = { error?: { code?: string; message?: string } };

/** Per transfer: 'ok', 'retry' (the node asks for it, or has not reached the nonce yet), or the refusal's code. */
async function submit(node: DevnetNode, txs: Uint8Array[], batch: number): Promise<string[]> {
  try {
    if (batch === 1) {
      const res = await call(node, 'POST', '/v1/txs', txs[0]!);
      return [res.status === 202 ? 'ok' : verdictOf(parse<Refusal>(res.body), res.status)];
    }
    const res = await call(node, 'POST', '/v1/txs/batch', encodeTxBatch(txs));
    const results = res.status === 200 ? parse<{ results: Refusal[] }>(res.body)?.results : undefined;
    if (!results || results.length !== txs.length)
      return txs.map(() => verdictOf(parse<Refusal>(res.body), res.status));
    return results.map((x) => (x.error ? verdictOf(x, 200) : 'ok'));
  } catch (e) {
    return txs.map(() => ((e as Error).message === 'timeout' ? 'timeout' : 'network-error'));
  }
}

function verdictOf(body: Refusal | undefined, status: number): string {
  const code = body?.error?.code ?? `http-${status}`;
  return code === 'bad-nonce' || /retry/.test(body?.error?.message ?? '') ? 'retry' : code;
}

interface BlockJson {
  header: { time: string; round: number };
  txs: { from?: string; nonce?: string }[];
}

/** Committed block `height`, or undefined while the node does not have it. */
async function getBlock(node: DevnetNode, height: number): Promise<BlockJson | undefined> {
  const res = await call(node, 'GET', `/v1/ledger/blocks/${height}`).catch(() => undefined);
  return res?.status === 200 ? parse<BlockJson>(res.body) : undefined;
}

const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/**
 * One request on a kept-alive connection: status and body, rejected after TIMEOUT_MS. A request
 * whose reused connection the server had just closed (its idle timeout) is sent again once.
 */
function call(
  node: DevnetNode,
  method: 'GET' | 'POST',
  path: string,
  body?: Uint8Array,
  retry = true,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/octet-stream', 'content-length': body.length } : {};
    const req = request(`${node.url}${path}`, { method, agent, headers, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (retry && req.reusedSocket && e.code === 'ECONNRESET')
        call(node, method, path, body, false).then(resolve, reject);
      else reject(e);
    });
    req.end(body);
  });
}

function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function hexOf(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
