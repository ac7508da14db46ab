/** Equivocation evidence as stored: the two conflicting signed messages in their wire encoding. */

import { encodeWith } from '../../core/codec.ts';
import type { Proposal, Vote } from '../../core/consensus/index.ts';
import { proposerOf } from '../../core/consensus/index.ts';
import {
  type EvidenceKind,
  encodeTx,
  orderParts,
  proposalCodec,
  type SignedPart,
  type SignedProposal,
  type SignedVote,
  signTx,
  TxType,
  voteCodec,
} from '../../core/ledger/index.ts';
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

/**
 * The evidence transaction (core/ledger/codec/evidence.ts) for two conflicting messages of the validator at
 * its index in `keys`, signed by `reporter`; undefined if the index is unknown. Any node that sees an
 * equivocation submits one, so the offence reaches a block whoever saw it.
 */
export function evidenceTx(
  kind: EvidenceKind,
  first: Vote | Proposal,
  second: Vote | Proposal,
  keys: readonly Uint8Array[],
  chainId: Uint8Array,
  reporter: { publicKey: Uint8Array; secretKey: Uint8Array },
): Uint8Array | undefined {
  const index = kind === 'proposal' ? proposerOf(keys.length, first.round) : (first as Vote).validator;
  const offender = keys[index];
  if (!offender) return undefined;
  const part = (m: Vote | Proposal): SignedPart =>
    kind === 'proposal'
      ? {
          value: m.value,
          timestamp: 0n,
          validRound: (m as SignedProposal).validRound,
          signature: (m as SignedProposal).signature,
        }
      : {
          value: m.value,
          timestamp: (m as SignedVote).timestamp,
          validRound: -1,
          signature: (m as SignedVote).signature,
        };
  const [a, b] = orderParts(kind, part(first), part(second));
  const body = {
    type: TxType.evidence,
    reporter: reporter.publicKey,
    offender,
    kind,
    height: first.height,
    round: first.round,
    a,
    b,
  };
  return encodeTx(signTx(chainId, body, reporter.secretKey));
}
