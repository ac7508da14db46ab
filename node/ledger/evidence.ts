/** Equivocation evidence as stored: the two conflicting signed messages in their wire encoding. */

import { encodeWith } from '../../core/codec.ts';
import type { Proposal, Vote } from '../../core/consensus/index.ts';
import { proposerOf } from '../../core/consensus/index.ts';
import type { SignedProposal, SignedVote } from '../../core/ledger/signed.ts';
import { proposalCodec, voteCodec } from '../../core/ledger/signed-codec.ts';
import type { EvidenceRow } from '../../core/store/ledger-queries.ts';

/**
 * The row for two conflicting messages of one validator (two votes of one type, or two proposals of
 * one round), named by its key in the height's ordered list `keys`; undefined if the index is unknown.
 */
export function evidenceRow(
  kind: 'prevote' | 'precommit' | 'proposal',
  first: Vote | Proposal,
  second: Vote | Proposal,
  keys: readonly Uint8Array[],
): EvidenceRow | undefined {
  const index = kind === 'proposal' ? proposerOf(keys.length, first.round) : (first as Vote).validator;
  const validator = keys[index];
  if (!validator) return undefined;
  const encode = (m: Vote | Proposal) =>
    kind === 'proposal'
      ? encodeWith(proposalCodec, m as SignedProposal)
      : encodeWith(voteCodec, m as SignedVote);
  return {
    height: first.height,
    round: first.round,
    kind,
    validator,
    first: encode(first),
    second: encode(second),
  };
}
