import { compareBytes } from '../../../core/bytes.ts';
import { nextTarget } from '../../../core/token/asert.ts';
import { VectorBuilder } from './builder.ts';
import type { InvalidVector } from './format.ts';
import { base } from './invalid-basic.ts';

const V = 1;
const C = 3;

function fail(what: string): never {
  throw new Error(`vector generation: ${what}`);
}

function merges(): InvalidVector[] {
  const out: InvalidVector[] = [];
  let x = base('merge-of-root');
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, other: x.b.genesis, type: V }).bytes, 'merge-of-root'));
  const b = new VectorBuilder('merge-of-congress-root');
  const root = b.root(0x45, 5);
  const c1 = b.add({ prev: root, type: C });
  out.push(b.invalid(b.mine({ prev: c1, other: root, type: C }).bytes, 'merge-of-root'));
  out.push(...foreignRoots());
  x = base('merge-of-ancestor');
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, other: x.v1, type: V }).bytes, 'merge-of-ancestor'));
  x = base('merge-of-ancestor-self');
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, other: x.v2, type: V }).bytes, 'merge-of-ancestor'));
  x = base('not-selected-parent-tie');
  const [p, q] = x.b.order(x.v2, x.b.add({ prev: x.v1, type: V }));
  out.push(x.b.invalid(x.b.mine({ prev: q, other: p, type: V }).bytes, 'not-selected-parent'));
  x = base('not-selected-parent-heavier');
  const a = x.b.add({ prev: x.v1, type: V });
  const v3 = x.b.add({ prev: x.v2, type: V });
  out.push(x.b.invalid(x.b.mine({ prev: a, other: v3, type: V }).bytes, 'not-selected-parent'));
  x = base('merge-too-deep');
  const off = x.b.add({ prev: x.v1, type: V });
  const v4 = x.b.add({ prev: x.b.add({ prev: x.v2, type: V }), type: V });
  out.push(x.b.invalid(x.b.mine({ prev: v4, other: off, type: V }).bytes, 'merge-too-deep'));
  out.push(mergesetTooLarge());
  return out;
}

/** A root of another subchain is still a root: merge-of-root comes before the subchain of `other` (§1.4). */
function foreignRoots(): InvalidVector[] {
  const x = base('merge-of-congress-root-into-validator');
  const root = x.b.root(0x46, 5);
  const first = x.b.invalid(x.b.mine({ prev: x.v2, other: root, type: V }).bytes, 'merge-of-root');
  const b = new VectorBuilder('merge-of-genesis-into-congress');
  const c1 = b.add({ prev: b.root(0x47, 5), type: C });
  return [first, b.invalid(b.mine({ prev: c1, other: b.genesis, type: C }).bytes, 'merge-of-root')];
}

/**
 * M merges q into p; x4 extends p twice, with blocks so quick that it outweighs M. Merging M into x4
 * would bring q along: a mergeset of two.
 */
function mergesetTooLarge(): InvalidVector {
  const b = new VectorBuilder('mergeset-too-large');
  const v1 = b.add({ prev: b.genesis, type: V });
  const [p, q] = b.order(b.add({ prev: v1, type: V, dt: 1n }), b.add({ prev: v1, type: V, dt: 1n }));
  const m = b.add({ prev: p, other: q, type: V });
  const x4 = b.add({ prev: b.add({ prev: p, type: V, dt: 1n }), type: V, dt: 1n });
  return b.invalid(b.mine({ prev: x4, other: m, type: V }).bytes, 'mergeset-too-large');
}

function times(): InvalidVector[] {
  const out: InvalidVector[] = [];
  let x = base('time-not-increasing');
  const t2 = x.b.time(x.v2);
  const early = x.b.mine({ prev: x.v2, type: V, time: t2 - 1000n });
  if (early.block.time > t2) fail('early block');
  out.push(x.b.invalid(early.bytes, 'time-not-increasing'));
  x = base('time-not-increasing-equal');
  let equal = x.b.mine({ prev: x.v2, type: V, time: x.b.time(x.v2) });
  for (let k = 1; equal.block.time !== x.b.time(x.v2); k++) {
    equal = x.b.mine({ prev: x.v2, type: V, time: x.b.time(x.v2), key: new Uint8Array(32).fill(k) });
  }
  out.push(x.b.invalid(equal.bytes, 'time-not-increasing'));
  out.push(timeBeforeOther());
  return out;
}

/** A merge later than its selected parent but not later than its merged block. */
function timeBeforeOther(): InvalidVector {
  const x = base('time-not-increasing-merged-parent');
  let late = x.b.mine({ prev: x.v1, type: V, dt: 10_000_000_000n });
  while (compareBytes(late.hash, x.v2) < 0) late = x.b.mine({ prev: x.v1, type: V, dt: 10_000_000_000n });
  const other = x.b.accept(late.bytes);
  const merge = x.b.mine({ prev: x.v2, other, type: V, time: x.b.time(x.v2) + 1n });
  if (merge.block.time > late.block.time) fail('merge time');
  return x.b.invalid(merge.bytes, 'time-not-increasing');
}

function targets(): InvalidVector[] {
  const out: InvalidVector[] = [];
  let x = base('wrong-target');
  const required = x.b.mine({ prev: x.v2, type: V }).block.target;
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, type: V, target: required - 1n }).bytes, 'wrong-target'));
  x = base('wrong-target-after-root');
  const doubled = x.b.params.validator.rootTarget * 2n;
  out.push(x.b.invalid(x.b.mine({ prev: x.b.genesis, type: V, target: doubled }).bytes, 'wrong-target'));
  out.push(targetIgnoringMerge());
  return out;
}

/** The child of a merge must expect a 2T gap (§1.4); this one's target assumes T. */
function targetIgnoringMerge(): InvalidVector {
  const x = base('wrong-target-after-merge');
  const [p, q] = x.b.order(x.v2, x.b.add({ prev: x.v1, type: V }));
  const m = x.b.info(x.b.add({ prev: p, other: q, type: V }));
  const v = x.b.params.validator;
  const asPlain = { isRoot: false, target: m.target, time: m.time, parentTime: x.b.time(p), merge: false };
  const target = nextTarget(asPlain, v.spacing, v.halfLife, v.maxTarget);
  return x.b.invalid(x.b.mine({ prev: m.hash, type: V, target }).bytes, 'wrong-target');
}

function caps(): InvalidVector[] {
  let b = new VectorBuilder('congress-cap');
  let r = b.root(0x44, 2);
  const c2 = b.add({ prev: b.add({ prev: r, type: C }), type: C });
  const first = b.invalid(b.mine({ prev: c2, type: C }).bytes, 'congress-cap');
  b = new VectorBuilder('congress-cap-after-final-merge');
  r = b.root(0x55, 3);
  const c1 = b.add({ prev: r, type: C });
  const [p, q] = b.order(b.add({ prev: c1, type: C }), b.add({ prev: c1, type: C }));
  const full = b.add({ prev: p, other: q, type: C });
  return [first, b.invalid(b.mine({ prev: full, type: C }).bytes, 'congress-cap')];
}

/** Vectors for the merge, timestamp, target and congress-cap rules. */
export function ruleInvalidVectors(): InvalidVector[] {
  return [...merges(), ...times(), ...targets(), ...caps()];
}
