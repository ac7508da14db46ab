import type { Hasher } from '../../token/hash.ts';
import type { Account, LedgerState, TokenEntry } from './state.ts';
import { accountKey, decodeAccount, decodeTokenEntry, tokenKey } from './state-codec.ts';
import { StateTree } from './state-tree.ts';

/** The tree of `state`: for proofs and walks; reads of values go through a `StateReader`. */
export function treeOf(state: LedgerState, hash?: Hasher): StateTree {
  return new StateTree(state.store, state.root, hash);
}

/**
 * The one reader of a state's values, accounts and token entries: through the state's flat cache
 * (flat-values.ts), walking the tree at the state's root only on a miss. The tree is built on the first
 * miss, or given (a block's draft walks its own tree, whose root is still the parent's when it reads).
 */
export class StateReader {
  readonly state: LedgerState;
  readonly #hash: Hasher | undefined;
  #tree: StateTree | undefined;

  constructor(state: LedgerState, hash?: Hasher, tree?: StateTree) {
    this.state = state;
    this.#hash = hash;
    this.#tree = tree;
  }

  /** The value stored under `stateKey`, or undefined. */
  value(stateKey: Uint8Array): Uint8Array | undefined {
    return this.state.flat.get(stateKey, () => this.#walk(stateKey));
  }

  /** The account of `key` (balance 0, nonce 0 when absent). */
  account(key: Uint8Array): Account {
    const bytes = this.value(accountKey(key));
    return bytes ? decodeAccount(bytes) : { balance: 0n, nonce: 0n };
  }

  /** The ledger's record of token `hash`, or undefined when it was never transferred or announced. */
  token(hash: Uint8Array): TokenEntry | undefined {
    const bytes = this.value(tokenKey(hash));
    return bytes && decodeTokenEntry(bytes);
  }

  #walk(stateKey: Uint8Array): Uint8Array | undefined {
    this.#tree ??= treeOf(this.state, this.#hash);
    return this.#tree.get(stateKey);
  }
}

/** The account of `key` in `state` (balance 0, nonce 0 when absent). */
export function readAccount(state: LedgerState, key: Uint8Array, hash?: Hasher): Account {
  return new StateReader(state, hash).account(key);
}

/** The ledger's record of token `hash` in `state`, or undefined. */
export function readToken(state: LedgerState, hash: Uint8Array, hasher?: Hasher): TokenEntry | undefined {
  return new StateReader(state, hasher).token(hash);
}

/** The value stored under `stateKey` in `state`, or undefined. */
export function readValue(state: LedgerState, stateKey: Uint8Array, hash?: Hasher): Uint8Array | undefined {
  return new StateReader(state, hash).value(stateKey);
}
