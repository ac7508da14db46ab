/**
 * The token store's index in SQLite (docs/edge.md, Token store: the window): what the DAG computed for
 * every stored block (subchain, height, count, accumulated work) and, once a ledger checkpoint made it
 * final, its canonical position. Blocks below the in-memory window are answered from here; the window
 * itself is rebuilt from here (`baseRows`) without replaying from genesis. Runs on any synchronous
 * drizzle SQLite (Durable Object storage, node:sqlite for the bench).
 */
import { and, asc, eq, gt, gte, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { StoreDb } from '../../core/store/queries.ts';
import { bytes, tokens } from '../../core/store/schema.ts';

export const tokenIndex = sqliteTable('token_index', {
  hash: bytes('hash').primaryKey(),
  subchain: text('subchain').notNull(),
  height: integer('height').notNull(),
  count: integer('count').notNull(),
  /** Accumulated work, lowercase hex. */
  aw: text('aw').notNull(),
  /** Canonical position once final (at or below the ledger checkpoint), else null. */
  position: integer('position'),
});

const INDEX_SQL = [
  'CREATE TABLE IF NOT EXISTS token_index (hash BLOB PRIMARY KEY, subchain TEXT NOT NULL, height INTEGER NOT NULL, count INTEGER NOT NULL, aw TEXT NOT NULL, position INTEGER)',
  'CREATE UNIQUE INDEX IF NOT EXISTS token_index_position ON token_index (subchain, position) WHERE position IS NOT NULL',
  'CREATE INDEX IF NOT EXISTS token_index_height ON token_index (subchain, height)',
];

/** What the index holds of one block. */
export interface IndexRow {
  hash: Uint8Array;
  subchain: string;
  height: number;
  count: number;
  aw: bigint;
  position: number | null;
}

/** An index row with the block's bytes. */
export interface IndexedBlock extends IndexRow {
  raw: Uint8Array;
}

const ROWS = 20; // 5 parameters a row: the 100 a Durable Object's SQLite binds in one statement

export function createIndex(db: StoreDb): void {
  for (const statement of INDEX_SQL) db.run(sql.raw(statement));
}

/** Records what the DAG computed for newly stored blocks (a replayed row is skipped). */
export function saveIndex(db: StoreDb, rows: readonly Omit<IndexRow, 'position'>[]): void {
  if (rows.length === 0) return;
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += ROWS) {
      const chunk = rows.slice(i, i + ROWS).map((r) => ({ ...r, aw: r.aw.toString(16) }));
      tx.insert(tokenIndex).values(chunk).onConflictDoNothing().run();
    }
  });
}

/** Sets the final canonical positions of `subchain`: hashes[i] is at position first + i. */
export function markFinal(db: StoreDb, subchain: string, first: number, hashes: readonly Uint8Array[]): void {
  db.transaction((tx) => {
    hashes.forEach((hash, i) => {
      tx.update(tokenIndex)
        .set({ position: first + i })
        .where(and(eq(tokenIndex.hash, hash), eq(tokenIndex.subchain, subchain)))
        .run();
    });
  });
}

const withRaw = {
  hash: tokenIndex.hash,
  subchain: tokenIndex.subchain,
  height: tokenIndex.height,
  count: tokenIndex.count,
  aw: tokenIndex.aw,
  position: tokenIndex.position,
  raw: tokens.raw,
};

type Stored = Omit<IndexedBlock, 'aw'> & { aw: string };
const parse = (r: Stored): IndexedBlock => ({ ...r, aw: BigInt(`0x${r.aw}`) });

/** The block `hash` with its index row, if both are stored. */
export function indexedBlock(db: StoreDb, hash: Uint8Array): IndexedBlock | undefined {
  const r = db
    .select(withRaw)
    .from(tokenIndex)
    .innerJoin(tokens, eq(tokens.hash, tokenIndex.hash))
    .where(eq(tokenIndex.hash, hash))
    .get();
  return r && parse(r);
}

/** Final canonical blocks of `subchain` at positions after+1 .. min(after+limit, upTo), in order. */
export function finalRange(
  db: StoreDb,
  subchain: string,
  after: number,
  limit: number,
  upTo: number,
): IndexedBlock[] {
  const last = Math.min(after + limit, upTo);
  if (last <= after) return [];
  return db
    .select(withRaw)
    .from(tokenIndex)
    .innerJoin(tokens, eq(tokens.hash, tokenIndex.hash))
    .where(
      and(
        eq(tokenIndex.subchain, subchain),
        isNotNull(tokenIndex.position),
        gt(tokenIndex.position, after),
        lte(tokenIndex.position, last),
      ),
    )
    .orderBy(asc(tokenIndex.position))
    .all()
    .map(parse);
}

/**
 * The window's blocks in acceptance order (parents first): every stored block of a floored subchain
 * at or above its floor, and every block of the others.
 */
export function baseRows(db: StoreDb, floors: ReadonlyMap<string, number>): IndexedBlock[] {
  const ids = [...floors.keys()];
  const held = [
    ...ids.map((id) => and(eq(tokenIndex.subchain, id), gte(tokenIndex.height, floors.get(id)!))),
    sql`${tokenIndex.subchain} NOT IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  ];
  return db
    .select(withRaw)
    .from(tokenIndex)
    .innerJoin(tokens, eq(tokens.hash, tokenIndex.hash))
    .where(or(...held))
    .orderBy(asc(tokens.seq))
    .all()
    .map(parse);
}

/** Stored blocks without an index row (a write cut between the two tables), in acceptance order. */
export function unindexed(db: StoreDb): { hash: Uint8Array; raw: Uint8Array }[] {
  return db
    .select({ hash: tokens.hash, raw: tokens.raw })
    .from(tokens)
    .leftJoin(tokenIndex, eq(tokenIndex.hash, tokens.hash))
    .where(isNull(tokenIndex.hash))
    .orderBy(asc(tokens.seq))
    .all();
}

/** Number of index rows. */
export function countIndex(db: StoreDb): number {
  return db.select({ n: sql<number>`count(*)` }).from(tokenIndex).get()?.n ?? 0;
}
