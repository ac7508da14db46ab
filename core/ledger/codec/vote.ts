import { concatBytes } from '../../bytes.ts';
import { Writer } from '../../codec.ts';
import type { Value, VoteType } from '../../consensus/types.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import { DOMAIN } from './constants.ts';

/** Vote types in signed bytes. */
export const VOTE_TYPE = { prevote: 1, precommit: 2 } as const satisfies Record<VoteType, number>;

/** What a validator signs for a vote (PROTOCOL.md §3.1). */
export interface VoteFields {
  type: VoteType;
  height: Height;
  round: number;
  /** The voted value (the block hash), or null for nil. */
  value: Value | null;
  /** The voter's clock in ns; the next block's time is the median of the precommit timestamps. */
  timestamp: bigint;
}

/**
 * `"proto/vote" ‖ chainId ‖ type u8 ‖ height u64 ‖ round u32 ‖ (0x00 | 0x01 ‖ value) ‖ timestamp u64`.
 * Nil is a single 0x00 byte, so a nil vote and a block vote never share bytes.
 */
export function voteSignBytes(chainId: Uint8Array, v: VoteFields): Uint8Array {
  const w = new Writer().fixed(chainId).u8(VOTE_TYPE[v.type]).height(v.height).u32(v.round);
  if (v.value === null) w.u8(0);
  else w.u8(1).fixed(v.value);
  return concatBytes(DOMAIN.vote, w.time(v.timestamp).bytes());
}

/** What a proposer signs for ⟨PROPOSAL, h, round, v, validRound⟩ (validRound -1 is none). */
export interface ProposalFields {
  height: Height;
  round: number;
  validRound: number;
  /** The proposed value: the block hash. */
  value: Value;
}

/** `"proto/propose" ‖ chainId ‖ height u64 ‖ round u32 ‖ validRound + 1 as u32 ‖ value`. */
export function proposalSignBytes(chainId: Uint8Array, p: ProposalFields): Uint8Array {
  if (p.validRound < -1 || p.validRound >= p.round) {
    throw new ProtoError('bad-input', `validRound ${p.validRound} is not in -1..round-1`, 'penalize');
  }
  const w = new Writer()
    .fixed(chainId)
    .height(p.height)
    .u32(p.round)
    .u32(p.validRound + 1);
  return concatBytes(DOMAIN.proposal, w.fixed(p.value).bytes());
}
