import { ProtoError } from '../../errors.ts';
import { EVIDENCE_MAX_AGE, MAX_BLOCK_EVIDENCE } from '../codec/constants.ts';
import { EVIDENCE_KINDS, type EvidenceBody, evidenceSignBytes } from '../codec/evidence.ts';
import type { Tx } from '../codec/tx.ts';
import { encodeEvidenceRecord, evidenceKey } from '../state/state-codec.ts';
import type { BlockContext, Draft } from './draft.ts';

/**
 * Equivocation evidence (docs/ledger.md §2): valid when its height is not above the block's and less
 * than EVIDENCE_MAX_AGE below it, both messages carry the offender's signature, the offence (key,
 * kind, height, round) is not recorded yet, the block holds at most MAX_BLOCK_EVIDENCE pieces, and the
 * reporter signed the transaction. Effect: the offence is recorded in state, and the offender leaves
 * the queue at the end of the block (validating one more height, as any leaver) and the pending FIFO.
 */
export function applyEvidence(d: Draft, tx: EvidenceBody & Tx, ctx: BlockContext): void {
  if (tx.height > ctx.height)
    throw new ProtoError(
      'bad-encoding',
      `evidence of height ${tx.height} above the block's ${ctx.height}`,
      'penalize',
    );
  if (tx.height + EVIDENCE_MAX_AGE <= ctx.height)
    throw new ProtoError('evidence-too-old', `evidence of height ${tx.height}`, 'ignore');
  if (d.events.filter((e) => e.kind === 'evidence').length >= MAX_BLOCK_EVIDENCE)
    throw new ProtoError('too-much-evidence', `more than ${MAX_BLOCK_EVIDENCE} pieces in one block`, 'retry');
  const chainId = d.parent.config.chainId;
  for (const part of [tx.a, tx.b]) {
    if (!d.env.verify(part.signature, evidenceSignBytes(chainId, tx, part), tx.offender))
      throw new ProtoError('bad-signature', 'an evidence message is not signed by the offender', 'penalize');
  }
  const key = evidenceKey(tx.offender, EVIDENCE_KINDS.indexOf(tx.kind) + 1, tx.height, tx.round);
  if (d.entry(key)) throw new ProtoError('evidence-known', 'this offence is recorded already', 'ignore');
  d.checkSignature(tx, tx.reporter);
  d.setEntry(key, encodeEvidenceRecord({ recordedAt: ctx.height, reporter: tx.reporter }));
  d.offenders.push(tx.offender);
  const { offender, kind, height, round, reporter } = tx;
  d.events.push({ kind: 'evidence', offender, offence: kind, height, round, reporter });
}
