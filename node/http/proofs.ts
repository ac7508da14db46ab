/**
 * Proofs on state answers (docs/api.md, Proofs): each names the height whose header's stateRoot it
 * checks against, with that header's hash, the entry's stored bytes (null when absent) and the sparse
 * Merkle proof. core/client/proven.ts checks them.
 */
import { toHex } from '../../core/bytes.ts';
import type { ProofJson } from '../../core/client/proven.ts';
import type { LedgerState } from '../../core/ledger/index.ts';
import { encodeProof } from '../../core/ledger/smt-proof.ts';
import { CHAIN_KEY, PENDING_KEY, QUEUE_KEY } from '../../core/ledger/state-codec.ts';
import { treeOf } from '../../core/ledger/state-tree.ts';

/** The proof of `stateKey` in `state` (the state after block `state.height`). */
export function proofJson(state: LedgerState, stateKey: Uint8Array): ProofJson {
  const tree = treeOf(state);
  const value = tree.get(stateKey);
  return {
    height: Number(state.height),
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
