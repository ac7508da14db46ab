/**
 * bench:edge-store — the edge token store's memory bound (docs/edge.md, Token store: the window).
 * Generates a token chain shaped like the public preset (a proposal block for every 120 validator
 * blocks, a few forks), then loads it block by block into the store's TokenWindow on node:sqlite (a
 * file, so SQLite's pages stay out of the JS heap), applying a ledger checkpoint `--lag` validator
 * blocks below the tip (and on the proposal subchain one below its tip) every `--every` blocks, as
 * the edge's verified headers do. Prints, as the
 * chain grows, the blocks the window holds in memory and the JS heap it takes, against the full
 * TokenDag of the same blocks measured in the same run (the reference, what the store held before).
 * Usage: npm run bench:edge-store [-- --blocks 60000 --margin 2000 --every 10 --lag 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-sqlite';
import type { StoreDb } from '../../core/store/queries.ts';
import { PROPOSAL, TokenDag, VALIDATOR } from '../../core/token/dag.ts';
import { TokenWindow } from '../../edge/stores/token-window.ts';
import { easyParams, mine, rng } from '../gen/chain.ts';

const { values } = parseArgs({
  options: {
    blocks: { type: 'string', default: '60000' },
    margin: { type: 'string', default: '2000' },
    every: { type: 'string', default: '10' },
    lag: { type: 'string', default: '5' },
  },
});
const [count, margin, every, lag] = [values.blocks, values.margin, values.every, values.lag].map(Number);
if (!Number.isInteger(count) || count! < 1000) throw new Error('--blocks must be an integer >= 1000');
if (!Number.isInteger(margin) || margin! < 5) throw new Error('--margin must be an integer >= 5');

const params = easyParams();
const now = 1n << 62n;
const heap = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers; // the DAG's columns are typed arrays, outside heapUsed
};
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

/**
 * The chain: validator blocks, a proposal block every 120, a one-block fork every 50; and the ledger
 * checkpoints to apply after each block index (the canonical validator block `lag` below the tip).
 */
interface Checkpoint {
  id: string;
  hash: Uint8Array;
}

function generate(): { blocks: Uint8Array[]; checkpoints: Map<number, Checkpoint[]> } {
  const dag = new TokenDag(params);
  const rand = rng(7);
  const blocks: Uint8Array[] = [];
  const checkpoints = new Map<number, Checkpoint[]>();
  for (let i = 0; i < count!; i++) {
    const sub = i % 121 === 120 ? PROPOSAL : VALIDATOR;
    const t = dag.template(sub)!;
    const tip = dag.tip(sub);
    const fork = sub === VALIDATOR && i % 50 === 25 && tip.prev !== undefined && !tip.root;
    const prev = fork ? tip.prev! : t.prev;
    const time = (fork ? dag.info(prev)!.time : t.minTime) + BigInt(Math.floor(rand() * 60e9));
    const key = new Uint8Array(32).fill(i % 251);
    const m = mine(dag, { prev, other: fork ? undefined : t.other, type: t.type, time, key });
    dag.addOrThrow(m.bytes, now);
    blocks.push(m.bytes);
    if (i % every! === every! - 1) {
      const cs: Checkpoint[] = [];
      for (const [id, below] of [
        [VALIDATOR, lag!],
        [PROPOSAL, 1],
      ] as const) {
        const length = dag.tip(id).count;
        if (length <= below) continue;
        const hash = dag.canonical(id, length - below - 1, 1)[0]!;
        if (dag.info(hash)!.count !== length - below) continue; // a merged block: not a checkpoint
        dag.setCheckpoint(id, hash);
        cs.push({ id, hash });
      }
      checkpoints.set(i, cs);
    }
  }
  return { blocks, checkpoints };
}

let t0 = performance.now();
const { blocks, checkpoints } = generate();
console.log(
  `generated ${count} blocks in ${((performance.now() - t0) / 1000).toFixed(1)} s; margin ${margin} heights, checkpoint every ${every} blocks, ${lag} below the tip`,
);

/** The reference: the full TokenDag of the same blocks and checkpoints; its memory is what dropping it frees. */
function reference(): { size: number; bytes: number } {
  let dag: TokenDag | undefined = new TokenDag(params);
  blocks.forEach((raw, i) => {
    dag!.addOrThrow(raw, now);
    for (const c of checkpoints.get(i) ?? []) dag!.setCheckpoint(c.id, c.hash);
  });
  const size = dag.size;
  const withDag = heap();
  dag = undefined;
  return { size, bytes: withDag - heap() };
}
const { size: refSize, bytes: refBytes } = reference();

const dir = mkdtempSync(join(tmpdir(), 'token-window-'));
const client = new DatabaseSync(join(dir, 'store.sqlite'));
// a Durable Object commits its SQLite writes together at the output gate, not one fsync a statement
client.exec('PRAGMA journal_mode = WAL');
client.exec('PRAGMA synchronous = OFF');
const db = drizzle({ client }) as unknown as StoreDb;

const base = heap();
const w = new TokenWindow(db, params, now, margin);
const marks = new Set([0.1, 0.25, 0.5, 0.75, 1].map((f) => Math.floor(f * count!) - 1));
const rows: string[][] = [];
t0 = performance.now();
for (let i = 0; i < count!; i++) {
  const o = w.addToken(blocks[i]!, now);
  if (o.outcome !== 'added') throw new Error(`block ${i}: ${JSON.stringify(o)}`);
  for (const c of checkpoints.get(i) ?? [])
    if (!w.checkpoint(c.id, c.hash)) throw new Error('checkpoint refused');
  if (marks.has(i)) {
    const { held, floors } = w.window();
    rows.push([String(i + 1), String(held), String(floors[VALIDATOR]), String(floors[PROPOSAL])]);
  }
}
const seconds = (performance.now() - t0) / 1000;
const held = w.window().held;
const withWindow = heap();
w.dag = new TokenDag(params); // drop the window's DAG: what that frees is the window's memory
const windowBytes = withWindow - heap();
void base;

console.log('\nblocks loaded | window holds | validator floor | proposal floor');
for (const r of rows) console.log(r.map((c) => c.padStart(13)).join(' | '));
console.log(`\nloaded into the window in ${seconds.toFixed(1)} s (${Math.round(count! / seconds)} blocks/s)`);
console.log(
  `memory (JS heap + array buffers): full DAG (reference) ${mb(refBytes)} for ${refSize} blocks (${Math.round(refBytes / refSize)} B a block)`,
);
console.log(
  `   window ${mb(windowBytes)} for ${held} blocks held of ${count} (${((100 * held) / count!).toFixed(1)} %)`,
);
const pages = client.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as {
  name: string;
  bytes: number;
}[];
const sized = (prefix: string) =>
  pages.filter(
    (p) =>
      p.name === prefix || p.name.startsWith(`sqlite_autoindex_${prefix}`) || p.name.startsWith(`${prefix}_`),
  );
for (const table of ['tokens', 'token_index']) {
  const bytes = sized(table).reduce((a, p) => a + p.bytes, 0);
  console.log(`SQLite ${table} with its indexes: ${mb(bytes)}, ${Math.round(bytes / count!)} B a block`);
}
client.close();
rmSync(dir, { recursive: true, force: true });
