/**
 * The store's behaviour, as one list of cases every SQLite host runs against its own driver: Node's
 * node:sqlite (node/store/store.test.ts) and the Durable Object's SQLite (test/workers/store.test.ts).
 * Each case gets a fresh database with the tables created.
 */
import { expect } from 'vitest';
import { countTokens, loadMeta, loadRaw, loadTokens, type StoreDb, saveMeta, saveTokens } from './queries.ts';

export interface StoreCase {
  name: string;
  run(db: StoreDb): void;
}

const row = (n: number, length = 105) => ({
  hash: Uint8Array.from({ length: 32 }, (_, i) => (i < 4 ? (n >>> (8 * (3 - i))) & 0xff : i)),
  raw: new Uint8Array(length).fill(n + 1),
});

export const STORE_CASES: readonly StoreCase[] = [
  {
    name: 'keeps blocks in acceptance order and skips duplicates',
    run(db) {
      saveTokens(db, [row(3), row(1)]);
      saveTokens(db, [row(1), row(2)]);
      expect(countTokens(db)).toBe(3);
      const rows = loadTokens(db, 0, 10);
      expect(rows.map((r) => r.raw[0])).toEqual([4, 2, 3]);
      expect(loadTokens(db, rows[0]!.seq, 1).map((r) => r.raw[0])).toEqual([2]);
      expect(loadTokens(db, rows[2]!.seq, 10)).toEqual([]);
    },
  },
  {
    name: 'returns the bytes stored, as Uint8Array, zero bytes included',
    run(db) {
      const merge = { hash: row(7).hash, raw: Uint8Array.from({ length: 137 }, (_, i) => i % 3) };
      saveTokens(db, [merge]);
      const raw = loadRaw(db, merge.hash);
      expect(raw).toBeInstanceOf(Uint8Array);
      expect(raw).toEqual(merge.raw);
      expect(loadTokens(db, 0, 1)[0]!.hash).toEqual(merge.hash);
      expect(loadRaw(db, row(9).hash)).toBeUndefined();
    },
  },
  {
    name: 'saves a batch larger than one INSERT in order, in one call',
    run(db) {
      const rows = Array.from({ length: 1203 }, (_, i) => row(i));
      saveTokens(db, rows);
      expect(countTokens(db)).toBe(1203);
      const first = loadTokens(db, 0, 600);
      const rest = loadTokens(db, first.at(-1)!.seq, 1000);
      expect([...first, ...rest].map((r) => r.hash)).toEqual(rows.map((r) => r.hash));
    },
  },
  {
    name: 'sets and overwrites meta values',
    run(db) {
      expect(loadMeta(db, 'case')).toBeUndefined();
      saveMeta(db, 'case', 'aa');
      saveMeta(db, 'case', 'bb');
      expect(loadMeta(db, 'case')).toBe('bb');
    },
  },
];
