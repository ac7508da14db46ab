import { equalBytes } from '../../bytes.ts';
import { isQuorum } from '../../consensus/quorum.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import type { Commit } from '../codec/commit.ts';
import { voteSignBytes } from '../codec/vote.ts';
import type { VerifySignature } from './env.ts';

/** The block a commit must be for: its height and hash (the blake3 of its header). */
export interface BlockId {
  height: Height;
  hash: Uint8Array;
}

/** What a verified commit shows: the signers' keys in validator order, and their indices. */
export interface VerifiedCommit {
  signers: Uint8Array[];
  indices: number[];
}

/** The bytes the signature `signature` of `commit` signs: a precommit for the commit's block. */
export function commitSignBytes(
  chainId: Uint8Array,
  commit: Commit,
  signature: Commit['signatures'][number],
) {
  return voteSignBytes(chainId, {
    type: 'precommit',
    height: commit.height,
    round: commit.round,
    value: commit.blockHash,
    timestamp: signature.timestamp,
  });
}

/**
 * The one commit rule (PROTOCOL.md §3.1, docs/ledger.md §3.3), shared by full nodes (LastCommit) and
 * light clients: `commit` is for `block` (same height and hash), each signature is a precommit of the
 * validator at that index of `orderedKeys` (the height's ordered list) over
 * `voteSignBytes(chainId, precommit, height, commit.round, hash, timestamp)`, checked with `verify`,
 * and more than two thirds of the list signed (3 * signers > 2 * n). Every signature is checked, none
 * skipped once a quorum is reached. Stateless: the caller vouches for `orderedKeys`.
 */
export function verifyCommit(
  chainId: Uint8Array,
  block: BlockId,
  commit: Commit,
  orderedKeys: readonly Uint8Array[],
  verify: VerifySignature,
): VerifiedCommit {
  if (commit.height !== block.height || !equalBytes(commit.blockHash, block.hash)) {
    throw new ProtoError('bad-commit', `the commit is not for block ${block.height}`, 'penalize', {
      height: block.height,
    });
  }
  const signers = commit.signatures.map((s) => {
    const key = orderedKeys[s.validator];
    if (!key)
      throw new ProtoError(
        'bad-commit',
        `validator index ${s.validator} of ${orderedKeys.length}`,
        'penalize',
        {
          validator: s.validator,
        },
      );
    if (!verify(s.signature, commitSignBytes(chainId, commit, s), key))
      throw new ProtoError('bad-signature', `precommit of validator ${s.validator}`, 'penalize', {
        validator: s.validator,
        height: block.height,
      });
    return key;
  });
  if (!isQuorum(signers.length, orderedKeys.length)) {
    throw new ProtoError('no-quorum', `${signers.length} of ${orderedKeys.length} precommits`, 'penalize', {
      signers: signers.length,
      validators: orderedKeys.length,
    });
  }
  return { signers, indices: commit.signatures.map((s) => s.validator) };
}
