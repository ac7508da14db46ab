/**
 * `npm run bench:light [-- --validators 90 --heights 86400 --interval-ms 800 --churn 960 --adjacent 300]`:
 * the light client (core/client) on a chain made in process and served from memory, each light block
 * going through its binary encoding as `GET /v1/ledger/light/{height}` answers it.
 * - adjacent: headers verified per second one after another (every one of the 90 precommits checked);
 * - catch-up: from genesis to the last of `heights` heights by skipping verification with bisection,
 *   timed on the second of two runs (the first signs the commits the client asks for), with the
 *   number of light blocks fetched. Goals: under 2 s and fewer than 20 light blocks for one day.
 * The trusting period must stay under 24 h, so a day of 86,400 heights is generated at 0.8 s a block
 * (19.2 h) with a 23 h trusting period. `--churn N` replaces one member every N heights: 960 (the
 * default) turns the set over once a day, as daily token expiry does; 60 is a set whose tokens run
 * out of their 60 uses, one turn every 90 heights.
 * The reference, measured in the same run: one native ed25519 verify, and what verifying the same
 * day header by header would take at the measured adjacent rate.
 */
import { parseArgs } from 'node:util';
import { HeaderChain, type LightProvider } from '../../core/client/header-chain.ts';
import { decodeLightBlock, encodeLightBlock } from '../../core/client/light-block.ts';
import { LightChainFixture } from '../../core/client/light-chain.fixture.ts';
import { DEFAULT_TRUST } from '../../core/client/options.ts';
import { verifyAdjacent } from '../../core/client/verify-light.ts';
import { publicKeyOf, verify } from '../../core/crypto/ed25519.ts';
import { nodeSign, nodeVerify } from '../../node/crypto/ed25519-native.ts';
import { loadKernelHasher } from '../../node/miner/kernel-file.ts';
import { referenceCosts } from './consensus-ref.ts';

const { values } = parseArgs({
  options: {
    validators: { type: 'string', default: '90' },
    heights: { type: 'string', default: '86400' },
    'interval-ms': { type: 'string', default: '800' },
    churn: { type: 'string', default: '960' },
    adjacent: { type: 'string', default: '300' },
  },
});
const n = Number(values.validators);
const heights = Number(values.heights);
const interval = BigInt(values['interval-ms']) * 1_000_000n;
const churns = values.churn.split(',').map(Number);
const adjacentCount = Number(values.adjacent);
const hash = loadKernelHasher();
const native = (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k, nodeVerify);
const pureJs = (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k);
const trust = { ...DEFAULT_TRUST, trustingPeriod: 23n * 3600n * 1_000_000_000n };

/** Serves light blocks through their encoding, counting them. */
function served(f: LightChainFixture): LightProvider & { count: number } {
  return {
    count: 0,
    async lightBlock(height) {
      this.count++;
      return decodeLightBlock(encodeLightBlock(await f.lightBlock(height)));
    },
  };
}

function fixture(heightsToMake: number, churnEvery: number): LightChainFixture {
  return new LightChainFixture({
    heights: heightsToMake,
    n,
    churnEvery,
    interval,
    hash,
    sign: nodeSign,
    publicKey: publicKeyOf,
  });
}

function adjacentRate(f: LightChainFixture, count: number, check: typeof native): number {
  const blocks = Array.from({ length: count }, (_, i) =>
    decodeLightBlock(encodeLightBlock(f.lightBlockAt(i + 1))),
  );
  let point = f.genesis();
  const t0 = performance.now();
  for (const b of blocks)
    point = verifyAdjacent(point, b, { verify: check, hash, now: b.header.time + 1n, trust });
  return count / ((performance.now() - t0) / 1000);
}

async function catchUp(f: LightChainFixture, check: typeof native): Promise<{ ms: number; fetched: number }> {
  const provider = served(f);
  const now = f.timeOf(heights) + 1_000_000_000n;
  const chain = new HeaderChain(f.genesis(), provider, { now: () => now, verify: check, hash, trust });
  const t0 = performance.now();
  const p = await chain.at(heights);
  const ms = performance.now() - t0;
  if (p.height !== heights) throw new Error('catch-up ended at the wrong height');
  return { ms, fetched: provider.count };
}

const ref = referenceCosts(1000);
console.log(
  `reference: native ed25519 verify ${ref.rule.toFixed(1)} µs (with Proto's rule), noble ${ref.noble.toFixed(0)} µs`,
);
const small = fixture(adjacentCount + 1, 960);
const rate = adjacentRate(small, adjacentCount, native);
const rateJs = adjacentRate(small, Math.min(adjacentCount, 20), pureJs);
console.log(
  `adjacent, ${n} validators: ${rate.toFixed(1)} headers/s native verify, ${rateJs.toFixed(1)} headers/s pure-JS verify`,
);
for (const churn of churns) {
  const t0 = performance.now();
  const f = fixture(heights, churn);
  const made = ((performance.now() - t0) / 1000).toFixed(1);
  const span = Number((BigInt(heights) * interval) / 1_000_000n) / 3.6e6;
  await catchUp(f, native);
  const run = await catchUp(f, native);
  const js = await catchUp(f, pureJs);
  const sequential = heights / rate;
  console.log(
    `catch-up ${heights} heights (${span.toFixed(1)} h), ${n} validators, one replaced every ${churn} heights ` +
      `(chain made in ${made} s): ${run.ms.toFixed(0)} ms native, ${js.ms.toFixed(0)} ms pure JS, ` +
      `${run.fetched} light blocks fetched (goals: < 2000 ms, < 20); header by header: ~${sequential.toFixed(0)} s`,
  );
}
