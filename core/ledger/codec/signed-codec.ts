/**
 * The one binary encoding of signed votes and proposals, shared by p2p frames and the WAL. Strict:
 * a value fits its field or the reader throws a ProtoError, so each message has one encoding.
 *   vote:     type u8 (1 prevote, 2 precommit) ‖ height u64 ‖ round u32 ‖ (0x00 | 0x01 ‖ value 32) ‖
 *             validator u8 ‖ timestamp u64 ‖ signature 64
 *   proposal: height u64 ‖ round u32 ‖ validRound + 1 u32 ‖ value 32 ‖ signature 64
 */
import type { Codec } from '../../codec.ts';
import { QUEUE_MAX } from './constants.ts';
import type { SignedProposal, SignedVote } from './signed.ts';

const VOTE_TYPES = ['prevote', 'precommit'] as const;

/** Longest encodings, for frame budgets. */
export const VOTE_BYTES = 1 + 8 + 4 + 33 + 1 + 8 + 64;
export const PROPOSAL_BYTES = 8 + 4 + 4 + 32 + 64;

export const voteCodec: Codec<SignedVote> = {
  write(w, v) {
    w.u8(VOTE_TYPES.indexOf(v.type) + 1)
      .height(v.height)
      .u32(v.round);
    if (v.value === null) w.u8(0);
    else w.u8(1).fixed(v.value);
    return w.u8(v.validator).time(v.timestamp).fixed(v.signature, 64);
  },
  read(r) {
    const type = VOTE_TYPES[r.u8() - 1];
    if (type === undefined) throw r.fail('unknown vote type');
    const height = r.height();
    const round = r.u32();
    const flag = r.u8();
    if (flag > 1) throw r.fail('vote value flag');
    const value = flag === 1 ? r.fixed() : null;
    const validator = r.u8();
    if (validator >= QUEUE_MAX) throw r.fail(`validator index ${validator}`);
    const timestamp = r.time();
    return { type, height, round, value, validator, timestamp, signature: r.fixed(64) };
  },
};

export const proposalCodec: Codec<SignedProposal> = {
  write(w, p) {
    w.height(p.height)
      .u32(p.round)
      .u32(p.validRound + 1);
    return w.fixed(p.value).fixed(p.signature, 64);
  },
  read(r) {
    const height = r.height();
    const round = r.u32();
    const validRound = r.u32() - 1;
    if (validRound >= round) throw r.fail('validRound is not below round');
    return { height, round, validRound, value: r.fixed(), signature: r.fixed(64) };
  },
};
