/**
 * `npm run bench:ledger [-- --part 1|2|3|all --txs N --accounts K --workers T --config I --validators V
 *   --seconds S --interval-ms B --in-flight C --batch M --part2-txs N --part2-accounts K
 *   --wallet-accounts K --wallet-ahead A --profile]`:
 * ledger transfers per second applied and committed. Part 1: one validator in process
 * (test/bench/ledger/part1.ts), from pre-signed transfers to blocks stored with their state in SQLite.
 * Part 2: four validator processes on 127.0.0.1 at the protocol's 1 s block interval, fed over HTTP
 * (`POST /v1/txs/batch`, 32 transfers a request; `--batch 1` posts each to `/v1/txs`) by 4096
 * accounts (test/bench/ledger/part2.ts). Part 3: Part 2's network fed by 128 wallets, each sending one
 * transfer at a time (the next once the previous one is committed) and then 32 in flight (future
 * nonces, held by the mempool until their turn), in the same run.
 *
 * PERF, Part 3 (`--seconds 15`, 2 cores with other jobs taking 77-87 % of them): one at a time 94-109
 * transfers/s (at most 128 a block, one per account, blocks every ~1.3 s); 32 in flight 156-219
 * transfers/s (1.4-2.3x; blocks of up to 1,088 transfers but one per ~3.7 s, and some requests timed
 * out: the validators got ~10 % of a core each). On an idle machine the in-flight figure should
 * approach Part 2's, the one-at-a-time one cannot pass 128 per block.
 *
 * PERF, earlier sessions (2-core AMD EPYC, native verify 73 µs): the Overlay's bounded read cache,
 * memoVerify (each signature checked once per node), the BLAKE3 kernel as env.hash, prepared state
 * statements, mempool drops by hash and batched tx gossip took Part 1 from 324 to ~3,800 transfers/s
 * and Part 2 (200 ms blocks of at most 96 KiB, one transfer per POST) from ~300 to 744-1027/s, bound by
 * CPU at 1.9 ms per committed transfer over the 4 validators.
 *
 * PERF, this host (native verify 112-147 µs, twice the above; the machine otherwise idle), Part 2,
 * each step measured on its own over 20 s, committed transfers/s and CPU per committed transfer
 * (4 validators + client):
 * - start: 526/s (200 ms interval, 2048 accounts), 3.5 ms;
 * - blocks of up to 1 MiB at the protocol's 1 s interval, 4096-8192 accounts: 506-561/s, 3.9 ms. The
 *   per-transfer work, not the per-block work, bounds it: 4 x 147 µs of verification, key parsing
 *   (first senders), ~11 % tree reads, ~12 % SQLite writes at commit;
 * - FlatValues (core/ledger/state/flat-values.ts: state reads without tree walks), the state written every
 *   16th block from the committed root down (Overlay.persistTree, node/ledger/chain.ts), keys parsed
 *   from raw bytes, the mempool rechecking only transfers whose sender sent in the block: 883-887/s,
 *   2.2-2.6 ms;
 * - 32 transfers per request (POST /v1/txs/batch): 1111/s, 1.66 ms; the client fell from 18-21 % to
 *   6 % of a core;
 * - decoded transactions keep their encoding (core/ledger/codec/tx.ts): 1255-1332/s, blocks of ~2,600
 *   transfers one per ~2.1 s. Signature checks are now ~45 % of the validators' CPU (one per
 *   transfer per node, 4 x 112-147 µs): the floor while each validator checks every signature.
 * Part 1 (blocks of one transfer per account, 4096): memoVerify and the kernel, the node's setup,
 * 3816 transfers/s end to end; the verify worker adds ~40 % (5466/s).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { MAX_TX_BATCH_SUBMIT } from '../../core/api/tx-batch.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import { decodeTx, txSignBytes } from '../../core/ledger/index.ts';
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
    'wallet-accounts': { type: 'string' },
    'wallet-ahead': { type: 'string' },
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

const part2Options = () => ({
  validators: positive('validators', 4),
  accounts: positive('part2-accounts', 4096),
  txs: positive('part2-txs', 40_000),
  seconds: positive('seconds', 20),
  intervalMs: positive('interval-ms', 1000),
  inFlight: positive('in-flight', 16),
  batch: Math.min(positive('batch', 32), MAX_TX_BATCH_SUBMIT),
  profile: values.profile === true,
});

/**
 * Part 3: a wallet's pattern. Few accounts (`--wallet-accounts`, 128) sending as fast as the chain
 * takes them, Part 2's network and load, run twice in this process: each account one transfer at a
 * time (the next once the previous one is committed), then `--wallet-ahead` (32) in flight with
 * future nonces that the mempool holds until their turn.
 */
async function part3(): Promise<void> {
  const accounts = positive('wallet-accounts', 128);
  const ahead = positive('wallet-ahead', 32);
  const base = { ...part2Options(), accounts };
  console.log(`\nPart 3: ${accounts} wallets, one transfer at a time against ${ahead} in flight`);
  const one = await part2({ ...base, ahead: 1 });
  const many = await part2({ ...base, ahead });
  console.log(
    `\nwallets of ${accounts} accounts: one at a time ${one} transfers/s, ${ahead} in flight ${many} transfers/s` +
      ` (${one > 0 ? (many / one).toFixed(1) : '-'}x)`,
  );
}

if (part === '1' || part === 'all') await part1();
if (part === '2' || part === 'all') await part2(part2Options());
if (part === '3' || part === 'all') await part3();
