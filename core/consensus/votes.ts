import { equalBytes, toHex } from '../bytes.ts';
import type { Value, Vote } from './types.ts';

/** Tally key of a value: its hex, or 'nil'. */
export function valueKey(value: Value | null): string {
  return value === null ? 'nil' : toHex(value);
}

function sameValue(a: Value | null, b: Value | null): boolean {
  return a === null || b === null ? a === b : equalBytes(a, b);
}

/**
 * The votes of one (height, round, type). At most one vote per validator is counted: the first.
 * Copy on write, so a state that refers to a set never sees it change.
 */
export interface VoteSet {
  /** Counted vote of each validator index, sparse. */
  readonly byValidator: readonly (Vote | undefined)[];
  /** Number of counted votes. */
  readonly count: number;
  /** Counted votes per `valueKey`. */
  readonly tally: ReadonlyMap<string, number>;
}

export const EMPTY_VOTES: VoteSet = { byValidator: [], count: 0, tally: new Map() };

/** Result of adding a vote: a new set, a repeat of the counted vote, or a conflicting second vote. */
export type AddVote =
  | { readonly kind: 'added'; readonly set: VoteSet }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'equivocation'; readonly first: Vote };

/** Adds `vote` unless its validator already has a counted vote in `set`. */
export function addVote(set: VoteSet, vote: Vote): AddVote {
  const first = set.byValidator[vote.validator];
  if (first !== undefined) {
    return sameValue(first.value, vote.value) ? { kind: 'duplicate' } : { kind: 'equivocation', first };
  }
  const byValidator = set.byValidator.slice();
  byValidator[vote.validator] = vote;
  const tally = new Map(set.tally);
  const key = valueKey(vote.value);
  tally.set(key, (tally.get(key) ?? 0) + 1);
  return { kind: 'added', set: { byValidator, count: set.count + 1, tally } };
}

/** Number of counted votes for the value with tally key `key`. */
export function votesFor(set: VoteSet, key: string): number {
  return set.tally.get(key) ?? 0;
}

/** The counted votes for the value with tally key `key`, in validator order. */
export function votersFor(set: VoteSet, key: string): Vote[] {
  return set.byValidator.filter((v): v is Vote => v !== undefined && valueKey(v.value) === key);
}
