/**
 * bench:validate — generates a token chain (default 200,000 blocks, ~10 % merges, easy targets), then
 * validates it from bytes into a fresh TokenDag and prints blocks/s and peak memory. References measured
 * in the same run: hashing alone with each hasher, and the whole validation with each hasher.
 * Usage: npm run bench:validate [-- --blocks N]
 */
import { parseArgs } from 'node:util';
import { TokenDag } from '../../core/token/dag.ts';
import { blake3Hash, type Hasher } from '../../core/token/hash.ts';
import { loadKernelHasher } from '../../node/miner/kernel-file.ts';
import { easyParams } from '../gen/chain.ts';
import { randomChain } from '../gen/random-chain.ts';

const { values } = parseArgs({ options: { blocks: { type: 'string', default: '200000' } } });
const count = Number(values.blocks);
if (!Number.isInteger(count) || count < 1000) throw new Error('--blocks must be an integer >= 1000');

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const params = easyParams();

let t0 = performance.now();
const { blocks } = randomChain(params, { blocks: count, seed: 42 });
const merges = blocks.filter((b) => b.length === 137).length;
console.log(
  `generated ${count} blocks (${((100 * merges) / count).toFixed(1)} % merges) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const hashers: [string, Hasher][] = [
  ['noble', blake3Hash],
  ['kernel', loadKernelHasher()],
];

for (const [name, hash] of hashers) {
  t0 = performance.now();
  for (const b of blocks) hash(b);
  const rate = count / ((performance.now() - t0) / 1000);
  console.log(`hash only      ${name.padEnd(6)} ${Math.round(rate).toLocaleString('en')} blocks/s`);
}

const now = 1n << 62n;
for (const [name, hash] of hashers) {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const dag = new TokenDag(params, hash);
  t0 = performance.now();
  for (const b of blocks) dag.addOrThrow(b, now);
  const seconds = (performance.now() - t0) / 1000;
  globalThis.gc?.();
  const after = process.memoryUsage();
  const rate = Math.round(count / seconds);
  const heldPerBlock = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / count;
  console.log(
    `validate+index ${name.padEnd(6)} ${rate.toLocaleString('en')} blocks/s (${seconds.toFixed(2)} s), index holds ${heldPerBlock.toFixed(0)} B/block after GC, rss ${mb(after.rss)}`,
  );
  if (dag.size !== count + 1) throw new Error(`dag holds ${dag.size - 1} of ${count} blocks`);
}
console.log(`peak rss ${mb(process.resourceUsage().maxRSS * 1024)}; goal: >= 100,000 blocks/s`);
