/**
 * A checkpointed base (docs/edge.md, Token store: the window): the state a TokenDag starts from
 * instead of replaying from genesis. Below a ledger checkpoint C fork choice never changes (§3.3), so
 * a subchain needs in memory only the blocks from a floor height F = height(C) - margin up: they are
 * held with the accumulated work, count and height they were accepted with (no re-validation), the
 * canonical block at height F is the anchor (fork choice starts there, positions up to its count are
 * final and answered by the caller's store), and C is applied again on top.
 *
 * A new block is judged only when every block its checks read lies in the window: its selected
 * parent at least BASE_DEPTH heights above the floor (merge rules reach 2 heights below the parent,
 * the merged block's own merged block 2 more, ASERT the parent's parent). Any other block cannot
 * descend from C once margin > BASE_DEPTH (its past lies below C's height) and is answered
 * `below-window` (action ignore): it could never be canonical.
 */

/** How far below a subchain's floor a new block's checks may read. */
export const BASE_DEPTH = 4;

/** One held block of a base: its bytes and what its acceptance computed. */
export interface BaseBlock {
  hash: Uint8Array;
  raw: Uint8Array;
  aw: bigint;
  count: number;
  height: number;
}

/** Where one subchain's window starts. */
export interface SubchainBase {
  /** 'validator' or 'proposal' (congress subchains are opened by the ledger, never based). */
  id: string;
  /** The lowest height held; 0 or 1 means the whole subchain (no anchor). */
  floor: number;
  /** The canonical block at height `floor` (ignored when floor <= 1). */
  anchor: Uint8Array;
  /** The ledger checkpoint, applied after the blocks (undefined: none yet). */
  checkpoint: Uint8Array | undefined;
}

/**
 * Every held block of every subchain in acceptance order (parents first), and each subchain's floor.
 * A subchain without an entry in `subchains` is held whole.
 */
export interface DagBase {
  subchains: SubchainBase[];
  blocks: BaseBlock[];
}

/** The floor a subchain's window takes for a checkpoint at `checkpointHeight`, held `margin` heights below. */
export function windowFloor(checkpointHeight: number, margin: number): number {
  if (margin <= BASE_DEPTH) throw new RangeError(`a window margin must exceed ${BASE_DEPTH}`);
  return Math.max(0, checkpointHeight - margin);
}
