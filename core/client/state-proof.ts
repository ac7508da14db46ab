import { ProtoError } from '../errors.ts';
import type { Height } from '../height.ts';
import {
  type Account,
  accountKey,
  CHAIN_KEY,
  type ChainValues,
  decodeProof,
  type EvidenceRecord,
  encodeAccount,
  encodeChain,
  encodeEvidenceRecord,
  encodeMembers,
  encodeTokenEntry,
  evidenceKey,
  type Member,
  PENDING_KEY,
  QUEUE_KEY,
  type SmtProof,
  smtKey,
  smtValueHash,
  type TokenEntry,
  tokenKey,
  verifyProof,
} from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';

/**
 * One state entry as a light client is told it is (docs/ledger.md §4): `value` undefined claims the
 * entry is absent (an account with balance and nonce 0, a token never moved, an offence never
 * recorded). The queue, the pending
 * FIFO and the chain values are always stored, an empty list included.
 */
export type StateEntry =
  | { kind: 'account'; key: Uint8Array; value: Account | undefined }
  | { kind: 'token'; key: Uint8Array; value: TokenEntry | undefined }
  | { kind: 'queue'; value: readonly Member[] }
  | { kind: 'pending'; value: readonly Member[] }
  | { kind: 'chain'; value: ChainValues }
  | {
      kind: 'evidence';
      key: { offender: Uint8Array; kind: number; height: Height; round: number };
      value: EvidenceRecord | undefined;
    };

/** The state key and the encoded value (undefined when absent) of an entry. */
export function entryBytes(e: StateEntry): { stateKey: Uint8Array; value: Uint8Array | undefined } {
  switch (e.kind) {
    case 'account':
      return { stateKey: accountKey(e.key), value: e.value && encodeAccount(e.value) };
    case 'token':
      return { stateKey: tokenKey(e.key), value: e.value && encodeTokenEntry(e.value) };
    case 'queue':
      return { stateKey: QUEUE_KEY, value: encodeMembers(e.value) };
    case 'pending':
      return { stateKey: PENDING_KEY, value: encodeMembers(e.value) };
    case 'chain':
      return { stateKey: CHAIN_KEY, value: encodeChain(e.value) };
    case 'evidence': {
      const { offender, kind, height, round } = e.key;
      return {
        stateKey: evidenceKey(offender, kind, height, round),
        value: e.value && encodeEvidenceRecord(e.value),
      };
    }
  }
}

/**
 * Throws `bad-proof` unless `proof` (decoded, or its strict encoding) shows, under `root` (a verified
 * header's stateRoot), the entry holding exactly `entry.value`, or, for an absent value, no entry.
 */
export function verifyStateValue(
  root: Uint8Array,
  entry: StateEntry,
  proof: SmtProof | Uint8Array,
  hash: Hasher = blake3Hash,
): void {
  const p = proof instanceof Uint8Array ? decodeProof(proof) : proof;
  const { stateKey, value } = entryBytes(entry);
  const valueHash = value && smtValueHash(value, hash);
  if (!verifyProof(root, smtKey(stateKey, hash), valueHash, p, hash))
    throw new ProtoError(
      'bad-proof',
      `the ${entry.kind} ${value ? 'value' : 'absence'} does not prove against the state root`,
      'penalize',
      { kind: entry.kind },
    );
}
