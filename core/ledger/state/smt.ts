import { compareBytes, equalBytes } from '../../bytes.ts';
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
} from './smt-hash.ts';
import type { SmtProof } from './smt-proof.ts';
import { MemoryNodeStore, type NodeStore, type SmtNode } from './smt-store.ts';

/** One change: set `key` to `valueHash`, or remove `key` when `valueHash` is undefined. */
export interface SmtUpdate {
  key: Uint8Array;
  valueHash: Uint8Array | undefined;
}

type Kind = 'empty' | 'leaf' | 'branch';
/** A subtree: its hash and, when already known, its kind. */
interface Ref {
  hash: Uint8Array;
  kind?: Kind;
}
interface Leaf {
  key: Uint8Array;
  valueHash: Uint8Array;
}

/**
 * A compact sparse Merkle tree over 256-bit keys (docs/crypto.md). The subtree at a path prefix is
 * EMPTY when it holds no key, the leaf itself when it holds one key, and a branch otherwise, so the
 * root depends only on the set of (key, valueHash) pairs. A batch of k updates on n keys costs
 * O(k log n) hashes, and the branches the batch shares are hashed once.
 */
export class SparseMerkleTree {
  #root: Uint8Array;
  readonly #store: NodeStore;
  readonly #hash: Hasher;
  #puts: [Uint8Array, SmtNode][] = [];
  #dead: Uint8Array[] = [];

  constructor(options: { store?: NodeStore; hash?: Hasher; root?: Uint8Array } = {}) {
    this.#store = options.store ?? new MemoryNodeStore();
    this.#hash = options.hash ?? blake3Hash;
    this.#root = options.root ?? EMPTY;
  }

  /** The root hash (EMPTY for an empty tree). */
  get root(): Uint8Array {
    return this.#root.slice();
  }

  /** The value hash stored under `key`, or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    if (key.length !== 32) throw new ProtoError('bad-input', 'tree keys are 32 bytes', 'penalize');
    let hash = this.#root;
    for (let depth = 0; !isEmpty(hash); depth++) {
      const { leaf, a, b } = this.#load(hash);
      if (leaf) return equalBytes(a, key) ? b.slice() : undefined;
      hash = bitAt(key, depth) ? b : a;
    }
    return undefined;
  }

  /** Applies `changes` in one pass (a later change to the same key wins) and returns the new root. */
  update(changes: readonly SmtUpdate[]): Uint8Array {
    // Copies, so that later changes to the caller's arrays cannot reach the store.
    const copies = changes.map(({ key, valueHash }) => {
      if (key.length !== 32 || (valueHash !== undefined && valueHash.length !== 32)) {
        throw new ProtoError('bad-input', 'tree keys and value hashes are 32 bytes', 'penalize');
      }
      return { key: key.slice(), valueHash: valueHash?.slice() };
    });
    // A stable sort keeps equal keys in input order; the last of each run wins.
    const sorted = copies.sort((x, y) => compareBytes(x.key, y.key));
    const unique = sorted.filter((c, i) => i + 1 === sorted.length || !equalBytes(c.key, sorted[i + 1]!.key));
    try {
      const root = this.#updateAt({ hash: this.#root }, 0, unique).hash;
      // Deletions first: a leaf that moved to another depth keeps its hash and is put back.
      if (this.#store.delete) for (const hash of this.#dead) this.#store.delete(hash);
      for (const [hash, node] of this.#puts) this.#store.put(hash, node);
      this.#root = root;
    } finally {
      this.#puts = [];
      this.#dead = [];
    }
    return this.root;
  }

  /** Sets `key` to `valueHash`. */
  set(key: Uint8Array, valueHash: Uint8Array): Uint8Array {
    return this.update([{ key, valueHash }]);
  }

  /** Removes `key` (no effect when absent). */
  delete(key: Uint8Array): Uint8Array {
    return this.update([{ key, valueHash: undefined }]);
  }

  /** An inclusion proof when `key` is present, a non-inclusion proof otherwise. */
  prove(key: Uint8Array): SmtProof {
    const { siblings, end } = this.#walk(key);
    if (!end) return { end: 'empty', siblings };
    if (equalBytes(end.key, key)) return { end: 'leaf', siblings };
    return { end: 'other', siblings, other: end };
  }

  /** Follows `key`'s path to the leaf or empty subtree that ends it, collecting sibling hashes. */
  #walk(key: Uint8Array): { siblings: Uint8Array[]; end: Leaf | undefined } {
    if (key.length !== 32) throw new ProtoError('bad-input', 'tree keys are 32 bytes', 'penalize');
    const siblings: Uint8Array[] = [];
    let hash = this.#root;
    for (let depth = 0; !isEmpty(hash); depth++) {
      const { leaf, a, b } = this.#load(hash);
      if (leaf) return { siblings, end: { key: a.slice(), valueHash: b.slice() } };
      siblings.push((bitAt(key, depth) ? a : b).slice());
      hash = bitAt(key, depth) ? b : a;
    }
    return { siblings, end: undefined };
  }

  /** The subtree at `ref` (at `depth`) after changes[lo, hi), which share its path prefix. */
  #updateAt(ref: Ref, depth: number, changes: readonly SmtUpdate[], lo = 0, hi = changes.length): Ref {
    if (lo === hi) return ref;
    if (isEmpty(ref.hash)) return this.#build(leavesOf(changes, lo, hi, undefined), depth);
    const node = this.#load(ref.hash);
    this.#dead.push(ref.hash);
    if (node.leaf) return this.#build(leavesOf(changes, lo, hi, { key: node.a, valueHash: node.b }), depth);
    const mid = firstWithBit(changes, lo, hi, depth);
    const left = this.#updateAt({ hash: node.a }, depth + 1, changes, lo, mid);
    const right = this.#updateAt({ hash: node.b }, depth + 1, changes, mid, hi);
    return this.#join(left, right);
  }

  /** The canonical subtree at `depth` holding leaves[lo, hi) (sorted, sharing their first `depth` bits). */
  #build(leaves: readonly Leaf[], depth: number, lo = 0, hi = leaves.length): Ref {
    if (lo === hi) return { hash: EMPTY, kind: 'empty' };
    if (hi - lo === 1) return this.#put(true, leaves[lo]!.key, leaves[lo]!.valueHash);
    const mid = firstWithBit(leaves, lo, hi, depth);
    return this.#join(this.#build(leaves, depth + 1, lo, mid), this.#build(leaves, depth + 1, mid, hi));
  }

  /**
   * A branch over two subtrees, or the one non-empty child when it is a single leaf. PERF: a child's
   * kind is loaded only when the other child is empty; two non-empty children always make a branch
   * (bench:governance: loading unchanged siblings was a quarter of a large tree's update).
   */
  #join(left: Ref, right: Ref): Ref {
    if (isEmpty(left.hash)) {
      if (isEmpty(right.hash) || this.#kindOf(right) === 'leaf') return right;
    } else if (isEmpty(right.hash) && this.#kindOf(left) === 'leaf') return left;
    return this.#put(false, left.hash, right.hash);
  }

  #put(leaf: boolean, a: Uint8Array, b: Uint8Array): Ref {
    const hash = hashNode(this.#hash, leaf ? LEAF_TAG : BRANCH_TAG, a, b);
    this.#puts.push([hash, { leaf, a, b }]);
    return { hash, kind: leaf ? 'leaf' : 'branch' };
  }

  #kindOf(ref: Ref): Kind {
    if (ref.kind) return ref.kind;
    if (isEmpty(ref.hash)) return 'empty';
    return this.#load(ref.hash).leaf ? 'leaf' : 'branch';
  }

  #load(hash: Uint8Array): SmtNode {
    const node = this.#store.get(hash);
    if (!node) throw new ProtoError('missing-node', 'a tree node is missing from the store', 'ignore');
    return node;
  }
}

/** The leaves a subtree holds after changes[lo, hi): the changed keys that keep a value, and `kept` unless changed. */
function leavesOf(changes: readonly SmtUpdate[], lo: number, hi: number, kept: Leaf | undefined): Leaf[] {
  const leaves: Leaf[] = [];
  let pending = kept;
  for (let i = lo; i < hi; i++) {
    const { key, valueHash } = changes[i]!;
    if (pending && compareBytes(pending.key, key) <= 0) {
      if (!equalBytes(pending.key, key)) leaves.push(pending);
      pending = undefined;
    }
    if (valueHash) leaves.push({ key, valueHash });
  }
  if (pending) leaves.push(pending);
  return leaves;
}

/** Index of the first item in [lo, hi) whose key has bit `depth` set; keys are sorted and share a prefix. */
function firstWithBit(items: readonly { key: Uint8Array }[], lo: number, hi: number, depth: number): number {
  let i = lo;
  while (i < hi && bitAt(items[i]!.key, depth) === 0) i++;
  return i;
}
