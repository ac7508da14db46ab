import { describe, expect, it } from 'vitest';
import { MAX_ORPHANS, MAX_PER_ORIGIN, OrphanPool } from './orphans.ts';

const orphan = (n: number, origin: string) => ({ raw: new Uint8Array([n]), hash: `h${n}`, origin });
const parent = (n: number) => new Uint8Array(32).fill(n % 256);

describe('OrphanPool', () => {
  it('bounds what one peer can leave behind', () => {
    const pool = new OrphanPool();
    for (let i = 0; i < MAX_PER_ORIGIN + 10; i++) pool.add(orphan(i, 'spammer'), parent(i));
    pool.add(orphan(100_000, 'honest'), parent(1));
    expect(pool.size).toBe(MAX_PER_ORIGIN + 1);
    expect(pool.has('h0')).toBe(false);
    expect(pool.has('h100000')).toBe(true);
  });

  it('bounds the total and releases children by parent', () => {
    const pool = new OrphanPool();
    for (let i = 0; i < MAX_ORPHANS + 50; i++) pool.add(orphan(i, `peer-${i % 100}`), parent(i));
    expect(pool.size).toBe(MAX_ORPHANS);
    const released = pool.release('07'.repeat(32));
    expect(released.length).toBeGreaterThan(0);
    expect(released.every((o) => Number(o.hash.slice(1)) % 256 === 7)).toBe(true);
    pool.dropOrigin('peer-3');
    expect(pool.size).toBe(MAX_ORPHANS - released.length - 10);
  });
});
