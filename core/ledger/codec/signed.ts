/**
 * Consensus messages as they travel: the core's votes and proposals plus what the host adds (the
 * voter's timestamp, the signature). The signed bytes are `voteSignBytes` / `proposalSignBytes`
 * (vote.ts); verification is core/crypto's one ed25519 rule, with the host's native verifier and
 * signer passed in. Their one encoding is in signed-codec.ts.
 */
import type { Proposal, Vote } from '../../consensus/index.ts';
import { type SyncNativeVerify, verify } from '../../crypto/ed25519.ts';
import { proposalSignBytes, voteSignBytes } from './vote.ts';

/** A vote with the voter's clock (ns) and its signature over `voteBytes`. */
export interface SignedVote extends Vote {
  readonly timestamp: bigint;
  readonly signature: Uint8Array;
}

/** A proposal with the proposer's signature over `proposalBytes`. */
export interface SignedProposal extends Proposal {
  readonly signature: Uint8Array;
}

/** An ed25519 signer (RFC 8032, deterministic): core/crypto's `sign` or a host's native one. */
export type SignFn = (msg: Uint8Array, secret: Uint8Array) => Uint8Array;

/** The bytes a validator signs for `v` at `timestamp`. */
export function voteBytes(chainId: Uint8Array, v: Vote, timestamp: bigint): Uint8Array {
  const { type, round, value } = v;
  return voteSignBytes(chainId, { type, height: v.height, round, value, timestamp });
}

/** The bytes a proposer signs for `p`. */
export function proposalBytes(chainId: Uint8Array, p: Proposal): Uint8Array {
  const { round, validRound, value } = p;
  return proposalSignBytes(chainId, { height: p.height, round, validRound, value });
}

/** `v` signed with `secret` at `timestamp`. */
export function signVote(
  chainId: Uint8Array,
  v: Vote,
  timestamp: bigint,
  secret: Uint8Array,
  sign: SignFn,
): SignedVote {
  return { ...plainVote(v), timestamp, signature: sign(voteBytes(chainId, v, timestamp), secret) };
}

/** `p` signed with `secret`. */
export function signProposal(
  chainId: Uint8Array,
  p: Proposal,
  secret: Uint8Array,
  sign: SignFn,
): SignedProposal {
  return { ...plainProposal(p), signature: sign(proposalBytes(chainId, p), secret) };
}

/** True when `v` carries `key`'s valid signature. */
export function verifyVote(
  chainId: Uint8Array,
  v: SignedVote,
  key: Uint8Array,
  native?: SyncNativeVerify,
): boolean {
  return verify(v.signature, voteBytes(chainId, v, v.timestamp), key, native);
}

/** True when `p` carries `key`'s valid signature (false for a validRound outside -1..round-1). */
export function verifyProposal(
  chainId: Uint8Array,
  p: SignedProposal,
  key: Uint8Array,
  native?: SyncNativeVerify,
): boolean {
  if (p.validRound < -1 || p.validRound >= p.round) return false;
  return verify(p.signature, proposalBytes(chainId, p), key, native);
}

/** The core's fields of `v` alone. */
export function plainVote(v: Vote): Vote {
  return { type: v.type, height: v.height, round: v.round, value: v.value, validator: v.validator };
}

/** The core's fields of `p` alone. */
export function plainProposal(p: Proposal): Proposal {
  return { height: p.height, round: p.round, value: p.value, validRound: p.validRound };
}
