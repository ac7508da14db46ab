/**
 * `npm run bench:edge [-- --subscribers 100 --rounds 200]`: relay fan-out at the edge. A local edge
 * (`wrangler dev --ip 127.0.0.1`, workerd, started here) relays `rounds` ledgerTxs frames, one at a
 * time, from one node connection to `subscribers` others; each round is timed from the send until the
 * last subscriber has the frame. Goal: p99 at most 50 ms for 100 subscribers. The hub checks each
 * transaction's signature and deduplicates it before fanning out.
 * Reference, measured in the same run, round for round alternately with the hub (so machine load
 * weighs on both alike): a plain `ws` relay in this Node process (reference.ts), which decodes and
 * forwards with no checks. Then the read measurements of test/bench/edge/reads.ts (their own node and
 * edge).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publicKeyOf } from '../../core/crypto/ed25519.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import { chainId as chainIdOf, genesisToJson } from '../../core/token/params.ts';
import { startEdge } from '../e2e/edge-process.ts';
import { easyParams } from '../gen/chain.ts';
import { connectTarget, measureFanout, percentile } from './edge/fanout.ts';
import { benchReads, printReads } from './edge/reads.ts';
import { referenceRelay } from './edge/reference.ts';

const { values } = parseArgs({
  options: { subscribers: { type: 'string', default: '100' }, rounds: { type: 'string', default: '200' } },
});
const subscribers = Number(values.subscribers);
const rounds = Number(values.rounds);
const GOAL_MS = 50;

const params = { ...easyParams(), network: 'edge-bench' };
const chainId = chainIdOf(params);
const dir = mkdtempSync(join(tmpdir(), 'proto-bench-edge-'));
const genesisFile = join(dir, 'genesis.json');
writeFileSync(genesisFile, JSON.stringify(genesisToJson(params)));

/** `n` ledgerTxs frames, each one fresh transfer signed by the key of `seed` (signed before timing). */
function frames(seed: number, n = rounds): Uint8Array[] {
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
  return `${name.padEnd(28)} p50 ${ms(p50)}   p90 ${ms(p90)}   p99 ${ms(p99)}   max ${ms(Math.max(...times))}`;
}

const edge = await startEdge(genesisFile);
try {
  console.log(`fan-out of ${rounds} ledgerTxs frames, one at a time, to ${subscribers} subscribers`);
  const ref = await referenceRelay(chainId);
  const targets = [
    await connectTarget(ref.url, chainId, subscribers),
    await connectTarget(edge.relay, chainId, subscribers),
  ];
  await measureFanout(targets, [frames(0x50, 10), frames(0x51, 10)]); // warm-up
  const [reference, relayed] = (await measureFanout(targets, [frames(0x52), frames(0x53)])) as [
    number[],
    number[],
  ];
  for (const t of targets) t.close();
  await ref.close();
  console.log(line('reference (plain ws, Node)', reference));
  console.log(line('edge relay hub (workerd)', relayed));
  const p99 = percentile(relayed, 99);
  console.log(
    `goal p99 <= ${GOAL_MS} ms to ${subscribers} subscribers: ${p99 <= GOAL_MS ? 'met' : 'NOT met'} (${p99.toFixed(2)} ms; ${(p99 / percentile(reference, 99)).toFixed(1)}x the reference p99)`,
  );
} finally {
  await edge.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log('\nreads (test/bench/edge/reads.ts, its own node and edge)');
printReads(await benchReads({ blocks: 40, requests: 400, concurrency: 8 }));
process.exit(0);
