/**
 * Real ed25519 signatures for the consensus simulator (`SimAuth`): every vote and proposal is signed
 * by its sender (node:crypto, the node's signer) and verified by every receiver with Proto's rule on node:crypto
 * (consensus-keys.ts). Verdicts are kept per receiver in a `VerifyPool`, whose workers verify each
 * message for every receiver while the simulation runs.
 */
import type { Proposal, Vote } from '../../core/consensus/index.ts';
import { nodeSign as sign } from '../../node/crypto/ed25519-native.ts';
import type { SimAuth } from '../sim/types.ts';
import {
  checkSigned,
  proposalBytes,
  type Signed,
  type SignedProposal,
  type SignedVote,
  secretOf,
  voteBytes,
} from './consensus-keys.ts';
import type { VerifyPool } from './verify-pool.ts';

/** A `SimAuth` plus how many signatures it made and the main thread verified. */
export interface CountingAuth extends SimAuth {
  readonly counts: { signed: number; verifiedHere: number };
}

/** Signatures for validators 0 to `keys.length - 1`; `clock` gives the voter's timestamp in ns. */
export function signedAuth(
  chainId: Uint8Array,
  keys: readonly Uint8Array[],
  pool: VerifyPool,
  clock: () => bigint,
): CountingAuth {
  const secrets = keys.map((_, i) => secretOf(i));
  const ids = new WeakMap<object, { id: number; signer: number }>();
  const counts = { signed: 0, verifiedHere: 0 };
  const submit = <T extends object>(message: T, m: Signed, signer: number): T => {
    counts.signed++;
    ids.set(message, { id: pool.submit(m), signer });
    return message;
  };
  const receive = (message: object, m: Signed, signer: number, receiver: number): boolean => {
    const check = () => {
      counts.verifiedHere++;
      return checkSigned(chainId, keys, m);
    };
    const known = ids.get(message);
    if (known === undefined || known.signer !== signer) return check();
    return pool.verdict(known.id, receiver, check) ?? check();
  };
  return {
    counts,
    signVote(vote) {
      const timestamp = clock();
      const signature = sign(voteBytes(chainId, vote, timestamp), secrets[vote.validator]!);
      const signed: SignedVote = { ...vote, timestamp, signature };
      return submit(signed, { kind: 'vote', vote: signed }, vote.validator);
    },
    verifyVote: (vote: Vote, receiver) => receive(vote, { kind: 'vote', vote }, vote.validator, receiver),
    signProposal(proposal, signer) {
      const signature = sign(proposalBytes(chainId, proposal), secrets[signer]!);
      const signed: SignedProposal = { ...proposal, signature };
      return submit(signed, { kind: 'proposal', proposal: signed, signer }, signer);
    },
    verifyProposal: (proposal: Proposal, signer, receiver) =>
      receive(proposal, { kind: 'proposal', proposal, signer }, signer, receiver),
    decided: (node, height) => pool.decided(node, height),
  };
}
