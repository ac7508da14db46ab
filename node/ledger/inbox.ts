/**
 * Consensus messages from peers, before they reach the host loop: height triage (old, next height,
 * too far ahead), signature checks against the height's ordered validator list (the proposer of round
 * r is position r mod n), the proof of lock of a re-proposal, the block's valid(v), and detection of a
 * proposer signing two proposals for one round. Votes already held with the same signature skip the
 * signature check.
 */
import { equalBytes } from '../../core/bytes.ts';
import { holdsVote, proposerOf } from '../../core/consensus/index.ts';
import { type SignedProposal, type SignedVote, verifyProposal, verifyVote } from '../../core/ledger/index.ts';
import { nodeVerify } from '../crypto/ed25519-native.ts';
import type { LedgerChain } from './chain.ts';
import { type ConsensusMessage, EarlyBuffer, heightOf } from './early.ts';
import type { ConsensusHost, HostOutputs } from './host.ts';

/**
 * What became of a message: it moved the core (`changed`, worth relaying), was already known, is of
 * a decided height (`old`: the sender lags), waits for its height (`early`), shows that this node lags
 * (`ahead`), or is provably bad (`bad`: penalise the sender).
 */
export type Verdict = 'changed' | 'known' | 'old' | 'early' | 'ahead' | 'bad';

/** Rounds whose first proposal is remembered, to spot a second one. */
const MAX_PROPOSAL_ROUNDS = 64;

export class Inbox {
  private readonly early = new EarlyBuffer();
  private readonly firstProposals = new Map<number, SignedProposal>();
  private readonly host: ConsensusHost;
  private readonly chain: LedgerChain;
  private readonly chainId: Uint8Array;
  private readonly outputs: HostOutputs;

  constructor(host: ConsensusHost, chain: LedgerChain, chainId: Uint8Array, outputs: HostOutputs) {
    this.host = host;
    this.chain = chain;
    this.chainId = chainId;
    this.outputs = outputs;
    host.onStarted = (height) => this.flush(height);
  }

  receive(m: ConsensusMessage): Verdict {
    const height = heightOf(m);
    const next = this.chain.height + 1;
    if (height < next) return 'old';
    if (height > next + 1) return 'ahead';
    if (height === next + 1 || this.host.state.height !== next) {
      this.early.push(m);
      return 'early';
    }
    return m.kind === 'vote' ? this.vote(m.vote) : this.proposal(m.proposal, m.block, m.pol);
  }

  private vote(v: SignedVote): Verdict {
    const key = this.host.validators[v.validator];
    if (!key) return 'bad';
    if (this.holds(v)) return 'known';
    if (!verifyVote(this.chainId, v, key, nodeVerify)) return 'bad';
    return this.host.input({ record: { kind: 'vote', vote: v } }) ? 'changed' : 'known';
  }

  /** True when the core already holds this very vote (same signature). */
  private holds(v: SignedVote): boolean {
    return holdsVote(this.host.state, v, (h) => equalBytes(h.signature, v.signature));
  }

  private proposal(p: SignedProposal, block: Uint8Array, pol: SignedVote[]): Verdict {
    const keys = this.host.validators;
    const first = this.firstProposals.get(p.round);
    if (first && equalBytes(first.signature, p.signature)) return 'known';
    if (!verifyProposal(this.chainId, p, keys[proposerOf(keys.length, p.round)]!, nodeVerify)) return 'bad';
    if (p.validRound < 0 ? pol.length > 0 : pol.some((v) => !backs(v, p))) return 'bad';
    for (const v of pol) if (this.vote(v) === 'bad') return 'bad';
    const candidate = this.host.candidates.judge(p.value, block);
    if (!candidate) return 'bad';
    if (first) this.outputs.evidence('proposal', first, p);
    else if (this.firstProposals.size < MAX_PROPOSAL_ROUNDS) this.firstProposals.set(p.round, p);
    const record = { kind: 'proposal' as const, proposal: p, valid: candidate.valid, block };
    return this.host.input({ record, candidate }) ? 'changed' : 'known';
  }

  /** Remembers this node's own proposal, so that another one signed with the same key is caught. */
  noteOwn(p: SignedProposal): void {
    if (!this.firstProposals.has(p.round) && this.firstProposals.size < MAX_PROPOSAL_ROUNDS)
      this.firstProposals.set(p.round, p);
  }

  /** Feeds the messages that waited for `height`, which just started. */
  private flush(height: number): void {
    this.firstProposals.clear();
    for (const m of this.early.take(height)) this.receive(m);
  }
}

/** A proof-of-lock vote must be a prevote of the proposal's validRound for its value. */
function backs(v: SignedVote, p: SignedProposal): boolean {
  return (
    v.type === 'prevote' &&
    v.height === p.height &&
    v.round === p.validRound &&
    v.value !== null &&
    equalBytes(v.value, p.value)
  );
}
