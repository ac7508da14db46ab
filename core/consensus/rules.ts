import { equalBytes } from '../bytes.ts';
import { roundLog, senderCount } from './log.ts';
import { isQuorum, isSomeHonest } from './quorum.ts';
import { type ConsensusState, castVote, scheduleTimeout, startRound } from './state.ts';
import type { Output } from './types.ts';
import { votersFor, votesFor } from './votes.ts';

/** One `upon` rule of Algorithm 1: the next state when it fires (outputs pushed to `out`), else null. */
export type Rule = (s: ConsensusState, out: Output[]) => ConsensusState | null;

/** L49-L51: a proposal of any round r with 2f + 1 precommits for its value decides it, if valid. */
export const decide: Rule = (s, out) => {
  for (const [round, entry] of s.log) {
    for (const p of entry.proposals) {
      if (!p.valid || !isQuorum(votesFor(entry.precommit, p.key), s.validators)) continue; // L50
      const commit = votersFor(entry.precommit, p.key);
      const decision = { height: s.height, round, value: p.proposal.value, commit }; // L51
      out.push({ kind: 'decide', decision });
      return { ...s, decision };
    }
  }
  return null;
};

/** L55-L56: f + 1 senders of messages of a higher round: StartRound(that round), the highest such. */
export const skipRound: Rule = (s, out) => {
  let target = -1;
  for (const round of s.log.keys()) {
    if (
      round > s.round &&
      round > target &&
      isSomeHonest(senderCount(s.log, round, s.validators), s.validators)
    ) {
      target = round;
    }
  }
  return target < 0 ? null : startRound(s, target, out);
};

/** L22-L27 (validRound -1) and L28-L33 (a POL of round vr < round_p), while step_p = propose. */
export const prevoteProposal: Rule = (s, out) => {
  if (s.step !== 'propose') return null;
  for (const p of roundLog(s.log, s.round).proposals) {
    const { value, validRound: vr } = p.proposal;
    const locked = s.lockedValue !== null && equalBytes(s.lockedValue, value);
    if (vr === -1) {
      const ok = p.valid && (s.lockedRound === -1 || locked); // L23
      return castVote(s, 'prevote', ok ? value : null, out); // L24, L26, L27
    }
    if (vr >= 0 && vr < s.round && isQuorum(votesFor(roundLog(s.log, vr).prevote, p.key), s.validators)) {
      const ok = p.valid && (s.lockedRound <= vr || locked); // L29
      return castVote(s, 'prevote', ok ? value : null, out); // L30, L32, L33
    }
  }
  return null;
};

/** L36-L43: a valid proposal of round_p with 2f + 1 prevotes for it, while step_p >= prevote, once. */
export const lockOnPolka: Rule = (s, out) => {
  if (s.step === 'propose' || s.fired.polka) return null;
  const entry = roundLog(s.log, s.round);
  const p = entry.proposals.find((q) => q.valid && isQuorum(votesFor(entry.prevote, q.key), s.validators));
  if (p === undefined) return null;
  const { value } = p.proposal;
  let next: ConsensusState = { ...s, fired: { ...s.fired, polka: true } };
  if (s.step === 'prevote') {
    next = { ...next, lockedValue: value, lockedRound: s.round }; // L38, L39
    next = castVote(next, 'precommit', value, out); // L40, L41
  }
  return { ...next, validValue: value, validRound: s.round }; // L42, L43
};

/** L44-L46: 2f + 1 prevotes for nil in round_p while step_p = prevote: precommit nil. */
export const precommitNil: Rule = (s, out) => {
  if (s.step !== 'prevote') return null;
  if (!isQuorum(votesFor(roundLog(s.log, s.round).prevote, 'nil'), s.validators)) return null;
  return castVote(s, 'precommit', null, out);
};

/** L34-L35: 2f + 1 prevotes of round_p for anything while step_p = prevote, once: timeoutPrevote. */
export const prevoteTimeout: Rule = (s, out) => {
  if (s.step !== 'prevote' || s.fired.prevoteTimeout) return null;
  if (!isQuorum(roundLog(s.log, s.round).prevote.count, s.validators)) return null;
  out.push(scheduleTimeout(s, 'prevote'));
  return { ...s, fired: { ...s.fired, prevoteTimeout: true } };
};

/** L47-L48: 2f + 1 precommits of round_p for anything, once: timeoutPrecommit. */
export const precommitTimeout: Rule = (s, out) => {
  if (s.fired.precommitTimeout) return null;
  if (!isQuorum(roundLog(s.log, s.round).precommit.count, s.validators)) return null;
  out.push(scheduleTimeout(s, 'precommit'));
  return { ...s, fired: { ...s.fired, precommitTimeout: true } };
};

/**
 * The rules in the order they are tried after every input until none fires. Deciding comes first,
 * then a round skip, then the rules of the current round; the polka rules come before L34 so a
 * node that can precommit a value does not also start timeoutPrevote.
 */
export const RULES: readonly Rule[] = [
  decide,
  skipRound,
  prevoteProposal,
  lockOnPolka,
  precommitNil,
  prevoteTimeout,
  precommitTimeout,
];
