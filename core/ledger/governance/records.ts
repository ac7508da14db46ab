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

/**
 * The named proposal `id` as the draft holds it, or undefined. Decoded once per block (Draft.record):
 * the object is shared, so a handler saves a changed copy and never changes it in place.
 */
export function proposalOf(d: Draft, id: Uint8Array): Proposal | undefined {
  return d.record(proposalKey(id), decodeProposal);
}

/** Stores `p` under its id; its record is encoded once, when the block finishes. */
export function saveProposal(d: Draft, p: Proposal): void {
  d.setRecord(proposalKey(p.id), p, encodeProposal);
}

/** The veto key's delegations. */
export function vetoOf(d: Draft): VetoState {
  const bytes = d.entry(VETO_KEY);
  return bytes ? decodeVeto(bytes) : EMPTY_VETO;
}

export function saveVeto(d: Draft, v: VetoState): void {
  d.setEntry(VETO_KEY, encodeVeto(v));
}
