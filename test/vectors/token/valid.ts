import { toHex } from '../../../core/bytes.ts';
import { decodeBlock } from '../../../core/token/block.ts';
import { congressId } from '../../../core/token/dag.ts';
import { lazyChain } from '../../gen/lazy-chain.ts';
import { randomChain } from '../../gen/random-chain.ts';
import { VectorBuilder } from './builder.ts';
import type { ValidVector } from './format.ts';

const V = 1;
const P = 2;
const C = 3;

/** Fails generation when a vector does not show what its name promises. */
function assert(ok: boolean, what: string): void {
  if (!ok) throw new Error(`vector generation: ${what}`);
}

function genesisOnly(): ValidVector {
  return new VectorBuilder('valid-genesis-only').valid();
}

function linear(): ValidVector {
  const b = new VectorBuilder('valid-linear');
  let v = b.genesis;
  let p = b.genesis;
  for (let i = 0; i < 4; i++) v = b.add({ prev: v, type: V, dt: BigInt(i + 1) * 700_000_000n });
  for (let i = 0; i < 2; i++) p = b.add({ prev: p, type: P, dt: 9_000_000_000n });
  return b.valid();
}

/** A lighter branch arrives first; a heavier one from the root takes the tip. */
function reorg(): ValidVector {
  const b = new VectorBuilder('valid-reorg');
  const a1 = b.add({ prev: b.genesis, type: V });
  const b1 = b.add({ prev: b.genesis, type: V });
  const b2 = b.add({ prev: b1, type: V });
  assert(b.dag.tip('validator').count === 2 && !b.dag.info(a1)!.canonical, 'reorg to the longer branch');
  assert(b.dag.info(b2)!.canonical, 'new tip');
  return b.valid();
}

/** Two children of the root with equal work: the smaller hash is the tip. */
function siblingTie(): ValidVector {
  const b = new VectorBuilder('valid-sibling-tie');
  const x = b.add({ prev: b.genesis, type: V });
  const y = b.add({ prev: b.genesis, type: V, dt: 3_000_000_000n });
  assert(toHex(b.dag.tip('validator').hash) === toHex(b.order(x, y)[0]), 'tie to the smaller hash');
  return b.valid();
}

/** A merge of a sibling (depth 1), then a merge whose merged block's parent is the grandparent (depth 2). */
function merges(): ValidVector {
  const b = new VectorBuilder('valid-merges');
  const v1 = b.add({ prev: b.genesis, type: V });
  const [p, q] = b.order(b.add({ prev: v1, type: V }), b.add({ prev: v1, type: V }));
  const m = b.add({ prev: p, other: q, type: V });
  const w = b.add({ prev: p, type: V });
  const y = b.add({ prev: m, type: V });
  const z = b.add({ prev: y, other: w, type: V });
  b.add({ prev: z, type: V });
  assert(b.dag.tip('validator').count === 8, 'all eight blocks canonical');
  return b.valid();
}

/** A congress of size Q = 3 whose final merge reaches Q + 1 members; a second congress stays empty. */
function congress(): ValidVector {
  const b = new VectorBuilder('valid-congress');
  const r = b.root(0x11, 3);
  b.root(0x22, 3);
  b.add({ prev: b.genesis, type: V });
  const c1 = b.add({ prev: r, type: C });
  const [p, q] = b.order(b.add({ prev: c1, type: C }), b.add({ prev: c1, type: C }));
  b.add({ prev: p, other: q, type: C });
  assert(b.dag.tip(congressId(r)).count === 4, 'final merge reaches Q + 1');
  return b.valid();
}

/** A random chain of both mined subchains with forks and merges, fed in creation order. */
function random(name: string, blocks: number, seed: number, forkRate: number): ValidVector {
  const b = new VectorBuilder(name);
  const chain = randomChain(b.params, { blocks, seed, forkRate });
  for (const bytes of chain.blocks) b.accept(bytes);
  const decoded = chain.blocks.map(decodeBlock);
  const merged = decoded.filter((x) => x.other).length;
  const forks = blocks - new Set(decoded.map((x) => toHex(x.prev))).size;
  assert(merged > 0 && forks > merged, `${name} has merges and unmerged forks`);
  return b.valid();
}

/** A random chain whose merges reach both depths, with a congress subchain. */
function lazy(): ValidVector {
  const b = new VectorBuilder('valid-random-lazy-merges');
  const chain = lazyChain(b.params, { blocks: 150, seed: 3 });
  b.root(chain.root.id[0]!, chain.root.size, chain.root.target, chain.root.time);
  for (const bytes of chain.blocks) b.accept(bytes);
  const deep = chain.blocks.map(decodeBlock).filter((x) => {
    return x.other && b.info(x.other).height < b.info(x.prev).height;
  });
  assert(deep.length > 0, 'depth-2 merges');
  return b.valid();
}

/** Every valid vector, in file order. */
export function validVectors(): ValidVector[] {
  return [
    genesisOnly(),
    linear(),
    reorg(),
    siblingTie(),
    merges(),
    congress(),
    random('valid-random-dag', 120, 1, 0.12),
    random('valid-random-forky', 120, 2, 0.35),
    lazy(),
  ];
}
