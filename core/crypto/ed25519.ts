import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes } from '../bytes.ts';
import { L, littleEndian, passesEncodingRules } from './ed25519-rule.ts';

// noble's synchronous API needs a SHA-512; setting it is idempotent and has no other effect.
ed.hashes.sha512 = sha512;

/**
 * Proto's one ed25519 verification rule (PROTOCOL.md §4, docs/crypto.md):
 * the encoding rules of `ed25519-rule.ts` (canonical A and R, neither of small order, S < L), then the
 * RFC 8032 cofactorless equation [S]B = R + [k]A with k = SHA-512(R ‖ A ‖ M) mod L over the given bytes.
 * Torsion components are not otherwise checked: the cofactorless equation decides them, identically
 * on every platform.
 */

/**
 * A platform's ed25519 verifier. It must implement the cofactorless equation (node:crypto, WebCrypto
 * in Node, workerd and browsers do); it only ever sees inputs that pass the encoding rules.
 * noble's `verify` is cofactored in both of its modes and must not be used here.
 */
export type NativeVerify = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => boolean | Promise<boolean>;
/** A synchronous NativeVerify. */
export type SyncNativeVerify = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => boolean;

/** Verifies with `native` (default: the pure-JS cofactorless equation) after the encoding rules. */
export function verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array, native?: SyncNativeVerify): boolean;
export function verify(
  sig: Uint8Array,
  msg: Uint8Array,
  pub: Uint8Array,
  native: NativeVerify,
): boolean | Promise<boolean>;
export function verify(
  sig: Uint8Array,
  msg: Uint8Array,
  pub: Uint8Array,
  native: NativeVerify = cofactorlessEquation,
): boolean | Promise<boolean> {
  if (!passesEncodingRules(sig, pub)) return false;
  return native(sig, msg, pub);
}

/** `verify` that always answers with a promise, for asynchronous natives such as WebCrypto. */
export async function verifyAsync(
  sig: Uint8Array,
  msg: Uint8Array,
  pub: Uint8Array,
  native: NativeVerify = cofactorlessEquation,
): Promise<boolean> {
  return verify(sig, msg, pub, native);
}

/**
 * The RFC 8032 cofactorless equation in pure JS: encode([S]B - [k]A) must equal the bytes of R.
 * Rejects (never throws) on malformed input, so it also serves as a NativeVerify on its own.
 */
export const cofactorlessEquation: SyncNativeVerify = (sig, msg, pub) => {
  if (sig.length !== 64 || pub.length !== 32) return false;
  try {
    const s = littleEndian(sig.subarray(32, 64));
    if (s >= L) return false;
    const r = sig.subarray(0, 32);
    const a = ed.Point.fromBytes(pub);
    const k = littleEndian(sha512(concatBytes(r, pub, msg))) % L;
    const check = ed.Point.BASE.multiply(s, false).subtract(a.multiply(k, false)).toBytes();
    return equalBytes(check, r);
  } catch {
    return false;
  }
};

/** The 32-byte public key of a 32-byte RFC 8032 secret seed. */
export function publicKeyOf(secret: Uint8Array): Uint8Array {
  return ed.getPublicKey(secret);
}

/** The deterministic RFC 8032 signature of `msg` by the 32-byte secret seed. */
export function sign(msg: Uint8Array, secret: Uint8Array): Uint8Array {
  return ed.sign(msg, secret);
}
