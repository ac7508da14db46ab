/** Small pure pieces of the host loop: a decision's commit, vote timestamps, when a height starts. */
import type { Decision } from '../../core/consensus/index.ts';
import {
  type Block,
  type Commit,
  type CommitSig,
  medianTime,
  type SignedVote,
} from '../../core/ledger/index.ts';
import type { LedgerChain } from './chain.ts';

/**
 * The commit of a decision: one precommit per validator (the first counted), in increasing validator
 * order, as core/ledger's Commit wants them. The core returns the votes it was given, so they are the
 * signed votes the host fed it.
 */
export function commitOf(d: Decision): Commit {
  const byValidator = new Map<number, CommitSig>();
  for (const v of d.commit as readonly SignedVote[]) {
    if (!byValidator.has(v.validator))
      byValidator.set(v.validator, {
        validator: v.validator,
        timestamp: v.timestamp,
        signature: v.signature,
      });
  }
  const signatures = [...byValidator.values()].sort((a, b) => a.validator - b.validator);
  return { height: d.height, round: d.round, blockHash: d.value, signatures };
}

const MS = 1_000_000n;

/**
 * A vote's timestamp: the clock, but always after the voted block's own time, so the median of any
 * commit for the block (the next block's time) is after it, as core/ledger requires.
 */
export function voteTime(now: bigint, block: Block | undefined): bigint {
  if (!block) return now;
  const floor = block.header.time + MS;
  return now > floor ? now : floor;
}

/**
 * When the height after the committed head starts: one block interval after the head's commit time,
 * the median of its precommit timestamps, which is also the time the next header carries. Precommits
 * of the new height come after its start, so consecutive header times are at least one interval
 * apart. At genesis the next header's time is fixed (genesis time + one interval; core/ledger).
 */
export function nextStartTime(chain: LedgerChain, interval: bigint): bigint {
  const next = chain.height === 0 ? chain.state.time + interval : medianTime(chain.lastCommit);
  return next + interval;
}
