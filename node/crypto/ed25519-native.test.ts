import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicKeyOf, sign, verify, verifyAsync } from '../../core/crypto/ed25519.ts';
import { ed25519Vectors } from '../../core/crypto/ed25519-vectors.ts';
import { webCryptoVerify } from '../../core/crypto/webcrypto.ts';
import { nodeSign, nodeVerify } from './ed25519-native.ts';
import { generateKeyPair } from './keys.ts';

const vectors = ed25519Vectors();
const webCrypto = webCryptoVerify(globalThis.crypto.subtle);

describe('node:crypto behind the core rule', () => {
  it('gives the same verdict as the pure-JS equation and WebCrypto on every edge-case vector', async () => {
    for (const v of vectors) {
      const verdicts = [
        verify(v.sig, v.msg, v.pub),
        verify(v.sig, v.msg, v.pub, nodeVerify),
        await verifyAsync(v.sig, v.msg, v.pub, webCrypto),
      ];
      expect(verdicts, v.name).toEqual([v.expected, v.expected, v.expected]);
    }
  });

  it("records Node 24's raw OpenSSL verdicts: they already match the rule on every vector", async () => {
    const rawNode = vectors.filter((v) => nodeVerify(v.sig, v.msg, v.pub) !== v.expected);
    const rawWeb: string[] = [];
    for (const v of vectors) if ((await webCrypto(v.sig, v.msg, v.pub)) !== v.expected) rawWeb.push(v.name);
    expect(rawNode.map((v) => v.name)).toEqual([]);
    expect(rawWeb).toEqual([]);
  });

  it('agrees with the pure-JS equation on random honest and corrupted signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array(),
        fc.nat(95),
        (secret, m, at) => {
          const pub = publicKeyOf(secret);
          const sig = sign(m, secret);
          expect(verify(sig, m, pub, nodeVerify)).toBe(true);
          const both = new Uint8Array([...sig, ...pub]);
          both[at]! ^= 1 << (at % 8);
          const [sig2, pub2] = [both.subarray(0, 64), both.subarray(64)];
          expect(verify(sig2, m, pub2, nodeVerify)).toBe(verify(sig2, m, pub2));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects malformed input without throwing', () => {
    const { secret, publicKey } = generateKeyPair();
    const sig = sign(new Uint8Array([1]), secret);
    expect(nodeVerify(sig.subarray(1), new Uint8Array([1]), publicKey)).toBe(false);
    expect(nodeVerify(sig, new Uint8Array([1]), publicKey.subarray(1))).toBe(false);
    expect(nodeVerify(sig, new Uint8Array([1]), publicKey)).toBe(true);
  });

  it('signs with node:crypto exactly as the core signs, and the signatures verify', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        (seed, msg) => {
          const sig = nodeSign(msg, seed);
          expect(sig).toEqual(sign(msg, seed));
          expect(verify(sig, msg, publicKeyOf(seed), nodeVerify)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
