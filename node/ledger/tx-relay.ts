/**
 * Transaction gossip in batches. A transaction the mempool just admitted waits at most
 * TX_RELAY_DELAY_MS, then goes to every ready peer in `ledgerTxs` messages of at most MAX_TX_BATCH,
 * except to the peers that sent it to this node (they hold it). Under load this sends one message per
 * peer and flush instead of one per transaction and peer, and a transaction that reached this node from
 * several peers in the meantime is sent back to none of them.
 */
import { MAX_TX_BATCH } from '../../core/p2p/limits.ts';
import type { Network } from '../p2p/network.ts';
import type { Peer } from '../p2p/peer.ts';

/** Longest wait of an admitted transaction before it is relayed. */
export const TX_RELAY_DELAY_MS = 10;
/** Waiting transactions that trigger a flush at once. */
export const TX_RELAY_MAX_WAITING = 4 * MAX_TX_BATCH;

interface Waiting {
  raw: Uint8Array;
  /** Peers that sent this transaction here. */
  holders: Set<Peer>;
}

export class TxRelay {
  private readonly net: Pick<Network, 'ready'>;
  private readonly waiting = new Map<string, Waiting>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(net: Pick<Network, 'ready'>) {
    this.net = net;
  }

  /** Queues the fresh transaction `raw` (hash `id`), received from `from` or made here. */
  add(id: string, raw: Uint8Array, from?: Peer): void {
    this.waiting.set(id, { raw, holders: new Set(from ? [from] : []) });
    if (this.waiting.size >= TX_RELAY_MAX_WAITING) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), TX_RELAY_DELAY_MS);
  }

  /** Notes that `from` sent the transaction `id` too: it will not get it back. */
  heldBy(id: string, from: Peer): void {
    this.waiting.get(id)?.holders.add(from);
  }

  /** Sends every waiting transaction now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const peer of this.net.ready()) {
      const txs = all.filter((w) => !w.holders.has(peer)).map((w) => w.raw);
      for (let i = 0; i < txs.length; i += MAX_TX_BATCH)
        peer.send({ type: 'ledgerTxs', txs: txs.slice(i, i + MAX_TX_BATCH) });
    }
  }

  /** Drops what waits, without sending it. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }
}
