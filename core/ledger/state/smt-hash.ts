import { blake3Hash, type Hasher } from '../../token/hash.ts';

/**
 * Hashing of Proto's sparse Merkle tree (PROTOCOL.md §3.7, docs/crypto.md). Keys and value hashes
 * are 32 bytes; a key's path is its bits, most significant bit of byte 0 first (bit 0 = root level).
 *   leaf   = H(0x00 ‖ key ‖ valueHash)
 *   branch = H(0x01 ‖ left ‖ right)
 *   empty subtree = EMPTY (32 zero bytes, never hashed)
 */
export const EMPTY = new Uint8Array(32);
export const LEAF_TAG = 0x00;
export const BRANCH_TAG = 0x01;
export const NODE_LENGTH = 65;

/** Tree key of a state key: blake3(stateKey). */
export function smtKey(stateKey: Uint8Array, hash: Hasher = blake3Hash): Uint8Array {
  return hash(stateKey);
}

/** Value hash of a state value: blake3(value). */
export function smtValueHash(value: Uint8Array, hash: Hasher = blake3Hash): Uint8Array {
  return hash(value);
}

const scratch = new Uint8Array(NODE_LENGTH);

/**
 * H(tag ‖ a ‖ b): a leaf (tag 0x00, key, valueHash) or a branch (tag 0x01, left, right). The preimage
 * lives in a reused buffer, so `hash` must not keep its input (no BLAKE3 implementation does).
 */
export function hashNode(hash: Hasher, tag: number, a: Uint8Array, b: Uint8Array): Uint8Array {
  scratch[0] = tag;
  scratch.set(a, 1);
  scratch.set(b, 33);
  return hash(scratch);
}

/** Bit `depth` (0..255) of `key`, most significant first. */
export function bitAt(key: Uint8Array, depth: number): 0 | 1 {
  return ((key[depth >> 3]! >> (7 - (depth & 7))) & 1) as 0 | 1;
}

/** True for the 32 zero bytes of an empty subtree. */
export function isEmpty(hash: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (hash[i] !== 0) return false;
  return true;
}

/** True when `a` and `b` agree on their first `bits` bits. */
export function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; i < bits; i++) if (bitAt(a, i) !== bitAt(b, i)) return false;
  return true;
}

export { blake3Hash, type Hasher };
