/**
 * Messages, inputs and outputs of the consensus core (Tendermint, Algorithm 1 of arXiv:1807.04938).
 *
 * The host verifies every signature before an input reaches the core, and checks that a proposal
 * was signed by the proposer of its round (`proposerOf`). The core therefore sees only authentic
 * messages; it never sees keys or signatures. Votes and proposals are kept by reference, so the core
 * is generic over the host's message types (as Malachite's `Context`): a host passes objects `V`
 * that extend `Vote` and `P` that extend `Proposal` (signature, timestamp) and gets the same objects
 * back in `decide`, `evidence` and the read-only queries (queries.ts).
 */

import type { Height } from '../height.ts';
import type { TimeoutParams } from './params.ts';

/** A proposed value: an opaque 32-byte block hash, id(v) in the paper. */
export type Value = Uint8Array;

/** Length of a value in bytes. */
export const VALUE_LENGTH = 32;

/** step_p of the paper. Also names the three timeouts and the three signing positions of a round. */
export type Step = 'propose' | 'prevote' | 'precommit';

export type VoteType = 'prevote' | 'precommit';

/** ⟨PREVOTE|PRECOMMIT, h, round, id(v) or nil⟩ from the validator at index `validator`. */
export interface Vote {
  readonly type: VoteType;
  readonly height: Height;
  readonly round: number;
  /** null is the paper's nil. */
  readonly value: Value | null;
  readonly validator: number;
}

/** ⟨PROPOSAL, h, round, v, validRound⟩ from proposer(h, round); validRound -1 means none. */
export interface Proposal {
  readonly height: Height;
  readonly round: number;
  readonly value: Value;
  readonly validRound: number;
}

/** A timeout event: OnTimeoutPropose / OnTimeoutPrevote / OnTimeoutPrecommit(height, round). */
export interface Timeout {
  readonly kind: Step;
  readonly height: Height;
  readonly round: number;
}

/** A (height, round, step) a validator signs at; `step` 'propose' is the proposal. */
export interface SignPosition {
  readonly height: Height;
  readonly round: number;
  readonly step: Step;
}

/** decision_p[h]: the value, the round it was decided in and the precommits that formed the quorum. */
export interface Decision<V extends Vote = Vote> {
  readonly height: Height;
  readonly round: number;
  readonly value: Value;
  readonly commit: readonly V[];
}

/**
 * What the host feeds to `step`. `start-height` begins a height with that height's validator count
 * and the node's own index (null: a non-validator that follows but never signs). `proposal.valid` is
 * the host's valid(v). `propose-value` answers a `propose-request` (getValue(), L18).
 */
export type Input<V extends Vote = Vote, P extends Proposal = Proposal> =
  | {
      readonly kind: 'start-height';
      readonly height: Height;
      readonly validators: number;
      readonly self: number | null;
      /** The height's timeouts when they differ from the state's (a governance change); else kept. */
      readonly timeouts?: TimeoutParams;
    }
  | { readonly kind: 'proposal'; readonly proposal: P; readonly valid: boolean }
  | { readonly kind: 'vote'; readonly vote: V }
  | { readonly kind: 'timeout'; readonly timeout: Timeout }
  | {
      readonly kind: 'propose-value';
      readonly height: Height;
      readonly round: number;
      readonly value: Value;
    };

/**
 * What the host must do, in order. `sign` always precedes the broadcast it authorises: the host
 * checks `canSign(last, position)`, persists `position`, then signs and sends the next broadcast
 * (dropping it if `canSign` refused). A broadcast goes to every peer and back to this node as an
 * input, as the paper's broadcast includes the sender. Broadcasts carry the core's own unsigned
 * messages; `decide` and `evidence` carry the host's objects `V`.
 */
export type Output<V extends Vote = Vote> =
  | { readonly kind: 'propose-request'; readonly height: Height; readonly round: number }
  | { readonly kind: 'sign'; readonly position: SignPosition }
  | { readonly kind: 'broadcast-proposal'; readonly proposal: Proposal }
  | { readonly kind: 'broadcast-vote'; readonly vote: Vote }
  | { readonly kind: 'schedule-timeout'; readonly timeout: Timeout; readonly durationNs: bigint }
  | { readonly kind: 'decide'; readonly decision: Decision<V> }
  | { readonly kind: 'evidence'; readonly first: V; readonly second: V };
