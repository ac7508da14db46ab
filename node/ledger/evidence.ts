/** Equivocation evidence as stored: the two conflicting signed messages in their wire encoding. */
import type { Proposal, Vote } from '../../core/consensus/index.ts';
import { proposerOf } from '../../core/consensus/index.ts';
import { type EvidenceKind, orderParts, type SignedPart } from '../../core/ledger/evidence.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import type { EvidenceRow } from '../../core/store/ledger-queries.ts';
import { Writer } from '../p2p/wire.ts';
import type { SignedProposal, SignedVote } from './signed.ts';
import { writeProposal, writeVote } from './wire.ts';

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
      ? writeProposal(new Writer(), m as SignedProposal).finish()
      : writeVote(new Writer(), m as SignedVote).finish();
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
 * The evidence transaction (core/ledger/evidence.ts) for two conflicting messages of the validator at
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
          blockHash: m.value,
          timestamp: 0n,
          validRound: (m as SignedProposal).validRound,
          signature: (m as SignedProposal).signature,
        }
      : {
          blockHash: m.value,
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
    height: BigInt(first.height),
    round: first.round,
    a,
    b,
  };
  return encodeTx(signTx(chainId, body, reporter.secretKey));
}
