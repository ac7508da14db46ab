import { describe, expect, it } from 'vitest';
import { catching } from '../../test/catching.ts';
import { requiredTarget } from '../../test/gen/chain.ts';
import { VectorBuilder } from '../../test/vectors/token/builder.ts';
import { toHex } from '../bytes.ts';
import { isProtoError } from '../errors.ts';
import { FuturePool, MAX_HELD, MAX_HELD_PER_ORIGIN } from './future.ts';
import { MAX_U256 } from './pow.ts';

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
    for (let i = 0; i < MAX_HELD; i++) pool.hold(...item(i), far + BigInt(i), `o${i % 32}`);
    expect(pool.size).toBe(MAX_HELD);
    pool.hold(...item(MAX_HELD), 5n, 'x'); // a near block evicts the furthest one
    expect(pool.size).toBe(MAX_HELD);
    pool.hold(...item(MAX_HELD + 1), far * 10n, 'x'); // a further block is itself dropped
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

describe('future pool shares', () => {
  it(`holds at most ${MAX_HELD_PER_ORIGIN} blocks per origin; others keep their room, and a share frees as blocks fall due`, () => {
    const pool = new FuturePool();
    for (let i = 0; i < MAX_HELD_PER_ORIGIN; i++)
      expect(pool.hold(...item(i), 100n + BigInt(i), 'a')).toBe(true);
    expect(pool.hold(...item(1000), 50n, 'a')).toBe(false);
    expect(pool.heldFor('a')).toBe(MAX_HELD_PER_ORIGIN);
    expect(pool.hold(...item(1001), 50n, 'b')).toBe(true);
    expect(pool.hold(...item(1002), 50n)).toBe(true);
    expect(pool.due(109n).length).toBe(12);
    expect(pool.heldFor('a')).toBe(MAX_HELD_PER_ORIGIN - 10);
    expect(pool.hold(...item(1000), 50n, 'a')).toBe(true);
  });

  it('reports a block dropped at once from a full pool as not held', () => {
    const pool = new FuturePool();
    for (let i = 0; i < MAX_HELD; i++) pool.hold(...item(i), 10n, `o${i % 32}`);
    expect(pool.hold(...item(MAX_HELD), 20n, 'late')).toBe(false);
    expect(pool.heldFor('late')).toBe(0);
    expect(pool.hold(...item(MAX_HELD + 1), 5n, 'late')).toBe(true);
    expect(pool.size).toBe(MAX_HELD);
  });
});

describe('future blocks in the dag', () => {
  it('refuses a cheap block an hour ahead whose target does not follow its known parent, holding nothing', () => {
    const b = new VectorBuilder('future-target');
    const v1 = b.add({ prev: b.genesis, type: 1 });
    expect(requiredTarget(b.dag, v1, 1)).not.toBe(MAX_U256);
    const cheap = b.mine({ prev: v1, type: 1, time: b.now + 3600n * S, target: MAX_U256 });
    const e = catching(() => b.dag.addOrThrow(cheap.bytes, b.now));
    expect(isProtoError(e, 'wrong-target') && e.action).toBe('penalize');
    expect(b.dag.heldFuture).toBe(0);
    const early = b.mine({ prev: v1, type: 1, time: b.params.genesisTime });
    expect(
      isProtoError(
        catching(() => b.dag.addOrThrow(early.bytes, b.now - 3600n * S)),
        'time-not-increasing',
      ),
    ).toBe(true);
    expect(b.dag.heldFuture).toBe(0);
  });

  it(`holds at most ${MAX_HELD_PER_ORIGIN} valid future blocks per origin (future-full, action ignore)`, () => {
    const b = new VectorBuilder('future-share');
    const v1 = b.add({ prev: b.genesis, type: 1 });
    const ahead = (i: number) => b.mine({ prev: v1, type: 1, time: b.now + 3600n * S, key: key(i) }).bytes;
    for (let i = 0; i < MAX_HELD_PER_ORIGIN; i++)
      expect(
        isProtoError(
          catching(() => b.dag.addOrThrow(ahead(i), b.now, 'peer-a')),
          'from-future',
        ),
      ).toBe(true);
    const full = catching(() => b.dag.addOrThrow(ahead(MAX_HELD_PER_ORIGIN), b.now, 'peer-a'));
    expect(isProtoError(full, 'future-full') && full.action).toBe('ignore');
    expect(
      isProtoError(
        catching(() => b.dag.addOrThrow(ahead(MAX_HELD_PER_ORIGIN), b.now, 'peer-b')),
        'from-future',
      ),
    ).toBe(true);
    expect(b.dag.heldFuture).toBe(MAX_HELD_PER_ORIGIN + 1);
  });

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

function key(i: number): Uint8Array {
  const k = new Uint8Array(32).fill(200);
  new DataView(k.buffer).setUint32(0, i);
  return k;
}
