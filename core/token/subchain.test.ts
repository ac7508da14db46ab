import { describe, expect, it } from 'vitest';
import { catching } from '../../test/catching.ts';
import { easyParams } from '../../test/gen/chain.ts';
import { randomChain } from '../../test/gen/random-chain.ts';
import { VectorBuilder } from '../../test/vectors/token/builder.ts';
import { fromHex, toHex } from '../bytes.ts';
import { isProtoError } from '../errors.ts';
import type { TokenDag } from './dag.ts';

const V = 1;

/** Extends `from` by `n` validator blocks; returns the hashes. */
function branch(b: VectorBuilder, from: Uint8Array, n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0, at = from; i < n; i++) out.push((at = b.add({ prev: at, type: V })));
  return out;
}

const tipOf = (dag: TokenDag) => toHex(dag.tip('validator').hash);

describe('fork choice with checkpoints', () => {
  it('never leaves the checkpoint branch, even when another branch gets heavier', () => {
    const b = new VectorBuilder('checkpoint');
    const a = branch(b, b.genesis, 2);
    const other = branch(b, b.genesis, 1);
    expect(b.dag.setCheckpoint('validator', a[0]!)).toBe(false);
    const heavy = branch(b, other[0]!, 6);
    expect(b.dag.info(heavy[5]!)!.aw).toBeGreaterThan(b.dag.info(a[1]!)!.aw);
    expect(tipOf(b.dag)).toBe(toHex(a[1]!));
    expect(b.dag.info(heavy[5]!)!.canonical).toBe(false);
    const a3 = b.add({ prev: a[1]!, type: V });
    expect(tipOf(b.dag)).toBe(toHex(a3));
  });

  it('moves the tip onto a lighter branch when the checkpoint lands there', () => {
    const b = new VectorBuilder('checkpoint-move');
    const light = branch(b, b.genesis, 1);
    const heavy = branch(b, b.genesis, 3);
    expect(tipOf(b.dag)).toBe(toHex(heavy[2]!));
    expect(b.dag.setCheckpoint('validator', light[0]!)).toBe(true);
    expect(tipOf(b.dag)).toBe(toHex(light[0]!));
    expect(b.dag.canonical('validator', 0, 10).map(toHex)).toEqual([toHex(light[0]!)]);
    expect(
      isProtoError(
        catching(() => b.dag.setCheckpoint('validator', heavy[1]!)),
        'checkpoint-not-descendant',
      ),
    ).toBe(true);
  });

  it('follows a heavier fork once it merges the checkpointed block (the checkpoint is in its past)', () => {
    const b = new VectorBuilder('checkpoint-merged');
    const v1 = b.add({ prev: b.genesis, type: V });
    const [p, q] = b.order(b.add({ prev: v1, type: V }), b.add({ prev: v1, type: V }));
    expect(b.dag.setCheckpoint('validator', q)).toBe(true);
    const off = b.add({ prev: p, type: V });
    expect(tipOf(b.dag)).toBe(toHex(q));
    const m = b.add({ prev: off, other: q, type: V });
    expect(tipOf(b.dag)).toBe(toHex(m));
    expect(b.dag.canonical('validator', 0, 10).map(toHex)).toEqual([v1, p, off, q, m].map(toHex));
  });

  it('finds the best leaf of the checkpoint branch among retired forks', () => {
    const b = new VectorBuilder('checkpoint-stale');
    const side = branch(b, b.genesis, 2);
    const main = branch(b, b.genesis, 14);
    for (let i = 2; i < 12; i++) b.add({ prev: main[i]!, type: V, dt: 2_000_000_000n });
    expect(tipOf(b.dag)).toBe(toHex(main[13]!));
    expect(b.dag.setCheckpoint('validator', side[0]!)).toBe(true);
    expect(tipOf(b.dag)).toBe(toHex(side[1]!));
  });
});

describe('canonical order', () => {
  it.each([3, 4])('positions equal counts on random chain %i; the set is past(tip)', (seed) => {
    const { dag } = randomChain(easyParams(), { blocks: 300, seed, forkRate: 0.3 });
    for (const id of dag.subchains()) {
      const tip = dag.tip(id);
      const list = dag.canonical(id, 0, 10_000).map(toHex);
      expect(list.length).toBe(tip.count);
      const infos = list.map((h) => dag.info(fromHex(h)!)!);
      infos.forEach((info, i) => {
        // a merged block sits just before its merger; every other token sits at its own count
        const merger = infos[i + 1];
        const merged = merger?.other !== undefined && toHex(merger.other) === list[i];
        expect(merged ? merger.count - 1 : info.count).toBe(i + 1);
      });
      expect(infos.filter((info, i) => info.count !== i + 1).length).toBeGreaterThan(0);
      expect(new Set(list)).toEqual(pastOf(dag, tip.hash));
      expect(dag.canonical(id, 5, 3)).toEqual(dag.canonical(id, 0, 10_000).slice(5, 8));
    }
  });
});

/** past(tip) ∪ {tip} minus roots, by walking both parent links. */
function pastOf(dag: TokenDag, tip: Uint8Array): Set<string> {
  const seen = new Set<string>();
  const stack = [tip];
  while (stack.length > 0) {
    const info = dag.info(stack.pop()!)!;
    if (info.root || seen.has(toHex(info.hash))) continue;
    seen.add(toHex(info.hash));
    stack.push(info.prev!, ...(info.other ? [info.other] : []));
  }
  return seen;
}
