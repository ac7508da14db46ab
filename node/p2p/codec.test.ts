import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { assertRoundTrips, strictDecoding } from '../../test/fuzz.ts';
import { decodeMessage, encodeMessage, type Message } from './codec.ts';
import { MAX_BATCH, MAX_FRAME } from './limits.ts';
import { FrameError } from './wire.ts';

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
const raw = fc.oneof(
  fc.uint8Array({ minLength: 105, maxLength: 105 }),
  fc.uint8Array({ minLength: 137, maxLength: 137 }),
);
const subchain = fc.oneof(
  fc.constantFrom('validator', 'proposal'),
  hash.map((h) => `congress:${toHex(h)}`),
);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const address = fc
  .tuple(fc.stringMatching(/^[0-9a-z.-]{1,20}$/), fc.integer({ min: 1, max: 65535 }))
  .map(([h, p]) => `${h}:${p}`);

const message: fc.Arbitrary<Message> = fc.oneof(
  fc.record({
    type: fc.constant('hello'),
    version: fc.integer({ min: 0, max: 255 }),
    chainId: hash,
    nodeId: hash,
    listenPort: fc.integer({ min: 0, max: 65535 }),
  }),
  fc.record({
    type: fc.constant('status'),
    tips: fc.array(
      fc.record({ subchain, hash, aw: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), count: u32 }),
      { maxLength: 4 },
    ),
  }),
  fc.record({ type: fc.constant('block'), raw }),
  fc.record({
    type: fc.constant('getTokens'),
    id: u32,
    subchain,
    after: u32,
    limit: fc.integer({ min: 1, max: MAX_BATCH }),
    locator: fc.array(hash, { maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('tokens'), id: u32, start: u32, raws: fc.array(raw, { maxLength: 4 }) }),
  fc.record({
    type: fc.constant('getBlocks'),
    id: u32,
    hashes: fc.array(hash, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('blocks'), id: u32, raws: fc.array(raw, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('getPeers') }),
  fc.record({ type: fc.constant('peers'), addresses: fc.array(address, { maxLength: 4 }) }),
) as fc.Arbitrary<Message>;

const checkStrict = strictDecoding(decodeMessage, encodeMessage, FrameError);

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
    for (const frame of bad) expect(() => decodeMessage(Uint8Array.from(frame))).toThrow(FrameError);
  });

  it('keeps the largest message under the frame cap', () => {
    const raws = Array.from({ length: MAX_BATCH }, () => new Uint8Array(137));
    expect(encodeMessage({ type: 'tokens', id: 1, start: 0, raws }).length).toBeLessThan(MAX_FRAME);
  });
});
