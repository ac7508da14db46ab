import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertRoundTrips, strictDecoding } from '../../test/fuzz.ts';
import { ProtoError } from '../errors.ts';
import { MAX_TX_BYTES } from '../ledger/index.ts';
import { decodeTxBatch, encodeTxBatch, MAX_TX_BATCH_SUBMIT } from './tx-batch.ts';

const tx = fc.uint8Array({ minLength: 1, maxLength: 200 });
const batch = fc.array(tx, { minLength: 1, maxLength: 20 });

function codeOf(f: () => unknown): string {
  try {
    f();
    return 'decoded';
  } catch (e) {
    return e instanceof ProtoError ? e.code : 'other';
  }
}

describe('transaction batch codec', () => {
  it('round-trips any batch', () => {
    assertRoundTrips(batch, decodeTxBatch, encodeTxBatch);
  });

  it('decodes arbitrary and mutated bytes only to their one encoding (fuzz)', () => {
    const check = strictDecoding(decodeTxBatch, encodeTxBatch, ProtoError);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), check), { numRuns: 2000 });
    const mutated = batch.chain((b) =>
      fc.tuple(fc.constant(encodeTxBatch(b)), fc.nat(), fc.integer({ min: 0, max: 255 })),
    );
    fc.assert(
      fc.property(mutated, ([bytes, at, v]) => {
        const copy = bytes.slice();
        copy[at % copy.length] = v;
        check(copy);
        check(bytes.subarray(0, at % bytes.length));
      }),
    );
  });

  it('refuses an empty batch, empty or long transactions, too many, and trailing bytes', () => {
    expect(codeOf(() => decodeTxBatch(new Uint8Array([0, 0])))).toBe('bad-encoding');
    expect(codeOf(() => decodeTxBatch(new Uint8Array([0, 1, 0, 0])))).toBe('bad-encoding');
    const long = new Uint8Array(4 + MAX_TX_BYTES + 1);
    long.set([0, 1, (MAX_TX_BYTES + 1) >> 8, (MAX_TX_BYTES + 1) & 255]);
    expect(codeOf(() => decodeTxBatch(long))).toBe('bad-encoding');
    const many = MAX_TX_BATCH_SUBMIT + 1;
    expect(codeOf(() => decodeTxBatch(new Uint8Array([many >> 8, many & 255])))).toBe('bad-encoding');
    const ok = encodeTxBatch([new Uint8Array([1, 2, 3])]);
    expect(codeOf(() => decodeTxBatch(new Uint8Array([...ok, 9])))).toBe('bad-length');
    expect(codeOf(() => encodeTxBatch([]))).toBe('bad-encoding');
    expect(decodeTxBatch(ok)).toEqual([new Uint8Array([1, 2, 3])]);
  });
});
