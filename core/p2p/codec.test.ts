import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertRoundTrips, strictDecoding } from '../../test/fuzz.ts';
import { ProtoError } from '../errors.ts';
import { decodeMessage, encodeMessage } from './codec.ts';
import { MAX_BATCH, MAX_FRAME } from './limits.ts';
import { tokenMessage as message } from './message.fixture.ts';

const checkStrict = strictDecoding(decodeMessage, encodeMessage, ProtoError);

describe('p2p codec', () => {
  it('round-trips every message', () => {
    assertRoundTrips(message, decodeMessage, encodeMessage);
  });

  it('rejects random bytes or decodes them to their one encoding (fuzz)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), checkStrict), { numRuns: 5000 });
  });

  it('rejects mutated frames or decodes them to their one encoding (fuzz)', () => {
    const mutation = fc.record({
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
      cut: fc.nat({ max: 3 }),
      grow: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(message, mutation, (m, mu) => {
        const frame = encodeMessage(m);
        const mutated = frame.slice();
        mutated[mu.at % frame.length] = mu.value;
        checkStrict(mutated);
        checkStrict(frame.subarray(0, Math.max(0, frame.length - mu.cut)));
        checkStrict(new Uint8Array([...frame, ...new Uint8Array(mu.grow).fill(mu.value)]));
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects what no peer may send', () => {
    const bad = [
      [],
      [0],
      [10],
      [3, ...new Uint8Array(104)],
      [8, 0],
      [2, 1, 9, ...new Uint8Array(68)],
      [5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 104, ...new Uint8Array(104)],
      [9, 1, 3, 65, 66, 67, 0, 80],
      [9, 1, 3, 97, 98, 99, 0, 0],
    ];
    for (const frame of bad) expect(() => decodeMessage(Uint8Array.from(frame))).toThrow(ProtoError);
  });

  it('keeps the largest message under the frame cap', () => {
    const raws = Array.from({ length: MAX_BATCH }, () => new Uint8Array(137));
    expect(encodeMessage({ type: 'tokens', id: 1, start: 0, raws }).length).toBeLessThan(MAX_FRAME);
  });
});
