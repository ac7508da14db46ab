/**
 * Part 2 of `bench:ledger`: `validators` validator processes on 127.0.0.1 (devnet.ts) under the load
 * of load.ts. Reports committed transfers/s from the blocks (header times), the blocks' size and pace,
 * the CPU each process used and what other jobs took of the machine, refusals, and with `profile` the
 * validators' hottest functions.
 */
import { availableParallelism } from 'node:os';
import { chainId as chainIdOf } from '../../../core/token/params.ts';
import { nowNs } from '../../../node/chain.ts';
import { topFunctions } from './cpu-profile.ts';
import { cpuSeconds, machineTicks, startDevnet } from './devnet.ts';
import { runLoad, type SeenBlock, waitForHeight } from './load.ts';
import { signAll } from './sign-pool.ts';
import { benchParams, makeKeys } from './workload.ts';

export interface Part2Options {
  validators: number;
  accounts: number;
  txs: number;
  seconds: number;
  intervalMs: number;
  inFlight: number;
  batch: number;
  profile: boolean;
  /** Transfers each account keeps in flight (1: each waits for the previous one to commit). */
  ahead?: number;
}

const MS = 1_000_000n;

/** Runs Part 2 and prints its figures; returns the committed transfers/s (0 when too few blocks). */
export async function part2(o: Part2Options): Promise<number> {
  const validators = makeKeys(0xa1, o.validators);
  const senders = makeKeys(0xb2, o.accounts);
  const live = { genesisTime: nowNs(), blockInterval: BigInt(o.intervalMs) * MS };
  const params = benchParams(validators.keys, senders.keys, live);
  console.log(
    `\nPart 2: ${o.validators} validator processes on 127.0.0.1, block interval ${o.intervalMs} ms,` +
      ` ${o.accounts} accounts, ${o.seconds} s of ${o.batch === 1 ? 'POST /v1/txs' : `POST /v1/txs/batch (${o.batch} per request)`}` +
      ` (${o.inFlight} requests in flight), ${o.ahead ?? 1} transfer(s) in flight per account`,
  );
  const txs = await signAll(chainIdOf(params), senders, o.txs, availableParallelism());
  const devnet = await startDevnet(params, validators.secrets, o.profile);
  let rate = 0;
  try {
    const head = await waitForHeight(devnet.nodes[0]!, 2, 60_000);
    const pids = devnet.nodes.map((n) => n.proc.pid);
    const cpu0 = await Promise.all(pids.map(cpuSeconds));
    const client0 = process.cpuUsage();
    const machine0 = await machineTicks();
    const t0 = performance.now();
    const r = await runLoad({
      nodes: devnet.nodes,
      txs,
      accounts: o.accounts,
      durationMs: o.seconds * 1000,
      settleMs: 3000,
      inFlight: o.inFlight,
      batch: o.batch,
      maxRequests: 20 * o.txs,
      fromHeight: head + 1,
      ahead: o.ahead,
    });
    const wall = (performance.now() - t0) / 1000;
    const cpu = (await Promise.all(pids.map(cpuSeconds))).map((c, i) => c - cpu0[i]!);
    const client = process.cpuUsage(client0);
    const machine = await machineTicks();
    rate = report(r.blocks);
    console.log(
      `  requests ${r.requests}: accepted ${r.accepted}, retried ${r.retried}, refused ${fmt(r.refused)}`,
    );
    console.log(
      `  CPU over ${wall.toFixed(1)} s: validators ${cpu.map((c) => `${((100 * c) / wall).toFixed(0)} %`).join(', ')};` +
        ` this client ${((client.user + client.system) / 1e4 / wall).toFixed(0)} %`,
    );
    const cores = availableParallelism();
    const busy = (machine.busy - machine0.busy) / Math.max(1, machine.total - machine0.total);
    const ours = (cpu.reduce((s, c) => s + c, 0) + (client.user + client.system) / 1e6) / wall / cores;
    console.log(
      `  the machine's ${cores} cores ${(100 * busy).toFixed(0)} % busy, this bench ${(100 * ours).toFixed(0)} %,` +
        ` other jobs ${Math.max(0, 100 * (busy - ours)).toFixed(0)} %`,
    );
  } catch (e) {
    for (const [i, n] of devnet.nodes.entries())
      console.log(`node ${i} log tail:\n  ${n.log.slice(-15).join('\n  ')}`);
    throw e;
  } finally {
    await devnet.stop();
  }
  if (devnet.profileDir) {
    console.log(
      `  validators' hottest functions (self time, all ${o.validators} processes), ${devnet.profileDir}:`,
    );
    for (const line of topFunctions(devnet.profileDir, 25)) console.log(`    ${line}`);
  }
  return rate;
}

/** Prints and returns the committed transfers/s between the first and the last block with transfers, by header time. */
function report(blocks: SeenBlock[]): number {
  const loaded = blocks.filter((b) => b.txs > 0);
  if (loaded.length < 2) {
    console.log(`  ${blocks.length} blocks committed, ${loaded.length} with transfers: too few to measure`);
    return 0;
  }
  const first = loaded[0]!;
  const last = loaded.at(-1)!;
  const span = Number(last.time - first.time) / 1e9;
  const txs = loaded.slice(1).reduce((s, b) => s + b.txs, 0);
  const during = blocks.filter((b) => b.height >= first.height && b.height <= last.height);
  const sizes = loaded.map((b) => b.txs);
  if (process.env.BENCH_VERBOSE) {
    for (const [i, b] of blocks.entries()) {
      const gap = i === 0 ? 0 : Number(b.time - blocks[i - 1]!.time) / 1e6;
      console.log(`    height ${b.height} round ${b.round} txs ${b.txs} +${gap.toFixed(0)} ms`);
    }
  }
  console.log(
    `  committed: ${Math.round(txs / span)} transfers/s over ${span.toFixed(1)} s of block time` +
      ` (heights ${first.height}-${last.height}: ${during.length} blocks, one per ${((1000 * span) / (during.length - 1)).toFixed(0)} ms,` +
      ` ${Math.round(sizes.reduce((s, n) => s + n, 0) / sizes.length)} transfers per loaded block, at most ${Math.max(...sizes)})`,
  );
  return Math.round(txs / span);
}

function fmt(m: Map<string, number>): string {
  return m.size === 0 ? 'none' : [...m].map(([k, v]) => `${k} ${v}`).join(', ');
}
