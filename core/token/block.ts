import { bigintToBytes, bytesToBigint } from '../bytes.ts';
import { ProtoError } from '../errors.ts';

/** Token types (PROTOCOL.md §1). Type 4, veto, exists only as the genesis token. */
export const TokenType = { validator: 1, proposal: 2, congress: 3, veto: 4 } as const;
export type TokenType = (typeof TokenType)[keyof typeof TokenType];
export const TOKEN_TYPE_NAMES: Record<TokenType, string> = {
  1: 'validator',
  2: 'proposal',
  3: 'congress',
  4: 'veto',
};

/** Byte layout of a token block: prev 32 | kind 1 | time 8 | target 32 | key 32 | other 32 (merge only). */
export const BLOCK_LENGTH = 105;
export const MERGE_BLOCK_LENGTH = 137;
export const OFFSET = { prev: 0, kind: 32, time: 33, target: 41, key: 73, other: 105 } as const;
const MERGE_FLAG = 0x80;
const MAX_TIME = 1n << 63n;

/** A decoded token block. `other` is present exactly when the block is a merge. */
export interface TokenBlock {
  prev: Uint8Array;
  type: TokenType;
  time: bigint;
  target: bigint;
  key: Uint8Array;
  other?: Uint8Array;
}

/** The one encoding of `block` (105 bytes, or 137 for a merge). */
export function encodeBlock(block: TokenBlock): Uint8Array {
  const merge = block.other !== undefined;
  const out = new Uint8Array(merge ? MERGE_BLOCK_LENGTH : BLOCK_LENGTH);
  out.set(block.prev, OFFSET.prev);
  out[OFFSET.kind] = block.type | (merge ? MERGE_FLAG : 0);
  new DataView(out.buffer).setBigUint64(OFFSET.time, block.time);
  out.set(bigintToBytes(block.target, 32), OFFSET.target);
  out.set(block.key, OFFSET.key);
  if (block.other) out.set(block.other, OFFSET.other);
  return out;
}

/**
 * Strict decoding: the length must match the merge flag, the type must be known and the time below
 * 2^63. Every byte string decodes to at most one block and re-encodes to itself.
 */
export function decodeBlock(bytes: Uint8Array): TokenBlock {
  if (bytes.length !== BLOCK_LENGTH && bytes.length !== MERGE_BLOCK_LENGTH) {
    throw new ProtoError(
      'bad-length',
      `token block is ${bytes.length} bytes, expected 105 or 137`,
      'penalize',
    );
  }
  const kind = bytes[OFFSET.kind]!;
  const merge = (kind & MERGE_FLAG) !== 0;
  if (merge !== (bytes.length === MERGE_BLOCK_LENGTH)) {
    throw new ProtoError(
      'bad-kind',
      `merge flag ${merge ? 'set' : 'clear'} on a ${bytes.length}-byte block`,
      'penalize',
    );
  }
  const type = kind & ~MERGE_FLAG;
  if (type < TokenType.validator || type > TokenType.veto) {
    throw new ProtoError('unknown-type', `token type ${type} is not 1 to 4`, 'penalize');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const time = view.getBigUint64(OFFSET.time);
  if (time >= MAX_TIME) throw new ProtoError('time-overflow', `time ${time} is not below 2^63`, 'penalize');
  const block: TokenBlock = {
    prev: bytes.slice(OFFSET.prev, OFFSET.prev + 32),
    type: type as TokenType,
    time,
    target: bytesToBigint(bytes.subarray(OFFSET.target, OFFSET.target + 32)),
    key: bytes.slice(OFFSET.key, OFFSET.key + 32),
  };
  if (merge) block.other = bytes.slice(OFFSET.other, OFFSET.other + 32);
  return block;
}
