import * as ed from '@noble/ed25519';
import { utf8 } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import { L, littleEndian } from './ed25519-rule.ts';
import {
  B,
  grind,
  keyOf,
  MSG,
  mul,
  offCurve,
  orderOf,
  plusP,
  signature,
  torsionPoints,
  withSign,
} from './ed25519-vector-tools.ts';

/**
 * Edge-case ed25519 vectors derived with curve arithmetic (in the spirit of "Taming the many
 * EdDSAs", Chalkias et al. 2020), so every platform can be run against the same bytes.
 * `expected` is the verdict of Proto's rule; `why` names the part of the rule that decides it.
 */
export interface Ed25519Vector {
  name: string;
  sig: Uint8Array;
  msg: Uint8Array;
  pub: Uint8Array;
  expected: boolean;
  why: string;
}

const EQ = 'cofactorless equation';
const COFACTORED = `${EQ} (a cofactored verifier accepts)`;

type Signed = { sig: Uint8Array; msg: Uint8Array };
type Add = (name: string, signed: Signed, pub: Uint8Array, expected: boolean, why: string) => void;
type Key = ReturnType<typeof keyOf>;

/** All vectors: ordinary ones, small-order keys, torsion, small-order and non-canonical R, bad points. */
export function ed25519Vectors(): Ed25519Vector[] {
  const out: Ed25519Vector[] = [];
  const add: Add = (name, { sig, msg }, pub, expected, why) =>
    out.push({ name, sig, msg, pub, expected, why });
  const key = keyOf(7);
  const T = torsionPoints();
  ordinary(add, key);
  smallOrderKeys(add, T);
  torsion(add, key, T);
  oddR(add, key, T);
  return out;
}

function ordinary(add: Add, key: Key): void {
  const good = ed.sign(MSG, key.seed);
  const on = (sig: Uint8Array, msg = MSG): Signed => ({ sig, msg });
  const flip = (bytes: Uint8Array, at: number, mask = 1) => bytes.map((b, i) => (i === at ? b ^ mask : b));
  const empty = new Uint8Array();
  const [r0, s0] = [good.subarray(0, 32), littleEndian(good.subarray(32))];
  add('valid', on(good), key.pub, true, EQ);
  add('valid, empty message', on(ed.sign(empty, key.seed), empty), key.pub, true, EQ);
  add('other message', on(good, utf8('another message')), key.pub, false, EQ);
  add('other key', on(good), keyOf(8).pub, false, EQ);
  add('negated key', on(good), flip(key.pub, 31, 0x80), false, EQ);
  add('S bit flipped', on(flip(good, 32)), key.pub, false, EQ);
  add('R bit flipped', on(flip(good, 0)), key.pub, false, EQ);
  add('S + L', on(signature(r0, s0 + L)), key.pub, false, 'S >= L');
  add('signature of 63 bytes', on(good.subarray(0, 63)), key.pub, false, 'length');
  add('public key of 33 bytes', on(good), new Uint8Array([...key.pub, 0]), false, 'length');
  add('A not on the curve', on(good), offCurve(), false, EQ);
  add('R not on the curve', on(signature(offCurve(), s0)), key.pub, false, EQ);
  const nonCanonicalA = plusP(largeOrderSmallY(), 0);
  add('A non-canonical (y + p), large order', on(good), nonCanonicalA, false, 'A non-canonical');
}

/** Small-order A in every encoding, with R = [r]B, S = r and [k]A = 0, so the equation holds. */
function smallOrderKeys(add: Add, T: ed.Point[]): void {
  const zeroY = T.find((t) => t.y === 0n)!.toBytes();
  const identity = T[0]!.toBytes();
  const nonCanonical = [withSign(identity), plusP(identity, 0), plusP(identity, 1)];
  nonCanonical.push(withSign(T[4]!.toBytes()), plusP(zeroY, 0), plusP(zeroY, 1));
  const rOf = (r: bigint) => mul(B, r).toBytes();
  const sOf = (_k: bigint, r: bigint) => r;
  for (const pub of [...T.map((t) => t.toBytes()), ...nonCanonical]) {
    const d = BigInt(orderOf(ed.Point.fromBytes(pub, true)));
    const killsA = (k: bigint) => k % d === 0n;
    const name = `small-order A ${ed.etc.bytesToHex(pub)} (order ${d})`;
    add(name, grind(pub, rOf, killsA, sOf), pub, false, 'A of small order');
  }
}

type Accept = (k: bigint, r: bigint) => boolean;
const always: Accept = () => true;
const eightDividesK: Accept = (k) => k % 8n === 0n;
const eightMissesK: Accept = (k) => k % 8n !== 0n;
const cancelsTorsion: Accept = (k, r) => negK(k) === cycle(r);

/** R = [r]B + T[c] and A = [a]B or the mixed-order [a]B + T8, signed honestly: S = r + k a. */
function torsion(add: Add, key: Key, T: ed.Point[]): void {
  const mixed = key.point.add(T[1]!).toBytes();
  const signed = (pub: Uint8Array, c: (r: bigint) => number, ok: Accept) => {
    const rOf = (r: bigint) => mul(B, r).add(T[c(r)]!).toBytes();
    return grind(pub, rOf, ok, (k, r) => r + k * key.a);
  };
  const [none, t8] = [() => 0, () => 1];
  add('torsion in R', signed(key.pub, t8, always), key.pub, false, COFACTORED);
  add('mixed-order A, 8 | k', signed(mixed, none, eightDividesK), mixed, true, EQ);
  add('mixed-order A, 8 ∤ k', signed(mixed, none, eightMissesK), mixed, false, COFACTORED);
  const matching = signed(mixed, cycle, cancelsTorsion);
  add('mixed-order A, torsion in R, equation holds', matching, mixed, true, EQ);
}

/** Small-order or non-canonical R with S = k a, so that R + [k]A = [S]B holds as points. */
function oddR(add: Add, key: Key, T: ed.Point[]): void {
  const mixed = key.point.add(T[1]!).toBytes();
  const signed = (pub: Uint8Array, rOf: (r: bigint) => Uint8Array, ok: Accept) =>
    grind(pub, rOf, ok, (k) => k * key.a);
  const id = T[0]!.toBytes();
  const [small, nonCanonical] = ['R of small order', 'R non-canonical'];
  add(
    'R = identity',
    signed(key.pub, () => id, always),
    key.pub,
    false,
    small,
  );
  const smallR = signed(mixed, (r) => T[cycle(r)]!.toBytes(), cancelsTorsion);
  add('R of small order, mixed-order A, equation holds', smallR, mixed, false, small);
  const plusPR = signed(key.pub, () => plusP(id, 0), always);
  add('R = identity as y = p + 1', plusPR, key.pub, false, nonCanonical);
  const signedR = signed(key.pub, () => withSign(id), always);
  add('R = identity with sign bit', signedR, key.pub, false, nonCanonical);
  const r4 = plusP(T.find((t) => t.y === 0n)!.toBytes(), 1);
  const r4Point = ed.Point.fromBytes(r4, true);
  const order4 = signed(
    mixed,
    () => r4,
    (k) => T[negK(k)]!.equals(r4Point),
  );
  add('R of order 4 as y = p, mixed-order A, equation holds', order4, mixed, false, nonCanonical);
}

/** -k mod 8: the multiple of T8 that -[k]T8 equals. */
function negK(k: bigint): number {
  return Number((8n - (k % 8n)) % 8n);
}

/** 1..7 by r, a torsion index that is never the identity. */
function cycle(r: bigint): number {
  return Number(r % 7n) + 1;
}

/** The canonical encoding of a point of large order whose y is below 19. */
function largeOrderSmallY(): Uint8Array {
  for (let y = 2; y < 19; y++) {
    const e = new Uint8Array(32);
    e[0] = y;
    try {
      if (orderOf(ed.Point.fromBytes(e)) === 0) return e;
    } catch {}
  }
  throw new ProtoError('bad-input', 'no point of large order with y < 19', 'penalize');
}
