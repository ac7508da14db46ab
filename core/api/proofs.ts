/**
 * Proofs on state answers (docs/api.md, Proofs): each names the height whose header's stateRoot it
 * checks against, with that header's hash, the entry's stored bytes (null when absent) and the sparse
 * Merkle proof. core/client/proven.ts checks them. Shared by every host that serves the ledger's JSON.
 */
import { toHex } from '../bytes.ts';
import type { ProofJson } from '../client/proven.ts';
import { CHAIN_KEY, encodeProof, type LedgerState, PENDING_KEY, QUEUE_KEY, treeOf } from '../ledger/index.ts';

/** The proof of `stateKey` in `state` (the state after block `state.height`). */
export function proofJson(state: LedgerState, stateKey: Uint8Array): ProofJson {
  const tree = treeOf(state);
  const value = tree.get(stateKey);
  return {
    height: state.height,
    blockHash: toHex(state.blockHash),
    stateRoot: toHex(state.root),
    value: value ? toHex(value) : null,
    proof: toHex(encodeProof(tree.prove(stateKey))),
  };
}

/** The stored bytes of `stateKey` as hex, null when absent. */
export function storedHex(state: LedgerState, stateKey: Uint8Array): string | null {
  const value = treeOf(state).get(stateKey);
  return value ? toHex(value) : null;
}

/** Proofs of the chain values (the head answer). */
export function chainProof(state: LedgerState): { proof: ProofJson } {
  return { proof: proofJson(state, CHAIN_KEY) };
}

/** Proofs of the queue and the pending FIFO (the validators answer). */
export function validatorProofs(state: LedgerState): { queue: ProofJson; pending: ProofJson } {
  return { queue: proofJson(state, QUEUE_KEY), pending: proofJson(state, PENDING_KEY) };
}
