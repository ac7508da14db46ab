/**
 * getValue() (L18): the block this node proposes. Transactions come from the mempool in arrival
 * order, within the block size a frame can carry; the token-chain checkpoints are this node's best
 * tips, less the tokens of the last CHECKPOINT_LAG_NS, so that other validators already hold them.
 */
import { equalBytes } from '../../core/bytes.ts';
import { type Block, buildBlock, type Checkpoints, encodeBlock } from '../../core/ledger/index.ts';
import { MAX_LEDGER_BLOCK } from '../../core/p2p/limits.ts';
import { congressId, PROPOSAL, type TokenDag, VALIDATOR } from '../../core/token/dag.ts';
import type { Candidate } from './candidates.ts';
import type { LedgerChain } from './chain.ts';
import type { Mempool } from './mempool.ts';

/** Tokens younger than this (by their own time) are not checkpointed yet. */
export const CHECKPOINT_LAG_NS = 2_000_000_000n;
/** Room left in a block for the header and the LastCommit (at most 90 signatures). */
const BLOCK_OVERHEAD = 16 * 1024;
/** Steps walked back from a tip to find a token old enough. */
const MAX_WALK = 64;

/** The tip of `subchain` to checkpoint: the newest token at least CHECKPOINT_LAG_NS old that extends `prev`. */
export function checkpointTip(dag: TokenDag, subchain: string, prev: Uint8Array, now: bigint): Uint8Array {
  let info = dag.tip(subchain);
  for (let i = 0; i < MAX_WALK && !info.root && !equalBytes(info.hash, prev); i++) {
    if (info.time + CHECKPOINT_LAG_NS <= now) {
      const extends_ = dag.info(prev)?.root === true || dag.confirmationsAt(prev, info.hash) !== undefined;
      return extends_ ? info.hash : prev;
    }
    const parent = info.prev && dag.info(info.prev);
    if (!parent) break;
    info = parent;
  }
  return prev;
}

/** Checkpoints for the next block: validator and proposal tips (buildBlock adds the congress tips, see congressTips). */
export function chooseCheckpoints(dag: TokenDag, prev: Checkpoints, now: bigint): Checkpoints {
  return {
    validator: checkpointTip(dag, VALIDATOR, prev.validator, now),
    proposal: checkpointTip(dag, PROPOSAL, prev.proposal, now),
    congress: [],
  };
}

/** The tip to checkpoint for each open congress: as for the other subchains, or its previous tip while this node lacks the root. */
export function congressTips(dag: TokenDag, now: bigint) {
  return (root: Uint8Array, prev: Uint8Array): Uint8Array =>
    dag.has(root) ? checkpointTip(dag, congressId(root), prev, now) : prev;
}

/** Builds the block of `round` on the committed head. Throws ProtoError when no block can be built. */
export function buildProposal(
  chain: LedgerChain,
  mempool: Mempool,
  dag: TokenDag,
  round: number,
  now: bigint,
): Candidate & { block: Block } {
  const state = chain.state;
  const input = {
    txs: mempool.pick(MAX_LEDGER_BLOCK - BLOCK_OVERHEAD),
    lastCommit: chain.lastCommit,
    checkpoints: chooseCheckpoints(dag, state.checkpoints, now),
    round,
    congressTip: congressTips(dag, now),
  };
  const built = buildBlock(state, input, chain.env);
  const bytes = encodeBlock(built.block);
  return { bytes, block: built.block, valid: true, applied: { state: built.state, events: built.events } };
}
