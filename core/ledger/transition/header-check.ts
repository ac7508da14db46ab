import { equalBytes } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import type { Hasher } from '../../token/hash.ts';
import { type Block, encodeBlock, txsHash } from '../codec/block.ts';
import { commitHash } from '../codec/commit.ts';
import type { LedgerState } from '../state/state.ts';
import { activeAt, membershipHash, validatorsHash } from './validators.ts';

/** The header fields the parent state alone decides, for a block built at `round`. */
export interface HeaderBasis {
  chainId: Uint8Array;
  height: Height;
  lastBlockHash: Uint8Array;
  validatorsHash: Uint8Array;
  nextValidatorsHash: Uint8Array;
  proposer: Uint8Array;
}

/**
 * The fields of the header after `state` at `round`: validatorsHash over this height's ordered list,
 * nextValidatorsHash over the next height's members sorted (their order is only known after this
 * block's rotation), proposer = the list's member at position round mod n.
 */
export function headerBasis(state: LedgerState, round: number, hash: Hasher): HeaderBasis {
  const height = state.height + 1;
  const list = activeAt(state.queue, height).map((m) => m.key);
  if (list.length === 0) throw new ProtoError('bad-input', `no validators at height ${height}`, 'penalize');
  const next = activeAt(state.queue, height + 1).map((m) => m.key);
  return {
    chainId: state.config.chainId,
    height,
    lastBlockHash: state.blockHash,
    validatorsHash: validatorsHash(list, hash),
    nextValidatorsHash: membershipHash(next, hash),
    proposer: list[round % list.length]!,
  };
}

/**
 * Checks the block's size and every header field except time, checkpoints and stateRoot, which need
 * the LastCommit or execution. Returns the block's encoded length.
 */
export function checkHeaderFields(state: LedgerState, block: Block, hash: Hasher): number {
  const size = encodeBlock(block).length;
  const h = block.header;
  const basis = headerBasis(state, h.round, hash);
  if (h.height !== basis.height) throw bad('height', `height ${h.height}, expected ${basis.height}`);
  const fields: [keyof HeaderBasis, Uint8Array, Uint8Array][] = [
    ['chainId', h.chainId, basis.chainId],
    ['lastBlockHash', h.lastBlockHash, basis.lastBlockHash],
    ['validatorsHash', h.validatorsHash, basis.validatorsHash],
    ['nextValidatorsHash', h.nextValidatorsHash, basis.nextValidatorsHash],
    ['proposer', h.proposer, basis.proposer],
  ];
  for (const [field, got, want] of fields) if (!equalBytes(got, want)) throw bad(field, `${field} differs`);
  if (!equalBytes(h.lastCommitHash, commitHash(block.lastCommit, hash))) {
    throw bad('lastCommitHash', 'lastCommitHash differs from the LastCommit');
  }
  if (!equalBytes(h.txsHash, txsHash(block.txs, hash))) throw bad('txsHash', 'txsHash differs from the txs');
  return size;
}

function bad(field: string, message: string): ProtoError {
  return new ProtoError('bad-header', message, 'penalize', { field });
}
