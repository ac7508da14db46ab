/** One connection handler for two protocols: token-chain messages to one, ledger messages to the other. */

import type { Message } from '../../core/p2p/codec.ts';
import { LEDGER_TYPES, type LedgerMessage } from '../../core/p2p/ledger-codec.ts';
import type { Handler } from './network.ts';
import type { Peer, Pending } from './peer.ts';

/** True for the ledger's message types. */
export function isLedgerMessage(m: Message): m is LedgerMessage {
  return (LEDGER_TYPES as readonly string[]).includes(m.type);
}

export class Mux implements Handler {
  private readonly token: Handler;
  private readonly ledger: Handler;

  constructor(token: Handler, ledger: Handler) {
    this.token = token;
    this.ledger = ledger;
  }

  onReady(peer: Peer): void {
    this.token.onReady(peer);
    this.ledger.onReady(peer);
  }

  onMessage(peer: Peer, m: Message): void {
    (isLedgerMessage(m) ? this.ledger : this.token).onMessage(peer, m);
  }

  onClose(peer: Peer): void {
    this.token.onClose(peer);
    this.ledger.onClose(peer);
  }

  onTimeout(peer: Peer, late: Pending[]): void {
    const ledger = late.filter((p) => p.kind === 'getLedgerBlocks');
    const token = late.filter((p) => p.kind !== 'getLedgerBlocks');
    if (token.length > 0) this.token.onTimeout(peer, token);
    if (ledger.length > 0) this.ledger.onTimeout(peer, ledger);
  }
}
