import { ProtoError } from '../errors.ts';
import { applyTransfer } from './apply-transfer.ts';
import { TxType } from './constants.ts';
import { Draft } from './draft.ts';
import { type LedgerEnv, resolveEnv } from './env.ts';
import type { Account, LedgerState } from './state.ts';
import { accountKey, decodeAccount } from './state-codec.ts';
import { treeOf } from './state-tree.ts';
import type { Tx } from './tx.ts';

/**
 * The committed account of `key` in `state` (balance 0, nonce 0 when absent), through the state's flat
 * cache (the tree is walked only on a miss), as a block's draft reads it.
 */
export function accountOf(state: LedgerState, key: Uint8Array, env: LedgerEnv): Account {
  const stateKey = accountKey(key);
  const bytes = state.flat.get(stateKey, () => treeOf(state, resolveEnv(env).hash).get(stateKey));
  return bytes ? decodeAccount(bytes) : { balance: 0n, nonce: 0n };
}

/**
 * Admission check for a transfer that may wait for earlier transfers of its sender: as `checkTx`, but
 * against the sender's account as it would be once the transfers between the account's nonce and this
 * one's have spent `spent`. Throws `bad-nonce` for a nonce already used, `insufficient-balance` when
 * the balance less `spent` cannot pay amount and fee, and whatever else `checkTx` would (fee,
 * signature); only transfers carry a nonce.
 */
export function checkTransferAhead(state: LedgerState, tx: Tx, env: LedgerEnv, spent: bigint): void {
  if (tx.type !== TxType.transfer) throw new ProtoError('bad-input', 'only a transfer carries a nonce');
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
    throw new ProtoError('insufficient-balance', `balance ${from.balance} < ${cost} after ${spent} pending`);
  }
  d.setAccount(tx.from, { balance: from.balance - spent, nonce: tx.nonce });
  const ctx = {
    height: state.height + 1n,
    round: 0,
    time: state.time,
    proposer: new Uint8Array(32),
    checkpoints: state.checkpoints,
  };
  applyTransfer(d, tx, ctx);
}
