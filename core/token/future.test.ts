import { describe, expect, it } from 'vitest';
import { catching } from '../../test/catching.ts';
import { VectorBuilder } from '../../test/vectors/token/builder.ts';
import { toHex } from '../bytes.ts';
import { isProtoError } from '../errors.ts';
import { FuturePool, MAX_HELD } from './future.ts';

const S = 1_000_000_000n;

/** A distinct 32-byte hash and a one-byte "block" carrying the same number. */
function item(n: number): [Uint8Array, Uint8Array] {
  const hash = new Uint8Array(32);
  new DataView(hash.buffer).setUint32(0, n);
  return [new Uint8Array([n & 0xff]), hash];
}

describe('future pool', () => {
  it(`holds at most ${MAX_HELD} blocks, dropping the one furthest in the future`, () => {
    const pool = new FuturePool();
    const far = 10_000_000n;
    for (let i = 0; i < MAX_HELD; i++) pool.hold(...item(i), far + BigInt(i));
    expect(pool.size).toBe(MAX_HELD);
    pool.hold(...item(MAX_HELD), 5n); // a near block evicts the furthest one
    expect(pool.size).toBe(MAX_HELD);
    pool.hold(...item(MAX_HELD + 1), far * 10n); // a further block is itself dropped
    expect(pool.size).toBe(MAX_HELD);
    const all = pool.due(far * 100n);
    expect(all.length).toBe(MAX_HELD);
    expect(all[0]).toEqual(new Uint8Array([MAX_HELD & 0xff]));
    expect(all.at(-1)).toEqual(new Uint8Array([(MAX_HELD - 2) & 0xff]));
    expect(pool.size).toBe(0);
  });

  it('returns due blocks oldest first and keeps the rest; a repeated hash is held once', () => {
    const pool = new FuturePool();
    pool.hold(...item(1), 30n);
    pool.hold(...item(2), 10n);
    pool.hold(...item(3), 20n);
    pool.hold(...item(2), 10n);
    expect(pool.size).toBe(3);
    expect(pool.due(25n)).toEqual([new Uint8Array([2]), new Uint8Array([3])]);
    expect(pool.due(25n)).toEqual([]);
    expect(pool.size).toBe(1);
  });
});

describe('future blocks in the dag', () => {
  it('holds a block from the future (action retry) and accepts it once due', () => {
    const b = new VectorBuilder('future');
    const v1 = b.add({ prev: b.genesis, type: 1 });
    const limit = b.params.futureLimit;
    const edge = b.mine({ prev: v1, type: 1, time: b.now + limit });
    expect(b.dag.addOrThrow(edge.bytes, b.now).hash).toEqual(edge.hash);
    const late = b.mine({ prev: edge.hash, type: 1, time: b.now + limit + 1n });
    const e = catching(() => b.dag.addOrThrow(late.bytes, b.now));
    expect(isProtoError(e, 'from-future') && e.action).toBe('retry');
    expect(b.dag.has(late.hash)).toBe(false);
    expect(b.dag.retryFuture(late.block.time - limit - 1n)).toEqual([]);
    const added = b.dag.retryFuture(late.block.time - limit);
    expect(added.map((a) => toHex(a.raw))).toEqual([toHex(late.bytes)]);
    expect(b.dag.tip('validator').hash).toEqual(late.hash);
  });

  it('drops a held block that is still an orphan when due', () => {
    const b = new VectorBuilder('future-orphan');
    const v1 = b.mine({ prev: b.genesis, type: 1, time: b.now });
    const v2 = b.mine({ prev: v1.hash, type: 1, time: b.now + 60n * S, target: 1n << 254n });
    expect(
      isProtoError(
        catching(() => b.dag.addOrThrow(v2.bytes, b.now)),
        'from-future',
      ),
    ).toBe(true);
    expect(b.dag.retryFuture(b.now + 60n * S)).toEqual([]);
    b.dag.addOrThrow(v1.bytes, b.now);
    expect(b.dag.retryFuture(b.now + 60n * S)).toEqual([]);
    expect(b.dag.has(v2.hash)).toBe(false);
  });
});
