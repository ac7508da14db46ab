import { describe, expect, it } from 'vitest';
import { blake3Hash } from '../../token/hash.ts';
import {
  backendCache,
  NODE_ENTRY_BYTES,
  ReadCache,
  ROTATE_PERSISTS,
  VALUE_ENTRY_BYTES,
} from './read-cache.ts';
import type { SmtNode } from './smt-store.ts';
import { memoryBackend, Overlay, type StateBackend } from './store.ts';

const node = (i: number): SmtNode => ({ leaf: true, a: new Uint8Array(32).fill(i), b: new Uint8Array(32) });
const hashOf = (i: number) => blake3Hash(new Uint8Array([i]));

/** A backend that counts the reads that reach it. */
function counting(): { backend: StateBackend; reads: () => number } {
  const inner = memoryBackend();
  let reads = 0;
  const count = <T>(v: T): T => {
    reads++;
    return v;
  };
  const backend: StateBackend = {
    nodes: { get: (h) => count(inner.nodes.get(h)), put: (h, n) => inner.nodes.put(h, n) },
    values: { get: (h) => count(inner.values.get(h)), put: (h, v) => inner.values.put(h, v) },
  };
  return { backend, reads: () => reads };
}

describe('ReadCache', () => {
  it('holds at most its limit of entries and keeps entries that are read', () => {
    const c = new ReadCache<number>(8);
    for (let i = 0; i < 4; i++) c.set(`k${i}`, i);
    for (let i = 4; i < 8; i++) {
      c.set(`k${i}`, i);
      expect(c.get('k0')).toBe(0);
    }
    for (let i = 8; i < 100; i++) c.set(`k${i}`, i);
    expect(c.size).toBeLessThanOrEqual(8);
    expect(c.get('k1')).toBeUndefined();
    expect(c.get('k99')).toBe(99);
  });

  it('bounds the weight it holds, not the count, and keeps a hot entry', () => {
    const c = new ReadCache<Uint8Array>(1000, (_id, v) => v.length);
    c.set('hot', new Uint8Array(10));
    for (let i = 0; i < 500; i++) {
      c.set(`k${i}`, new Uint8Array(1 + (i % 50)));
      expect(c.weight).toBeLessThanOrEqual(1000);
      expect(c.get('hot')).toBeDefined();
    }
    expect(c.get('k0')).toBeUndefined();
    expect(c.size).toBeGreaterThan(20);
  });

  it('counts an entry set twice once, and keeps no entry heavier than half its limit', () => {
    const c = new ReadCache<Uint8Array>(100, (_id, v) => v.length);
    c.set('a', new Uint8Array(40));
    c.set('a', new Uint8Array(40));
    expect(c.weight).toBe(40);
    c.set('big', new Uint8Array(51));
    expect(c.get('big')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
  });

  it('weighs backend entries in estimated bytes within its budgets', () => {
    const c = backendCache(100 * NODE_ENTRY_BYTES, 10_000);
    for (let i = 0; i < 1000; i++) {
      c.nodes.set(`n${i}`, node(i % 256));
      c.values.set(`v${i}`, new Uint8Array(100));
    }
    expect(c.nodes.size).toBeLessThanOrEqual(100);
    expect(c.nodes.size).toBeGreaterThanOrEqual(50);
    expect(c.values.weight).toBeLessThanOrEqual(10_000);
    expect(c.values.size).toBeLessThanOrEqual(Math.floor(10_000 / (100 + VALUE_ENTRY_BYTES)));
    expect(c.values.get('v999')).toBeDefined();
  });
});

describe('Overlay read cache', () => {
  it('answers persisted and once-read entries without the backend, and keeps them across persist', () => {
    const { backend, reads } = counting();
    const o = new Overlay(backend).child();
    o.nodes.put(hashOf(1), node(1));
    o.values.put(hashOf(2), new Uint8Array([9]));
    const next = o.persist().child();
    expect(next.nodes.get(hashOf(1))).toEqual(node(1));
    expect(next.values.get(hashOf(2))).toEqual(new Uint8Array([9]));
    expect(reads()).toBe(0);

    backend.nodes.put(hashOf(3), node(3));
    const fresh = new Overlay(backend);
    expect(fresh.nodes.get(hashOf(3))).toEqual(node(3));
    expect(fresh.child().persist().nodes.get(hashOf(3))).toEqual(node(3));
    expect(reads()).toBe(1);
    expect(fresh.nodes.get(hashOf(4))).toBeUndefined();
    expect(fresh.nodes.get(hashOf(4))).toBeUndefined();
    expect(reads()).toBe(3);
  });

  it('drops an entry not read during the last ROTATE_PERSISTS to 2 * ROTATE_PERSISTS persists', () => {
    const { backend, reads } = counting();
    let o = new Overlay(backend).child();
    o.nodes.put(hashOf(1), node(1));
    o.nodes.put(hashOf(2), node(2));
    o = o.persist();
    for (let i = 1; i < 2 * ROTATE_PERSISTS; i++) {
      expect(o.nodes.get(hashOf(1))).toEqual(node(1));
      o = o.child().persist();
    }
    expect(reads()).toBe(0);
    expect(o.nodes.get(hashOf(2))).toEqual(node(2));
    expect(reads()).toBe(1);
    expect(o.nodes.get(hashOf(1))).toEqual(node(1));
    expect(reads()).toBe(1);
  });
});
