import type { SignedProposal, SignedVote } from '../../core/ledger/index.ts';
/**
 * Messages of a height this node has not started yet (it is waiting out the block interval, or still
 * deciding the height before). They cannot be verified before their height's validator set is known,
 * so they wait here, bounded, and are verified and fed when the height starts (as test/sim/host.ts).
 */

/** A consensus message as received: a vote, or a proposal with its block and proof of lock. */
export type ConsensusMessage =
  | { kind: 'vote'; vote: SignedVote }
  | { kind: 'proposal'; proposal: SignedProposal; block: Uint8Array; pol: SignedVote[] };

/** Proposals (each with a block of up to 96 KiB) and votes kept at once; further ones are dropped. */
export const MAX_EARLY_PROPOSALS = 8;
export const MAX_EARLY_VOTES = 4 * 90;

export function heightOf(m: ConsensusMessage): number {
  return m.kind === 'vote' ? m.vote.height : m.proposal.height;
}

export class EarlyBuffer {
  private items: ConsensusMessage[] = [];
  private proposals = 0;

  /** Keeps `m` unless the buffer is full for its kind. */
  push(m: ConsensusMessage): void {
    if (m.kind === 'proposal') {
      if (this.proposals >= MAX_EARLY_PROPOSALS) return;
      this.proposals++;
    } else if (this.items.length - this.proposals >= MAX_EARLY_VOTES) return;
    this.items.push(m);
  }

  /** Removes and returns the messages of `height`, dropping those of lower heights. */
  take(height: number): ConsensusMessage[] {
    const now = this.items.filter((m) => heightOf(m) === height);
    this.items = this.items.filter((m) => heightOf(m) > height);
    this.proposals = this.items.filter((m) => m.kind === 'proposal').length;
    return now;
  }

  get size(): number {
    return this.items.length;
  }
}
