import { describe, expect, it } from 'vitest';
import { HORIZON_NS, nextSlice, SPAN } from './space.ts';

const NOW = 1_750_000_000_000_000_000n;

/** Every time each thread would hash, walking `steps` slices from `floor`. */
function walk(index: number, threads: number, floor: bigint, steps: number): bigint[] {
  const times: bigint[] = [];
  let cursor = 0n;
  for (let i = 0; i < steps; i++) {
    const slice = nextSlice(cursor, floor, index, threads, NOW);
    if (!slice) break;
    expect(slice.start % 4n).toBe(0n);
    expect(slice.count % 4).toBe(0);
    for (let k = 0; k < slice.count; k += 997) times.push(slice.start + BigInt(k));
    cursor = slice.start + BigInt(slice.count);
  }
  return times;
}

describe('nextSlice', () => {
  it('gives threads disjoint times, all at or after the floor', () => {
    const floor = NOW + 12_345n;
    const seen = new Set<bigint>();
    for (let index = 0; index < 3; index++) {
      for (const t of walk(index, 3, floor, 20)) {
        expect(t >= floor).toBe(true);
        expect(seen.has(t)).toBe(false);
        seen.add(t);
        expect(Number((t / BigInt(SPAN)) % 3n)).toBe(index);
      }
    }
  });

  it('continues after the cursor and never repeats a time', () => {
    const first = nextSlice(0n, NOW, 1, 2, NOW)!;
    const second = nextSlice(first.start + BigInt(first.count), NOW, 1, 2, NOW)!;
    expect(second.start).toBe(first.start + BigInt(first.count) + BigInt(SPAN));
    const resumed = nextSlice(first.start + 5n, NOW, 1, 2, NOW)!;
    expect(resumed.start).toBe(first.start + 8n);
  });

  it('waits while the range would end past the horizon', () => {
    expect(nextSlice(0n, NOW + HORIZON_NS, 0, 1, NOW)).toBeUndefined();
    expect(nextSlice(0n, NOW + HORIZON_NS - 2n * BigInt(SPAN), 0, 1, NOW)).toBeDefined();
  });
});
