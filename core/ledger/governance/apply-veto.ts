import { equalBytes } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import { TxType } from '../codec/constants.ts';
import type { Tx } from '../codec/tx.ts';
import type { BlockContext, Draft } from '../transition/draft.ts';
import { openProposal } from './apply-vote.ts';
import { saveProposal, saveVeto, vetoOf } from './records.ts';
import { MAX_DELEGATES } from './state-codec.ts';
import type { DelegateBody, VetoBody } from './tx-codec.ts';
import { ProposalKind } from './types.ts';

/**
 * `veto` (PROTOCOL.md §3.5): only an open `upgrade` proposal, once, by the veto root key or an
 * active delegate. A vetoed proposal is tallied `vetoed` at the end of its period.
 */
export function applyVeto(d: Draft, tx: VetoBody & Tx, ctx: BlockContext): void {
  const p = openProposal(d, tx.proposal, ctx);
  if (p.kind !== ProposalKind.upgrade) {
    throw new ProtoError('veto-not-upgrade', 'only an upgrade proposal can be vetoed', 'penalize');
  }
  if (p.veto) throw new ProtoError('already-vetoed', 'the proposal is vetoed already', 'ignore');
  checkVetoSigner(d, tx.signer);
  d.checkSignature(tx, tx.signer);
  saveProposal(d, { ...p, veto: { by: tx.signer.slice(), height: ctx.height } });
  d.events.push({ kind: 'veto', proposal: p.id, by: tx.signer });
}

function checkVetoSigner(d: Draft, signer: Uint8Array): void {
  if (equalBytes(signer, d.parent.config.vetoKey)) return;
  const delegate = vetoOf(d).delegates.find((x) => equalBytes(x.key, signer));
  if (!delegate)
    throw new ProtoError(
      'veto-not-authorized',
      'the signer is neither the veto key nor a delegate',
      'ignore',
    );
  if (delegate.revokedAt !== 0) {
    throw new ProtoError(
      'veto-delegate-revoked',
      `the delegation was revoked at height ${delegate.revokedAt}`,
      'ignore',
    );
  }
}

/**
 * `veto-delegate` and `veto-revoke`, signed by the veto root key, carrying the veto state's `seq` so
 * neither replays. A delegation of a revoked key activates it again; a revoke needs an active delegate.
 */
export function applyDelegate(d: Draft, tx: DelegateBody & Tx, ctx: BlockContext): void {
  const veto = vetoOf(d);
  if (tx.seq !== veto.seq) {
    const action = tx.seq > veto.seq ? 'retry' : 'ignore';
    throw new ProtoError('bad-nonce', `seq ${tx.seq}, the veto state expects ${veto.seq}`, action);
  }
  const others = veto.delegates.filter((x) => !equalBytes(x.key, tx.delegate));
  const known = veto.delegates.find((x) => equalBytes(x.key, tx.delegate));
  const grant = tx.type === TxType.vetoDelegate;
  if (grant && known && known.revokedAt === 0)
    throw new ProtoError('bad-input', 'the key is a delegate already', 'ignore');
  if (grant && !known && veto.delegates.length >= MAX_DELEGATES) {
    throw new ProtoError('bad-input', `at most ${MAX_DELEGATES} delegates`, 'penalize');
  }
  if (!grant && known?.revokedAt !== 0)
    throw new ProtoError('bad-input', 'the key is not an active delegate', known ? 'ignore' : 'penalize');
  d.checkSignature(tx, d.parent.config.vetoKey);
  const entry = grant
    ? { key: tx.delegate.slice(), since: ctx.height, revokedAt: 0 }
    : { ...known!, revokedAt: ctx.height };
  saveVeto(d, { seq: veto.seq + 1, delegates: [...others, entry] });
  d.events.push({ kind: grant ? 'veto-delegate' : 'veto-revoke', delegate: tx.delegate });
}
