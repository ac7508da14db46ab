/**
 * Reads of the token window that span memory and SQLite (docs/edge.md, Token store: the window):
 * canonical positions at or below the DAG's held part come from the final positions in `token_index`,
 * those above from the DAG, so every answer equals a full DAG's.
 */
import { equalBytes } from '../../core/bytes.ts';
import type { StoreDb } from '../../core/store/queries.ts';
import { loadRaw } from '../../core/store/queries.ts';
import { decodeBlock } from '../../core/token/block.ts';
import type { TokenDag, TokenInfo } from '../../core/token/dag.ts';
import { finalRange, type IndexedBlock, indexedBlock } from './token-index.ts';

/** A canonical block: its bytes and, on demand, what the DAG says of it. */
export interface CanonicalBlock {
  raw: Uint8Array;
  info: () => TokenInfo;
}

/** Canonical blocks of `subchain` at positions after+1 .. after+limit. */
export function canonicalBlocks(
  dag: TokenDag,
  db: StoreDb,
  subchain: string,
  after: number,
  limit: number,
): CanonicalBlock[] {
  const held = dag.heldAfter(subchain);
  const low = finalRange(db, subchain, after, limit, held).map((row) => ({
    raw: row.raw,
    info: () => storedInfo(dag, row),
  }));
  const high = dag.canonical(subchain, Math.max(after, held), limit - low.length).map((hash) => ({
    raw: loadRaw(db, hash)!,
    info: () => dag.info(hash)!,
  }));
  return [...low, ...high];
}

/** A block below the window as the DAG would describe it. */
export function storedInfo(dag: TokenDag, row: IndexedBlock): TokenInfo {
  const b = decodeBlock(row.raw);
  const canonical = row.position !== null;
  const tip = dag.tip(row.subchain).count;
  return {
    hash: row.hash,
    type: b.type,
    merge: b.other !== undefined,
    root: false,
    time: b.time,
    target: b.target,
    key: b.key,
    prev: b.prev,
    other: b.other,
    aw: row.aw,
    count: row.count,
    height: row.height,
    subchain: row.subchain,
    canonical,
    confirmations: canonical ? tip - row.count : undefined,
  };
}

/**
 * The position after which a locator's answer starts, as a node finds it (node/p2p/serve.ts): the
 * count of the first locator hash that is a block of the selected chain (its position is its count),
 * 0 when none is.
 */
export function locate(dag: TokenDag, db: StoreDb, subchain: string, locator: readonly Uint8Array[]): number {
  const held = dag.heldAfter(subchain);
  for (const hash of locator) {
    const info = dag.info(hash);
    if (info && info.count > held) {
      if (!info.canonical || info.subchain !== subchain) continue;
      const at = dag.canonical(subchain, info.count - 1, 1)[0];
      if (at && equalBytes(at, hash)) return info.count;
      continue;
    }
    const row = indexedBlock(db, hash);
    if (row && row.subchain === subchain && row.position === row.count) return row.count;
  }
  return 0;
}
