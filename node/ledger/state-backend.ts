/**
 * The ledger state's backend on the node's SQLite file: reads go to the ledger tables, writes wait in
 * memory until `flush` stores them, together with the block that produced them, in one transaction.
 */

import { toHex } from '../../core/bytes.ts';
import {
  decodeNode,
  encodeNode,
  type NodeStore,
  type SmtNode,
  type StateBackend,
  type ValueStore,
} from '../../core/ledger/index.ts';
import {
  type CommittedEvidenceRow,
  type Entry,
  type LedgerBlockRow,
  loadStateNode,
  loadStateValue,
  saveLedger,
} from '../../core/store/ledger-queries.ts';
import type { StoreDb } from '../../core/store/queries.ts';

export class SqliteStateBackend implements StateBackend {
  readonly nodes: NodeStore;
  readonly values: ValueStore;
  private readonly db: StoreDb;
  /** Entries put since the last flush; emptied by every flush. */
  private readonly newNodes = new Map<string, [Uint8Array, SmtNode]>();
  private readonly newValues = new Map<string, Entry>();

  constructor(db: StoreDb) {
    this.db = db;
    this.nodes = {
      get: (h) => {
        const pending = this.newNodes.get(toHex(h));
        if (pending) return pending[1];
        const bytes = loadStateNode(this.db, h);
        return bytes && decodeNode(bytes);
      },
      put: (h, node) => void this.newNodes.set(toHex(h), [h.slice(), node]),
    };
    this.values = {
      get: (h) => this.newValues.get(toHex(h))?.[1] ?? loadStateValue(this.db, h),
      put: (h, v) => void this.newValues.set(toHex(h), [h.slice(), v.slice()]),
    };
  }

  /**
   * Stores the entries put so far, the block when given, and when given the height whose state the
   * store then holds whole, in one transaction.
   */
  flush(block?: LedgerBlockRow, stateHeight?: number, evidence: readonly CommittedEvidenceRow[] = []): void {
    const nodes: Entry[] = [...this.newNodes.values()].map(([h, n]) => [h, encodeNode(n)]);
    saveLedger(this.db, nodes, [...this.newValues.values()], block, stateHeight, evidence);
    this.newNodes.clear();
    this.newValues.clear();
  }
}
