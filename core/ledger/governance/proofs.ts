import { blake3Hash, type Hasher } from '../../token/hash.ts';
import { treeOf } from '../state/reader.ts';
import { smtKey, smtValueHash } from '../state/smt-hash.ts';
import { type SmtProof, verifyProof } from '../state/smt-proof.ts';
import type { LedgerState } from '../state/state.ts';

/** A state value (undefined when absent) with its proof against the state's root. */
export interface ValueProof {
  value: Uint8Array | undefined;
  proof: SmtProof;
}

/** The value of any state key (a proposal, the veto state, the parameters, a token entry) with its proof. */
export function proveValue(state: LedgerState, stateKey: Uint8Array, hash: Hasher = blake3Hash): ValueProof {
  const tree = treeOf(state, hash);
  return { value: tree.get(stateKey), proof: tree.prove(stateKey) };
}

/** True when `proof` shows that under `root` the state key holds `value` (absent when undefined). */
export function verifyValueProof(
  root: Uint8Array,
  stateKey: Uint8Array,
  value: Uint8Array | undefined,
  proof: SmtProof,
  hash: Hasher = blake3Hash,
): boolean {
  return verifyProof(root, smtKey(stateKey, hash), value && smtValueHash(value, hash), proof, hash);
}
