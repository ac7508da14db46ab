import { ProtoError } from '../../errors.ts';
import { type Block, txsHash } from '../codec/block.ts';
import { type Commit, commitHash, encodeCommit } from '../codec/commit.ts';
import { MAX_BLOCK_BYTES, MAX_BLOCK_TXS } from '../codec/constants.ts';
import { blockHash, type Checkpoints, HEADER_FIXED_LENGTH, type Header } from '../codec/header.ts';
import { encodeTx, type Tx } from '../codec/tx.ts';
import { congressRoots } from '../governance/lifecycle.ts';
import type { LedgerState } from '../state/state.ts';
import { checkCheckpoints, congressTipOf } from './checkpoints.ts';
import { type LedgerEnv, resolveEnv } from './env.ts';
import type { LedgerEvent } from './events.ts';
import { headerBasis } from './header-check.ts';
import { verifyLastCommit } from './last-commit.ts';
import { type DroppedTx, execute } from './transition.ts';

/** What the proposer of `round` puts in the block after `state`. */
export interface BlockInput {
  txs: Tx[];
  /** The commit of block `state.height` (EMPTY_COMMIT for block 1). Its median time is the block time. */
  lastCommit: Commit;
  checkpoints: Checkpoints;
  round: number;
  /**
   * When given, the congress checkpoints are built here rather than taken from `checkpoints`: one per
   * open proposal (only the block time decides which), at the tip this returns for its root and its
   * previous checkpoint (the root itself for a congress just named).
   */
  congressTip?: (root: Uint8Array, prev: Uint8Array) => Uint8Array;
}

/** The built block, the state after it, its events, the transactions left out as invalid and those left for a later block. */
export interface Built {
  block: Block;
  state: LedgerState;
  events: LedgerEvent[];
  dropped: DroppedTx[];
  /** Transactions past the block's byte budget (the `blockBytes` parameter), in order. */
  deferred: Tx[];
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
  const roots = congressRoots(state, time, e.hash);
  const checkpoints = withCongress(state.checkpoints, input, roots);
  const moved = checkCheckpoints(state.checkpoints, checkpoints, e.tokens, roots);
  const ctx = {
    height: basis.height,
    round: input.round,
    time,
    proposer: basis.proposer,
    checkpoints,
  };
  const limit = Math.min(MAX_BLOCK_BYTES, state.gov.params.blockBytes);
  const budget = limit - HEADER_FIXED_LENGTH - 64 * checkpoints.congress.length;
  const { fit, deferred } = fitTxs(input.txs, budget - encodeCommit(input.lastCommit).length - 2);
  const x = execute(state, ctx, { signers, txs: fit, events: moved, skipInvalid: true }, e);
  const header: Header = {
    ...basis,
    round: input.round,
    time,
    lastCommitHash: commitHash(input.lastCommit, e.hash),
    stateRoot: x.state.root,
    txsHash: txsHash(x.included, e.hash),
    checkpoints,
  };
  const block = { header, lastCommit: input.lastCommit, txs: x.included };
  const next = { ...x.state, blockHash: blockHash(header, e.hash) };
  return { block, state: next, events: x.events, dropped: x.dropped, deferred };
}

function withCongress(prev: Checkpoints, input: BlockInput, roots: Uint8Array[]): Checkpoints {
  const pick = input.congressTip;
  if (!pick) return input.checkpoints;
  const congress = roots.map((root) => {
    const from = congressTipOf(prev, root) ?? root;
    return { root, tip: pick(root, from) };
  });
  return { ...input.checkpoints, congress };
}

/** The longest prefix of `txs` whose encodings (2-byte length each) fit in `budget` bytes. */
function fitTxs(txs: Tx[], budget: number): { fit: Tx[]; deferred: Tx[] } {
  let used = 0;
  for (let i = 0; i < txs.length; i++) {
    used += 2 + encodeTx(txs[i]!).length;
    if (used > budget || i === MAX_BLOCK_TXS) return { fit: txs.slice(0, i), deferred: txs.slice(i) };
  }
  return { fit: txs, deferred: [] };
}
