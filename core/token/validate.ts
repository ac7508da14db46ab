import { ProtoError } from '../errors.ts';
import { nextTarget } from './asert.ts';
import { decodeBlock, TokenType } from './block.ts';
import type { MinedParams } from './params.ts';
import { blockMeetsTarget } from './pow.ts';
import { better, type Subchain } from './subchain.ts';
import { type BlockTable, NONE } from './table.ts';

/** A block that passed the stateless checks: decoded fields plus its hash. */
export interface CheckedBlock {
  hash: Uint8Array;
  type: number;
  merge: boolean;
  time: bigint;
  target: bigint;
  key: Uint8Array;
  prev: Uint8Array;
  other: Uint8Array | undefined;
}

/** Stateless checks: strict decoding, no mined veto token, proof of work. */
export function validateBlockBasic(bytes: Uint8Array, hash: Uint8Array): CheckedBlock {
  const b = decodeBlock(bytes);
  if (b.type === TokenType.veto)
    throw new ProtoError('veto-mined', 'veto tokens exist only at genesis', 'penalize');
  if (!blockMeetsTarget(hash, bytes)) throw new ProtoError('no-pow', 'hash is above the target', 'penalize');
  return { ...b, hash, merge: b.other !== undefined, other: b.other };
}

/** Parent ids and subchain a block attaches to, found by `resolveParents`. */
export interface Parents {
  prev: number;
  other: number;
  sub: Subchain;
}

/**
 * Stateful checks against the index (PROTOCOL.md §1.2-1.5), in a fixed order so every invalid block
 * has one error code: subchain, selected parent, merge rules, timestamps, target, congress cap.
 */
export function validateBlock(t: BlockTable, b: CheckedBlock, p: Parents, params: MinedParams): void {
  if (p.other !== NONE) validateMerge(t, p);
  const parentTime = p.other === NONE ? t.time[p.prev]! : max(t.time[p.prev]!, t.time[p.other]!);
  if (b.time <= parentTime) {
    throw new ProtoError(
      'time-not-increasing',
      `time ${b.time} is not after parent time ${parentTime}`,
      'penalize',
    );
  }
  const expected = targetAfter(t, p.prev, p.sub, params);
  if (b.target !== expected) {
    throw new ProtoError('wrong-target', `target ${hex(b.target)} should be ${hex(expected)}`, 'penalize');
  }
  if (t.count[p.prev]! >= p.sub.cap) {
    throw new ProtoError(
      'congress-cap',
      `congress already has ${t.count[p.prev]} of ${p.sub.cap} members`,
      'penalize',
    );
  }
}

/** nextTarget(P) for the block whose selected parent is `prev`; a root yields the subchain's root target. */
export function targetAfter(t: BlockTable, prev: number, sub: Subchain, params: MinedParams): bigint {
  if (t.isRoot(prev)) return sub.rootTarget;
  const P = {
    isRoot: false,
    target: t.target[prev]!,
    time: t.time[prev]!,
    parentTime: t.time[t.prev[prev]!]!,
    merge: t.isMerge(prev),
  };
  return nextTarget(P, params.spacing, params.halfLife, params.maxTarget);
}

/** Merge rules of §1.2 for k = 1, depth D = 2. */
export function validateMerge(t: BlockTable, { prev, other, sub }: Parents): void {
  if (t.isRoot(other)) throw new ProtoError('merge-of-root', 'a root cannot be merged', 'penalize');
  if (t.subchain[other] !== sub.index)
    throw new ProtoError('wrong-subchain', 'merged block is in another subchain', 'penalize');
  if (better(t, other, prev))
    throw new ProtoError('not-selected-parent', 'prev is not the heavier parent', 'penalize');
  if (t.inPastOrSelf(other, prev) || t.inPastOrSelf(prev, other)) {
    throw new ProtoError('merge-of-ancestor', 'merged block is already an ancestor', 'penalize');
  }
  const sp = t.prev[other]!;
  const h = t.height[prev]!;
  const inDepth = (h >= 1 && sp === t.ancestor(prev, h - 1)) || (h >= 2 && sp === t.ancestor(prev, h - 2));
  if (!inDepth)
    throw new ProtoError(
      'merge-too-deep',
      "merged block's parent is not within 2 of prev's chain",
      'penalize',
    );
  const inner = t.other[other]!;
  if (inner !== NONE && !t.inPastOrSelf(inner, prev)) {
    throw new ProtoError(
      'mergeset-too-large',
      'merging this block would also merge its own merged block',
      'penalize',
    );
  }
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function hex(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}
