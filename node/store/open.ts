/**
 * The node's SQLite file, through drizzle's node-sqlite driver.
 *
 * Crash guarantee: WAL journal with `synchronous = FULL`. A write transaction returns only after its
 * WAL frames have been written and fsynced, and the node stores each accepted block (or each batch,
 * during sync) before it announces it or answers for it. So a node killed with SIGKILL, or even a host
 * that loses power, restarts with every block it had accepted; an interrupted transaction is rolled
 * back by SQLite on open, and its blocks are simply fetched again from peers. (`NORMAL` would already
 * survive SIGKILL, since the OS keeps written pages, but could lose the last commits on power loss.)
 */
import { DatabaseSync } from 'node:sqlite';
import { drizzle } from 'drizzle-orm/node-sqlite';
import { createTables, loadMeta, type StoreDb, saveMeta } from '../../core/store/queries.ts';

/** An open store: the drizzle database and the underlying handle, for closing. */
export interface OpenStore {
  db: StoreDb;
  client: DatabaseSync;
  close(): void;
}

/** Opens (creating when missing) the store at `path` (or `:memory:`), tied to `chainId` (hex). */
export function openStore(path: string, chainId: string): OpenStore {
  const client = new DatabaseSync(path);
  client.exec('PRAGMA journal_mode = WAL');
  client.exec('PRAGMA synchronous = FULL');
  client.exec('PRAGMA busy_timeout = 5000');
  const db = drizzle({ client });
  createTables(db);
  const stored = loadMeta(db, 'chainId');
  if (stored === undefined) saveMeta(db, 'chainId', chainId);
  else if (stored !== chainId) {
    client.close();
    throw new Error(
      `${path} belongs to chain ${stored.slice(0, 16)}…, not ${chainId.slice(0, 16)}…: ` +
        'use another --data directory or the genesis file this store was made with',
    );
  }
  return { db, client, close: () => client.close() };
}
