/**
 * Read-only queries of the consensus state for the host: what it holds, without the host reading
 * the log's internal vote sets. Each returns the host's own objects (`V`), never copies.
 */
import { roundLog } from './log.ts';
import type { ConsensusState } from './state.ts';
import type { Proposal, Value, Vote, VoteType } from './types.ts';
import { valueKey, votersFor } from './votes.ts';

/** Every vote of `type` held for `round` of the current height: first votes by validator, then the conflicting ones that count. */
export function votesOf<V extends Vote, P extends Proposal>(
  s: ConsensusState<V, P>,
  round: number,
  type: VoteType,
): V[] {
  const set = roundLog(s.log, round)[type];
  const firsts = set.byValidator.filter((v): v is V => v !== undefined);
  return [...firsts, ...set.extra];
}

/** The votes of `type` held for `value` in `round` (for prevotes: the proof of lock of a re-proposal). */
export function votesFor<V extends Vote, P extends Proposal>(
  s: ConsensusState<V, P>,
  round: number,
  type: VoteType,
  value: Value | null,
): V[] {
  return votersFor(roundLog(s.log, round)[type], valueKey(value));
}

/** True when the state holds a vote of `v`'s validator, round and type that `same` finds equal to `v`. */
export function holdsVote<V extends Vote, P extends Proposal>(
  s: ConsensusState<V, P>,
  v: Vote,
  same: (held: V) => boolean,
): boolean {
  const set = roundLog(s.log, v.round)[v.type];
  const first = set.byValidator[v.validator];
  if (first !== undefined && same(first)) return true;
  return set.extra.some((h) => h.validator === v.validator && same(h));
}
