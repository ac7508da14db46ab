import { blake3Hash, type Hasher } from '../token/hash.ts';
import { SparseMerkleTree } from './smt.ts';
import { smtKey, smtValueHash } from './smt-hash.ts';
import type { SmtProof } from './smt-proof.ts';
import type { Account, LedgerState, TokenEntry } from './state.ts';
import { accountKey, decodeAccount, decodeTokenEntry, tokenKey } from './state-codec.ts';
import type { StateBackend } from './store.ts';

/** A state value to write, or remove when `value` is undefined. */
export interface StateWrite {
  stateKey: Uint8Array;
  value: Uint8Array | undefined;
}

/** Reads and writes state values through the sparse Merkle tree rooted at `root`. */
export class StateTree {
  private readonly tree: SparseMerkleTree;
  private readonly store: StateBackend;
  private readonly hash: Hasher;

  constructor(store: StateBackend, root: Uint8Array | undefined, hash: Hasher = blake3Hash) {
    this.store = store;
    this.hash = hash;
    this.tree = new SparseMerkleTree(
      root ? { store: store.nodes, hash, root } : { store: store.nodes, hash },
    );
  }

  get root(): Uint8Array {
    return this.tree.root;
  }

  /** The value stored under `stateKey`, or undefined. */
  get(stateKey: Uint8Array): Uint8Array | undefined {
    const valueHash = this.tree.get(smtKey(stateKey, this.hash));
    return valueHash && this.store.values.get(valueHash);
  }

  /** Writes values and returns the new root. */
  write(writes: readonly StateWrite[]): Uint8Array {
    const changes = writes.map(({ stateKey, value }) => {
      const key = smtKey(stateKey, this.hash);
      if (value === undefined) return { key, valueHash: undefined };
      const valueHash = smtValueHash(value, this.hash);
      this.store.values.put(valueHash, value);
      return { key, valueHash };
    });
    return this.tree.update(changes);
  }

  /** An inclusion or non-inclusion proof for `stateKey`. */
  prove(stateKey: Uint8Array): SmtProof {
    return this.tree.prove(smtKey(stateKey, this.hash));
  }
}

/** The tree of `state`. */
export function treeOf(state: LedgerState, hash?: Hasher): StateTree {
  return new StateTree(state.store, state.root, hash);
}

const ZERO: Account = Object.freeze({ balance: 0n, nonce: 0n });

/** The account of `key` (balance 0, nonce 0 when absent). */
export function readAccount(state: LedgerState, key: Uint8Array, hash?: Hasher): Account {
  const bytes = treeOf(state, hash).get(accountKey(key));
  return bytes ? decodeAccount(bytes) : { ...ZERO };
}

/** The ledger's record of token `hash`, or undefined when it was never transferred or announced. */
export function readToken(state: LedgerState, hash: Uint8Array, hasher?: Hasher): TokenEntry | undefined {
  const bytes = treeOf(state, hasher).get(tokenKey(hash));
  return bytes && decodeTokenEntry(bytes);
}
