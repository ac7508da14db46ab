import { blake3 } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes.ts';
import { isProtoError } from '../../errors.ts';
import { SparseMerkleTree } from './smt.ts';
import { EMPTY, smtKey } from './smt-hash.ts';
import { decodeProof, encodeProof, type SmtProof, verifyProof } from './smt-proof.ts';

// Keys with shared prefixes of 0 to 255 bits, so proofs of every depth up to 256 occur.
const base = smtKey(new Uint8Array([0]));
const KEYS = [
  base,
  ...[1, 2, 16, 128].map((flip) => base.map((b, i) => (i === 31 ? b ^ flip : b))),
  ...Array.from({ length: 10 }, (_, i) => smtKey(new Uint8Array([i + 1]))),
];
const hashOfValue = (v: number) => blake3(new Uint8Array([v]));

/** A tree over a random subset of KEYS, and for every key its proof and value hash. */
const scenario = fc.subarray(KEYS.map((_, i) => i)).map((present) => {
  const tree = new SparseMerkleTree();
  tree.update(present.map((i) => ({ key: KEYS[i]!, valueHash: hashOfValue(i) })));
  const cases = KEYS.map((key) => ({ key, valueHash: tree.get(key), proof: tree.prove(key) }));
  return { root: tree.root, cases };
});

/** Runs `fn`; answers 'ok', the ProtoError code, or 'other' for any other throw. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isProtoError(e) ? e.code : 'other';
  }
}

describe('proof codec', () => {
  it('round-trips every proof, byte for byte', () => {
    fc.assert(
      fc.property(scenario, ({ root, cases }) => {
        for (const { key, valueHash, proof } of cases) {
          const bytes = encodeProof(proof);
          const back = decodeProof(bytes);
          expect(back).toEqual(proof);
          expect(toHex(encodeProof(back))).toBe(toHex(bytes));
          expect(verifyProof(root, key, valueHash, back)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('throws nothing but ProtoError bad-proof on random bytes, and re-encodes what it accepts', () => {
    const header = fc.tuple(fc.nat(3), fc.nat(260), fc.uint8Array({ maxLength: 200 }));
    const nearValid = header.map(
      ([end, depth, rest]) => new Uint8Array([end, depth >> 8, depth & 255, ...rest]),
    );
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), nearValid), (bytes) => {
        const result = outcome(() => decodeProof(bytes));
        expect(['ok', 'bad-proof']).toContain(result);
        if (result === 'ok') expect(toHex(encodeProof(decodeProof(bytes)))).toBe(toHex(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects trailing bytes, spelled-out EMPTY siblings, stray bits, bad ends and depths', () => {
    const empty = encodeProof({ end: 'empty', siblings: [] });
    const oneEmpty = encodeProof({ end: 'empty', siblings: [EMPTY] });
    expect(toHex(empty)).toBe('010000');
    expect(toHex(oneEmpty)).toBe('01000100');
    const sibling = new Uint8Array(32).fill(7);
    const cases = [
      new Uint8Array([...empty, 0]), // trailing byte
      new Uint8Array([1, 0, 1, 0x80, ...EMPTY]), // EMPTY sibling in the body
      new Uint8Array([1, 0, 1, 0x40, ...sibling]), // bit beyond depth 1
      new Uint8Array([3, 0, 0]), // unknown end
      new Uint8Array([1, 1, 1]), // depth 257
      new Uint8Array([2, 0, 0, ...sibling]), // `other` cut short
      new Uint8Array([1, 0]), // short header
    ];
    for (const bytes of cases)
      expect(
        outcome(() => decodeProof(bytes)),
        toHex(bytes),
      ).toBe('bad-proof');
  });
});

describe('tampered proofs', () => {
  it('any flipped bit either fails to decode or fails to verify', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.nat(),
        fc.nat(7),
        fc.nat(KEYS.length - 1),
        ({ root, cases }, at, bit, which) => {
          const { key, valueHash, proof } = cases[which]!;
          const bytes = encodeProof(proof);
          bytes[at % bytes.length]! ^= 1 << bit;
          let decoded: SmtProof;
          try {
            decoded = decodeProof(bytes);
          } catch (e) {
            expect(isProtoError(e, 'bad-proof')).toBe(true);
            return;
          }
          expect(verifyProof(root, key, valueHash, decoded)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('an inclusion proof says nothing about another key, and no proof holds against another root', () => {
    fc.assert(
      fc.property(scenario, scenario, ({ root, cases }, other) => {
        const [a, b] = [cases[0]!, cases[5]!];
        if (a.valueHash) expect(verifyProof(root, b.key, a.valueHash, a.proof)).toBe(false);
        if (toHex(other.root) !== toHex(root))
          expect(verifyProof(other.root, a.key, a.valueHash, a.proof)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
