import type { Draft } from '../transition/draft.ts';
import {
  decodeProposal,
  decodeVeto,
  EMPTY_VETO,
  encodeProposal,
  encodeVeto,
  proposalKey,
  VETO_KEY,
} from './state-codec.ts';
import type { Proposal, VetoState } from './types.ts';

/** The named proposal `id` as the draft holds it, or undefined. */
export function proposalOf(d: Draft, id: Uint8Array): Proposal | undefined {
  const bytes = d.entry(proposalKey(id));
  return bytes && decodeProposal(bytes);
}

export function saveProposal(d: Draft, p: Proposal): void {
  d.setEntry(proposalKey(p.id), encodeProposal(p));
}

/** The veto key's delegations. */
export function vetoOf(d: Draft): VetoState {
  const bytes = d.entry(VETO_KEY);
  return bytes ? decodeVeto(bytes) : EMPTY_VETO;
}

export function saveVeto(d: Draft, v: VetoState): void {
  d.setEntry(VETO_KEY, encodeVeto(v));
}
