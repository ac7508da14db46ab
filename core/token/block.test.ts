import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes.ts';
import { isProtoError, ProtoError } from '../errors.ts';
import { BLOCK_LENGTH, decodeBlock, encodeBlock, MERGE_BLOCK_LENGTH, type TokenBlock } from './block.ts';

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const arbBlock: fc.Arbitrary<TokenBlock> = fc
  .record({
    prev: bytes32,
    type: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<TokenBlock['type']>,
    time: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }),
    target: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
    key: bytes32,
    other: fc.option(bytes32, { nil: undefined }),
  })
  .map(({ other, ...rest }) => (other ? { ...rest, other } : rest));

/** A block laid out by hand from PROTOCOL.md §1, independent of encodeBlock. */
function handmade(kind: number, time: bigint, withOther: boolean): Uint8Array {
  const out = new Uint8Array(withOther ? 137 : 105);
  out.fill(0xaa, 0, 32);
  out[32] = kind;
  for (let i = 0; i < 8; i++) out[33 + i] = Number((time >> BigInt(8 * (7 - i))) & 0xffn);
  out[41 + 31] = 0x2a; // target 42
  out.fill(0xbb, 73, 105);
  if (withOther) out.fill(0xcc, 105, 137);
  return out;
}

function codeOf(bytes: Uint8Array): string {
  try {
    decodeBlock(bytes);
    return 'ok';
  } catch (e) {
    return isProtoError(e) ? e.code : 'not a ProtoError';
  }
}

describe('token block codec', () => {
  it('decodes the byte layout of §1', () => {
    const b = decodeBlock(handmade(0x83, 0x0102030405060708n, true));
    expect(b.prev).toEqual(new Uint8Array(32).fill(0xaa));
    expect(b.type).toBe(3);
    expect(b.time).toBe(0x0102030405060708n);
    expect(b.target).toBe(42n);
    expect(b.key).toEqual(new Uint8Array(32).fill(0xbb));
    expect(b.other).toEqual(new Uint8Array(32).fill(0xcc));
    expect(decodeBlock(handmade(1, 5n, false)).other).toBeUndefined();
  });

  it('encodes to the layout it decodes', () => {
    for (const [kind, merge] of [
      [0x82, true],
      [4, false],
    ] as const) {
      const raw = handmade(kind, (1n << 63n) - 1n, merge);
      expect(encodeBlock(decodeBlock(raw))).toEqual(raw);
    }
  });

  it('rejects each strict-decoding fault with its code', () => {
    const plain = handmade(1, 7n, false);
    const merge = handmade(0x81, 7n, true);
    expect(codeOf(plain.subarray(0, 104))).toBe('bad-length');
    expect(codeOf(concatBytes(merge, new Uint8Array(1)))).toBe('bad-length');
    expect(codeOf(new Uint8Array(0))).toBe('bad-length');
    expect(codeOf(handmade(0x81, 7n, false))).toBe('bad-kind');
    expect(codeOf(handmade(0x01, 7n, true))).toBe('bad-kind');
    for (const kind of [0, 5, 0x7f]) expect(codeOf(handmade(kind, 7n, false))).toBe('unknown-type');
    expect(codeOf(handmade(0x80, 7n, true))).toBe('unknown-type');
    expect(codeOf(handmade(1, 1n << 63n, false))).toBe('time-overflow');
    expect(codeOf(handmade(1, (1n << 64n) - 1n, false))).toBe('time-overflow');
    expect(codeOf(handmade(1, (1n << 63n) - 1n, false))).toBe('ok');
  });

  it('reads a block inside a larger buffer (byteOffset)', () => {
    const raw = handmade(2, 99n, false);
    const host = concatBytes(new Uint8Array(3), raw, new Uint8Array(5));
    expect(decodeBlock(host.subarray(3, 3 + 105))).toEqual(decodeBlock(raw));
  });
});

describe('token block codec properties', () => {
  it('round-trips every block', () => {
    fc.assert(
      fc.property(arbBlock, (b) => {
        const raw = encodeBlock(b);
        expect(raw.length).toBe(b.other ? MERGE_BLOCK_LENGTH : BLOCK_LENGTH);
        expect(decodeBlock(raw)).toEqual(b);
      }),
    );
  });

  it('rejects every truncation or extension with bad-length or bad-kind', () => {
    const change = fc.integer({ min: -137, max: 300 }).filter((d) => d !== 0);
    fc.assert(
      fc.property(arbBlock, change, fc.integer({ min: 0, max: 255 }), (b, delta, fill) => {
        const raw = encodeBlock(b);
        const mutated =
          delta < 0
            ? raw.subarray(0, Math.max(0, raw.length + delta))
            : concatBytes(raw, new Uint8Array(delta).fill(fill));
        const code = codeOf(mutated);
        const kindFault = mutated.length === BLOCK_LENGTH || mutated.length === MERGE_BLOCK_LENGTH;
        expect(code).toBe(kindFault ? 'bad-kind' : 'bad-length');
      }),
    );
  });

  it('throws only ProtoError on arbitrary bytes, and re-encodes whatever it accepts', () => {
    const lengths = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ minLength: 105, maxLength: 105 }),
      fc.uint8Array({ minLength: 137, maxLength: 137 }),
    );
    fc.assert(
      fc.property(lengths, (raw) => {
        let block: TokenBlock;
        try {
          block = decodeBlock(raw);
        } catch (e) {
          expect(e).toBeInstanceOf(ProtoError);
          return;
        }
        expect(encodeBlock(block)).toEqual(raw);
      }),
      { numRuns: 2000 },
    );
  });
});
