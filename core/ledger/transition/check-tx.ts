import { toHex } from '../../bytes.ts';
import { TxType } from '../codec/constants.ts';
import { decodeTx, type Tx } from '../codec/tx.ts';
import type { LedgerState } from '../state/state.ts';
import { applyTx } from './apply-tx.ts';
import { Draft } from './draft.ts';
import { type LedgerEnv, resolveEnv } from './env.ts';

/**
 * Admission check for a transaction, without a mempool: decodes it (when given bytes) and applies it
 * alone to a throw-away draft of `state`, as the next block would at the last block's time and
 * checkpoints. Returns the decoded transaction or throws the ProtoError the block would.
 * A transfer must carry the account's current nonce exactly.
 */
export function checkTx(state: LedgerState, tx: Uint8Array | Tx, env: LedgerEnv): Tx {
  const t = tx instanceof Uint8Array ? decodeTx(tx) : tx;
  const ctx = {
    height: state.height + 1,
    round: 0,
    time: state.time,
    proposer: new Uint8Array(32),
    checkpoints: state.checkpoints,
  };
  applyTx(new Draft(state, resolveEnv(env)), t, ctx);
  return t;
}

/**
 * Which transactions checkTx accepted on a block's parent state it may refuse after the block
 * `included`. Only a transfer lowers a balance or moves a nonce, and only its sender's
 * (apply-transfer.ts; credits only raise balances), so a transfer whose sender sent no transfer in the
 * block and whose fee still meets the state's minimum stays valid; every other kind is checked again.
 */
export function mayInvalidate(included: readonly Tx[], state: LedgerState): (tx: Tx) => boolean {
  const senders = new Set<string>();
  for (const tx of included) if (tx.type === TxType.transfer) senders.add(toHex(tx.from));
  return (tx) => tx.type !== TxType.transfer || tx.fee < state.minFee || senders.has(toHex(tx.from));
}
