/**
 * Queries over the ledger tables (ledger-schema.ts), for any drizzle SQLite database in synchronous
 * mode (node:sqlite, Durable Objects). A committed block and the state entries it added are written in
 * one transaction, so the store always holds whole blocks with their state. The per-entry statements
 * (state reads and writes, thousands per block) are prepared once per database and reused.
 */
import { asc, desc, eq, gt, gte, sql } from 'drizzle-orm';
import {
  LEDGER_SCHEMA_SQL,
  ledgerBlocks,
  ledgerCommittedEvidence,
  ledgerEvidence,
  ledgerNodes,
  ledgerStateMark,
  ledgerValues,
} from './ledger-schema.ts';
import type { StoreDb } from './queries.ts';

/** One committed block as stored. */
export interface LedgerBlockRow {
  height: number;
  hash: Uint8Array;
  block: Uint8Array;
  commit: Uint8Array;
  root: Uint8Array;
}

/** Content-addressed state entries: [hash, bytes]. */
export type Entry = readonly [Uint8Array, Uint8Array];

/** One recorded equivocation. */
export interface EvidenceRow {
  height: number;
  round: number;
  kind: string;
  validator: Uint8Array;
  first: Uint8Array;
  second: Uint8Array;
}

/** One piece of evidence as a block committed it. */
export interface CommittedEvidenceRow {
  recordedAt: number;
  height: number;
  round: number;
  kind: string;
  offender: Uint8Array;
  reporter: Uint8Array;
}

/** Creates the ledger tables when missing. */
export function createLedgerTables(db: StoreDb): void {
  for (const statement of LEDGER_SCHEMA_SQL) db.run(sql.raw(statement));
}

/** The prepared per-entry statements of one database. */
function statementsOf(db: StoreDb) {
  const hash = sql.placeholder('hash');
  return {
    putNode: db
      .insert(ledgerNodes)
      .values({ hash, node: sql.placeholder('node') })
      .onConflictDoNothing()
      .prepare(),
    putValue: db
      .insert(ledgerValues)
      .values({ hash, value: sql.placeholder('value') })
      .onConflictDoNothing()
      .prepare(),
    node: db.select({ node: ledgerNodes.node }).from(ledgerNodes).where(eq(ledgerNodes.hash, hash)).prepare(),
    value: db
      .select({ value: ledgerValues.value })
      .from(ledgerValues)
      .where(eq(ledgerValues.hash, hash))
      .prepare(),
  };
}

const prepared = new WeakMap<StoreDb, ReturnType<typeof statementsOf>>();

function statements(db: StoreDb): ReturnType<typeof statementsOf> {
  let s = prepared.get(db);
  if (!s) {
    s = statementsOf(db);
    prepared.set(db, s);
  }
  return s;
}

/**
 * Stores state entries, (when given) a committed block and (when given) the height whose state the
 * store now holds whole, in one transaction. Entries already present are skipped (they are
 * content-addressed), as is a block whose height is already stored. Entries go in by hash order, so
 * consecutive inserts land near each other in the index.
 */
export function saveLedger(
  db: StoreDb,
  nodes: Entry[],
  values: Entry[],
  block?: LedgerBlockRow,
  stateHeight?: number,
  evidence: readonly CommittedEvidenceRow[] = [],
): void {
  const s = statements(db);
  db.transaction((tx) => {
    for (const [hash, node] of [...nodes].sort(byHash)) s.putNode.run({ hash, node });
    for (const [hash, value] of [...values].sort(byHash)) s.putValue.run({ hash, value });
    if (block) tx.insert(ledgerBlocks).values(block).onConflictDoNothing().run();
    for (const e of evidence) tx.insert(ledgerCommittedEvidence).values(e).onConflictDoNothing().run();
    if (stateHeight !== undefined) {
      const mark = { id: 0, height: stateHeight };
      tx.insert(ledgerStateMark)
        .values(mark)
        .onConflictDoUpdate({ target: ledgerStateMark.id, set: mark })
        .run();
    }
  });
}

/**
 * The height whose state the store holds whole; undefined in a store written before the mark
 * existed, which stored the state of every block with the block.
 */
export function loadStateHeight(db: StoreDb): number | undefined {
  return db.select({ height: ledgerStateMark.height }).from(ledgerStateMark).get()?.height;
}

function byHash(a: Entry, b: Entry): number {
  const x = a[0];
  const y = b[0];
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The stored block with the greatest height, if any. */
export function loadLedgerHead(db: StoreDb): LedgerBlockRow | undefined {
  return db.select().from(ledgerBlocks).orderBy(desc(ledgerBlocks.height)).limit(1).get();
}

/** Up to `limit` stored blocks from `height` on, in height order. */
export function loadLedgerBlocks(db: StoreDb, height: number, limit: number): LedgerBlockRow[] {
  return db
    .select()
    .from(ledgerBlocks)
    .where(gte(ledgerBlocks.height, height))
    .orderBy(asc(ledgerBlocks.height))
    .limit(limit)
    .all();
}

/** A state tree node by hash. */
export function loadStateNode(db: StoreDb, hash: Uint8Array): Uint8Array | undefined {
  return statements(db).node.get({ hash })?.node;
}

/** A state value by hash. */
export function loadStateValue(db: StoreDb, hash: Uint8Array): Uint8Array | undefined {
  return statements(db).value.get({ hash })?.value;
}

/** Records an equivocation; a second record of the same offence is ignored. */
export function saveEvidence(db: StoreDb, row: EvidenceRow): void {
  db.insert(ledgerEvidence).values(row).onConflictDoNothing().run();
}

/** Recorded equivocations from `height` on, oldest first, at most `limit`. */
export function loadEvidence(db: StoreDb, height: number, limit: number): EvidenceRow[] {
  return db
    .select({
      height: ledgerEvidence.height,
      round: ledgerEvidence.round,
      kind: ledgerEvidence.kind,
      validator: ledgerEvidence.validator,
      first: ledgerEvidence.first,
      second: ledgerEvidence.second,
    })
    .from(ledgerEvidence)
    .where(gte(ledgerEvidence.height, height))
    .orderBy(asc(ledgerEvidence.id))
    .limit(limit)
    .all();
}

/** Committed evidence with id above `after`, oldest first, at most `limit`, with each row's id. */
export function loadCommittedEvidence(
  db: StoreDb,
  after: number,
  limit: number,
): (CommittedEvidenceRow & { id: number })[] {
  return db
    .select()
    .from(ledgerCommittedEvidence)
    .where(gt(ledgerCommittedEvidence.id, after))
    .orderBy(asc(ledgerCommittedEvidence.id))
    .limit(limit)
    .all();
}
