/**
 * RelayHub: the Durable Object that holds a network's token blocks at the edge, in its SQLite
 * storage through the shared store schema (core/store). The Worker checks each block before it
 * forwards it (edge/submit.ts); the hub stores and serves bytes and validates nothing itself.
 *
 * Memory: the hub keeps no index in memory, every call is one SQLite statement. Storage grows by
 * one row per distinct block, and each stored block carries proof of work at or below its type's
 * maxTarget.
 */
import { DurableObject } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import type { RelaySubmitJson } from '../core/api/types.ts';
import { countTokens, createTables, loadRaw, type StoreDb, saveTokens } from '../core/store/queries.ts';
import { blake3Hash } from '../core/token/hash.ts';
import type { Env } from './env.ts';

/** Outcome of `RelayHub.put`: newly stored, or already held. */
export type PutStatus = RelaySubmitJson['status'];

/** One network's block store at the edge; the Worker reaches it by RPC. */
export class RelayHub extends DurableObject<Env> {
  private readonly db: StoreDb;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage);
    createTables(this.db);
  }

  /** Stores a block the Worker has checked; its hash is recomputed here, never trusted. */
  put(raw: Uint8Array): PutStatus {
    const hash = blake3Hash(raw);
    if (loadRaw(this.db, hash)) return 'known';
    saveTokens(this.db, [{ hash, raw }]);
    return 'stored';
  }

  /** The bytes of the block with `hash`, or null. */
  get(hash: Uint8Array): Uint8Array | null {
    return loadRaw(this.db, hash) ?? null;
  }

  /** Number of stored blocks. */
  count(): number {
    return countTokens(this.db);
  }
}
