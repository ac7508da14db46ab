import { compareBytes } from '../bytes.ts';
import { type BlockTable, NONE } from './table.ts';

/**
 * Fork choice of one subchain (PROTOCOL.md §1.2): the best tip is the block with the largest AW that
 * descends from the latest checkpoint, ties to the smaller hash. `canon` lists the canonical tokens
 * in order: walking the selected chain from the root, each chain block's merged block, then the block.
 * A chain block's position is therefore its `count`; a merged block sits just before its merger.
 *
 * Bounds: `leaves` and `stale` hold blocks without children that descend from the checkpoint; every
 * entry cost a proof of work, and a checkpoint prunes the ones off its branch. `leaves` keeps only
 * those within 2 heights of the best tip (the only ones a new block may merge), so a miner's template
 * never scans old forks; older ones wait in `stale` for the next checkpoint. `canon` holds one id per
 * token.
 */
export class Subchain {
  readonly id: string;
  /** Position in the index's subchain list, as stored in `BlockTable.subchain`. */
  readonly index: number;
  readonly type: number;
  readonly root: number;
  /** Target of the first block after the root. */
  readonly rootTarget: bigint;
  /** Congress size Q (blocks are valid only while count(prev) < Q); Infinity for uncapped subchains. */
  readonly cap: number;
  checkpoint: number;
  best: number;
  closed = false;
  readonly leaves = new Set<number>();
  private readonly stale = new Set<number>();
  private canon = new Int32Array(64);
  private canonLength = 0;
  /** Canonical positions at or below this one are not held (a subchain started from a base). */
  private canonStart = 0;
  /** Lowest height held (0: the whole subchain); blocks whose checks reach below it are not judged. */
  floor = 0;

  constructor(id: string, index: number, type: number, root: number, rootTarget: bigint, cap: number) {
    this.id = id;
    this.index = index;
    this.type = type;
    this.root = root;
    this.rootTarget = rootTarget;
    this.cap = cap;
    this.checkpoint = root;
    this.best = root;
  }

  /** Number of canonical tokens (= count of the best tip). */
  get length(): number {
    return this.canonStart + this.canonLength;
  }

  /** The highest canonical position not held (0 unless started from a base). */
  get heldAfter(): number {
    return this.canonStart;
  }

  /** The id at canonical position `pos` (1-based, above heldAfter). */
  at(pos: number): number {
    return this.canon[pos - 1 - this.canonStart]!;
  }

  /**
   * Starts fork choice from `anchor`, a final block of the selected chain held without its ancestry
   * (base.ts): it is the checkpoint and best tip, and positions up to its count are not held.
   */
  rebase(t: BlockTable, anchor: number, floor: number): void {
    this.checkpoint = anchor;
    this.best = anchor;
    this.floor = floor;
    this.canonStart = t.count[anchor]!;
    this.canonLength = 0;
    this.leaves.clear();
    this.stale.clear();
    this.leaves.add(anchor);
  }

  /** Records a new block; returns true when it became the best tip. */
  add(t: BlockTable, id: number): boolean {
    for (const parent of [t.prev[id]!, t.other[id]!]) {
      this.leaves.delete(parent);
      this.stale.delete(parent);
    }
    if (!t.inPastOrSelf(this.checkpoint, id)) return false;
    this.leaves.add(id);
    const moved = better(t, id, this.best);
    if (moved) this.moveTo(t, id);
    if (this.leaves.size > 8) this.retireOldLeaves(t);
    return moved;
  }

  /** Moves the checkpoint to `id` (a descendant of the current one) and re-runs fork choice. */
  setCheckpoint(t: BlockTable, id: number): boolean {
    this.checkpoint = id;
    let best = id;
    for (const set of [this.leaves, this.stale]) {
      for (const leaf of set) {
        if (!t.inPastOrSelf(id, leaf)) set.delete(leaf);
        else if (better(t, leaf, best)) best = leaf;
      }
    }
    if (best === this.best) return false;
    this.moveTo(t, best);
    return true;
  }

  private retireOldLeaves(t: BlockTable): void {
    const floor = t.height[this.best]! - 2;
    for (const leaf of this.leaves) {
      if (t.height[leaf]! < floor) {
        this.leaves.delete(leaf);
        this.stale.add(leaf);
      }
    }
  }

  /** Rewrites `canon` from the fork point with the old best chain; amortised O(reorg depth). */
  private moveTo(t: BlockTable, tip: number): void {
    const fresh: number[] = [];
    let at = tip;
    while (at !== this.root && !t.onChain(at, this.best)) {
      fresh.push(at);
      at = t.prev[at]!;
    }
    this.canonLength = at === this.root ? 0 : t.count[at]! - this.canonStart;
    for (let i = fresh.length - 1; i >= 0; i--) {
      const d = fresh[i]!;
      if (t.other[d] !== NONE) this.append(t.other[d]!);
      this.append(d);
    }
    this.best = tip;
  }

  private append(id: number): void {
    if (this.canonLength === this.canon.length) {
      const next = new Int32Array(this.canon.length * 2);
      next.set(this.canon);
      this.canon = next;
    }
    this.canon[this.canonLength++] = id;
  }
}

/** `a` beats `b`: more accumulated work, or equal work and the smaller hash. */
export function better(t: BlockTable, a: number, b: number): boolean {
  const wa = t.aw[a]!;
  const wb = t.aw[b]!;
  if (wa !== wb) return wa > wb;
  return compareBytes(t.hash(a), t.hash(b)) < 0;
}
