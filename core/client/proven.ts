import { equalBytes, fromHex } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import { decodeProof, smtKey, smtValueHash, verifyProof } from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';

/**
 * The proof part of an answer (docs/api.md, Proofs): the height whose header's `stateRoot` the proof
 * checks against, that header's hash and root, the entry's stored bytes (null when absent) and the
 * sparse Merkle proof, all hex.
 */
export interface ProofJson {
  height: number;
  blockHash: string;
  stateRoot: string;
  value: string | null;
  proof: string;
}

/**
 * The stored bytes of `stateKey` (undefined when absent) that `answer` proves under `root`, the
 * stateRoot of a verified header of `answer.height`. Throws `bad-answer` for malformed fields or a
 * root other than `root`, `bad-proof` when the proof does not hold.
 */
export function provenBytes(
  answer: ProofJson,
  root: Uint8Array,
  stateKey: Uint8Array,
  hash: Hasher = blake3Hash,
): Uint8Array | undefined {
  const claimedRoot = hexField(answer.stateRoot, 'stateRoot', 32);
  if (!equalBytes(claimedRoot, root))
    throw new ProtoError(
      'bad-proof',
      `the answer's stateRoot is not the verified header ${answer.height}'s`,
      'penalize',
    );
  const value = answer.value === null ? undefined : hexField(answer.value, 'value');
  const proof = decodeProof(hexField(answer.proof, 'proof'));
  if (!verifyProof(root, smtKey(stateKey, hash), value && smtValueHash(value, hash), proof, hash))
    throw new ProtoError('bad-proof', 'the proof does not hold under the verified state root', 'penalize', {
      height: answer.height,
    });
  return value;
}

/** Throws `value-mismatch` naming `field` unless the answer's typed field equals the proven one. */
export function sameAsProven(field: string, served: unknown, proven: unknown): void {
  if (served !== proven)
    throw new ProtoError(
      'value-mismatch',
      `${field} ${String(served)} differs from the proven ${String(proven)}`,
      'penalize',
    );
}

/** Bytes of a hex field, `bad-answer` when it is not lowercase hex (of `length` bytes when given). */
export function hexField(text: unknown, name: string, length?: number): Uint8Array {
  const bytes = typeof text === 'string' ? fromHex(text, length) : undefined;
  if (!bytes)
    throw new ProtoError(
      'bad-answer',
      `${name} is not ${length ? `${length} bytes of ` : ''}hex`,
      'penalize',
    );
  return bytes;
}

/**
 * Throws `value-mismatch` naming the first path where the served JSON differs from the view rebuilt
 * from proven values (same keys, same values, same order of array items).
 */
export function sameJsonAsProven(path: string, served: unknown, proven: unknown): void {
  if (typeof proven !== 'object' || proven === null || typeof served !== 'object' || served === null) {
    sameAsProven(path, served, proven);
    return;
  }
  if (Array.isArray(proven) !== Array.isArray(served))
    throw new ProtoError('value-mismatch', `${path} is not of the proven shape`, 'penalize');
  const keys = new Set([...Object.keys(proven), ...Object.keys(served)]);
  for (const k of keys)
    sameJsonAsProven(
      `${path}.${k}`,
      (served as Record<string, unknown>)[k],
      (proven as Record<string, unknown>)[k],
    );
}
