import * as ed from '@noble/ed25519';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import {
  cofactorlessEquation,
  type NativeVerify,
  publicKeyOf,
  sign,
  verify,
  verifyAsync,
} from './ed25519.ts';
import { isCanonicalPoint, isCanonicalScalar, L, SMALL_ORDER_ENCODINGS } from './ed25519-rule.ts';
import { le32, torsionPoints } from './ed25519-vector-tools.ts';
import { ed25519Vectors } from './ed25519-vectors.ts';
import { webCryptoVerify } from './webcrypto.ts';

const vectors = ed25519Vectors();
const P = (1n << 255n) - 19n;
const webCrypto = webCryptoVerify(globalThis.crypto.subtle);
const nobleWith = (zip215: boolean) => (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => {
  try {
    return ed.verify(sig, msg, pub, { zip215 });
  } catch {
    return false;
  }
};

/** Names of the vectors on which `check` disagrees with Proto's rule. */
async function disagreements(check: NativeVerify): Promise<string[]> {
  const names: string[] = [];
  for (const v of vectors) if ((await check(v.sig, v.msg, v.pub)) !== v.expected) names.push(v.name);
  return names;
}

describe('ed25519 rule on the edge-case vectors', () => {
  it('core verify gives the expected verdict with the pure-JS equation and with WebCrypto', async () => {
    for (const v of vectors) {
      expect(verify(v.sig, v.msg, v.pub), v.name).toBe(v.expected);
      expect(await verifyAsync(v.sig, v.msg, v.pub, webCrypto), v.name).toBe(v.expected);
    }
  });

  it('covers accepting and rejecting verdicts for every kind of edge case', () => {
    expect(vectors.filter((v) => v.expected).length).toBe(4);
    expect(vectors.filter((v) => v.name.startsWith('small-order A')).length).toBe(14);
  });

  it('records where raw verifiers differ from the rule, which is why the encoding rules exist', async () => {
    const small = vectors.filter((v) => v.name.startsWith('small-order A')).map((v) => v.name);
    const canonicalSmall = small.filter((name) => SMALL_ORDER_ENCODINGS.some((e) => name.includes(toHex(e))));
    const smallR = ['R = identity', 'R of small order, mixed-order A, equation holds'];
    // The bare equation blocks nothing: small-order A and R satisfy it.
    expect(await disagreements(cofactorlessEquation)).toEqual([...canonicalSmall, ...smallR]);
    // noble's strict mode blocks small-order A but is cofactored: torsion in R and in A pass.
    const cofactored = ['torsion in R', 'mixed-order A, 8 ∤ k', ...smallR];
    expect(await disagreements(nobleWith(false))).toEqual(cofactored);
    // ZIP-215 also takes non-canonical encodings and small-order keys.
    const nonCanonicalR = vectors.filter((v) => v.why === 'R non-canonical').map((v) => v.name);
    const zip215 = await disagreements(nobleWith(true));
    expect(zip215).toEqual(expect.arrayContaining([...small, ...cofactored, ...nonCanonicalR]));
    expect(zip215.length).toBe(small.length + cofactored.length + nonCanonicalR.length);
  });

  it('a cofactored native would break agreement: noble verify is no NativeVerify', () => {
    const broken = vectors.filter((v) => verify(v.sig, v.msg, v.pub, nobleWith(false)) !== v.expected);
    expect(broken.map((v) => v.name)).toEqual(['torsion in R', 'mixed-order A, 8 ∤ k']);
  });
});

describe('encoding rules', () => {
  it('the small-order list is exactly the 8-torsion subgroup', () => {
    const derived = torsionPoints().map((t) => toHex(t.toBytes()));
    expect(new Set(derived)).toEqual(new Set(SMALL_ORDER_ENCODINGS.map(toHex)));
  });

  it('rejects every y >= p and the signed x = 0 encodings, accepts y = p - 1', () => {
    for (let y = P; y < 1n << 255n; y++) expect(isCanonicalPoint(le32(y))).toBe(false);
    expect(isCanonicalPoint(le32(P - 1n))).toBe(true);
    expect(isCanonicalPoint(le32(1n | (1n << 255n)))).toBe(false);
    expect(isCanonicalPoint(le32(P - 1n + (1n << 255n)))).toBe(false);
    expect(isCanonicalPoint(le32(2n | (1n << 255n)))).toBe(true);
  });

  it('a decodable encoding is canonical exactly when it re-encodes to itself', () => {
    const nearP = fc.bigInt(P - 40n, (1n << 255n) - 1n);
    const y = fc.oneof(fc.bigInt(0n, (1n << 255n) - 1n), fc.bigInt(0n, 40n), nearP);
    fc.assert(
      fc.property(y, fc.boolean(), (value, sign) => {
        const e = le32(value + (sign ? 1n << 255n : 0n));
        let point: ed.Point;
        try {
          point = ed.Point.fromBytes(e, true);
        } catch {
          return;
        }
        expect(isCanonicalPoint(e)).toBe(toHex(point.toBytes()) === toHex(e));
      }),
      { numRuns: 300 },
    );
  });

  it('S must be below L', () => {
    expect(isCanonicalScalar(le32(L - 1n))).toBe(true);
    expect(isCanonicalScalar(le32(L))).toBe(false);
    expect(isCanonicalScalar(le32((1n << 256n) - 1n))).toBe(false);
    // The byte comparison against the integer one, at random and around L.
    const near = fc.bigInt({ min: -(1n << 20n), max: 1n << 20n }).map((d) => L + d);
    const any = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
    fc.assert(
      fc.property(fc.oneof(near, any), (n) => {
        expect(isCanonicalScalar(le32(n))).toBe(n < L);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sign and verify', () => {
  it('accepts honest signatures and rejects any changed byte, on every verifier', async () => {
    const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });
    const msg = fc.uint8Array({ maxLength: 80 });
    await fc.assert(
      fc.asyncProperty(seed, msg, fc.nat(95), async (secret, m, at) => {
        const pub = publicKeyOf(secret);
        const sig = sign(m, secret);
        expect(verify(sig, m, pub)).toBe(true);
        expect(await verifyAsync(sig, m, pub, webCrypto)).toBe(true);
        const both = new Uint8Array([...sig, ...pub]);
        both[at]! ^= 1 << (at % 8);
        const [sig2, pub2] = [both.subarray(0, 64), both.subarray(64)];
        expect(verify(sig2, m, pub2)).toBe(false);
        expect(await verifyAsync(sig2, m, pub2, webCrypto)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});
