import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertRoundTrips, strictDecoding } from '../test/fuzz.ts';
import { type Codec, decodeWith, encodeWith, Reader, Writer } from './codec.ts';
import { ProtoError } from './errors.ts';

interface Sample {
  a: number;
  b: number;
  c: number;
  d: bigint;
  e: bigint;
  h: number;
  f: Uint8Array;
  s: Uint8Array;
  list: number[];
}

const sample: Codec<Sample> = {
  write(w, v) {
    w.u8(v.a).u16(v.b).u32(v.c).u64(v.d).time(v.e).height(v.h).fixed(v.f).sized(v.s).u8(v.list.length);
    for (const x of v.list) w.u16(x);
    return w;
  },
  read(r) {
    const [a, b, c, d, e, h, f, s] = [
      r.u8(),
      r.u16(),
      r.u32(),
      r.u64(),
      r.time(),
      r.height(),
      r.fixed(),
      r.sized(64, 's'),
    ];
    return { a, b, c, d, e, h, f, s, list: Array.from({ length: r.count(1, 4, 1, 'list') }, () => r.u16()) };
  },
};

const samples = fc.record({
  a: fc.integer({ min: 0, max: 0xff }),
  b: fc.integer({ min: 0, max: 0xffff }),
  c: fc.integer({ min: 0, max: 0xffffffff }),
  d: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  e: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }),
  h: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  f: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  s: fc.uint8Array({ maxLength: 64 }),
  list: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 4 }),
});

const decode = (b: Uint8Array) => decodeWith(sample, b, 'sample');
const encode = (v: Sample) => encodeWith(sample, v);

describe('codec kit', () => {
  it('round-trips every field type', () => {
    assertRoundTrips(samples, decode, encode);
  });

  it('rejects mutated, cut or grown bytes with a ProtoError, or decodes them to their one encoding', () => {
    const check = strictDecoding(decode, encode, ProtoError);
    const mutation = fc.record({
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
      cut: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(samples, mutation, (v, mu) => {
        const bytes = encode(v);
        const mutated = bytes.slice();
        mutated[mu.at % bytes.length] = mu.value;
        check(mutated);
        check(bytes.subarray(0, bytes.length - mu.cut));
        check(new Uint8Array([...bytes, mu.value]));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses to write a value that does not fit its field', () => {
    for (const write of [
      () => new Writer().u8(256),
      () => new Writer().u8(-1),
      () => new Writer().u16(1.5),
      () => new Writer().u32(2 ** 32),
      () => new Writer().u64(1n << 64n),
      () => new Writer().time(1n << 63n),
      () => new Writer().fixed(new Uint8Array(31)),
      () => new Writer().height(2 ** 53),
      () => new Writer().height(-1),
      () => new Writer().height(1.5),
    ])
      expect(write).toThrow(ProtoError);
  });

  it('writes a height as the u64 of its value and reads back only those up to 2^53 - 1', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (h) => {
        const bytes = new Writer().height(h).bytes();
        expect(bytes).toEqual(new Writer().u64(BigInt(h)).bytes());
        expect(new Reader(bytes, 'h').height()).toBe(h);
      }),
    );
    const tooHigh = new Writer().u64(2n ** 53n).bytes();
    expect(() => new Reader(tooHigh, 'header').height()).toThrow(
      /bad-encoding: header: height 9007199254740992/,
    );
    expect(new Reader(new Writer().u64(2n ** 53n - 1n).bytes(), 'h').height()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads big-endian integers and names the value in errors', () => {
    const r = new Reader(Uint8Array.of(1, 2, 0xff, 0xff, 0xff, 0xfe), 'pair');
    expect([r.u16(), r.u32()]).toEqual([0x0102, 0xfffffffe]);
    expect(() => r.u8()).toThrow(/bad-length: pair: truncated/);
    expect(() => new Reader(Uint8Array.of(9), 'list').count(1, 4, 1, 'items')).toThrow(
      /list: items 9 is not from 1 to 4/,
    );
  });
});
