import { compareBytes, equalBytes } from '../../bytes.ts';
import { type Reader, Writer } from '../../codec.ts';
import type { Value, VoteType } from '../../consensus/types.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import type { TxType } from './constants.ts';
import { proposalSignBytes, voteSignBytes } from './vote.ts';

/**
 * Equivocation evidence (docs/ledger.md §2, protocol.md D30): two messages one consensus key signed
 * for the same height, round and kind with different block hashes. Signed bytes name no validator
 * index, so a piece needs no historical validator list: the offender's key and its two signatures
 * are the whole proof. It travels and is recorded as transaction type 9.
 */

export const EVIDENCE_KINDS = ['prevote', 'precommit', 'proposal'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One of the two signed messages: what differs between them. */
export interface SignedPart {
  /** The signed value (a block hash); null for a nil vote (a proposal always names a block). */
  value: Value | null;
  /** A vote's timestamp (ns); 0 for a proposal. */
  timestamp: bigint;
  /** A proposal's validRound (-1: none); -1 for a vote. */
  validRound: number;
  signature: Uint8Array;
}

/** The body of an evidence transaction; `reporter` signs the transaction (any key). */
export interface EvidenceBody {
  type: typeof TxType.evidence;
  reporter: Uint8Array;
  offender: Uint8Array;
  kind: EvidenceKind;
  height: Height;
  round: number;
  /** The two messages, `a` before `b` in the byte order of their encodings. */
  a: SignedPart;
  b: SignedPart;
}

/** `reporter 32 ‖ offender 32 ‖ kind u8 ‖ height u64 ‖ round u32 ‖ part a ‖ part b`. */
export function writeEvidence(w: Writer, e: EvidenceBody): void {
  w.fixed(e.reporter)
    .fixed(e.offender)
    .u8(EVIDENCE_KINDS.indexOf(e.kind) + 1);
  w.height(e.height).u32(e.round).raw(partBytes(e.kind, e.a)).raw(partBytes(e.kind, e.b));
}

/** Strict inverse of writeEvidence: known kind, distinct block hashes, parts in canonical order. */
export function readEvidence(r: Reader): Omit<EvidenceBody, 'type'> {
  const reporter = r.fixed();
  const offender = r.fixed();
  const kind = EVIDENCE_KINDS[r.u8() - 1];
  if (!kind) throw r.fail('unknown evidence kind');
  const height = r.height();
  const round = r.u32();
  const a = readPart(r, kind);
  const b = readPart(r, kind);
  if (sameHash(a.value, b.value)) throw r.fail('the two messages sign the same block hash');
  if (compareBytes(partBytes(kind, a), partBytes(kind, b)) >= 0) throw r.fail('messages out of order');
  return { reporter, offender, kind, height, round, a, b };
}

/**
 * A vote part: `(0x00 | 0x01 ‖ hash 32) ‖ timestamp u64 ‖ signature 64`;
 * a proposal part: `validRound + 1 u32 ‖ hash 32 ‖ signature 64`.
 */
function partBytes(kind: EvidenceKind, p: SignedPart): Uint8Array {
  const w = new Writer();
  if (kind === 'proposal') w.u32(p.validRound + 1).fixed(p.value!);
  else if (p.value === null) w.u8(0).time(p.timestamp);
  else w.u8(1).fixed(p.value).time(p.timestamp);
  return w.fixed(p.signature, 64).bytes();
}

function readPart(r: Reader, kind: EvidenceKind): SignedPart {
  if (kind === 'proposal') {
    const validRound = r.u32() - 1;
    return { validRound, value: r.fixed(), timestamp: 0n, signature: r.fixed(64) };
  }
  const flag = r.u8();
  if (flag > 1) throw r.fail('vote value flag');
  const value = flag === 1 ? r.fixed() : null;
  const timestamp = r.time();
  return { value, timestamp, validRound: -1, signature: r.fixed(64) };
}

/** The bytes the offender signed for part `p`: the consensus sign bytes of core/ledger/codec/vote.ts. */
export function evidenceSignBytes(chainId: Uint8Array, e: EvidenceBody, p: SignedPart): Uint8Array {
  if (e.kind === 'proposal') {
    if (p.validRound < -1 || p.validRound >= e.round)
      throw new ProtoError('bad-encoding', `validRound ${p.validRound} is not in -1..round-1`, 'penalize');
    const fields = { height: e.height, round: e.round, validRound: p.validRound, value: p.value! };
    return proposalSignBytes(chainId, fields);
  }
  const type: VoteType = e.kind;
  return voteSignBytes(chainId, {
    type,
    height: e.height,
    round: e.round,
    value: p.value,
    timestamp: p.timestamp,
  });
}

/** Puts two parts in canonical order (a host building evidence from the two messages it saw). */
export function orderParts(kind: EvidenceKind, x: SignedPart, y: SignedPart): [SignedPart, SignedPart] {
  return compareBytes(partBytes(kind, x), partBytes(kind, y)) < 0 ? [x, y] : [y, x];
}

function sameHash(x: Uint8Array | null, y: Uint8Array | null): boolean {
  return x === null || y === null ? x === y : equalBytes(x, y);
}
