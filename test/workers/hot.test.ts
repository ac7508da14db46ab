/** The isolate-memory tier of immutable answers (edge/hot.ts): bounded bytes, least recently used out first. */
import { describe, expect, it } from 'vitest';
import { HotCache } from '../../edge/hot.ts';

const answer = (n: number) => ({
  headers: [['cache-control', 'x']] as [string, string][],
  body: new Uint8Array(n),
});

describe('HotCache', () => {
  it('answers what it holds and drops the least recently used to stay within its bytes', () => {
    const hot = new HotCache(300, 200);
    hot.put('a', answer(100));
    hot.put('b', answer(100));
    hot.put('c', answer(100));
    expect(hot.get('a')?.body.byteLength).toBe(100); // a is now the most recent
    hot.put('d', answer(100)); // 400 > 300: b, the least recently used, goes
    expect(hot.get('b')).toBeUndefined();
    expect([hot.get('a'), hot.get('c'), hot.get('d')].every(Boolean)).toBe(true);
    expect(hot.usedBytes).toBe(300);
  });

  it('keeps no body above its entry limit, and counts a replaced entry once', () => {
    const hot = new HotCache(1000, 200);
    hot.put('big', answer(201));
    expect(hot.get('big')).toBeUndefined();
    hot.put('x', answer(150));
    hot.put('x', answer(50));
    expect(hot.usedBytes).toBe(50);
    expect(hot.size).toBe(1);
  });
});
