import { ProtoError } from '../../errors.ts';
import type { TokenTransferBody, Tx } from '../codec/tx.ts';
import type { BlockContext, Draft } from './draft.ts';
import { checkpointOf } from './token-tip.ts';

/**
 * A governance token changes hands (PROTOCOL.md §3.4). Valid when the token is in the chain the
 * header checkpoints for its subchain, was never announced, has not moved in this block, `seq`
 * equals its transfer count, and the current owner signed (the first owner is the block's `key`).
 * Feeless: the once-per-block rule bounds how often one token can appear.
 */
export function applyTokenTransfer(d: Draft, tx: TokenTransferBody & Tx, ctx: BlockContext): void {
  const info = d.env.tokens.info(tx.token);
  const tip = info && !info.root ? checkpointOf(ctx.checkpoints, info.subchain) : undefined;
  if (!info || !tip || d.env.tokens.confirmationsAt(tx.token, tip) === undefined) {
    throw new ProtoError(
      'token-not-checkpointed',
      'the token is not in the checkpointed token chain',
      'retry',
    );
  }
  const entry = d.token(tx.token) ?? { owner: info.key, seq: 0, movedAt: 0, use: 'none' as const };
  if (entry.use !== 'none')
    throw new ProtoError('token-used', `a token ${entry.use} no longer moves`, 'ignore');
  if (entry.movedAt === ctx.height)
    throw new ProtoError('token-moved', 'the token already moved in this block', 'retry');
  if (tx.seq !== entry.seq) {
    const action = tx.seq > entry.seq ? 'retry' : 'ignore';
    throw new ProtoError('bad-nonce', `seq ${tx.seq}, token expects ${entry.seq}`, action);
  }
  d.checkSignature(tx, entry.owner);
  d.setToken(tx.token, { ...entry, owner: tx.newOwner, seq: entry.seq + 1, movedAt: ctx.height });
  d.events.push({ kind: 'token-transfer', token: tx.token, from: entry.owner, to: tx.newOwner });
}
