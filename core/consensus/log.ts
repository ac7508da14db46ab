import { isSomeHonest, proposerOf } from './quorum.ts';
import type { Proposal, Vote } from './types.ts';
import { addVote, EMPTY_VOTES, firstsFor, type VoteSet, valueKey } from './votes.ts';

/** A proposal as received, with the host's valid(v) and its tally key. */
export interface StoredProposal<P extends Proposal = Proposal> {
  readonly proposal: P;
  readonly valid: boolean;
  readonly key: string;
}

/** Messages of one round of the current height. */
export interface RoundLog<V extends Vote = Vote, P extends Proposal = Proposal> {
  readonly proposals: readonly StoredProposal<P>[];
  readonly prevote: VoteSet<V>;
  readonly precommit: VoteSet<V>;
}

/** The message log of the current height, by round; past rounds are kept (L28 and L49 read them). */
export type MessageLog<V extends Vote = Vote, P extends Proposal = Proposal> = ReadonlyMap<
  number,
  RoundLog<V, P>
>;

const EMPTY_ROUND: RoundLog = { proposals: [], prevote: EMPTY_VOTES, precommit: EMPTY_VOTES };

/**
 * Memory bound under attack, as CometBFT's height_vote_set.go (peerCatchupRounds). Rounds up to
 * current + 1 are always accepted; beyond that each validator may hold messages in at most
 * FUTURE_ROUNDS_PER_VALIDATOR rounds, counted afresh whenever the round advances. Per round each
 * validator has at most three votes per type (see VoteSet), and a round holds its first proposal plus
 * at most 4 more (a value with f + 1 first prevotes or precommits; at most 2 values per type). So a
 * height holds at most (r + 2 + 2n) rounds of at most 6n votes and 5 proposals, where the
 * current round r grows only by timeouts or by f + 1 senders, at least one of them honest (L55).
 */
export const FUTURE_ROUNDS_PER_VALIDATOR = 2;

/** The messages of `round`, empty when none were kept. */
export function roundLog<V extends Vote, P extends Proposal>(
  log: MessageLog<V, P>,
  round: number,
): RoundLog<V, P> {
  return log.get(round) ?? (EMPTY_ROUND as RoundLog<V, P>);
}

function hasSent(entry: RoundLog, round: number, validator: number, n: number): boolean {
  if (entry.proposals.length > 0 && proposerOf(n, round) === validator) return true;
  return (
    entry.prevote.byValidator[validator] !== undefined || entry.precommit.byValidator[validator] !== undefined
  );
}

/** Number of distinct validators with a proposal or vote in `round` (L55). */
export function senderCount(log: MessageLog, round: number, n: number): number {
  const entry = roundLog(log, round);
  let count = 0;
  for (let i = 0; i < n; i++) if (hasSent(entry, round, i, n)) count++;
  return count;
}

/** True when a message of `validator` for `round` fits the bound above, with `current` the node's round. */
function admits(log: MessageLog, round: number, current: number, validator: number, n: number): boolean {
  if (round <= current + 1) return true;
  let opened = 0;
  for (const [r, entry] of log) {
    if (r <= current + 1 || !hasSent(entry, r, validator, n)) continue;
    if (r === round) return true;
    opened++;
  }
  return opened < FUTURE_ROUNDS_PER_VALIDATOR;
}

/** Outcome of logging a vote: the new log (null if unchanged) and the first vote it conflicts with. */
export interface LogVote {
  readonly log: MessageLog | null;
  readonly evidence: Vote | null;
}

/** Logs a verified vote of the current height; `current` is the node's round, `n` the set size. */
export function logVote(log: MessageLog, vote: Vote, current: number, n: number): LogVote {
  if (!admits(log, vote.round, current, vote.validator, n)) return { log: null, evidence: null };
  const entry = roundLog(log, vote.round);
  const { set, evidence } = addVote(entry[vote.type], vote, n);
  if (set === null) return { log: null, evidence };
  const next = new Map(log);
  next.set(vote.round, { ...entry, [vote.type]: set });
  return { log: next, evidence };
}

/**
 * The log with proposal `index` of `round` now valid: the host judged its block invalid for want of
 * something it had not received yet (a token), and judged it again once that arrived. The same as
 * receiving the proposal late, which the algorithm allows; a valid verdict is never withdrawn.
 */
function revalidated(log: MessageLog, round: number, index: number): MessageLog {
  const entry = roundLog(log, round);
  const proposals = entry.proposals.map((p, i) => (i === index ? { ...p, valid: true } : p));
  const next = new Map(log);
  next.set(round, { ...entry, proposals });
  return next;
}

/**
 * Logs a verified proposal of the current height. A round keeps its first proposal; a proposal for
 * another value joins only once f + 1 prevotes or precommits of that round vouch for its value, so
 * (first votes: at most two values per type) an equivocating proposer cannot fill memory yet the value a quorum chose can still be decided.
 * A proposal known as invalid and offered again as valid becomes valid (`revalidated`).
 * Returns null when the proposal is not kept.
 */
export function logProposal(
  log: MessageLog,
  proposal: Proposal,
  valid: boolean,
  current: number,
  n: number,
): MessageLog | null {
  const { round } = proposal;
  if (!admits(log, round, current, proposerOf(n, round), n)) return null;
  const entry = roundLog(log, round);
  const key = valueKey(proposal.value);
  const known = entry.proposals.findIndex((p) => p.key === key);
  if (known >= 0) return valid && !entry.proposals[known]!.valid ? revalidated(log, round, known) : null;
  const vouched = Math.max(firstsFor(entry.prevote, key), firstsFor(entry.precommit, key));
  if (entry.proposals.length > 0 && !isSomeHonest(vouched, n)) return null;
  const next = new Map(log);
  next.set(round, { ...entry, proposals: [...entry.proposals, { proposal, valid, key }] });
  return next;
}
