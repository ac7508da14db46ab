/** Shared property checks for codecs: round trips, and strict decoding of arbitrary bytes. */
import fc from 'fast-check';
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

/** Asserts that every value of `values` decodes from its encoding unchanged. */
export function assertRoundTrips<T>(
  values: fc.Arbitrary<T>,
  decode: (bytes: Uint8Array) => T,
  encode: (value: T) => Uint8Array,
): void {
  fc.assert(
    fc.property(values, (value) => {
      expect(decode(encode(value))).toEqual(value);
    }),
  );
}
