import { blake3Hash, type Hasher } from '../../token/hash.ts';
import { treeOf } from './reader.ts';
import { smtKey, smtValueHash } from './smt-hash.ts';
import { type SmtProof, verifyProof } from './smt-proof.ts';
import type { Account, LedgerState } from './state.ts';
import { accountKey, decodeAccount, encodeAccount } from './state-codec.ts';

/** An account as a light client receives it: the account (undefined when absent) and its proof. */
export interface AccountProof {
  account: Account | undefined;
  proof: SmtProof;
}

/** The account of `key` in `state` with a proof against `state.root` (the header's stateRoot). */
export function proveAccount(state: LedgerState, key: Uint8Array, hash: Hasher = blake3Hash): AccountProof {
  const tree = treeOf(state, hash);
  const bytes = tree.get(accountKey(key));
  return { account: bytes && decodeAccount(bytes), proof: tree.prove(accountKey(key)) };
}

/**
 * True when `proof` shows that, under `root`, `key` holds `account`, or with `account` undefined
 * that `key` has no account (balance 0, nonce 0). Needs only the root of a verified header.
 */
export function verifyAccountProof(
  root: Uint8Array,
  key: Uint8Array,
  account: Account | undefined,
  proof: SmtProof,
  hash: Hasher = blake3Hash,
): boolean {
  const valueHash = account && smtValueHash(encodeAccount(account), hash);
  return verifyProof(root, smtKey(accountKey(key), hash), valueHash, proof, hash);
}
