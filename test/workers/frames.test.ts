/**
 * The p2p frame codec inside workerd: the edge speaks the node's frames. Frames encoded under Node
 * (test/workers/node-side.ts) decode here to the same messages and encode back to the same bytes;
 * every message round-trips and arbitrary bytes either fail with a ProtoError or are the one encoding
 * of what they decode to.
 */
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { fromHex, toHex } from '../../core/bytes.ts';
import { ProtoError } from '../../core/errors.ts';
import { decodeMessage, encodeMessage } from '../../core/p2p/codec.ts';
import { anyMessage } from '../../core/p2p/message.fixture.ts';
import { assertRoundTrips, strictDecoding } from '../fuzz.ts';
import { FRAME_SAMPLE } from './fixtures.ts';

const node = inject('nodeSide');

describe('p2p frames in workerd', () => {
  it('decodes the frames Node encoded to the same messages and encodes them back byte for byte', () => {
    const messages = fc.sample(anyMessage, FRAME_SAMPLE);
    expect(node.frames).toHaveLength(messages.length);
    const types = new Set(messages.map((m) => m.type));
    expect(types.size).toBeGreaterThan(10);
    messages.forEach((m, i) => {
      const frame = fromHex(node.frames[i]!)!;
      expect(decodeMessage(frame)).toEqual(m);
      expect(toHex(encodeMessage(m))).toBe(node.frames[i]);
    });
  });

  it('round-trips every message', () => {
    assertRoundTrips(anyMessage, decodeMessage, encodeMessage);
  });

  it('rejects arbitrary bytes with a ProtoError or decodes them to their one encoding', () => {
    const frame = fc
      .tuple(fc.integer({ min: 0, max: 17 }), fc.uint8Array({ maxLength: 300 }))
      .map(([t, b]) => new Uint8Array([t, ...b]));
    fc.assert(fc.property(frame, strictDecoding(decodeMessage, encodeMessage, ProtoError)), {
      numRuns: 2000,
    });
  });
});
