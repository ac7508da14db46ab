/**
 * One sender's pending transfers, by nonce: those from its account's nonce on without a gap form the
 * executable run (a proposer may include them, in nonce order); the others are held until the gap
 * fills. Bounded by the nonce window: at most MAX_NONCE_AHEAD + 1 transfers, one per nonce.
 */
import type { Height } from '../../core/height.ts';
import type { Account, TransferBody, Tx } from '../../core/ledger/index.ts';

/** A signed transfer. */
export type Transfer = TransferBody & { signature: Uint8Array };

/** A sender may send this many nonces past its account's nonce. */
export const MAX_NONCE_AHEAD = 64n;

/** A pending transaction. `at`: the height of the state it was held from (admission or demotion). */
export interface PoolEntry {
  hash: string;
  bytes: Uint8Array;
  tx: Tx;
  ready: boolean;
  at: Height;
}

/** What one transfer costs its sender: amount and fee. */
export function costOf(tx: Transfer): bigint {
  return tx.amount + tx.fee;
}

/** The outcome of settling a sender on a state: entries to drop, promote to ready, and to hold. */
export interface Settled {
  drop: PoolEntry[];
  ready: PoolEntry[];
  held: PoolEntry[];
}

export class SenderQueue {
  readonly from: Uint8Array;
  readonly byNonce = new Map<bigint, PoolEntry & { tx: Transfer }>();

  constructor(from: Uint8Array) {
    this.from = from;
  }

  /** The sum of every pending transfer's amount and fee. */
  spent(): bigint {
    let sum = 0n;
    for (const e of this.byNonce.values()) sum += costOf(e.tx);
    return sum;
  }

  /** The nonce after the executable run starting at `account.nonce`. */
  runEnd(account: Account): bigint {
    let n = account.nonce;
    while (this.byNonce.has(n)) n++;
    return n;
  }

  /**
   * Sorts the entries for `account` (at `minFee`): a nonce already used, a fee below the minimum, or a
   * cost the balance cannot pay after the lower nonces kept is dropped; of the rest, the run without a
   * gap from the account's nonce is ready, the others held.
   */
  settle(account: Account, minFee: bigint): Settled {
    const out: Settled = { drop: [], ready: [], held: [] };
    const nonces = [...this.byNonce.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let spent = 0n;
    let next = account.nonce;
    for (const n of nonces) {
      const e = this.byNonce.get(n)!;
      const cost = costOf(e.tx);
      if (n < account.nonce || e.tx.fee < minFee || spent + cost > account.balance) {
        out.drop.push(e);
        continue;
      }
      spent += cost;
      if (n === next) {
        next++;
        out.ready.push(e);
      } else out.held.push(e);
    }
    return out;
  }
}
