import { Reader, Writer } from '../../codec.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import type { Hasher } from '../../token/hash.ts';
import { QUEUE_MAX } from './constants.ts';

/** One precommit for the committed block: the signer's index in its height's ordered validator list. */
export interface CommitSig {
  validator: number;
  timestamp: bigint;
  signature: Uint8Array;
}

/**
 * The precommits that committed block `height` (PROTOCOL.md §3.1), carried as the next block's
 * LastCommit. Only precommits for `blockHash` are included, in increasing validator order.
 */
export interface Commit {
  height: Height;
  round: number;
  blockHash: Uint8Array;
  signatures: CommitSig[];
}

/** The LastCommit of block 1: there is no block 0 to commit. */
export const EMPTY_COMMIT: Commit = Object.freeze({
  height: 0,
  round: 0,
  blockHash: new Uint8Array(32),
  signatures: [],
}) as Commit;

/**
 * `height u64 ‖ round u32 ‖ blockHash 32 ‖ count u8 ‖ (validator u8 ‖ timestamp u64 ‖ signature 64)*`,
 * validators strictly increasing, count and indices below the queue maximum (90).
 */
export function encodeCommit(c: Commit): Uint8Array {
  checkOrder(c.signatures.map((s) => s.validator));
  const w = new Writer().height(c.height).u32(c.round).fixed(c.blockHash).u8(c.signatures.length);
  for (const s of c.signatures) w.u8(s.validator).time(s.timestamp).fixed(s.signature, 64);
  return w.bytes();
}

/** Strict inverse of encodeCommit. */
export function decodeCommit(bytes: Uint8Array): Commit {
  const r = new Reader(bytes, 'commit');
  const c = readCommit(r);
  r.end();
  return c;
}

/** Reads a commit from the middle of a block. */
export function readCommit(r: Reader): Commit {
  const height = r.height();
  const round = r.u32();
  const blockHash = r.fixed();
  const n = r.count(1, QUEUE_MAX);
  const signatures: CommitSig[] = [];
  for (let i = 0; i < n; i++)
    signatures.push({ validator: r.u8(), timestamp: r.time(), signature: r.fixed(64) });
  checkOrder(signatures.map((s) => s.validator));
  return { height, round, blockHash, signatures };
}

/** blake3 of the commit's encoding, as the header's `lastCommitHash`. */
export function commitHash(c: Commit, hash: Hasher): Uint8Array {
  return hash(encodeCommit(c));
}

function checkOrder(indices: number[]): void {
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= QUEUE_MAX || (i > 0 && v <= indices[i - 1]!)) {
      throw new ProtoError(
        'bad-encoding',
        'commit validator indices must increase strictly, below 90',
        'penalize',
      );
    }
  }
}
