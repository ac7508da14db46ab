import { bigintToBytes, bytesToBigint, concatBytes } from './bytes.ts';
import { ProtoError } from './errors.ts';
import type { Height } from './height.ts';

/**
 * The one codec kit of the protocol (docs/ledger.md §1, docs/node.md frames): fixed-width big-endian
 * integers, fixed-length byte strings and counted lists, with a `Codec` object per wire type. A
 * `Reader` is strict: it throws `bad-length` when the input is short or has trailing bytes and
 * `bad-encoding` for a value out of range, so every value has exactly one encoding. A `Writer` refuses
 * a value that does not fit its field.
 */

/** Largest time and the bound every u64 time must stay under (PROTOCOL.md: times are < 2^63). */
export const TIME_LIMIT = 1n << 63n;

/** One wire type: `write` appends a value's encoding, `read` takes it back strictly. */
export interface Codec<T> {
  write(w: Writer, value: T): Writer;
  read(r: Reader): T;
}

/** The bytes of `value` under `codec`. */
export function encodeWith<T>(codec: Codec<T>, value: T): Uint8Array {
  return codec.write(new Writer(), value).bytes();
}

/** The value in `bytes` under `codec`; every byte must be read. `what` names it in errors. */
export function decodeWith<T>(codec: Codec<T>, bytes: Uint8Array, what: string): T {
  const r = new Reader(bytes, what);
  const value = codec.read(r);
  r.end();
  return value;
}

/** Appends fields in order; `bytes()` returns their concatenation. */
export class Writer {
  private readonly parts: Uint8Array[] = [];

  u8(v: number): this {
    this.parts.push(Uint8Array.of(small(v, 1)));
    return this;
  }
  u16(v: number): this {
    small(v, 2);
    this.parts.push(Uint8Array.of(v >>> 8, v & 0xff));
    return this;
  }
  u32(v: number): this {
    small(v, 4);
    this.parts.push(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
    return this;
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
    if (v >= TIME_LIMIT) throw new ProtoError('bad-encoding', `time ${v} is not below 2^63`, 'penalize');
    return this.u64(v);
  }

  /** A height: a u64 from a safe non-negative integer (core/height.ts). */
  height(h: Height): this {
    if (!Number.isSafeInteger(h) || h < 0)
      throw new ProtoError('bad-encoding', `height ${h} is not a safe integer >= 0`, 'penalize');
    return this.u32(Math.floor(h / 2 ** 32)).u32(h % 2 ** 32);
  }

  /** Exactly `length` bytes (32 unless told). */
  fixed(b: Uint8Array, length = 32): this {
    if (b.length !== length)
      throw new ProtoError('bad-length', `field is ${b.length} bytes, expected ${length}`, 'penalize');
    this.parts.push(b);
    return this;
  }

  /** Bytes whose length the reader knows from context (a trailing field, or one after its length). */
  raw(b: Uint8Array): this {
    this.parts.push(b);
    return this;
  }

  /** Bytes after their u32 length. */
  sized(b: Uint8Array): this {
    return this.u32(b.length).raw(b);
  }

  bytes(): Uint8Array {
    return concatBytes(...this.parts);
  }

  private uint(v: bigint, width: number): this {
    if (v < 0n || v >> BigInt(8 * width) !== 0n) {
      throw new ProtoError('bad-encoding', `${v} does not fit in ${width} bytes`, 'penalize');
    }
    this.parts.push(bigintToBytes(v, width));
    return this;
  }
}

/** `v` when it is an integer that fits in `width` bytes (at most 4). */
function small(v: number, width: number): number {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** (8 * width))
    throw new ProtoError('bad-encoding', `${v} does not fit in ${width} bytes`, 'penalize');
  return v;
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
    return this.bytes[this.skip(1)]!;
  }
  u16(): number {
    const i = this.skip(2);
    return (this.bytes[i]! << 8) | this.bytes[i + 1]!;
  }
  u32(): number {
    const i = this.skip(4);
    const b = this.bytes;
    return ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
  }
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
  u128(): bigint {
    return bytesToBigint(this.take(16));
  }
  u256(): bigint {
    return bytesToBigint(this.take(32));
  }

  /** A time in ns: a u64 below 2^63. */
  time(): bigint {
    const t = this.u64();
    if (t >= TIME_LIMIT) throw this.fail(`time ${t} is not below 2^63`);
    return t;
  }

  /** A height: a u64 that is also a safe integer (core/height.ts), else `bad-encoding`. */
  height(): Height {
    const [high, low] = [this.u32(), this.u32()];
    // 2^53 - 1 is the largest safe integer: the high word holds at most 21 bits
    if (high >= 2 ** 21) throw this.fail(`height ${(BigInt(high) << 32n) | BigInt(low)} is above 2^53 - 1`);
    return high * 2 ** 32 + low;
  }

  /** A copy of the next `length` bytes (32 unless told). */
  fixed(length = 32): Uint8Array {
    return this.take(length).slice();
  }

  /** Bytes after their u32 length, at most `max`. */
  sized(max: number, what: string): Uint8Array {
    const n = this.u32();
    if (n > max) throw this.fail(`${what} of ${n} bytes, more than ${max}`);
    return this.fixed(n);
  }

  /**
   * A list count read as u8/u16/u32 and checked against `min`..`max`, so a hostile count allocates
   * nothing. `what` names the list in errors.
   */
  count(width: 1 | 2 | 4, max: number, min = 0, what = 'count'): number {
    const n = width === 1 ? this.u8() : width === 2 ? this.u16() : this.u32();
    if (n < min || n > max) throw this.fail(`${what} ${n} is not from ${min} to ${max}`);
    return n;
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.at !== this.bytes.length) {
      throw new ProtoError(
        'bad-length',
        `${this.what}: ${this.bytes.length - this.at} trailing bytes`,
        'penalize',
      );
    }
  }

  /** A `bad-encoding` error naming the value being read. */
  fail(message: string): ProtoError {
    return new ProtoError('bad-encoding', `${this.what}: ${message}`, 'penalize');
  }

  private take(n: number): Uint8Array {
    const i = this.skip(n);
    return this.bytes.subarray(i, i + n);
  }

  private skip(n: number): number {
    if (this.at + n > this.bytes.length)
      throw new ProtoError('bad-length', `${this.what}: truncated`, 'penalize');
    const i = this.at;
    this.at += n;
    return i;
  }
}
