import { TxType } from '../codec/constants.ts';
import type { Tx } from '../codec/tx.ts';
import { applyPublish } from '../governance/apply-publish.ts';
import { applyDelegate, applyVeto } from '../governance/apply-veto.ts';
import { applyVote } from '../governance/apply-vote.ts';
import { applyAnnounce } from './apply-announce.ts';
import { applyEvidence } from './apply-evidence.ts';
import { applyTokenTransfer } from './apply-token-transfer.ts';
import { applyTransfer } from './apply-transfer.ts';
import type { BlockContext, Draft } from './draft.ts';

/** Applies one transaction to the draft, or throws a ProtoError and changes nothing. */
export function applyTx(d: Draft, tx: Tx, ctx: BlockContext): void {
  if (tx.type === TxType.transfer) applyTransfer(d, tx, ctx);
  else if (tx.type === TxType.tokenTransfer) applyTokenTransfer(d, tx, ctx);
  else if (tx.type === TxType.announce) applyAnnounce(d, tx, ctx);
  else if (tx.type === TxType.evidence) applyEvidence(d, tx, ctx);
  else if (tx.type === TxType.publish) applyPublish(d, tx, ctx);
  else if (tx.type === TxType.vote) applyVote(d, tx, ctx);
  else if (tx.type === TxType.veto) applyVeto(d, tx, ctx);
  else applyDelegate(d, tx, ctx);
}
