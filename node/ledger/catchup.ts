/**
 * Catch-up for a lagging node: peers announce their committed head (`ledgerStatus`); when one is
 * ahead, the node asks it for the committed blocks it lacks with their commits (`getLedgerBlocks`),
 * and commits each block only after core/ledger applied it and its commit proved a quorum of the
 * height's validators signed it. One request is in flight at a time; a peer that claims blocks it
 * does not send, or sends invalid ones, is penalised and its claim forgotten.
 */
import { isProtoError } from '../../core/errors.ts';
import { decodeCommit } from '../../core/ledger/index.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';
import { MAX_LEDGER_BATCH, PENALTY } from '../../core/p2p/limits.ts';
import type { Peer } from '../p2p/peer.ts';
import { LedgerChain } from './chain.ts';
import type { ConsensusHost } from './host.ts';

/** A peer only one height ahead may just be a little faster: ask it only after this long without progress. */
export const CATCHUP_GRACE_MS = 1500;

/** Wait before asking again for a block that could not be applied yet. */
const RETRY_MS = 1000;

type Outcome = 'committed' | 'stale' | 'wait' | 'bad';

export class CatchUp {
  private readonly heads = new Map<Peer, number>();
  private inflight: Peer | undefined;
  private progressAt = Date.now();
  /** After a block that must wait (its checkpoint token is not held yet), no request before this. */
  private retryAt = 0;
  private readonly chain: LedgerChain;
  private readonly host: ConsensusHost;
  private readonly penalize: (peer: Peer, points: number, reason: string) => void;
  private readonly log: (line: string) => void;

  constructor(
    chain: LedgerChain,
    host: ConsensusHost,
    penalize: (peer: Peer, points: number, reason: string) => void,
    log: (line: string) => void,
  ) {
    this.chain = chain;
    this.host = host;
    this.penalize = penalize;
    this.log = log;
    chain.onCommit(() => (this.progressAt = Date.now()));
  }

  /** Records the head `peer` announced and asks for blocks when it is ahead. */
  setHead(peer: Peer, head: number): void {
    this.heads.set(peer, head);
    this.update();
  }

  /** Forgets `peer` (it left, or an answer of its timed out). */
  release(peer: Peer, forget: boolean): void {
    if (this.inflight === peer) this.inflight = undefined;
    if (forget) this.heads.delete(peer);
  }

  /** The highest head a connected peer claims. */
  best(): number {
    return Math.max(0, ...this.heads.values());
  }

  /** Sends a catch-up request when a peer is ahead and none is in flight. */
  update(): void {
    if (this.inflight || Date.now() < this.retryAt) return;
    const height = this.chain.height;
    let peer: Peer | undefined;
    for (const [p, head] of this.heads)
      if (head > height && (!peer || head > this.heads.get(peer)!)) peer = p;
    if (!peer) return;
    const ahead = this.heads.get(peer)! - height;
    if (ahead === 1 && Date.now() - this.progressAt < CATCHUP_GRACE_MS) return;
    const count = Math.min(MAX_LEDGER_BATCH, ahead);
    if (peer.request({ type: 'getLedgerBlocks', from: height + 1, count }) !== undefined)
      this.inflight = peer;
  }

  /** Applies an answer of `peer` in order, stopping at the first block that does not commit. */
  onBlocks(peer: Peer, blocks: CommittedBlock[]): void {
    this.inflight = undefined;
    let committed = 0;
    for (const b of blocks) {
      const outcome = this.commit(b);
      if (outcome === 'bad') this.penalize(peer, PENALTY.invalidBlock, 'invalid ledger block or commit');
      if (outcome !== 'committed') break;
      committed++;
    }
    if (blocks.length === 0) {
      this.penalize(peer, PENALTY.unsolicited, 'claimed ledger blocks it does not serve');
      this.heads.delete(peer);
    }
    if (committed > 0) this.log(`ledger: caught up ${committed} block(s) to ${this.chain.height}`);
    else if (blocks.length > 0) this.retryAt = Math.max(this.retryAt, Date.now() + RETRY_MS);
    this.update();
  }

  private commit(b: CommittedBlock): Outcome {
    let decoded: ReturnType<typeof LedgerChain.decode>;
    let commit: ReturnType<typeof decodeCommit>;
    try {
      decoded = LedgerChain.decode(b.block);
      commit = decodeCommit(b.commit);
    } catch (e) {
      if (!isProtoError(e)) throw e;
      return 'bad';
    }
    if (decoded.block.header.height !== this.chain.height + 1) return 'stale';
    try {
      const applied = this.chain.apply(decoded.block);
      this.chain.verifyCommit(applied, commit);
      return this.host.commitExternal(b.block, decoded.block, applied, commit) ? 'committed' : 'stale';
    } catch (e) {
      if (!isProtoError(e)) throw e;
      if (e.action !== 'retry') return 'bad';
      this.log(`ledger: catch-up waits: ${e.message}`);
      this.retryAt = Date.now() + RETRY_MS;
      return 'wait';
    }
  }
}
