/**
 * Ledger tables of the shared store (docs/node.md, Ledger): committed blocks with the commit this node
 * holds for each, the sparse Merkle state (tree nodes and values, content-addressed, append-only) and
 * recorded equivocation evidence.
 */
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bytes } from './schema.ts';

/** Committed ledger blocks by height; `commit` is the quorum of precommits that committed the block. */
export const ledgerBlocks = sqliteTable('ledger_blocks', {
  height: integer('height').primaryKey(),
  hash: bytes('hash').notNull().unique(),
  block: bytes('block').notNull(),
  commit: bytes('seen_commit').notNull(),
  /** State root after the block. */
  root: bytes('root').notNull(),
});

/** Sparse Merkle tree nodes (65 bytes each) by hash. */
export const ledgerNodes = sqliteTable('ledger_nodes', {
  hash: bytes('hash').primaryKey(),
  node: bytes('node').notNull(),
});

/** State values by hash (preimages of the tree's value hashes). */
export const ledgerValues = sqliteTable('ledger_values', {
  hash: bytes('hash').primaryKey(),
  value: bytes('value').notNull(),
});

/**
 * The height whose state is wholly in ledger_nodes and ledger_values (one row, id 0). Blocks after it
 * are stored, and their state is rebuilt by executing them again at open (docs/node.md, Ledger storage).
 */
export const ledgerStateMark = sqliteTable('ledger_state', {
  id: integer('id').primaryKey(),
  height: integer('height').notNull(),
});

/** Two conflicting signed messages of one validator at one (height, round, kind); one row per offence. */
export const ledgerEvidence = sqliteTable(
  'ledger_evidence',
  {
    id: integer('id').primaryKey(),
    height: integer('height').notNull(),
    round: integer('round').notNull(),
    /** 'prevote', 'precommit' or 'proposal'. */
    kind: text('kind').notNull(),
    validator: bytes('validator').notNull(),
    first: bytes('first').notNull(),
    second: bytes('second').notNull(),
  },
  (t) => [uniqueIndex('ledger_evidence_offence').on(t.height, t.round, t.kind, t.validator)],
);

/** Evidence committed in blocks (one row per offence), in commit order: `id` pages the API. */
export const ledgerCommittedEvidence = sqliteTable(
  'ledger_committed_evidence',
  {
    id: integer('id').primaryKey(),
    recordedAt: integer('recorded_at').notNull(),
    height: integer('height').notNull(),
    round: integer('round').notNull(),
    kind: text('kind').notNull(),
    offender: bytes('offender').notNull(),
    reporter: bytes('reporter').notNull(),
  },
  (t) => [uniqueIndex('ledger_committed_offence').on(t.offender, t.kind, t.height, t.round)],
);

export const LEDGER_SCHEMA_SQL: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS ledger_blocks (height INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, ' +
    'block BLOB NOT NULL, seen_commit BLOB NOT NULL, root BLOB NOT NULL)',
  'CREATE TABLE IF NOT EXISTS ledger_nodes (hash BLOB PRIMARY KEY, node BLOB NOT NULL)',
  'CREATE TABLE IF NOT EXISTS ledger_values (hash BLOB PRIMARY KEY, value BLOB NOT NULL)',
  'CREATE TABLE IF NOT EXISTS ledger_state (id INTEGER PRIMARY KEY CHECK (id = 0), height INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS ledger_evidence (id INTEGER PRIMARY KEY, height INTEGER NOT NULL, ' +
    'round INTEGER NOT NULL, kind TEXT NOT NULL, validator BLOB NOT NULL, first BLOB NOT NULL, second BLOB NOT NULL)',
  'CREATE UNIQUE INDEX IF NOT EXISTS ledger_evidence_offence ON ledger_evidence (height, round, kind, validator)',
  'CREATE TABLE IF NOT EXISTS ledger_committed_evidence (id INTEGER PRIMARY KEY, recorded_at INTEGER NOT NULL, ' +
    'height INTEGER NOT NULL, round INTEGER NOT NULL, kind TEXT NOT NULL, offender BLOB NOT NULL, reporter BLOB NOT NULL)',
  'CREATE UNIQUE INDEX IF NOT EXISTS ledger_committed_offence ON ledger_committed_evidence (offender, kind, height, round)',
];
