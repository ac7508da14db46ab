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

type Signed = { sig: Uint8Array; msg: Uint8Array };

/** All vectors: ordinary ones, then small-order keys, torsion, non-canonical encodings, bad points. */
export function ed25519Vectors(): Ed25519Vector[] {
  const out: Ed25519Vector[] = [];
  const add = (name: string, { sig, msg }: Signed, pub: Uint8Array, expected: boolean, why: string) =>
    out.push({ name, sig, msg, pub, expected, why });
  const key = keyOf(7);
  const T = torsionPoints();
  const good = ed.sign(MSG, key.seed);
  const [r0, s0] = [good.subarray(0, 32), littleEndian(good.subarray(32))];
  const on = (sig: Uint8Array, msg = MSG): Signed => ({ sig, msg });
  const flip = (bytes: Uint8Array, at: number) => bytes.map((b, i) => (i === at ? b ^ 1 : b));

  const empty = new Uint8Array();
  add('valid', on(good), key.pub, true, EQ);
  add('valid, empty message', on(ed.sign(empty, key.seed), empty), key.pub, true, EQ);
  add('other message', on(good, utf8('another message')), key.pub, false, EQ);
  add('other key', on(good), keyOf(8).pub, false, EQ);
  add(
    'negated key',
    on(good),
    key.pub.map((b, i) => (i === 31 ? b ^ 0x80 : b)),
    false,
    EQ,
  );
  add('S bit flipped', on(flip(good, 32)), key.pub, false, EQ);
  add('R bit flipped', on(flip(good, 0)), key.pub, false, EQ);
  add('S + L', on(signature(r0, s0 + L)), key.pub, false, 'S >= L');
  add('signature of 63 bytes', on(good.subarray(0, 63)), key.pub, false, 'length');
  add('public key of 33 bytes', on(good), new Uint8Array([...key.pub, 0]), false, 'length');

  // Small-order A in every encoding, with R = [r]B, S = r and [k]A = 0: the equation holds.
  const zeroY = T.find((t) => t.y === 0n)!.toBytes();
  const smallA = [
    ...T.map((t) => t.toBytes()),
    withSign(T[0]!.toBytes()),
    plusP(T[0]!.toBytes(), 0),
    plusP(T[0]!.toBytes(), 1),
    withSign(T[4]!.toBytes()),
    plusP(zeroY, 0),
    plusP(zeroY, 1),
  ];
  for (const pub of smallA) {
    const d = BigInt(orderOf(ed.Point.fromBytes(pub, true)));
    const signed = grind(
      pub,
      (r) => mul(B, r).toBytes(),
      (k) => k % d === 0n,
      (_k, r) => r,
    );
    add(`small-order A ${ed.etc.bytesToHex(pub)} (order ${d})`, signed, pub, false, 'A of small order');
  }

  // Torsion: R = [r]B + T[c], A = [a]B or the mixed-order [a]B + T8, S = r + k a.
  const a = key.a;
  const mixed = key.point.add(T[1]!).toBytes();
  const negK = (k: bigint) => Number((8n - (k % 8n)) % 8n);
  const cycle = (r: bigint) => Number(r % 7n) + 1;
  const withTorsion = (pub: Uint8Array, c: (r: bigint) => number, ok: (k: bigint, r: bigint) => boolean) =>
    grind(
      pub,
      (r) => mul(B, r).add(T[c(r)]!).toBytes(),
      ok,
      (k, r) => r + k * a,
    );
  const cofactored = `${EQ} (a cofactored verifier accepts)`;
  add(
    'torsion in R',
    withTorsion(
      key.pub,
      () => 1,
      () => true,
    ),
    key.pub,
    false,
    cofactored,
  );
  add(
    'mixed-order A, 8 | k',
    withTorsion(
      mixed,
      () => 0,
      (k) => k % 8n === 0n,
    ),
    mixed,
    true,
    EQ,
  );
  add(
    'mixed-order A, 8 ∤ k',
    withTorsion(
      mixed,
      () => 0,
      (k) => k % 8n !== 0n,
    ),
    mixed,
    false,
    cofactored,
  );
  const torsionR = withTorsion(mixed, cycle, (k, r) => negK(k) === cycle(r));
  add('mixed-order A, torsion in R, equation holds', torsionR, mixed, true, EQ);

  // Small-order or non-canonical R with S = k a, so that R + [k]A = [S]B holds as points.
  const fixedR = (pub: Uint8Array, rOf: (r: bigint) => Uint8Array, ok: (k: bigint, r: bigint) => boolean) =>
    grind(pub, rOf, ok, (k) => k * a);
  const always = () => true;
  const id = T[0]!.toBytes();
  add(
    'R = identity',
    fixedR(key.pub, () => id, always),
    key.pub,
    false,
    'R of small order',
  );
  const order8R = fixedR(
    mixed,
    (r) => T[cycle(r)]!.toBytes(),
    (k, r) => negK(k) === cycle(r),
  );
  add('R of small order, mixed-order A, equation holds', order8R, mixed, false, 'R of small order');
  add(
    'R = identity as y = p + 1',
    fixedR(key.pub, () => plusP(id, 0), always),
    key.pub,
    false,
    'R non-canonical',
  );
  add(
    'R = identity with sign bit',
    fixedR(key.pub, () => withSign(id), always),
    key.pub,
    false,
    'R non-canonical',
  );
  const r4 = plusP(zeroY, 1);
  const r4Point = ed.Point.fromBytes(r4, true);
  const order4R = fixedR(
    mixed,
    () => r4,
    (k) => T[negK(k)]!.equals(r4Point),
  );
  add('R of order 4 as y = p, mixed-order A, equation holds', order4R, mixed, false, 'R non-canonical');

  // Encodings of no point, and a non-canonical A of large order.
  add('A not on the curve', on(good), offCurve(), false, EQ);
  add('R not on the curve', on(signature(offCurve(), s0)), key.pub, false, EQ);
  add(
    'A non-canonical (y + p), large order',
    on(good),
    plusP(largeOrderSmallY(), 0),
    false,
    'A non-canonical',
  );
  return out;
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
  throw new ProtoError('bad-input', 'no point of large order with y < 19');
}
