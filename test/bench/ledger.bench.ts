/**
 * `npm run bench:ledger [-- --part 1|2|all --txs N --accounts K --workers T --config I
 *   --validators V --seconds S --interval-ms B --in-flight C --part2-txs N --part2-accounts K --profile]`:
 * ledger transfers per second applied and committed. Part 1: one validator in process
 * (test/bench/ledger/part1.ts), from pre-signed transfers to blocks stored with their state in SQLite.
 * Part 2: four validator processes on 127.0.0.1 fed over HTTP (test/bench/ledger/part2.ts).
 *
 * PERF: 2-core AMD EPYC shared with other jobs, native verify 73 µs, 20000 transfers from 4096
 * accounts, 571 per block:
 * - the node's SQLite backend read through drizzle, one query per tree node and none cached: reads
 *   took about 1 s per block, 324 transfers/s end to end (1024 accounts). The ledger's Overlay now
 *   keeps a bounded cache of backend entries read or persisted (core/ledger/read-cache.ts): reads
 *   vanish from the profile;
 * - every signature checked on the main thread at admission, build and apply (3 per transfer), noble
 *   BLAKE3: 1530/s end to end (verify 180, hash 60, persist 46 ms of 373 ms per block);
 * - each signature checked once on the main thread (core/ledger/verify-memo.ts): 1588/s; on a
 *   worker thread while the main thread executes: 2001-2307/s;
 * - and the node's BLAKE3 kernel as env.hash: 3818/s end to end, 15158/s apply alone, 6648/s apply
 *   + persist; 115 ms of main-thread CPU per block, of which persist (SQLite insert + fsync) 41;
 *   2800-4500/s across runs, with the other jobs' load. memoVerify and the kernel on one thread
 *   (what LedgerChain gets from two one-line changes): 2420/s;
 * - Part 2, 4 validators, 200 ms blocks, 32 requests in flight: 230-430 transfers/s committed, all
 *   four processes and the client using the 2 cores. node:crypto's verify is 15 % of the validators'
 *   CPU, about 38 verifications per committed transfer over the 4 nodes (mempool recheck after every
 *   block, build, apply, each verifying again), fsync 8.5 %, SQLite 7 %, noble BLAKE3 about 5 %.
 *
 * Part 2 after these changes: the node's ledger env is memoVerify over node:crypto with the kernel's
 * BLAKE3 (node/ledger/chain.ts nodeEnv), so each node checks a signature once; node:crypto keeps
 * 2 x 8192 parsed keys; the state's SQLite statements are prepared once and entries go in by hash;
 * the mempool drops a committed block's transactions by hash before rechecking the rest; transaction
 * gossip goes out in batches every 10 ms, not back to the peers it came from (node/ledger/tx-relay.ts);
 * the load goes over node:http with kept-alive connections (fetch cost this client 0.6 ms of CPU per
 * request, node:http 0.17) and keeps 128 requests in flight (32 bound the load to 32 / POST latency).
 * Same session, the machine otherwise idle (other jobs 1-2 %), 20 s, 2048 accounts, transfers/s:
 * - before, the previous command (fetch, 32 in flight): 418, 440 (145-460 earlier in the session,
 *   with other jobs); before with this load (128 in flight): 462, 511, blocks one per 666-799 ms;
 * - after, 32 in flight: 881 (475-935 earlier); after, 128 in flight (the default): 744, 959, and
 *   933-1027 earlier; interval 100 ms: 802.
 * - CPU per committed transfer, the 4 validators together: 4.0 ms before, 1.9 ms after; the machine's
 *   cores are ~90 % busy either way, so CPU is what bounds Part 2: 1.9 ms per transfer over 2 cores
 *   leaves at most ~1,050/s, less the client's 0.15 ms. The block size bounds it next: 96 KB blocks
 *   hold at most 479 of these transfers and full blocks come one per ~400-470 ms (200 ms interval plus
 *   build, apply and three voting steps on CPU-starved processes), so ~1,000-1,200/s at most.
 * - where a validator's CPU goes after (--profile): signature checks 17 %, checkTx's draft and tree
 *   reads 15 % (admission, recheck), commit 17 % (SQLite inserts 9 %, overlay persist 4 %), apply 9 %,
 *   HTTP 10 %, GC 7 %, WAL fsync 4 %. Checking admissions on a worker thread would not help: the four
 *   processes already use both cores. Admitting a run of future nonces per account would not either:
 *   this load keeps 2048 accounts, each with at most one transfer in flight, never short of senders.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { MAX_TX_BATCH_SUBMIT } from '../../core/api/tx-batch.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import { decodeTx, txSignBytes } from '../../core/ledger/tx.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { chainId as chainIdOf } from '../../core/token/params.ts';
import { nodeVerify } from '../../node/crypto/ed25519-native.ts';
import { loadKernelHasher } from '../../node/miner/kernel-file.ts';
import { referenceCosts } from './consensus-ref.ts';
import { type Config, runConfig } from './ledger/part1.ts';
import { part2 } from './ledger/part2.ts';
import { signAll } from './ledger/sign-pool.ts';
import { benchParams, makeKeys, seed } from './ledger/workload.ts';

const { values } = parseArgs({
  options: {
    txs: { type: 'string' },
    accounts: { type: 'string' },
    workers: { type: 'string' },
    part: { type: 'string' },
    config: { type: 'string' },
    validators: { type: 'string' },
    seconds: { type: 'string' },
    'interval-ms': { type: 'string' },
    'in-flight': { type: 'string' },
    batch: { type: 'string' },
    'part2-txs': { type: 'string' },
    'part2-accounts': { type: 'string' },
    profile: { type: 'boolean' },
  },
  strict: true,
});
const count = positive('txs', 20_000);
const accounts = positive('accounts', 4096);
const cores = availableParallelism();
const workers = positive('workers', Math.max(1, cores - 1));
const part = values.part ?? 'all';

function positive(name: Exclude<keyof typeof values, 'profile'>, fallback: number): number {
  const n = Number(values[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be an integer >= 1`);
  return n;
}

/** Transfers/s of the full signature check (decode, sign bytes, rule, native) on this thread. */
function verifyAlone(txs: Uint8Array[], chainId: Uint8Array): number {
  const t0 = performance.now();
  for (const bytes of txs) {
    const tx = decodeTx(bytes);
    if (tx.type !== 1 || !verify(tx.signature, txSignBytes(chainId, tx), tx.from, nodeVerify)) {
      throw new Error('a workload signature did not verify');
    }
  }
  return Math.round((txs.length * 1000) / (performance.now() - t0));
}

async function part1(): Promise<void> {
  const validatorSecret = seed(0xa1, 0);
  const validator = makeKeys(0xa1, 1).keys[0]!;
  const senders = makeKeys(0xb2, accounts);
  const params = benchParams([validator], senders.keys);
  const chainId = chainIdOf(params);
  console.log(`Part 1: one validator, ${count} transfers from ${accounts} accounts, ${cores} cores`);
  const t0 = performance.now();
  const txs = await signAll(chainId, senders, count, cores);
  const signMs = performance.now() - t0;
  console.log(
    `signing (signTx, @noble/ed25519, ${cores} threads): ${Math.round((count * 1000) / signMs)} transfers/s`,
  );
  const ref = referenceCosts();
  console.log(
    `reference, one core: native verify ${ref.native.toFixed(0)} µs (${Math.round(1e6 / ref.native)}/s, one key);` +
      ` with Proto's rule ${ref.rule.toFixed(0)} µs; noble sign ${ref.sign.toFixed(0)} µs`,
  );
  const sample = txs.slice(0, Math.min(txs.length, 5000));
  console.log(
    `signature verification alone, one core, ${accounts} keys: ${verifyAlone(sample, chainId)} transfers/s`,
  );
  const input = { params, chainId, validatorSecret, txs, accounts };
  const kernel = loadKernelHasher();
  const pool = `${workers} verify worker(s)`;
  const configs: Config[] = [
    { name: 'baseline: every check on the main thread', verify: 'every', workers: 0, hash: blake3Hash },
    {
      name: 'memoVerify: each signature checked once, main thread',
      verify: 'memo',
      workers: 0,
      hash: blake3Hash,
    },
    { name: `${pool}: each signature checked once`, verify: 'pool', workers, hash: blake3Hash },
    { name: "memoVerify and the node's BLAKE3 kernel", verify: 'memo', workers: 0, hash: kernel },
    { name: `${pool} and the node's BLAKE3 kernel`, verify: 'pool', workers, hash: kernel },
  ];
  const only = values.config === undefined ? undefined : Number(values.config);
  for (const [i, c] of configs.entries()) if (only === undefined || only === i) await runConfig(input, c);
}

if (part === '1' || part === 'all') await part1();
if (part === '2' || part === 'all') {
  await part2({
    validators: positive('validators', 4),
    accounts: positive('part2-accounts', 4096),
    txs: positive('part2-txs', 40_000),
    seconds: positive('seconds', 20),
    intervalMs: positive('interval-ms', 1000),
    inFlight: positive('in-flight', 16),
    batch: Math.min(positive('batch', 32), MAX_TX_BATCH_SUBMIT),
    profile: values.profile === true,
  });
}
