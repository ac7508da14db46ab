/**
 * Query helpers over the shared schema. Each takes a drizzle SQLite database in synchronous mode, as
 * both the node-sqlite and the durable-sqlite drivers provide, so node and edge run the same queries.
 */
import { asc, count, eq, gt, sql } from 'drizzle-orm';
import type { SQLiteAsyncDatabase } from 'drizzle-orm/sqlite-core';
import { meta, SCHEMA_SQL, tokens } from './schema.ts';

/** A drizzle SQLite database whose queries complete synchronously (node:sqlite, Durable Objects). */
// biome-ignore lint/suspicious/noExplicitAny: the relations and run-result types differ per driver
export type StoreDb = SQLiteAsyncDatabase<'sync', any, any>;

/** One stored block: its acceptance sequence number, hash and raw bytes. */
export interface StoredToken {
  seq: number;
  hash: Uint8Array;
  raw: Uint8Array;
}

/** Creates the tables when missing. */
export function createTables(db: StoreDb): void {
  for (const statement of SCHEMA_SQL) db.run(sql.raw(statement));
}

/**
 * Rows per INSERT statement: 2 parameters each, so 100 parameters, the most a Durable Object's SQLite
 * binds in one statement (node:sqlite allows 32766). The shared store cases (store.cases.ts) run a
 * batch of more than one statement on both.
 */
const INSERT_CHUNK = 50;

/**
 * Appends blocks in the given order inside one transaction; blocks already stored are skipped, so a
 * replayed write is harmless. Returns when the transaction has committed.
 */
export function saveTokens(db: StoreDb, rows: readonly { hash: Uint8Array; raw: Uint8Array }[]): void {
  if (rows.length === 0) return;
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({ hash: r.hash, raw: r.raw }));
      tx.insert(tokens).values(chunk).onConflictDoNothing().run();
    }
  });
}

/** Up to `limit` stored blocks with `seq > after`, in acceptance order (parents before children). */
export function loadTokens(db: StoreDb, after: number, limit: number): StoredToken[] {
  return db.select().from(tokens).where(gt(tokens.seq, after)).orderBy(asc(tokens.seq)).limit(limit).all();
}

/** The raw bytes of the block with `hash`, if stored. */
export function loadRaw(db: StoreDb, hash: Uint8Array): Uint8Array | undefined {
  return db.select({ raw: tokens.raw }).from(tokens).where(eq(tokens.hash, hash)).get()?.raw;
}

/** Number of stored blocks. */
export function countTokens(db: StoreDb): number {
  return db.select({ n: count() }).from(tokens).get()?.n ?? 0;
}

/** A `meta` value, if set. */
export function loadMeta(db: StoreDb, key: string): string | undefined {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value;
}

/** Sets a `meta` value. */
export function saveMeta(db: StoreDb, key: string, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}
