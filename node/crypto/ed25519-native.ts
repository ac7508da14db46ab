import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { byteKey } from '../../core/bytes.ts';
import type { SyncNativeVerify } from '../../core/crypto/ed25519.ts';
import { ReadCache } from '../../core/ledger/index.ts';
import { probes } from '../metrics/probes.ts';

/**
 * Parsed keys the cache holds. PERF: parsing costs a sixth to a third of a
 * verification (24 µs from raw bytes, 38 µs from DER, against a 147 µs verification, Node 24 with
 * OpenSSL 3.5 on this project's 2-core machine), and a ledger under load sees thousands of senders. Two generations, the
 * least recently used dropped first: at most 16 384 keys, about 1.2 KB each (the KeyObject and its
 * OpenSSL key), so about 20 MB at most.
 */
export const KEY_CACHE_LIMIT = 1 << 14;
const keys = new ReadCache<KeyObject>(KEY_CACHE_LIMIT);

function keyObjectOf(pub: Uint8Array): KeyObject {
  const id = byteKey(pub);
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(pub), format: 'raw-public', asymmetricKeyType: 'ed25519' });
    keys.set(id, key);
  }
  return key;
}

/**
 * node:crypto (OpenSSL) as a NativeVerify: the cofactorless equation, synchronous. Pass it to
 * `verify` from core/crypto/ed25519.ts, which applies Proto's encoding rules first. Failures answer false.
 */
export const nodeVerify: SyncNativeVerify = (sig, msg, pub) => {
  if (pub.length !== 32) return false;
  probes.verified();
  try {
    return verify(null, msg, keyObjectOf(pub), sig);
  } catch {
    return false;
  }
};

/** Parsed signing keys by seed (a node signs with one key; the consensus bench with up to 90). */
const signingKeys = new ReadCache<KeyObject>(256);

/**
 * The RFC 8032 signature of `msg` by the 32-byte secret seed, through node:crypto: the same bytes as
 * core's `sign` (ed25519 signing is deterministic), about eight times faster.
 */
export function nodeSign(msg: Uint8Array, secret: Uint8Array): Uint8Array {
  const id = byteKey(secret);
  let key = signingKeys.get(id);
  if (!key) {
    key = createPrivateKey({ key: Buffer.from(secret), format: 'raw-private', asymmetricKeyType: 'ed25519' });
    signingKeys.set(id, key);
  }
  return new Uint8Array(sign(null, msg, key));
}
