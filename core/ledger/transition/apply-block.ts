import { equalBytes } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import type { Block } from '../codec/block.ts';
import { blockHash } from '../codec/header.ts';
import { congressRoots } from '../governance/lifecycle.ts';
import type { LedgerState } from '../state/state.ts';
import { checkCheckpoints } from './checkpoints.ts';
import { type LedgerEnv, resolveEnv } from './env.ts';
import type { LedgerEvent } from './events.ts';
import { checkHeaderFields } from './header-check.ts';
import { verifyLastCommit } from './last-commit.ts';
import { execute } from './transition.ts';

/** A new state and what the block did. */
export interface Applied {
  state: LedgerState;
  events: LedgerEvent[];
}

/**
 * The ledger's state transition (PROTOCOL.md §3, docs/ledger.md §7). Pure: `state` is not changed;
 * the returned state shares its store through an overlay. Throws ProtoError when the block is
 * invalid: header fields, LastCommit (signatures, quorum), time = the commit's median and after the
 * parent's, checkpoints, every transaction, and finally the state root.
 */
export function applyBlock(state: LedgerState, block: Block, env: LedgerEnv): Applied {
  const e = resolveEnv(env);
  const h = block.header;
  const size = checkHeaderFields(state, block, e.hash);
  if (size > state.gov.params.blockBytes) {
    throw new ProtoError(
      'bad-encoding',
      `block of ${size} bytes, the limit is ${state.gov.params.blockBytes}`,
      'penalize',
    );
  }
  const { time, signers } = verifyLastCommit(state, block.lastCommit, e.verify);
  if (h.time !== time || time <= state.time) {
    throw new ProtoError('bad-header', `time ${h.time}, expected ${time} after ${state.time}`, 'penalize', {
      field: 'time',
    });
  }
  const roots = congressRoots(state, time, e.hash);
  const moved = checkCheckpoints(state.checkpoints, h.checkpoints, e.tokens, roots);
  const ctx = { height: h.height, round: h.round, time, proposer: h.proposer, checkpoints: h.checkpoints };
  const x = execute(state, ctx, { signers, txs: block.txs, events: moved, skipInvalid: false }, e);
  if (!equalBytes(x.state.root, h.stateRoot)) {
    throw new ProtoError('bad-state-root', 'stateRoot differs from the state after the block', 'penalize');
  }
  return { state: { ...x.state, blockHash: blockHash(h, e.hash) }, events: x.events };
}
