import { blake3Hash, type Hasher } from '../../token/hash.ts';
import type { StateWrite } from './flat-values.ts';
import { SparseMerkleTree } from './smt.ts';
import { smtKey, smtValueHash } from './smt-hash.ts';
import type { SmtProof } from './smt-proof.ts';
import type { StateBackend } from './store.ts';

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
