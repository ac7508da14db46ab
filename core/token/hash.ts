import { blake3 } from '@noble/hashes/blake3.js';

/** A BLAKE3-256 function. Hosts may pass a faster kernel; every implementation must agree byte for byte. */
export type Hasher = (bytes: Uint8Array) => Uint8Array;

/** Portable BLAKE3-256 (pure JS), the reference every faster kernel is tested against. */
export const blake3Hash: Hasher = (bytes) => blake3(bytes);
