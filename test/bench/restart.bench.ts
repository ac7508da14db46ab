/**
 * Restart benchmark (`npm run bench:restart [-- --blocks N]`): builds a chain of N blocks (default one
 * million) on a network whose targets are the largest possible, so no mining is needed, stores it in
 * a node store, then times what a restarting node does: open the store and replay every block into
 * a fresh DAG with full validation. Fails (exit 1) above the 30 s bound.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareBytes } from '../../core/bytes.ts';
import { saveTokens } from '../../core/store/queries.ts';
import { encodeBlock, type TokenBlock, TokenType } from '../../core/token/block.ts';
import type { Hasher } from '../../core/token/hash.ts';
import { MAX_U256 } from '../../core/token/pow.ts';
import { Chain } from '../../node/chain.ts';
import { loadKernelHasher } from '../../node/miner/kernel-file.ts';
import { openStore } from '../../node/store/open.ts';
import { easyParams } from '../e2e/chain-fixtures.ts';

const BOUND_S = 30;
const { values } = parseArgs({
  options: { blocks: { type: 'string' }, keep: { type: 'boolean' } },
  strict: true,
});
const total = Number(values.blocks ?? 1_000_000);
if (!Number.isInteger(total) || total < 10) throw new Error('--blocks must be an integer >= 10');

const hash = loadKernelHasher();
const now = BigInt(Date.now()) * 1_000_000n;
// Blocks are two spacings apart, so every target stays at the maximum (ASERT only eases, and is clamped).
const params = easyParams(now, BigInt(total) * 5n);

/**
 * Blocks in acceptance order: 4 in 5 on the validator subchain, 1 in 5 on the proposal subchain.
 * Every tenth validator step forks into two siblings that the next block merges.
 */
function* build(
  n: number,
  h: Hasher,
  genesisHash: Uint8Array,
): Generator<{ hash: Uint8Array; raw: Uint8Array }> {
  const key = new Uint8Array(32).fill(1);
  const tips = {
    validator: { hash: genesisHash, time: params.genesisTime },
    proposal: { hash: genesisHash, time: params.genesisTime },
  };
  const emit = (b: TokenBlock) => {
    const raw = encodeBlock(b);
    return { hash: h(raw), raw, time: b.time };
  };
  for (let made = 0; made < n; ) {
    const sub = made % 5 === 4 ? 'proposal' : 'validator';
    const type = sub === 'proposal' ? TokenType.proposal : TokenType.validator;
    const tip = tips[sub];
    const time = tip.time + 2n * params[sub].spacing;
    if (sub === 'validator' && made % 50 === 0 && made + 3 <= n) {
      const a = emit({ prev: tip.hash, type, time, target: MAX_U256, key });
      const b = emit({ prev: tip.hash, type, time, target: MAX_U256, key: new Uint8Array(32).fill(2) });
      const [prev, other] = compareBytes(a.hash, b.hash) < 0 ? [a, b] : [b, a];
      const m = emit({
        prev: prev.hash,
        other: other.hash,
        type,
        time: time + 2n * params.validator.spacing,
        target: MAX_U256,
        key,
      });
      yield a;
      yield b;
      yield m;
      tips[sub] = { hash: m.hash, time: m.time };
      made += 3;
      continue;
    }
    const block = emit({ prev: tip.hash, type, time, target: MAX_U256, key });
    yield block;
    tips[sub] = { hash: block.hash, time: block.time };
    made++;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'proto-bench-'));
const path = join(dir, 'chain.db');
const chainId = 'bench';
try {
  let t = performance.now();
  const store = openStore(path, chainId);
  const genesisHash = Chain.open({ params, path: ':memory:', chainId, hasher: hash }).dag.genesisHash;
  let batch: { hash: Uint8Array; raw: Uint8Array }[] = [];
  for (const block of build(total, hash, genesisHash)) {
    batch.push(block);
    if (batch.length === 50_000) {
      saveTokens(store.db, batch);
      batch = [];
    }
  }
  saveTokens(store.db, batch);
  store.close();
  const built = (performance.now() - t) / 1000;
  const size = statSync(path).size;

  t = performance.now();
  const chain = Chain.open({ params, path, chainId, hasher: hash });
  const restart = (performance.now() - t) / 1000;
  const loaded = chain.dag.size - 1;
  const v = chain.dag.tip('validator');
  const p = chain.dag.tip('proposal');
  chain.close();

  const rate = Math.round(loaded / restart).toLocaleString('en');
  console.log(`restart bench: ${total.toLocaleString('en')} blocks (validator + proposal, a merge every 50)`);
  console.log(`  build + store  ${built.toFixed(1)} s   file ${(size / 2 ** 20).toFixed(0)} MiB`);
  console.log(
    `  restart        ${restart.toFixed(1)} s   ${loaded.toLocaleString('en')} blocks replayed, ${rate} blocks/s`,
  );
  console.log(`  tips           validator count ${v.count}, proposal count ${p.count}`);
  console.log(`  memory         rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  if (loaded !== total) throw new Error(`replayed ${loaded} of ${total} blocks`);
  const ok = restart < BOUND_S;
  console.log(`  bound          ${BOUND_S} s: ${ok ? 'met' : 'MISSED'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`  kept ${path}`);
}
