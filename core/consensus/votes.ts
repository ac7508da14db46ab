import { equalBytes, toHex } from '../bytes.ts';
import { isSomeHonest } from './quorum.ts';
import type { Value, Vote } from './types.ts';

/** Tally key of a value: its hex, or 'nil'. */
export function valueKey(value: Value | null): string {
  return value === null ? 'nil' : toHex(value);
}

function sameValue(a: Value | null, b: Value | null): boolean {
  return a === null || b === null ? a === b : equalBytes(a, b);
}

/**
 * The votes of one (height, round, type), copy on write. A validator's first vote is its vote: it
 * alone counts towards `count` (the paper's "2f + 1 ⟨..., ∗⟩") and towards `firsts`. A conflicting
 * later vote is evidence and is otherwise not counted, except towards its own value when that value
 * already has f + 1 first votes (at least one honest voter): the paper counts every message, and
 * without this a polka that includes an equivocator's vote could never complete at a node that saw
 * the equivocator's other vote first (CometBFT's peerMaj23 solves the same). At most two values reach
 * f + 1 first votes, so a validator holds at most three votes per set.
 */
export interface VoteSet<V extends Vote = Vote> {
  /** First vote of each validator index, sparse. */
  readonly byValidator: readonly (V | undefined)[];
  /** Conflicting votes counted towards a value with f + 1 first votes. */
  readonly extra: readonly V[];
  /** Number of validators with a vote. */
  readonly count: number;
  /** First votes per `valueKey`. */
  readonly firsts: ReadonlyMap<string, number>;
  /** Validators with a counted vote per `valueKey`: first votes plus `extra`. */
  readonly tally: ReadonlyMap<string, number>;
}

export const EMPTY_VOTES: VoteSet = {
  byValidator: [],
  extra: [],
  count: 0,
  firsts: new Map(),
  tally: new Map(),
};

/** Result of adding a vote; `evidence` is the validator's first vote when `vote` conflicts with it. */
export interface AddVote {
  readonly set: VoteSet | null;
  readonly evidence: Vote | null;
}

function increment(map: ReadonlyMap<string, number>, key: string): Map<string, number> {
  const next = new Map(map);
  next.set(key, (next.get(key) ?? 0) + 1);
  return next;
}

/** Adds `vote` from a set of `n` validators: a new set (or null if nothing changed) and any evidence. */
export function addVote(set: VoteSet, vote: Vote, n: number): AddVote {
  const first = set.byValidator[vote.validator];
  const key = valueKey(vote.value);
  if (first === undefined) {
    const byValidator = set.byValidator.slice();
    byValidator[vote.validator] = vote;
    const next = { ...set, byValidator, count: set.count + 1 };
    return {
      set: { ...next, firsts: increment(set.firsts, key), tally: increment(set.tally, key) },
      evidence: null,
    };
  }
  if (sameValue(first.value, vote.value)) return { set: null, evidence: null };
  const known = set.extra.some((v) => v.validator === vote.validator && sameValue(v.value, vote.value));
  if (known || !isSomeHonest(firstsFor(set, key), n)) return { set: null, evidence: first };
  return { set: { ...set, extra: [...set.extra, vote], tally: increment(set.tally, key) }, evidence: first };
}

/** Validators with a counted vote for the value with tally key `key`. */
export function votesFor(set: VoteSet, key: string): number {
  return set.tally.get(key) ?? 0;
}

/** First votes for the value with tally key `key`. */
export function firstsFor(set: VoteSet, key: string): number {
  return set.firsts.get(key) ?? 0;
}

/** The counted votes for the value with tally key `key`: first votes in validator order, then extras. */
export function votersFor<V extends Vote>(set: VoteSet<V>, key: string): V[] {
  const firsts = set.byValidator.filter((v): v is V => v !== undefined && valueKey(v.value) === key);
  return [...firsts, ...set.extra.filter((v) => valueKey(v.value) === key)];
}
