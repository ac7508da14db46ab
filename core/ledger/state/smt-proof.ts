import { equalBytes } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import {
  BRANCH_TAG,
  bitAt,
  blake3Hash,
  EMPTY,
  type Hasher,
  hashNode,
  isEmpty,
  LEAF_TAG,
  samePrefix,
} from './smt-hash.ts';

/**
 * A proof about one key of the sparse Merkle tree: the sibling hashes along the key's path, root first
 * (EMPTY included), and what ends the path: the key's own leaf (inclusion), an empty subtree, or the
 * leaf of another key sharing the path so far (both non-inclusion).
 */
export type SmtProof =
  | { end: 'leaf' | 'empty'; siblings: Uint8Array[]; other?: undefined }
  | { end: 'other'; siblings: Uint8Array[]; other: { key: Uint8Array; valueHash: Uint8Array } };

const END_CODES = { leaf: 0, empty: 1, other: 2 } as const;
const END_NAMES = ['leaf', 'empty', 'other'] as const;
const MAX_DEPTH = 256;

/**
 * True when `proof` shows `key` holding `valueHash` under `root`, or, with `valueHash` undefined,
 * shows `key` absent. Pure: needs no tree, only the hash function.
 */
export function verifyProof(
  root: Uint8Array,
  key: Uint8Array,
  valueHash: Uint8Array | undefined,
  proof: SmtProof,
  hash: Hasher = blake3Hash,
): boolean {
  const depth = proof.siblings.length;
  if (depth > MAX_DEPTH || (valueHash === undefined) !== (proof.end !== 'leaf')) return false;
  const sizes = [
    key,
    valueHash ?? EMPTY,
    ...proof.siblings,
    proof.other?.key ?? EMPTY,
    proof.other?.valueHash ?? EMPTY,
  ];
  if (sizes.some((bytes) => bytes.length !== 32)) return false;
  let acc = valueHash ? hashNode(hash, LEAF_TAG, key, valueHash) : EMPTY;
  if (proof.end === 'other') {
    const { key: otherKey, valueHash: otherValue } = proof.other;
    if (equalBytes(otherKey, key) || !samePrefix(otherKey, key, depth)) return false;
    acc = hashNode(hash, LEAF_TAG, otherKey, otherValue);
  }
  for (let i = depth - 1; i >= 0; i--) {
    const sibling = proof.siblings[i]!;
    acc = bitAt(key, i) ? hashNode(hash, BRANCH_TAG, sibling, acc) : hashNode(hash, BRANCH_TAG, acc, sibling);
  }
  return equalBytes(acc, root);
}

/**
 * The one encoding of a proof:
 *   end u8 (0 leaf, 1 empty, 2 other) | depth u16 (<= 256) | bitmap ceil(depth/8) bytes, bit i
 *   (most significant first) set when sibling i is not EMPTY, unused bits zero | the non-EMPTY siblings,
 *   32 bytes each | for `other`: its key and value hash, 32 bytes each.
 */
export function encodeProof(proof: SmtProof): Uint8Array {
  const depth = proof.siblings.length;
  const present = proof.siblings.filter((s) => !isEmpty(s));
  const bitmapLength = Math.ceil(depth / 8);
  const out = new Uint8Array(3 + bitmapLength + 32 * present.length + (proof.end === 'other' ? 64 : 0));
  out[0] = END_CODES[proof.end];
  out[1] = depth >> 8;
  out[2] = depth & 0xff;
  let at = 3 + bitmapLength;
  proof.siblings.forEach((s, i) => {
    if (isEmpty(s)) return;
    out[3 + (i >> 3)]! |= 0x80 >> (i & 7);
    out.set(s, at);
    at += 32;
  });
  if (proof.end === 'other') out.set([...proof.other.key, ...proof.other.valueHash], at);
  return out;
}

/** Strict decoding: every field in range, no EMPTY sibling spelled out, no stray bits, no trailing bytes. */
export function decodeProof(bytes: Uint8Array): SmtProof {
  if (bytes.length < 3) throw bad('shorter than its 3-byte header');
  const end = END_NAMES[bytes[0]!];
  if (!end) throw bad(`unknown end ${bytes[0]}`);
  const depth = (bytes[1]! << 8) | bytes[2]!;
  if (depth > MAX_DEPTH) throw bad(`depth ${depth} exceeds ${MAX_DEPTH}`);
  let at = 3 + Math.ceil(depth / 8);
  if (bytes.length < at) throw bad('truncated bitmap');
  const bitmap = bytes.subarray(3, at);
  const siblings: Uint8Array[] = [];
  for (let i = 0; i < depth; i++) {
    if ((bitmap[i >> 3]! & (0x80 >> (i & 7))) === 0) {
      siblings.push(EMPTY.slice());
    } else {
      siblings.push(take(bytes, at, true));
      at += 32;
    }
  }
  if (depth % 8 !== 0 && (bitmap[bitmap.length - 1]! & (0xff >> (depth % 8))) !== 0)
    throw bad('stray bitmap bits');
  if (end !== 'other') {
    if (at !== bytes.length) throw bad(`${bytes.length - at} trailing bytes`);
    return { end, siblings };
  }
  const other = { key: take(bytes, at, false), valueHash: take(bytes, at + 32, false) };
  if (at + 64 !== bytes.length) throw bad(`${bytes.length - at - 64} trailing bytes`);
  return { end, siblings, other };
}

function take(bytes: Uint8Array, at: number, sibling: boolean): Uint8Array {
  if (at + 32 > bytes.length) throw bad('truncated');
  const out = bytes.slice(at, at + 32);
  if (sibling && isEmpty(out)) throw bad('EMPTY sibling spelled out instead of a clear bitmap bit');
  return out;
}

function bad(message: string): ProtoError {
  return new ProtoError('bad-proof', `sparse Merkle proof: ${message}`, 'penalize');
}
