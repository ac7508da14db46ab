import { randomBytes } from 'node:crypto';
import { publicKeyOf } from '../../core/crypto/ed25519.ts';

/** An ed25519 key pair as a node holds it: the public key and the 32-byte RFC 8032 secret seed. */
export interface KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/** A fresh ed25519 key pair: a 32-byte RFC 8032 secret seed from the OS CSPRNG and its public key. */
export function generateKeyPair(): { secret: Uint8Array; publicKey: Uint8Array } {
  const secret = new Uint8Array(randomBytes(32));
  return { secret, publicKey: publicKeyOf(secret) };
}
