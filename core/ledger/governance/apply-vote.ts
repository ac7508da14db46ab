import { toHex } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import { decodeBlock, TokenType } from '../../token/block.ts';
import type { Tx } from '../codec/tx.ts';
import type { TokenEntry } from '../state/state.ts';
import { congressTipOf } from '../transition/checkpoints.ts';
import type { BlockContext, Draft } from '../transition/draft.ts';
import { checkOwner } from './apply-publish.ts';
import { proposalOf, saveProposal } from './records.ts';
import type { VoteBody } from './tx-codec.ts';
import { type Proposal, Status } from './types.ts';

/**
 * `vote` (PROTOCOL.md §3.5): a congress token of the proposal's subchain, canonical at the header's
 * checkpoint of that subchain, confirmed (its confirmations, or the checkpointed tip has reached the
 * cap Q so no block can follow), within the cap, in a block whose time is before the deadline, once
 * per token, signed by the token's current owner.
 */
export function applyVote(d: Draft, tx: VoteBody & Tx, ctx: BlockContext): void {
  const p = openProposal(d, tx.proposal, ctx);
  const block = decodeBlock(tx.token);
  if (block.type !== TokenType.congress)
    throw new ProtoError('wrong-token-type', `token type ${block.type}`, 'penalize');
  const hash = d.env.hash(tx.token);
  const info = d.env.tokens.info(hash);
  if (!info) throw new ProtoError('token-not-checkpointed', 'the congress token is unknown', 'retry');
  if (info.subchain !== `congress:${toHex(p.id)}`) {
    throw new ProtoError(
      'wrong-proposal',
      'the token belongs to the congress of another proposal',
      'penalize',
    );
  }
  const tip = congressTipOf(ctx.checkpoints, p.id);
  const c = tip && d.env.tokens.confirmationsAt(hash, tip);
  if (tip === undefined || c === undefined) {
    throw new ProtoError(
      'token-not-checkpointed',
      'the token is not in the checkpointed congress chain',
      'retry',
    );
  }
  if (info.count > p.size + 1 || p.votes.length >= p.size + 1) {
    throw new ProtoError('vote-beyond-cap', `the congress holds at most ${p.size + 1} members`, 'penalize');
  }
  const full = info.count + c >= p.size;
  const needed = d.parent.config.congressConfirmations;
  if (c < needed && !full)
    throw new ProtoError('token-unconfirmed', `${c} of ${needed} confirmations`, 'retry');
  const entry: TokenEntry = d.token(hash) ?? { owner: block.key, seq: 0, movedAt: 0, use: 'none' };
  if (entry.use !== 'none') throw new ProtoError('already-voted', 'the token has voted', 'ignore');
  checkOwner(d, tx, entry.owner);
  d.setToken(hash, { ...entry, use: 'voted' });
  saveProposal(d, { ...p, votes: [...p.votes, { token: hash, choice: tx.choice }] });
  d.events.push({ kind: 'vote', proposal: p.id, token: hash, choice: tx.choice });
}

/**
 * The proposal `id`, still taking votes and vetoes at `ctx.time`. Throws `unknown-proposal` when no
 * proposal has that id, `vote-closed` when its period ended.
 */
export function openProposal(d: Draft, id: Uint8Array, ctx: BlockContext): Proposal {
  const p = proposalOf(d, id);
  if (!p) throw new ProtoError('unknown-proposal', `no proposal ${toHex(id)}`, 'retry');
  if (p.status !== Status.open || ctx.time >= p.deadline) {
    throw new ProtoError('vote-closed', `the voting period ended at ${p.deadline}`, 'ignore');
  }
  return p;
}
