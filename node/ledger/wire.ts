/**
 * The one binary encoding of signed votes and proposals, shared by p2p frames and the WAL. Strict:
 * a value fits its field or the reader throws FrameError, so each message has one encoding.
 *   vote:     type u8 (1 prevote, 2 precommit) ‖ height u64 ‖ round u32 ‖ (0x00 | 0x01 ‖ value 32) ‖
 *             validator u8 ‖ timestamp u64 ‖ signature 64
 *   proposal: height u64 ‖ round u32 ‖ validRound + 1 u32 ‖ value 32 ‖ signature 64
 */
import { QUEUE_MAX } from '../../core/ledger/constants.ts';
import { FrameError, type Reader, type Writer } from '../p2p/wire.ts';
import type { SignedProposal, SignedVote } from './signed.ts';

const VOTE_TYPES = ['prevote', 'precommit'] as const;
const TIME_LIMIT = 1n << 63n;

/** Longest encodings, for frame budgets. */
export const VOTE_BYTES = 1 + 8 + 4 + 33 + 1 + 8 + 64;
export const PROPOSAL_BYTES = 8 + 4 + 4 + 32 + 64;

export function writeVote(w: Writer, v: SignedVote): Writer {
  w.u8(VOTE_TYPES.indexOf(v.type) + 1)
    .u64(BigInt(v.height))
    .u32(v.round);
  if (v.value === null) w.u8(0);
  else w.u8(1).bytes(v.value);
  return w.u8(v.validator).u64(v.timestamp).bytes(v.signature);
}

export function readVote(r: Reader): SignedVote {
  const type = VOTE_TYPES[r.u8() - 1];
  if (type === undefined) throw new FrameError('unknown vote type');
  const height = readHeight(r);
  const round = r.u32();
  const flag = r.u8();
  if (flag > 1) throw new FrameError('vote value flag');
  const value = flag === 1 ? r.take(32) : null;
  const validator = r.u8();
  if (validator >= QUEUE_MAX) throw new FrameError(`validator index ${validator}`);
  const timestamp = r.u64();
  if (timestamp >= TIME_LIMIT) throw new FrameError('vote timestamp is not below 2^63');
  return { type, height, round, value, validator, timestamp, signature: r.take(64) };
}

export function writeProposal(w: Writer, p: SignedProposal): Writer {
  w.u64(BigInt(p.height))
    .u32(p.round)
    .u32(p.validRound + 1);
  return w.bytes(p.value).bytes(p.signature);
}

export function readProposal(r: Reader): SignedProposal {
  const height = readHeight(r);
  const round = r.u32();
  const validRound = r.u32() - 1;
  if (validRound >= round) throw new FrameError('validRound is not below round');
  return { height, round, validRound, value: r.take(32), signature: r.take(64) };
}

/** A height: a u64 that is also a safe integer, as the consensus core counts heights in numbers. */
export function readHeight(r: Reader): number {
  const h = r.u64();
  if (h > BigInt(Number.MAX_SAFE_INTEGER)) throw new FrameError(`height ${h}`);
  return Number(h);
}

/** Bytes with a u32 length prefix, at most `max`. */
export function readSized(r: Reader, max: number, what: string): Uint8Array {
  const n = r.u32();
  if (n > max) throw new FrameError(`${what} of ${n} bytes, more than ${max}`);
  return r.take(n);
}
