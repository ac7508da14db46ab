/**
 * The edge's check of one committed ledger block against the head it has verified (docs/edge.md,
 * Ledger archive): the rules a light client applies to adjacent headers (core/client), plus the
 * block's own integrity, so the stored bytes are the ones the commit signed.
 */
import { byteKey, equalBytes } from '../../core/bytes.ts';
import { genesisPoint } from '../../core/client/trusted.ts';
import { ProtoError } from '../../core/errors.ts';
import type { VerifySignature } from '../../core/ledger/index.ts';
import {
  type Block,
  blockHash,
  type Commit,
  commitHash,
  commitSignBytes,
  decodeBlock,
  decodeCommit,
  membershipHash,
  txsHash,
  validatorsHash,
  verifyCommit,
} from '../../core/ledger/index.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import type { NetworkParams } from '../../core/token/params.ts';

/** What the edge trusts: the verified head and the ordered list of the next height, when known. */
export interface HeadPoint {
  chainId: Uint8Array;
  height: number;
  hash: Uint8Array;
  time: bigint;
  stateRoot: Uint8Array;
  /** Ordered list of this height (at genesis, of height 1, as core/client's genesisPoint). */
  validators: Uint8Array[];
  /** membershipHash of height + 1's list, as the head header (or genesis) announced it. */
  nextMembership: Uint8Array;
  /** Ordered list of height + 1, or null when a membership change left it unknown. */
  next: Uint8Array[] | null;
}

/** The head before block 1: genesis (core/client's genesisPoint), whose list is that of height 1. */
export function genesisHeadOf(params: NetworkParams): HeadPoint {
  const g = genesisPoint(params, blake3Hash);
  return {
    chainId: g.chainId,
    height: 0,
    hash: g.hash,
    time: g.time,
    stateRoot: g.stateRoot,
    validators: g.validators,
    nextMembership: membershipHash(g.validators, blake3Hash),
    next: g.validators,
  };
}

/** A block that passed `checkNext`, decoded, with its hash and the list that signed it. */
export interface Checked {
  block: Block;
  commit: Commit;
  hash: Uint8Array;
  validators: Uint8Array[];
}

/** Decodes both parts strictly; a ProtoError names what is malformed. */
export function decodeCommitted(b: CommittedBlock): { block: Block; commit: Commit } {
  if (!(b.block instanceof Uint8Array) || !(b.commit instanceof Uint8Array))
    throw new ProtoError('bad-encoding', 'a committed block is { block: bytes, commit: bytes }', 'penalize');
  return { block: decodeBlock(b.block), commit: decodeCommit(b.commit) };
}

/**
 * Checks block head + 1 and its commit: same chain, linked to the head by hash, later in time, the
 * LastCommit and transactions the header names, the ordered list (given, or tracked) with the
 * membership the head announced and the header's validatorsHash, the proposer of its round, and a
 * commit with precommits of more than two thirds of that list (verifyCommit). Throws a ProtoError.
 */
export function checkNext(
  head: HeadPoint,
  b: { block: Block; commit: Commit },
  given: Uint8Array[] | undefined,
  verify: VerifySignature,
): Checked {
  const h = b.block.header;
  const fail = (code: 'bad-header' | 'wrong-chain', message: string) =>
    new ProtoError(code, `block ${h.height}: ${message}`, 'penalize', { height: h.height });
  if (!equalBytes(h.chainId, head.chainId)) throw fail('wrong-chain', 'of another chain');
  if (h.height !== head.height + 1) throw fail('bad-header', `not the height after ${head.height}`);
  if (!equalBytes(h.lastBlockHash, head.hash))
    throw fail('bad-header', `does not follow block ${head.height}`);
  if (h.time <= head.time) throw fail('bad-header', `not later than block ${head.height}`);
  if (!equalBytes(h.lastCommitHash, commitHash(b.block.lastCommit, blake3Hash)))
    throw fail('bad-header', 'lastCommitHash differs from the LastCommit');
  if (!equalBytes(h.txsHash, txsHash(b.block.txs, blake3Hash)))
    throw fail('bad-header', 'txsHash differs from the txs');
  const validators = listFor(head, h.validatorsHash, given, h.height);
  if (!equalBytes(h.proposer, validators[h.round % validators.length]!))
    throw fail('bad-header', `the proposer is not the list's member for round ${h.round}`);
  const hash = blockHash(h, blake3Hash);
  verifyCommit(head.chainId, { height: h.height, hash }, b.commit, validators, verify);
  return { ...b, hash, validators };
}

/** The ordered list of the block's height: `given` or the tracked one, matching both hashes. */
function listFor(
  head: HeadPoint,
  want: Uint8Array,
  given: Uint8Array[] | undefined,
  height: number,
): Uint8Array[] {
  const list = given ?? head.next;
  if (!list)
    throw new ProtoError(
      'unknown-validators',
      `the validator list of height ${height} is not known yet`,
      'retry',
      {
        height,
      },
    );
  if (!equalBytes(membershipHash(list, blake3Hash), head.nextMembership))
    throw new ProtoError(
      'bad-validators',
      `the list is not the membership block ${height - 1} announced`,
      'penalize',
      {
        height,
      },
    );
  if (!equalBytes(validatorsHash(list, blake3Hash), want))
    throw new ProtoError(
      'bad-validators',
      `the list does not hash to header ${height}'s validatorsHash`,
      'retry',
      {
        height,
      },
    );
  return list;
}

/**
 * The head after `c`: its list for the next height is derived when the membership stays the same
 * (the rotation moves the holders of turns 0..round to the tail, core/ledger/transition/queue.ts `rotate`);
 * after a membership change it is unknown until a light block shows it.
 */
export function nextHead(c: Checked): HeadPoint {
  const h = c.block.header;
  const same = equalBytes(membershipHash(c.validators, blake3Hash), h.nextValidatorsHash);
  return {
    chainId: h.chainId,
    height: h.height,
    hash: c.hash,
    time: h.time,
    stateRoot: h.stateRoot,
    validators: c.validators,
    nextMembership: h.nextValidatorsHash,
    next: same ? rotated(c.validators, h.round) : null,
  };
}

/** `list` after the rotation of a block committed at `round`. */
export function rotated(list: readonly Uint8Array[], round: number): Uint8Array[] {
  const k = Math.min(round + 1, list.length);
  return [...list.slice(k), ...list.slice(0, k)];
}

/**
 * A VerifySignature answering from signatures checked beforehand (asynchronously, with the platform's
 * WebCrypto) and with the pure-JS rule for any other.
 */
export function memoVerify(checked: Map<string, boolean>, fallback: VerifySignature): VerifySignature {
  return (sig, msg, key) => checked.get(memoKey(sig, msg, key)) ?? fallback(sig, msg, key);
}

export const memoKey = (sig: Uint8Array, msg: Uint8Array, key: Uint8Array): string =>
  `${byteKey(sig)}|${byteKey(msg)}|${byteKey(key)}`;

/** The (signature, message, key) triples verifyCommit will check for `commit` over `validators`. */
export function commitTriples(
  chainId: Uint8Array,
  commit: Commit,
  validators: readonly Uint8Array[],
): [Uint8Array, Uint8Array, Uint8Array][] {
  return commit.signatures.flatMap((s) => {
    const key = validators[s.validator];
    if (!key) return [];
    return [[s.signature, commitSignBytes(chainId, commit, s), key] as [Uint8Array, Uint8Array, Uint8Array]];
  });
}
