import { byteKey } from '../bytes.ts';
import type { NativeVerify } from './ed25519.ts';

const ED25519 = { name: 'Ed25519' } as const;
/** Imported keys kept per verifier; the cache is cleared when full, so memory stays bounded. */
const KEY_CACHE_LIMIT = 1024;

/** The part of WebCrypto's `SubtleCrypto` used here, typed without the DOM library; `K` is its CryptoKey. */
export interface SubtleEd25519<K> {
  importKey(
    format: 'raw',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: { name: string },
    extractable: boolean,
    keyUsages: 'verify'[],
  ): Promise<K>;
  verify(
    algorithm: { name: string },
    key: K,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<boolean>;
}

/**
 * A NativeVerify on WebCrypto (Node 24, workerd, browsers), which implements the cofactorless
 * equation. `subtle` is passed in because core touches no globals; hosts give `globalThis.crypto.subtle`.
 * Import or verification failures answer false.
 */
export function webCryptoVerify<K>(subtle: SubtleEd25519<K>): NativeVerify {
  const keys = new Map<string, Promise<K>>();
  const keyOf = (pub: Uint8Array): Promise<K> => {
    const id = byteKey(pub);
    let key = keys.get(id);
    if (!key) {
      if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
      key = subtle.importKey('raw', copy(pub), ED25519, false, ['verify']);
      keys.set(id, key);
    }
    return key;
  };
  return async (sig, msg, pub) => {
    try {
      return await subtle.verify(ED25519, await keyOf(pub), copy(sig), copy(msg));
    } catch {
      return false;
    }
  };
}

/** An ArrayBuffer-backed copy: WebCrypto refuses views on shared memory. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
