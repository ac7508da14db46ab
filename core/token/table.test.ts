import { describe, expect, it } from 'vitest';
import { easyParams, rng } from '../../test/gen/chain.ts';
import { lazyChain } from '../../test/gen/lazy-chain.ts';
import { fromHex, toHex } from '../bytes.ts';
import { decodeBlock } from './block.ts';
import { blake3Hash } from './hash.ts';
import { BlockTable, FLAG_MERGE, FLAG_ROOT, NONE } from './table.ts';

const ZERO = new Uint8Array(32);

/**
 * A table holding a random chain's blocks (merges of both depths, a congress root), built without
 * the dag and grown from capacity 4.
 */
function tableOf(blocks: number, seed: number) {
  const chain = lazyChain(easyParams(), { blocks, seed, forkRate: 0.3 });
  const t = new BlockTable(4);
  const ids = new Map<string, number>();
  const base = {
    key: ZERO,
    time: 0n,
    target: 0n,
    aw: 0n,
    count: 0,
    prev: NONE,
    other: NONE,
    flags: FLAG_ROOT,
  };
  ids.set(toHex(chain.dag.genesisHash), t.push({ ...base, hash: chain.dag.genesisHash, subchain: NONE }));
  ids.set(toHex(chain.root.id), t.push({ ...base, hash: chain.root.id, subchain: 3 }));
  for (const bytes of chain.blocks) {
    const b = decodeBlock(bytes);
    const hash = blake3Hash(bytes);
    const prev = ids.get(toHex(b.prev))!;
    const other = b.other ? ids.get(toHex(b.other))! : NONE;
    const flags = b.other ? FLAG_MERGE : 0;
    ids.set(toHex(hash), t.push({ ...base, ...b, hash, prev, other, flags, subchain: b.type }));
  }
  return { t, hashes: [...ids.keys()] };
}

/** Ancestor at height h by walking prev links one at a time. */
function naiveAncestor(t: BlockTable, id: number, h: number): number {
  let at = id;
  while (t.height[at]! > h) at = t.prev[at]!;
  return at;
}

/** past(b) ∪ {b} for every block, by set union over both parents. */
function pastSets(t: BlockTable): Set<number>[] {
  const past: Set<number>[] = [];
  for (let id = 0; id < t.size; id++) {
    const s = new Set<number>([id]);
    for (const parent of [t.prev[id]!, t.other[id]!])
      if (parent !== NONE) for (const x of past[parent]!) s.add(x);
    past.push(s);
  }
  return past;
}

describe.each([11, 12])('block table of random chain %i', (seed) => {
  const { t, hashes } = tableOf(300, seed);

  it('finds every hash after growing, and misses unknown ones', () => {
    expect(t.size).toBe(302);
    hashes.forEach((h, id) => {
      expect(t.find(fromHex(h)!)).toBe(id);
    });
    expect(t.find(blake3Hash(new Uint8Array([1])))).toBe(NONE);
    const padded = new Uint8Array(40);
    padded.set(t.hash(7), 8);
    expect(t.find(padded, 8)).toBe(7);
  });

  it('ancestor via skip pointers equals the naive walk at every height', () => {
    for (let id = 0; id < t.size; id++) {
      for (let h = 0; h <= t.height[id]!; h++) expect(t.ancestor(id, h)).toBe(naiveAncestor(t, id, h));
      if (t.skip[id] !== NONE) expect(t.onChain(t.skip[id]!, id)).toBe(true);
    }
  });

  it('inPastOrSelf equals membership in the brute-force past set for every pair', () => {
    const past = pastSets(t);
    const mismatches: string[] = [];
    for (let b = 0; b < t.size; b++) {
      for (let a = 0; a < t.size; a++)
        if (t.inPastOrSelf(a, b) !== past[b]!.has(a)) mismatches.push(`${a} in ${b}`);
    }
    expect(mismatches).toEqual([]);
    const merges = Array.from({ length: t.size }, (_, b) => b).filter((b) => t.isMerge(b));
    const depth = (b: number) => t.height[b]! - t.height[t.other[b]!]!;
    expect(new Set(merges.map(depth))).toEqual(new Set([1, 2]));
  });
});

describe('skip pointers', () => {
  it('stay exact on a deep random tree', () => {
    const deep = new BlockTable(4);
    const rand = rng(5);
    const base = { key: ZERO, other: NONE, flags: 0, subchain: 1, time: 0n, target: 0n, aw: 0n, count: 0 };
    for (let i = 0; i < 20_000; i++) {
      const hash = blake3Hash(new Uint8Array(new Uint32Array([i]).buffer));
      const prev = i === 0 ? NONE : Math.max(0, i - 1 - Math.floor(rand() * 4));
      deep.push({ ...base, hash, prev });
    }
    for (let q = 0; q < 500; q++) {
      const id = Math.floor(rand() * deep.size);
      const h = Math.floor(rand() * (deep.height[id]! + 1));
      expect(deep.ancestor(id, h)).toBe(naiveAncestor(deep, id, h));
    }
    expect(deep.height[deep.size - 1]).toBeGreaterThan(5000);
  });
});
