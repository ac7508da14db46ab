/**
 * The token-chain store schema, shared by the Node full node (node:sqlite) and the edge's Durable
 * Objects (durable-sqlite). The store keeps raw blocks; every index is rebuilt in memory at start.
 */
import { customType, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A BLOB read back as a plain `Uint8Array` on every driver (node:sqlite, Durable Object SQLite). */
export const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'blob',
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(value as Uint8Array | ArrayBuffer),
});

/**
 * Accepted token blocks in acceptance order. `seq` is the rowid, so reading by `seq` always meets a
 * block after its parents and a restart can replay the table straight into a fresh DAG.
 */
export const tokens = sqliteTable('tokens', {
  seq: integer('seq').primaryKey(),
  hash: bytes('hash').notNull().unique(),
  raw: bytes('raw').notNull(),
});

/** Small key/value facts about the store, such as the chain id it belongs to. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * DDL for the tables above, run at start (`CREATE ... IF NOT EXISTS`, so it is idempotent). Kept next
 * to the schema; the store tests insert and read through the schema on tables made by this DDL.
 */
export const SCHEMA_SQL: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS tokens (seq INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, raw BLOB NOT NULL)',
  'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
];
