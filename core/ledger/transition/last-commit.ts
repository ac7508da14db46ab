import { equalBytes } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import { type Commit, EMPTY_COMMIT, encodeCommit } from '../codec/commit.ts';
import type { LedgerState } from '../state/state.ts';
import type { VerifySignature } from './env.ts';
import { verifyCommit } from './verify-commit.ts';

/** What a verified LastCommit decides about the next block: its time and the signers to reward. */
export interface CommitResult {
  time: bigint;
  signers: Uint8Array[];
}

/**
 * Verifies the LastCommit of the block after `state` (PROTOCOL.md §3.1, docs/ledger.md §3.3): the
 * commit of block `state.height`, by its hash, with precommits from more than two thirds of that
 * height's ordered validator list (3 * signers > 2 * n), each signature checked with `verify`.
 * The rule itself is core/client's `verifyCommit`, which light clients run too.
 * The block time is the lower median of the precommit timestamps. Block 1 has the empty commit and
 * the time genesis time + one block interval.
 */
export function verifyLastCommit(state: LedgerState, commit: Commit, verify: VerifySignature): CommitResult {
  if (state.height === 0) {
    if (!equalBytes(encodeCommit(commit), encodeCommit(EMPTY_COMMIT))) {
      throw new ProtoError('bad-commit', 'block 1 carries the empty LastCommit', 'penalize');
    }
    return { time: state.config.genesisTime + state.config.blockInterval, signers: [] };
  }
  const block = { height: state.height, hash: state.blockHash };
  const { signers } = verifyCommit(state.config.chainId, block, commit, state.lastValidators, verify);
  return { time: medianTime(commit), signers };
}

/** The lower median of the precommit timestamps: with more than 2n/3 signers it lies between honest clocks. */
export function medianTime(commit: Commit): bigint {
  const times = commit.signatures.map((s) => s.timestamp).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return times[(times.length - 1) >> 1]!;
}
