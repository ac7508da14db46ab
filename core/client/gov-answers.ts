import { proposalJson, vetoJson } from '../api/governance-json.ts';
import { ProtoError } from '../errors.ts';
import {
  decodeProposal,
  decodeVeto,
  EMPTY_VETO,
  type Proposal,
  proposalKey,
  VETO_KEY,
  type VetoState,
} from '../ledger/index.ts';
import type { Hasher } from '../token/hash.ts';
import { hexField, type ProofJson, provenBytes, sameJsonAsProven } from './proven.ts';

/**
 * Checks of the governance answers (docs/api.md, Governance routes) against the stateRoot of a
 * verified header of the height each names: the proof of the state entry, then every field of the
 * answer against the view rebuilt from the proven entry (votes and tally included).
 */

/** The anchor and proof fields every governance answer carries. */
export type GovAnchor = ProofJson;

const PROOF_FIELDS = ['height', 'blockHash', 'stateRoot', 'value', 'proof'];

function withoutProof(answer: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answer).filter(([k]) => !PROOF_FIELDS.includes(k)));
}

/** `GET /v1/proposals/{id}` (or one item of a page with the page's anchor): the proven proposal. */
export function checkProposal(
  answer: GovAnchor & { id: string } & Record<string, unknown>,
  root: Uint8Array,
  hash?: Hasher,
): Proposal {
  const id = hexField(answer.id, 'id', 32);
  const bytes = provenBytes(answer, root, proposalKey(id), hash);
  if (!bytes) throw new ProtoError('value-mismatch', `the proof shows no proposal ${answer.id}`, 'penalize');
  const proposal = decodeProposal(bytes);
  sameJsonAsProven('proposal', withoutProof(answer), proposalJson(proposal));
  return proposal;
}

/** A page of `GET /v1/proposals`: each proposal proven under the page's anchor. */
export interface ProposalPage {
  height: number;
  blockHash: string;
  stateRoot: string;
  proposals: ({ id: string; value: string | null; proof: string } & Record<string, unknown>)[];
}

/** Every proposal of the page, proven (the page may still leave proposals out: a list is not proven whole). */
export function checkProposalPage(page: ProposalPage, root: Uint8Array, hash?: Hasher): Proposal[] {
  if (!Array.isArray(page.proposals))
    throw new ProtoError('bad-answer', 'the page has no proposals list', 'penalize');
  const anchor = { height: page.height, blockHash: page.blockHash, stateRoot: page.stateRoot };
  return page.proposals.map((p) => checkProposal({ ...p, ...anchor }, root, hash));
}

/** `GET /v1/veto`: the veto key (genesis's) and the proven delegates. */
export function checkVeto(
  answer: GovAnchor & Record<string, unknown>,
  vetoKey: Uint8Array,
  root: Uint8Array,
  hash?: Hasher,
): VetoState {
  const bytes = provenBytes(answer, root, VETO_KEY, hash);
  const veto = bytes ? decodeVeto(bytes) : EMPTY_VETO;
  sameJsonAsProven('veto', withoutProof(answer), vetoJson(veto, vetoKey));
  return veto;
}
