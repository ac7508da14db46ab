/** Tendermint consensus (arXiv:1807.04938, Algorithm 1) as a pure step function; see docs/consensus.md. */
export { FUTURE_ROUNDS_PER_VALIDATOR, type MessageLog, type RoundLog } from './log.ts';
export { checkTimeoutParams, TIMEOUTS, type TimeoutParams, timeoutDuration } from './params.ts';
export { holdsVote, votesFor, votesOf } from './queries.ts';
export { isQuorum, isSomeHonest, proposerOf } from './quorum.ts';
export { canSign } from './sign.ts';
export { type ConsensusState, initialState } from './state.ts';
export { type StepResult, step } from './step.ts';
export type {
  Decision,
  Input,
  Output,
  Proposal,
  SignPosition,
  Step,
  Timeout,
  Value,
  Vote,
  VoteType,
} from './types.ts';
export { VALUE_LENGTH } from './types.ts';
export { valueKey, votersFor } from './votes.ts';
