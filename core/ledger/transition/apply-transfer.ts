import { ProtoError } from '../../errors.ts';
import type { TransferBody, Tx } from '../codec/tx.ts';
import type { BlockContext, Draft } from './draft.ts';

/**
 * A coin transfer (PROTOCOL.md §3.4): fee at least the state's minimum, nonce equal to the sender's
 * account nonce, balance covering amount + fee, signed by the sender. The sender's nonce goes up by
 * one, the fee goes to the block's proposer; the supply does not change.
 */
export function applyTransfer(d: Draft, tx: TransferBody & Tx, ctx: BlockContext): void {
  if (tx.fee < d.parent.minFee) {
    throw new ProtoError('fee-too-low', `fee ${tx.fee} is below the minimum ${d.parent.minFee}`, 'ignore');
  }
  const from = d.account(tx.from);
  if (tx.nonce !== from.nonce) {
    const action = tx.nonce > from.nonce ? 'retry' : 'ignore';
    throw new ProtoError('bad-nonce', `nonce ${tx.nonce}, account expects ${from.nonce}`, action);
  }
  if (from.balance < tx.amount + tx.fee) {
    throw new ProtoError(
      'insufficient-balance',
      `balance ${from.balance} < ${tx.amount} + fee ${tx.fee}`,
      'ignore',
    );
  }
  d.checkSignature(tx, tx.from);
  d.setAccount(tx.from, { balance: from.balance - tx.amount - tx.fee, nonce: from.nonce + 1n });
  d.credit(tx.to, tx.amount);
  d.credit(ctx.proposer, tx.fee);
  d.events.push({
    kind: 'transfer',
    from: tx.from,
    to: tx.to,
    amount: tx.amount,
    fee: tx.fee,
    proposer: ctx.proposer,
  });
}
