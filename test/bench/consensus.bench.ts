/**
 * `npm run bench:consensus [-- --heights N --threads T]`: an honest in-process network (test/sim,
 * delays up to 10 ms, no loss) at n = 4, 7 and 90, where every vote and proposal is signed by its
 * sender (node:crypto, as the node signs, over the ledger's `voteSignBytes` / `proposalSignBytes`) and verified by
 * every receiver with Proto's rule on node:crypto: 90 x 181 = 16290 verifications per height at n = 90.
 * Prints heights/s, CPU per height (all threads), verifications per height and per second, and the
 * raw cost of one verify and one sign measured in the same run, to compare machines.
 *
 * PERF: 2-core AMD EPYC shared with other jobs, 72 µs per native verify, n = 90:
 * - naive, every receipt verified: 109087 verifications/height, 0.11 heights/s (3 heights). The
 *   simulator answers each late vote with a commit of 61-90 votes and replays the next height's
 *   buffer, so receivers checked the same vote again and again;
 * - each distinct message verified once per receiver, as a node that holds a vote does not check it
 *   again (verify-pool.ts): 16270 verifications/height, 0.70 heights/s on one thread (`--threads 0`,
 *   3 heights); about 90 % of the CPU is OpenSSL's verify, 5 % noble's 181 signs per height;
 * - the same verifications shared by the main thread and one worker (`--threads 1`, the default
 *   here: cores - 1): 1.0-1.4 heights/s (12-15 heights) with the reference verify at 72 µs, 0.8 when
 *   other jobs slowed it to 111 µs; CPU 1.4-1.5 s/height, so 1 height/s needs about 1.5 free cores.
 * - on a slower host (reference verify 108-149 µs with the same Node and OpenSSL, varying from run to
 *   run, nothing else running), signing with node:crypto (35 µs, not noble's 300-500): 0.73-0.92
 *   heights/s, CPU 2.2-2.7 s/height, 16,260 verifications/height. The signature bound printed under
 *   each line (the height's verifications and signatures at this run's reference costs, over the
 *   threads) was 0.80-1.13 heights/s; the network reaches 78-92 % of it;
 * - workers skipping the cells of receivers that already decided the message's height (the simulated
 *   host, as the node's inbox, checks no message of a decided height): 15,200-15,400
 *   verifications/height, 0.90-0.98 heights/s, CPU 2.0-2.2 s/height. 1 height/s at n = 90 needs a
 *   verify under ~110 µs here;
 * - and Proto's rule comparing S < L byte by byte (ed25519-rule.ts), with the reference verify at
 *   105-107 µs: 1.03-1.09 heights/s, CPU 1.8-1.9 s/height, 86-99 % of the bound.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { TIMEOUTS } from '../../core/consensus/index.ts';
import { minHeights, safetyFaults } from '../sim/check.ts';
import { runSim } from '../sim/sim.ts';
import type { SimConfig } from '../sim/types.ts';
import { signedAuth } from './consensus-auth.ts';
import { publicKeys } from './consensus-keys.ts';
import { referenceCosts } from './consensus-ref.ts';
import { startPool } from './verify-pool.ts';

const { values } = parseArgs({
  options: { heights: { type: 'string' }, threads: { type: 'string' } },
  strict: true,
});
const heights = Number(values.heights ?? 15);
if (!Number.isInteger(heights) || heights < 1) throw new Error('--heights must be an integer >= 1');
const threads = Number(values.threads ?? Math.max(1, availableParallelism() - 1));
if (!Number.isInteger(threads) || threads < 0) throw new Error('--threads must be an integer >= 0');

const CHAIN_ID = new Uint8Array(32).fill(0x42);
const MS = 1_000_000n;

/** An honest network after GST: every message arrives within `delay` ms, none is lost. */
function network(validators: number): SimConfig {
  return {
    seed: validators,
    validators,
    faulty: 0,
    fault: 'silent',
    heights,
    gst: 0,
    delay: 10,
    chaosDelay: 0,
    dropPercent: 0,
    timeouts: TIMEOUTS.devnet,
    blockInterval: 50,
    gossipInterval: 1000,
    relayFanout: 2,
    maxTime: heights * 60_000,
  };
}

/** Runs one network and prints its line; throws if it is unsafe or did not decide every height. */
async function run(validators: number, ref: ReturnType<typeof referenceCosts>): Promise<void> {
  const keys = publicKeys(validators);
  const pool = startPool(validators, CHAIN_ID, keys, threads);
  await pool.ready();
  const auth = signedAuth(CHAIN_ID, keys, pool, () => BigInt(Date.now()) * MS);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const world = runSim({ ...network(validators), auth });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const verified = auth.counts.verifiedHere + pool.workerVerifications();
  await pool.close();
  const faults = safetyFaults(world);
  if (faults.length > 0) throw new Error(`n = ${validators}: ${faults.join('; ')}`);
  const decided = minHeights(world);
  if (decided !== heights) throw new Error(`n = ${validators}: decided ${decided} of ${heights} heights`);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const { signed } = auth.counts;
  console.log(
    [
      `n = ${String(validators).padStart(2)}:`,
      `${decided} heights in ${wall.toFixed(2)} s,`,
      `${(decided / wall).toFixed(2)} heights/s,`,
      `CPU ${(cpuMs / decided).toFixed(1)} ms/height,`,
      `${Math.round(verified / decided)} verifications/height`,
      `(${Math.round(verified / wall)}/s),`,
      `${Math.round(signed / decided)} signatures/height`,
    ].join(' '),
  );
  // The most heights/s these threads could give if they did nothing but the height's verifications
  // and signatures, at the reference costs of this run.
  const floorUs = (verified / decided) * ref.rule + (signed / decided) * ref.nativeSign;
  const bound = ((threads + 1) * 1e6) / floorUs;
  console.log(
    `        signature bound on this machine: ${bound.toFixed(2)} heights/s on ${threads + 1} thread(s);` +
      ` reached ${((100 * decided) / wall / bound).toFixed(0)} %`,
  );
}

const ref = referenceCosts();
console.log(
  `reference: one verify ${ref.native.toFixed(1)} µs native (node:crypto), ` +
    `${ref.rule.toFixed(1)} µs with Proto's rule, ${ref.noble.toFixed(1)} µs noble; ` +
    `one sign ${ref.nativeSign.toFixed(1)} µs native, ${ref.sign.toFixed(1)} µs noble; verifying on the main thread and ${threads} worker(s)`,
);
for (const n of [4, 7, 90]) await run(n, ref);
