/** Shared checks for fuzz tests of strict decoders. */
import { expect } from 'vitest';
import { toHex } from '../core/bytes.ts';

/**
 * A check that a strict decoder either rejects `bytes` with `error` or returns the one value that
 * encodes back to exactly them (each value has one encoding).
 */
export function strictDecoding<T>(
  decode: (bytes: Uint8Array) => T,
  encode: (value: T) => Uint8Array,
  // biome-ignore lint/suspicious/noExplicitAny: any error class, whatever its constructor takes
  error: abstract new (...args: any[]) => Error,
): (bytes: Uint8Array) => void {
  return (bytes) => {
    let value: T;
    try {
      value = decode(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(error);
      return;
    }
    expect(toHex(encode(value))).toBe(toHex(bytes));
  };
}
