/**
 * The ordered validator list of every committed height, for light clients (docs/node.md, Ledger
 * storage). A list is stored as its membership (the keys sorted bytewise, content-addressed by
 * membershipHash, so a set is stored once however often it recurs) and, per height, the position of
 * each validator in that membership: n bytes a height instead of 32n.
 */

import { eq, sql } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { compareBytes, equalBytes } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import { membershipHash } from '../ledger/index.ts';
import type { Hasher } from '../token/hash.ts';
import type { StoreDb } from './queries.ts';
import { bytes } from './schema.ts';

/** Memberships (keys sorted bytewise, concatenated) by membershipHash. */
export const ledgerValidatorSets = sqliteTable('ledger_validator_sets', {
  hash: bytes('hash').primaryKey(),
  keys: bytes('keys').notNull(),
});

/** Per height: the membership and, for each list position, the key's index in it (one byte each). */
export const ledgerValidatorOrder = sqliteTable('ledger_validator_order', {
  height: integer('height').primaryKey(),
  members: bytes('members').notNull(),
  positions: bytes('positions').notNull(),
});

export const VALIDATOR_LIST_SQL: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS ledger_validator_sets (hash BLOB PRIMARY KEY, keys BLOB NOT NULL)',
  'CREATE TABLE IF NOT EXISTS ledger_validator_order (height INTEGER PRIMARY KEY, members BLOB NOT NULL, ' +
    'positions BLOB NOT NULL)',
];

/** Creates the tables when missing. */
export function createValidatorListTables(db: StoreDb): void {
  for (const statement of VALIDATOR_LIST_SQL) db.run(sql.raw(statement));
}

/** Stores the ordered list of `height` (kept when already stored). */
export function saveValidatorList(
  db: StoreDb,
  height: number,
  list: readonly Uint8Array[],
  hash: Hasher,
): void {
  const sorted = [...list].sort(compareBytes);
  const set = membershipHash(sorted, hash);
  const positions = Uint8Array.from(list, (k) => sorted.findIndex((s) => equalBytes(s, k)));
  const keys = new Uint8Array(32 * sorted.length);
  for (const [i, k] of sorted.entries()) keys.set(k, 32 * i);
  db.transaction((tx) => {
    tx.insert(ledgerValidatorSets).values({ hash: set, keys }).onConflictDoNothing().run();
    tx.insert(ledgerValidatorOrder).values({ height, members: set, positions }).onConflictDoNothing().run();
  });
}

/** The ordered list of `height`, or undefined when none is stored. */
export function loadValidatorList(db: StoreDb, height: number): Uint8Array[] | undefined {
  const row = db.select().from(ledgerValidatorOrder).where(eq(ledgerValidatorOrder.height, height)).get();
  if (!row) return undefined;
  const set = db.select().from(ledgerValidatorSets).where(eq(ledgerValidatorSets.hash, row.members)).get();
  if (!set)
    throw new ProtoError('bad-input', `stored validator set of height ${height} is missing`, 'penalize');
  return Array.from(row.positions, (p) => set.keys.slice(32 * p, 32 * p + 32));
}
