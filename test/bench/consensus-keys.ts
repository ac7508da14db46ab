/**
 * Keys, signed message shapes and the one verification every receiver runs, shared by the bench's
 * main thread and its verification workers. Votes sign the ledger's canonical vote bytes
 * (`voteSignBytes`: chainId, type, height, round, block hash or nil, the voter's timestamp);
 * proposals sign `proposalSignBytes`.
 */
import type { Proposal, Vote } from '../../core/consensus/index.ts';
import { publicKeyOf, verify } from '../../core/crypto/ed25519.ts';
import { proposalSignBytes, voteSignBytes } from '../../core/ledger/index.ts';
import { nodeVerify } from '../../node/crypto/ed25519-native.ts';

/** A vote as it travels: the core's fields plus the voter's timestamp and signature. */
export interface SignedVote extends Vote {
  readonly timestamp: bigint;
  readonly signature: Uint8Array;
}

/** A proposal as it travels, with the proposer's signature. */
export interface SignedProposal extends Proposal {
  readonly signature: Uint8Array;
}

/** What a receiver checks: a vote (its signer is `validator`) or a proposal from `signer`. */
export type Signed =
  | { readonly kind: 'vote'; readonly vote: Vote }
  | { readonly kind: 'proposal'; readonly proposal: Proposal; readonly signer: number };

/** Deterministic secret seed of validator `index`: the bench needs no randomness. */
export function secretOf(index: number): Uint8Array {
  const secret = new Uint8Array(32).fill(0xa5);
  new DataView(secret.buffer).setUint32(0, index + 1);
  return secret;
}

/** Public keys of validators 0 to n - 1. */
export function publicKeys(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => publicKeyOf(secretOf(i)));
}

/** The bytes a vote's signature covers. */
export function voteBytes(chainId: Uint8Array, v: Vote, timestamp: bigint): Uint8Array {
  const fields = { type: v.type, height: v.height, round: v.round, value: v.value, timestamp };
  return voteSignBytes(chainId, fields);
}

/** The bytes a proposal's signature covers. */
export function proposalBytes(chainId: Uint8Array, p: Proposal): Uint8Array {
  const fields = { height: p.height, round: p.round, validRound: p.validRound, value: p.value };
  return proposalSignBytes(chainId, fields);
}

/**
 * One receiver's full check of `m`: rebuild the signed bytes from the message, then Proto's ed25519
 * rule with node:crypto as the native verifier. Unsigned or malformed messages fail.
 */
export function checkSigned(chainId: Uint8Array, keys: readonly Uint8Array[], m: Signed): boolean {
  try {
    if (m.kind === 'vote') {
      const { timestamp, signature } = m.vote as Partial<SignedVote>;
      const key = keys[m.vote.validator];
      if (typeof timestamp !== 'bigint' || !(signature instanceof Uint8Array) || !key) return false;
      return verify(signature, voteBytes(chainId, m.vote, timestamp), key, nodeVerify);
    }
    const { signature } = m.proposal as Partial<SignedProposal>;
    const key = keys[m.signer];
    if (!(signature instanceof Uint8Array) || !key) return false;
    return verify(signature, proposalBytes(chainId, m.proposal), key, nodeVerify);
  } catch {
    return false; // sign bytes that do not encode (e.g. a bad validRound) are not authentic
  }
}
