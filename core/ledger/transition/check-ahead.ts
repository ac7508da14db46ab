import { ProtoError } from '../../errors.ts';
import { TxType } from '../codec/constants.ts';
import type { Tx } from '../codec/tx.ts';
import type { LedgerState } from '../state/state.ts';
import { applyTransfer } from './apply-transfer.ts';
import { Draft } from './draft.ts';
import { type LedgerEnv, resolveEnv } from './env.ts';

/**
 * Admission check for a transfer that may wait for earlier transfers of its sender: as `checkTx`, but
 * against the sender's account as it would be once the transfers between the account's nonce and this
 * one's have spent `spent`. Throws `bad-nonce` for a nonce already used, `insufficient-balance` when
 * the balance less `spent` cannot pay amount and fee, and whatever else `checkTx` would (fee,
 * signature); only transfers carry a nonce.
 */
export function checkTransferAhead(state: LedgerState, tx: Tx, env: LedgerEnv, spent: bigint): void {
  if (tx.type !== TxType.transfer)
    throw new ProtoError('bad-input', 'only a transfer carries a nonce', 'penalize');
  const d = new Draft(state, resolveEnv(env));
  const from = d.account(tx.from);
  if (tx.nonce < from.nonce) {
    throw new ProtoError(
      'bad-nonce',
      `nonce ${tx.nonce} is used: the account expects ${from.nonce}`,
      'ignore',
    );
  }
  if (from.balance < spent + tx.amount + tx.fee) {
    const cost = `${tx.amount} + fee ${tx.fee}`;
    throw new ProtoError(
      'insufficient-balance',
      `balance ${from.balance} < ${cost} after ${spent} pending`,
      'ignore',
    );
  }
  d.setAccount(tx.from, { balance: from.balance - spent, nonce: tx.nonce });
  const ctx = {
    height: state.height + 1,
    round: 0,
    time: state.time,
    proposer: new Uint8Array(32),
    checkpoints: state.checkpoints,
  };
  applyTransfer(d, tx, ctx);
}
