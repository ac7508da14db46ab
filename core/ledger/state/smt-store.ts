import { byteKey } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';

/**
 * A tree node. A leaf holds `a` = key and `b` = value hash; a branch holds `a` = left and `b` = right
 * child hash. Its hash is H(tag ‖ a ‖ b) with tag 0x00 for a leaf and 0x01 for a branch (smt-hash.ts).
 */
export interface SmtNode {
  leaf: boolean;
  a: Uint8Array;
  b: Uint8Array;
}

/**
 * Where the tree keeps its nodes, content-addressed by hash. Synchronous, so node:sqlite and Durable
 * Object SQLite can implement it (as 65-byte rows: see encodeNode). `delete` is optional: a store that
 * has it holds only the current tree, since the tree deletes each node that leaves the current version;
 * a store without it keeps every version, so proofs against older roots stay available.
 * Nodes handed to `put` and returned by `get` are never mutated.
 */
export interface NodeStore {
  get(hash: Uint8Array): SmtNode | undefined;
  put(hash: Uint8Array, node: SmtNode): void;
  delete?(hash: Uint8Array): void;
}

/** The 65-byte stored form of a node: tag ‖ a ‖ b, which is also its hash preimage. */
export function encodeNode(node: SmtNode): Uint8Array {
  const out = new Uint8Array(65);
  out[0] = node.leaf ? 0x00 : 0x01;
  out.set(node.a, 1);
  out.set(node.b, 33);
  return out;
}

/** Strict inverse of encodeNode. */
export function decodeNode(bytes: Uint8Array): SmtNode {
  if (bytes.length !== 65 || bytes[0]! > 1)
    throw new ProtoError('bad-input', 'a stored tree node is 65 bytes, tag 0 or 1', 'penalize');
  return { leaf: bytes[0] === 0, a: bytes.slice(1, 33), b: bytes.slice(33, 65) };
}

/**
 * An in-memory NodeStore. With `prune` (the default) it holds the current tree only: about 2.4 n
 * nodes for n random keys (n leaves, n - 1 splitting branches, and branches with one empty side).
 */
export class MemoryNodeStore implements NodeStore {
  readonly #nodes = new Map<string, SmtNode>();
  readonly delete?: (hash: Uint8Array) => void;

  constructor(options: { prune?: boolean } = {}) {
    if (options.prune !== false) this.delete = (hash) => this.#nodes.delete(byteKey(hash));
  }

  get(hash: Uint8Array): SmtNode | undefined {
    return this.#nodes.get(byteKey(hash));
  }

  put(hash: Uint8Array, node: SmtNode): void {
    this.#nodes.set(byteKey(hash), node);
  }

  /** Number of stored nodes. */
  get size(): number {
    return this.#nodes.size;
  }
}
