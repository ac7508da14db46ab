import { ProtoError } from '../errors.ts';
import { logProposal, logVote } from './log.ts';
import { RULES } from './rules.ts';
import { type ConsensusState, castVote, propose, startHeight, startRound } from './state.ts';
import type { Input, Output, Proposal, Timeout, Vote } from './types.ts';
import { checkInput } from './validate.ts';

/** The next state and what the host must do, in order. */
export interface StepResult<V extends Vote = Vote, P extends Proposal = Proposal> {
  readonly state: ConsensusState<V, P>;
  readonly outputs: readonly Output<V>[];
}

/**
 * The consensus core: a pure, deterministic function of (state, input). It never changes `state`;
 * the host appends every input to its write-ahead log before stepping and replays the log after a
 * crash. Inputs of another height, duplicates and late events are ignored: `state` comes back
 * unchanged with no outputs. Throws `bad-input` on a malformed input (a host bug, not a peer's).
 * Generic over the host's vote and proposal types: the core keeps the objects it is given by
 * reference and creates only plain ones for broadcasts, so every `V` and `P` it returns (in the
 * state, `decide` and `evidence`) is one the host passed in.
 */
export function step<V extends Vote = Vote, P extends Proposal = Proposal>(
  state: ConsensusState<V, P>,
  input: Input<V, P>,
): StepResult<V, P> {
  checkInput(input);
  const out: Output[] = [];
  const next = apply(state, input, out);
  const result = { state: next === state ? state : settle(next, out), outputs: out };
  return result as unknown as StepResult<V, P>;
}

function running(s: ConsensusState, height: number): boolean {
  return s.height === height && s.decision === null;
}

function apply(s: ConsensusState, input: Input, out: Output[]): ConsensusState {
  switch (input.kind) {
    case 'start-height':
      if (input.height <= s.height) return s;
      return startHeight(s, input.height, input.validators, input.self, out, input.timeouts);
    case 'proposal': {
      const { proposal, valid } = input;
      if (!running(s, proposal.height)) return s;
      const log = logProposal(s.log, proposal, valid, s.round, s.validators);
      return log === null ? s : { ...s, log };
    }
    case 'vote': {
      if (!running(s, input.vote.height)) return s;
      if (input.vote.validator >= s.validators) throw outsideSet(input.vote.validator);
      const { log, evidence } = logVote(s.log, input.vote, s.round, s.validators);
      if (evidence !== null) out.push({ kind: 'evidence', first: evidence, second: input.vote });
      return log === null ? s : { ...s, log };
    }
    case 'timeout':
      return running(s, input.timeout.height) ? onTimeout(s, input.timeout, out) : s;
    case 'propose-value':
      if (!running(s, input.height) || input.round !== s.round || !s.fired.awaitingValue) return s;
      return s.step === 'propose' ? propose(s, input.value, out) : s;
  }
}

function outsideSet(validator: number): ProtoError {
  return new ProtoError('bad-input', `validator ${validator} is not in the height's set`, 'ignore');
}

/** OnTimeoutPropose L57-L60, OnTimeoutPrevote L61-L64, OnTimeoutPrecommit L65-L67. */
function onTimeout(s: ConsensusState, t: Timeout, out: Output[]): ConsensusState {
  if (t.round !== s.round) return s; // L58, L62, L66: height checked by the caller
  if (t.kind === 'propose') return s.step === 'propose' ? castVote(s, 'prevote', null, out) : s; // L59, L60
  if (t.kind === 'prevote') return s.step === 'prevote' ? castVote(s, 'precommit', null, out) : s; // L63, L64
  return startRound(s, s.round + 1, out); // L67
}

/** Applies the `upon` rules until none fires; every state `step` returns is settled. */
function settle(state: ConsensusState, out: Output[]): ConsensusState {
  let s = state;
  for (;;) {
    if (s.height < 0 || s.decision !== null) return s;
    let fired: ConsensusState | null = null;
    for (const rule of RULES) {
      fired = rule(s, out);
      if (fired !== null) break;
    }
    if (fired === null) return s;
    s = fired;
  }
}
