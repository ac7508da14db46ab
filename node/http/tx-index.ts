/**
 * Where committed transactions are, by hash, for `GET /v1/txs/{hash}`: an in-memory index of the
 * transactions of the latest blocks. Memory stays bounded: at most MAX_INDEXED_TXS hashes are kept,
 * the oldest dropped first, and at open only the last BACKFILL_BLOCKS stored blocks are read.
 */
import { toHex } from '../../core/bytes.ts';
import { encodeTx, type Tx } from '../../core/ledger/index.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { type Committed, LedgerChain } from '../ledger/chain.ts';

/** Hashes the index holds at most (~100 bytes each). */
export const MAX_INDEXED_TXS = 200_000;
/** Blocks read back from the store when the index opens. */
export const BACKFILL_BLOCKS = 1000;

/** Where a committed transaction is: its block's height and its position in the block. */
export interface TxPlace {
  height: number;
  index: number;
}

export class TxIndex {
  private readonly places = new Map<string, TxPlace>();
  private readonly hash: (bytes: Uint8Array) => Uint8Array;

  /** Indexes the last stored blocks of `ledger`, then every block it commits. */
  constructor(ledger: LedgerChain) {
    this.hash = ledger.env.hash ?? blake3Hash;
    const from = Math.max(1, ledger.height - BACKFILL_BLOCKS + 1);
    for (let h = from; h <= ledger.height; h += 100)
      for (const row of ledger.rows(h, Math.min(100, ledger.height - h + 1)))
        this.add(row.height, LedgerChain.decode(row.block).block.txs);
    ledger.onCommit((c: Committed) => this.add(c.height, c.block.txs));
  }

  /** The place of the committed transaction `hash` (lowercase hex), when indexed. */
  find(hash: string): TxPlace | undefined {
    return this.places.get(hash);
  }

  /** Lowest height whose transactions are all indexed. */
  get oldest(): number {
    const first = this.places.values().next();
    return first.done ? 0 : first.value.height;
  }

  private add(height: number, txs: readonly Tx[]): void {
    txs.forEach((tx, index) => {
      this.places.set(toHex(this.hash(encodeTx(tx))), { height, index });
    });
    while (this.places.size > MAX_INDEXED_TXS) {
      const oldest = this.places.keys().next().value as string;
      this.places.delete(oldest);
    }
  }
}
