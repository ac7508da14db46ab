import { compareBytes, concatBytes } from '../../bytes.ts';
import { Writer } from '../../codec.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import type { Hasher } from '../../token/hash.ts';
import { DOMAIN } from '../codec/constants.ts';
import type { LedgerState, Member } from '../state/state.ts';

/**
 * Validator sets (PROTOCOL.md §3.1-3.2, docs/ledger.md §5). The list of height h is the queue
 * members active at h, in queue order: position r mod n proposes round r, and votes and commit
 * signatures name validators by position. Membership changes decided by block H take effect at H + 2
 * (a member's `since` / `until`); the order changes every block with the rotation.
 */

/** Members validating height `h`, in queue order. */
export function activeAt(queue: readonly Member[], h: Height): Member[] {
  return queue.filter((m) => m.since <= h && (m.until === 0 || m.until >= h));
}

/** Ordered validator keys of the height after `state` (the one being decided). */
export function nextValidators(state: LedgerState): Uint8Array[] {
  return activeAt(state.queue, state.height + 1).map((m) => m.key);
}

/** Key of the proposer of `round` at the height after `state`: position round mod n. */
export function proposerFor(state: LedgerState, round: number): Uint8Array {
  const keys = nextValidators(state);
  if (keys.length === 0)
    throw new ProtoError('bad-input', `no validators at height ${state.height + 1}`, 'penalize');
  return keys[round % keys.length]!;
}

/** `blake3("proto/validators" ‖ n u8 ‖ keys)`, over the keys in the order given. */
export function validatorsHash(keys: readonly Uint8Array[], hash: Hasher): Uint8Array {
  const w = new Writer().u8(keys.length);
  for (const k of keys) w.fixed(k);
  return hash(concatBytes(DOMAIN.validators, w.bytes()));
}

/** validatorsHash over the keys sorted bytewise: the membership, whatever the order. */
export function membershipHash(keys: readonly Uint8Array[], hash: Hasher): Uint8Array {
  return validatorsHash([...keys].sort(compareBytes), hash);
}
