import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { bigintToBytes, concatBytes, utf8 } from '../bytes.ts';
import { L, littleEndian } from './ed25519-rule.ts';
import './ed25519.ts';

/** Curve tools for deriving ed25519 edge-case vectors (ed25519-vectors.ts). Not used by verification. */

type Point = ed.Point;
const { Point } = ed;
const P = (1n << 255n) - 19n;
const B = Point.BASE;
const MSG = utf8('proto ed25519 vector');

/** Little-endian 32-byte encoding of `n`. */
export function le32(n: bigint): Uint8Array {
  return bigintToBytes(n, 32).reverse();
}

/** [n]p by double-and-add for any n >= 0 (noble's multiply wants n < L). */
export function mul(p: Point, n: bigint): Point {
  let acc = Point.ZERO;
  for (let d = p, m = n; m > 0n; d = d.double(), m >>= 1n) if (m & 1n) acc = acc.add(d);
  return acc;
}

/** The 8 small-order points [i]T8, i = 0..7, with T8 the order-8 torsion part of the first valid y >= 2. */
export function torsionPoints(): Point[] {
  for (let y = 2n; ; y++) {
    let candidate: Point;
    try {
      candidate = Point.fromBytes(le32(y));
    } catch {
      continue;
    }
    const t = mul(candidate, L);
    if (!mul(t, 4n).is0()) return Array.from({ length: 8 }, (_, i) => mul(t, BigInt(i)));
  }
}

/** The non-canonical encoding y + p of a point whose canonical y is below 19, sign bit `sign`. */
export function plusP(canonical: Uint8Array, sign: 0 | 1): Uint8Array {
  const y = littleEndian(canonical) & ((1n << 255n) - 1n);
  const out = le32(y + P);
  out[31]! |= sign << 7;
  return out;
}

/** `e` with the sign bit set. */
export function withSign(e: Uint8Array): Uint8Array {
  const out = e.slice();
  out[31]! |= 0x80;
  return out;
}

/** k = SHA-512(R ‖ A ‖ M) mod L over the given bytes. */
export function challenge(r: Uint8Array, pub: Uint8Array, msg: Uint8Array): bigint {
  return littleEndian(sha512(concatBytes(r, pub, msg))) % L;
}

/** A signature R ‖ S. */
export function signature(r: Uint8Array, s: bigint): Uint8Array {
  return concatBytes(r, le32(s));
}

/** A key pair from a one-byte seed: secret scalar `a`, point and encoding. */
export function keyOf(seedByte: number): { a: bigint; point: Point; pub: Uint8Array; seed: Uint8Array } {
  const seed = new Uint8Array(32).fill(seedByte);
  const ext = ed.utils.getExtendedPublicKey(seed);
  return { a: ext.scalar, point: ext.point, pub: ext.pointBytes, seed };
}

/**
 * Tries r = 1, 2, ... until `accept(k, r)` holds for k = challenge(encodeR(r), pub, msg(r)), and returns
 * that message with the signature encodeR(r) ‖ sOf(k, r) mod L. The message changes with r, so k does
 * even when R does not; each condition used holds for about 1 in 8 values of k.
 */
export function grind(
  pub: Uint8Array,
  encodeR: (r: bigint) => Uint8Array,
  accept: (k: bigint, r: bigint) => boolean,
  sOf: (k: bigint, r: bigint) => bigint,
): { sig: Uint8Array; msg: Uint8Array } {
  for (let r = 1n; ; r++) {
    const rBytes = encodeR(r);
    const msg = utf8(`proto ed25519 vector ${r}`);
    const k = challenge(rBytes, pub, msg);
    if (accept(k, r)) return { sig: signature(rBytes, sOf(k, r) % L), msg };
  }
}

/** The order of a small-order point (1, 2, 4 or 8), or 0 when the order is larger. */
export function orderOf(p: Point): number {
  for (const d of [1, 2, 4, 8]) if (mul(p, BigInt(d)).is0()) return d;
  return 0;
}

/** The first y >= 2 that is the encoding of no curve point. */
export function offCurve(): Uint8Array {
  for (let y = 2n; ; y++) {
    try {
      Point.fromBytes(le32(y));
    } catch {
      return le32(y);
    }
  }
}

export { B, MSG, P };
