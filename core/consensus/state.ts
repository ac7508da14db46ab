import type { Height } from '../height.ts';
import type { MessageLog } from './log.ts';
import { checkTimeoutParams, type TimeoutParams, timeoutDuration } from './params.ts';
import { proposerOf } from './quorum.ts';
import type { Decision, Output, Proposal, Step, Value, Vote, VoteType } from './types.ts';

/** The "for the first time" guards of the current round, plus a pending getValue() (L18). */
export interface Fired {
  readonly awaitingValue: boolean;
  /** L34 */
  readonly prevoteTimeout: boolean;
  /** L36 */
  readonly polka: boolean;
  /** L47 */
  readonly precommitTimeout: boolean;
}

const NOT_FIRED: Fired = {
  awaitingValue: false,
  prevoteTimeout: false,
  polka: false,
  precommitTimeout: false,
};

/**
 * The variables of Algorithm 1 for one process (L2-L9), immutable: `step` returns a new state and
 * never changes the one it was given, so a host can keep any state and replay its input log. `V` and
 * `P` are the host's vote and proposal types (types.ts); the host reads the log through queries.ts.
 */
export interface ConsensusState<V extends Vote = Vote, P extends Proposal = Proposal> {
  readonly params: TimeoutParams;
  /** h_p; -1 before the first `start-height`. */
  readonly height: Height;
  /** n of the current height. */
  readonly validators: number;
  /** This node's index in the height's validator list, or null when it does not validate. */
  readonly self: number | null;
  readonly round: number;
  readonly step: Step;
  readonly lockedValue: Value | null;
  readonly lockedRound: number;
  readonly validValue: Value | null;
  readonly validRound: number;
  /** decision_p[h_p]; once set, only `start-height` changes the state. */
  readonly decision: Decision<V> | null;
  readonly fired: Fired;
  readonly log: MessageLog<V, P>;
}

/** A node that has started no height yet. Throws `bad-params` on invalid timeouts. */
export function initialState<V extends Vote = Vote, P extends Proposal = Proposal>(
  params: TimeoutParams,
): ConsensusState<V, P> {
  checkTimeoutParams(params);
  return {
    params,
    height: -1,
    validators: 0,
    self: null,
    round: 0,
    step: 'propose',
    lockedValue: null, // L6
    lockedRound: -1, // L7
    validValue: null, // L8
    validRound: -1, // L9
    decision: null,
    fired: NOT_FIRED,
    log: new Map(),
  };
}

/**
 * L10, L52-L54: a new height with its own validator count, locks reset and an empty message log,
 * run with `timeouts` (default: the previous height's; throws `bad-params` on invalid ones).
 * The paper starts the next height inside L49; here the host does it, once it knows the next
 * height's validators and its block interval has passed.
 */
export function startHeight(
  s: ConsensusState,
  height: Height,
  validators: number,
  self: number | null,
  out: Output[],
  timeouts: TimeoutParams = s.params,
): ConsensusState {
  const fresh = { ...initialState(timeouts), height, validators, self };
  return startRound(fresh, 0, out);
}

/** StartRound(round), L11-L21. */
export function startRound(s: ConsensusState, round: number, out: Output[]): ConsensusState {
  const next: ConsensusState = { ...s, round, step: 'propose', fired: NOT_FIRED }; // L12, L13
  if (s.self === null || proposerOf(s.validators, round) !== s.self) {
    out.push(scheduleTimeout(next, 'propose')); // L21
    return next;
  }
  if (s.validValue !== null) return propose(next, s.validValue, out); // L15, L16, L19
  out.push({ kind: 'propose-request', height: s.height, round }); // L18: getValue() is the host's
  return { ...next, fired: { ...NOT_FIRED, awaitingValue: true } };
}

/** L19: broadcast ⟨PROPOSAL, h_p, round_p, proposal, validRound_p⟩. */
export function propose(s: ConsensusState, value: Value, out: Output[]): ConsensusState {
  const { height, round } = s;
  out.push({ kind: 'sign', position: { height, round, step: 'propose' } });
  out.push({ kind: 'broadcast-proposal', proposal: { height, round, value, validRound: s.validRound } });
  return { ...s, fired: { ...s.fired, awaitingValue: false } };
}

/** broadcast ⟨type, h_p, round_p, value⟩ and step_p ← type; a non-validator only moves its step. */
export function castVote(
  s: ConsensusState,
  type: VoteType,
  value: Value | null,
  out: Output[],
): ConsensusState {
  if (s.self !== null) {
    const { height, round } = s;
    out.push({ kind: 'sign', position: { height, round, step: type } });
    out.push({ kind: 'broadcast-vote', vote: { type, height, round, value, validator: s.self } });
  }
  return { ...s, step: type };
}

/** schedule OnTimeout<kind>(h_p, round_p) after timeout<kind>(round_p). */
export function scheduleTimeout(s: ConsensusState, kind: Step): Output {
  const timeout = { kind, height: s.height, round: s.round };
  return { kind: 'schedule-timeout', timeout, durationNs: timeoutDuration(s.params, kind, s.round) };
}
