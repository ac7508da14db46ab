/**
 * LedgerShard: a Durable Object holding the committed ledger blocks of one height range
 * (SHARD_HEIGHTS heights: shard k holds k * SHARD_HEIGHTS + 1 .. (k + 1) * SHARD_HEIGHTS), in the
 * `ledger_blocks` table of the shared store schema. It stores only what the LedgerHead hands it after
 * verifying the commit; it checks nothing itself and is never written by the Worker directly.
 */
import { DurableObject } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import { encodeLightBlock } from '../../core/client/light-block.ts';
import { decodeBlock, decodeCommit } from '../../core/ledger/index.ts';
import { createLedgerTables, loadLedgerBlocks } from '../../core/store/ledger-queries.ts';
import { ledgerBlocks } from '../../core/store/ledger-schema.ts';
import type { StoreDb } from '../../core/store/queries.ts';
import {
  createValidatorListTables,
  loadValidatorList,
  saveValidatorList,
} from '../../core/store/validator-lists.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import type { Env } from '../env.ts';

/**
 * Heights per shard: 8192 blocks of the largest size (1 MiB, with 8 KiB commits) are 8.07 GiB, under a
 * Durable Object's 10 GB; at the public preset's one block a second, a shard spans 2.3 hours.
 */
export const SHARD_HEIGHTS = 8192;

/** The shard holding `height` (>= 1). */
export const shardOf = (height: number): number => Math.floor((height - 1) / SHARD_HEIGHTS);

/** One verified block as a shard keeps it. */
export interface ShardBlock {
  height: number;
  hash: Uint8Array;
  block: Uint8Array;
  commit: Uint8Array;
  root: Uint8Array;
}

/** Committed blocks of one height range. */
export class LedgerShard extends DurableObject<Env> {
  private readonly db: StoreDb;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage);
    createLedgerTables(this.db);
    createValidatorListTables(this.db);
  }

  /**
   * Stores a block the head verified with the ordered validator list of its height; a height already
   * held keeps its first block.
   */
  put(b: ShardBlock, validators: Uint8Array[]): void {
    this.db.transaction((tx) => {
      tx.insert(ledgerBlocks).values(b).onConflictDoNothing().run();
    });
    saveValidatorList(this.db, b.height, validators, blake3Hash);
  }

  /** The ordered validator list of `height`, or null. */
  validatorsAt(height: number): Uint8Array[] | null {
    return loadValidatorList(this.db, height) ?? null;
  }

  /** Up to `count` blocks from `from` on, in height order, with no gap. */
  range(from: number, count: number): ShardBlock[] {
    const rows = loadLedgerBlocks(this.db, from, count);
    const out: ShardBlock[] = [];
    for (const r of rows) {
      if (r.height !== from + out.length) break;
      out.push(r);
    }
    return out;
  }

  /** The light block of `height` (header, commit, ordered list; core/client/light-block.ts), or null. */
  light(height: number): Uint8Array | null {
    const row = this.range(height, 1)[0];
    const validators = row && loadValidatorList(this.db, height);
    if (!row || !validators) return null;
    const { header } = decodeBlock(row.block);
    return encodeLightBlock({ header, commit: decodeCommit(row.commit), validators });
  }

  /** The hash of the block at `height`, or null. */
  hashAt(height: number): Uint8Array | null {
    return this.range(height, 1)[0]?.hash ?? null;
  }
}
