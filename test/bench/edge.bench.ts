/**
 * `npm run bench:edge [-- --subscribers 100 --rounds 200 --threads 4 --requests 600 --only fanout|reads]`: the edge's two measured goals,
 * each judged here against a reference measured in the same run.
 *
 * 1. Relay fan-out. The edge runs in local workerd (edge/workerd.ts: the Worker bundled as
 *    `wrangler deploy` bundles it, on its own workerd socket, no `wrangler dev` proxy) and relays
 *    `rounds` ledgerTxs frames, one at a time, from one node connection to `subscribers` others; each
 *    round is timed from the publisher's send until the last subscriber has the frame (subscribers
 *    spread over `threads` worker threads, time-stamped on arrival: fanout.ts). The hub checks each
 *    transaction's signature and deduplicates it before fanning out. Goal: p99 at most 50 ms for 100
 *    subscribers. Reference, round for round alternately with the hub (so machine load weighs on both
 *    alike): a plain `ws` relay in this Node process (reference.ts), which decodes and forwards with
 *    no checks, and a bare hub in the same workerd (workerd.ts: forwards every frame, nothing else),
 *    the floor of any fan-out there.
 * 2. Reads (test/bench/edge/reads.ts, its own node and edge): cached reads p99 at most 5 ms, against
 *    the node's own HTTP server and workerd's hello-world floor measured with the same client.
 *
 * Prints PASS or FAIL per goal with its figures and the load average; exits 1 when a goal fails.
 */
import { parseArgs } from 'node:util';
import { publicKeyOf } from '../../core/crypto/ed25519.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import { chainId as chainIdOf, genesisToJson } from '../../core/token/params.ts';
import { easyParams } from '../gen/chain.ts';
import { connectPublisher, measureFanout, percentile, Receivers } from './edge/fanout.ts';
import { benchReads, loadLine, printReads } from './edge/reads.ts';
import { referenceRelay } from './edge/reference.ts';
import { startWorkerdEdge } from './edge/workerd.ts';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '200' },
    threads: { type: 'string', default: '4' },
    requests: { type: 'string', default: '600' },
    only: { type: 'string' },
  },
});
const subscribers = Number(values.subscribers);
const rounds = Number(values.rounds);
const threads = Number(values.threads);
const GOAL_MS = 50;
const WARMUP = 20;

const params = { ...easyParams(), network: 'edge-bench' };
const chainId = chainIdOf(params);

/** `n` ledgerTxs frames, each one fresh transfer signed by the key of `seed` (signed before timing). */
function frames(seed: number, n: number): Uint8Array[] {
  const secret = new Uint8Array(32).fill(seed);
  const from = publicKeyOf(secret);
  const to = new Uint8Array(32).fill(1);
  return Array.from({ length: n }, (_, i) => {
    const body = { type: TxType.transfer, from, to, amount: 1n, fee: 1n, nonce: BigInt(i) } as const;
    return encodeMessage({ type: 'ledgerTxs', txs: [encodeTx(signTx(chainId, body, secret))] });
  });
}

function line(name: string, times: number[]): string {
  const ms = (v: number) => `${v.toFixed(2).padStart(7)} ms`;
  const [p50, p90, p99] = [50, 90, 99].map((p) => percentile(times, p)) as [number, number, number];
  return `${name.padEnd(30)} p50 ${ms(p50)}   p90 ${ms(p90)}   p99 ${ms(p99)}   max ${ms(Math.max(...times))}`;
}

async function benchFanout(): Promise<boolean> {
  const edge = await startWorkerdEdge(JSON.stringify(genesisToJson(params)));
  const ref = await referenceRelay(chainId);
  try {
    console.log(
      `fan-out of ${rounds} ledgerTxs frames, one at a time, to ${subscribers} subscribers on ${threads} threads`,
    );
    const urls = [ref.url, edge.bareRelay, edge.relay];
    const receivers = await Receivers.start(urls, chainId, subscribers, threads);
    const publishers = await Promise.all(urls.map((u) => connectPublisher(u, chainId)));
    await measureFanout(
      receivers,
      publishers,
      [0x50, 0x51, 0x52].map((s) => frames(s, WARMUP)),
      0,
    );
    const [reference, bare, relayed] = (await measureFanout(
      receivers,
      publishers,
      [0x53, 0x54, 0x55].map((s) => frames(s, rounds)),
      WARMUP,
    )) as [number[], number[], number[]];
    for (const p of publishers) p.terminate();
    await receivers.stop();
    console.log(line('reference (plain ws, Node)', reference));
    console.log(line('bare workerd hub (floor)', bare));
    console.log(line('edge relay hub (workerd)', relayed));
    console.log(loadLine());
    const p99 = percentile(relayed, 99);
    const met = p99 <= GOAL_MS;
    console.log(
      `${met ? 'PASS' : 'FAIL'} fan-out to ${subscribers} subscribers p99 <= ${GOAL_MS} ms: ${p99.toFixed(2)} ms over ${rounds} publishes (p50 ${percentile(relayed, 50).toFixed(2)} ms; bare workerd hub p99 ${percentile(bare, 99).toFixed(2)} ms; Node reference p99 ${percentile(reference, 99).toFixed(2)} ms)`,
    );
    return met;
  } finally {
    await ref.close();
    await edge.stop();
  }
}

async function reads(): Promise<boolean> {
  console.log('\nreads (test/bench/edge/reads.ts, its own node and edge)');
  const opts = { blocks: 40, requests: Number(values.requests), concurrency: 8 };
  return printReads(await benchReads(opts), opts.concurrency);
}

const fanoutMet = values.only === 'reads' || (await benchFanout());
const readsMet = values.only === 'fanout' || (await reads());
process.exit(fanoutMet && readsMet ? 0 : 1);
