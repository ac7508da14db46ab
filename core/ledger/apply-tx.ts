import { applyAnnounce } from './apply-announce.ts';
import { applyEvidence } from './apply-evidence.ts';
import { applyTokenTransfer } from './apply-token-transfer.ts';
import { applyTransfer } from './apply-transfer.ts';
import { TxType } from './constants.ts';
import type { BlockContext, Draft } from './draft.ts';
import type { Tx } from './tx.ts';

/** Applies one transaction to the draft, or throws a ProtoError and changes nothing. */
export function applyTx(d: Draft, tx: Tx, ctx: BlockContext): void {
  if (tx.type === TxType.transfer) applyTransfer(d, tx, ctx);
  else if (tx.type === TxType.tokenTransfer) applyTokenTransfer(d, tx, ctx);
  else if (tx.type === TxType.evidence) applyEvidence(d, tx, ctx);
  else applyAnnounce(d, tx, ctx);
}
