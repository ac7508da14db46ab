import { applyTx } from './apply-tx.ts';
import { Draft } from './draft.ts';
import { type LedgerEnv, resolveEnv } from './env.ts';
import type { LedgerState } from './state.ts';
import { decodeTx, type Tx } from './tx.ts';

/**
 * Admission check for a transaction, without a mempool: decodes it (when given bytes) and applies it
 * alone to a throw-away draft of `state`, as the next block would at the last block's time and
 * checkpoints. Returns the decoded transaction or throws the ProtoError the block would.
 * A transfer must carry the account's current nonce exactly.
 */
export function checkTx(state: LedgerState, tx: Uint8Array | Tx, env: LedgerEnv): Tx {
  const t = tx instanceof Uint8Array ? decodeTx(tx) : tx;
  const ctx = {
    height: state.height + 1n,
    round: 0,
    time: state.time,
    proposer: new Uint8Array(32),
    checkpoints: state.checkpoints,
  };
  applyTx(new Draft(state, resolveEnv(env)), t, ctx);
  return t;
}
