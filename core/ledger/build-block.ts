import { ProtoError } from '../errors.ts';
import { type Block, txsHash } from './block.ts';
import { checkCheckpoints } from './checkpoints.ts';
import { type Commit, commitHash } from './commit.ts';
import { type LedgerEnv, resolveEnv } from './env.ts';
import type { LedgerEvent } from './events.ts';
import { blockHash, type Checkpoints, type Header } from './header.ts';
import { headerBasis } from './header-check.ts';
import { verifyLastCommit } from './last-commit.ts';
import type { LedgerState } from './state.ts';
import { type DroppedTx, execute } from './transition.ts';
import type { Tx } from './tx.ts';

/** What the proposer of `round` puts in the block after `state`. */
export interface BlockInput {
  txs: Tx[];
  /** The commit of block `state.height` (EMPTY_COMMIT for block 1). Its median time is the block time. */
  lastCommit: Commit;
  checkpoints: Checkpoints;
  round: number;
}

/** The built block, the state after it, its events and the transactions left out as invalid. */
export interface Built {
  block: Block;
  state: LedgerState;
  events: LedgerEvent[];
  dropped: DroppedTx[];
}

/**
 * Builds the block after `state` for the proposer of `input.round` (whose key is in the header;
 * the caller signs the proposal). Time, proposer and every hash are derived; invalid transactions
 * are dropped, not fatal. The result passes `applyBlock` on the same state.
 */
export function buildBlock(state: LedgerState, input: BlockInput, env: LedgerEnv): Built {
  const e = resolveEnv(env);
  const basis = headerBasis(state, input.round, e.hash);
  const { time, signers } = verifyLastCommit(state, input.lastCommit, e.verify);
  if (time <= state.time) {
    throw new ProtoError(
      'bad-commit',
      `the commit's median time ${time} is not after ${state.time}`,
      'ignore',
    );
  }
  const moved = checkCheckpoints(state.checkpoints, input.checkpoints, e.tokens);
  const ctx = {
    height: basis.height,
    round: input.round,
    time,
    proposer: basis.proposer,
    checkpoints: input.checkpoints,
  };
  const x = execute(state, ctx, { signers, txs: input.txs, events: moved, skipInvalid: true }, e);
  const header: Header = {
    ...basis,
    round: input.round,
    time,
    lastCommitHash: commitHash(input.lastCommit, e.hash),
    stateRoot: x.state.root,
    txsHash: txsHash(x.included, e.hash),
    checkpoints: input.checkpoints,
  };
  const block = { header, lastCommit: input.lastCommit, txs: x.included };
  return {
    block,
    state: { ...x.state, blockHash: blockHash(header, e.hash) },
    events: x.events,
    dropped: x.dropped,
  };
}
