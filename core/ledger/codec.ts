import { bigintToBytes, bytesToBigint, concatBytes } from '../bytes.ts';
import { ProtoError } from '../errors.ts';

/**
 * Building blocks of the ledger's binary codecs (docs/ledger.md §1): fixed-width big-endian integers,
 * fixed-length byte strings and counted lists. A `Reader` is strict: it throws `bad-length` when the
 * input is short or has trailing bytes and `bad-encoding` for a value out of range, so every value
 * has exactly one encoding.
 */

/** Largest time and the bound every u64 time must stay under (PROTOCOL.md: times are < 2^63). */
export const TIME_LIMIT = 1n << 63n;

/** Appends fields in order; `bytes()` returns their concatenation. */
export class Writer {
  private readonly parts: Uint8Array[] = [];

  u8(v: number): this {
    return this.uint(BigInt(v), 1);
  }
  u16(v: number): this {
    return this.uint(BigInt(v), 2);
  }
  u32(v: number): this {
    return this.uint(BigInt(v), 4);
  }
  u64(v: bigint): this {
    return this.uint(v, 8);
  }
  u128(v: bigint): this {
    return this.uint(v, 16);
  }
  u256(v: bigint): this {
    return this.uint(v, 32);
  }

  /** A time in ns: a u64 below 2^63. */
  time(v: bigint): this {
    if (v >= TIME_LIMIT) throw new ProtoError('bad-encoding', `time ${v} is not below 2^63`);
    return this.u64(v);
  }

  /** Exactly `length` bytes (32 unless told). */
  fixed(b: Uint8Array, length = 32): this {
    if (b.length !== length)
      throw new ProtoError('bad-length', `field is ${b.length} bytes, expected ${length}`);
    this.parts.push(b);
    return this;
  }

  /** Bytes whose length the reader knows from context (a trailing field). */
  raw(b: Uint8Array): this {
    this.parts.push(b);
    return this;
  }

  bytes(): Uint8Array {
    return concatBytes(...this.parts);
  }

  private uint(v: bigint, width: number): this {
    if (v < 0n || v >> BigInt(8 * width) !== 0n) {
      throw new ProtoError('bad-encoding', `${v} does not fit in ${width} bytes`);
    }
    this.parts.push(bigintToBytes(v, width));
    return this;
  }
}

/** Reads fields in order from `bytes`; `end()` rejects trailing bytes. `what` names the value in errors. */
export class Reader {
  private at = 0;
  private readonly bytes: Uint8Array;
  private readonly what: string;

  constructor(bytes: Uint8Array, what: string) {
    this.bytes = bytes;
    this.what = what;
  }

  /** Bytes not read yet. */
  get left(): number {
    return this.bytes.length - this.at;
  }

  u8(): number {
    return this.take(1)[0]!;
  }
  u16(): number {
    return Number(this.uint(2));
  }
  u32(): number {
    return Number(this.uint(4));
  }
  u64(): bigint {
    return this.uint(8);
  }
  u128(): bigint {
    return this.uint(16);
  }
  u256(): bigint {
    return this.uint(32);
  }

  /** A time in ns: a u64 below 2^63. */
  time(): bigint {
    const t = this.uint(8);
    if (t >= TIME_LIMIT) throw this.fail(`time ${t} is not below 2^63`);
    return t;
  }

  /** A copy of the next `length` bytes (32 unless told). */
  fixed(length = 32): Uint8Array {
    return this.take(length).slice();
  }

  /** A list count read as u8/u16/u32 and checked against `max`, so a hostile count allocates nothing. */
  count(width: 1 | 2 | 4, max: number): number {
    const n = width === 1 ? this.u8() : width === 2 ? this.u16() : this.u32();
    if (n > max) throw this.fail(`count ${n} exceeds ${max}`);
    return n;
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.at !== this.bytes.length) {
      throw new ProtoError('bad-length', `${this.what}: ${this.bytes.length - this.at} trailing bytes`);
    }
  }

  /** A `bad-encoding` error naming the value being read. */
  fail(message: string): ProtoError {
    return new ProtoError('bad-encoding', `${this.what}: ${message}`);
  }

  private uint(width: number): bigint {
    return bytesToBigint(this.take(width));
  }

  private take(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw new ProtoError('bad-length', `${this.what}: truncated`);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}
