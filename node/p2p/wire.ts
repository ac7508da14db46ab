/** Byte reader and writer for p2p frames: big-endian, bounds-checked, no trailing bytes allowed. */
import { concatBytes } from '../../core/bytes.ts';

/** Thrown on any malformed frame; the peer that sent it is dropped. */
export class FrameError extends Error {
  override readonly name = 'FrameError';
}

export class Reader {
  private readonly view: DataView;
  private at = 0;
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): number {
    if (this.at + n > this.bytes.length) throw new FrameError(`frame ends early at byte ${this.at}`);
    const start = this.at;
    this.at += n;
    return start;
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }

  u16(): number {
    return this.view.getUint16(this.need(2));
  }

  u32(): number {
    return this.view.getUint32(this.need(4));
  }

  u64(): bigint {
    return this.view.getBigUint64(this.need(8));
  }

  take(n: number): Uint8Array {
    const start = this.need(n);
    return this.bytes.slice(start, start + n);
  }

  /** A count from a u8 or u16 prefix, checked against `min`..`max`. */
  count(width: 1 | 2, min: number, max: number, what: string): number {
    const n = width === 1 ? this.u8() : this.u16();
    if (n < min || n > max) throw new FrameError(`${what}: ${n} is not from ${min} to ${max}`);
    return n;
  }

  /** Fails unless every byte was read. */
  end(): void {
    if (this.at !== this.bytes.length) throw new FrameError(`${this.bytes.length - this.at} trailing bytes`);
  }
}

export class Writer {
  private readonly parts: Uint8Array[] = [];

  u8(v: number): this {
    this.parts.push(Uint8Array.of(v));
    return this;
  }

  u16(v: number): this {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v);
    this.parts.push(b);
    return this;
  }

  u32(v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v);
    this.parts.push(b);
    return this;
  }

  u64(v: bigint): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v);
    this.parts.push(b);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.parts.push(b);
    return this;
  }

  finish(): Uint8Array {
    return concatBytes(...this.parts);
  }
}
