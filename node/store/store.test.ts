import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countTokens, loadRaw, loadTokens, saveTokens } from '../../core/store/queries.ts';
import { STORE_CASES } from '../../core/store/store.cases.ts';
import { openStore } from './open.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'proto-store-'));
  dirs.push(dir);
  return join(dir, 'chain.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const row = (n: number) => ({ hash: new Uint8Array(32).fill(n), raw: new Uint8Array(105).fill(n + 1) });

describe('store behaviour on node:sqlite', () => {
  for (const c of STORE_CASES)
    it(c.name, () => {
      const s = openStore(':memory:', 'aa');
      try {
        c.run(s.db);
      } finally {
        s.close();
      }
    });
});

describe('node store', () => {
  it('keeps blocks in acceptance order across reopen and skips duplicates', () => {
    const path = tempFile();
    const a = openStore(path, 'aa');
    saveTokens(a.db, [row(3), row(1)]);
    saveTokens(a.db, [row(1), row(2)]);
    a.close();
    const b = openStore(path, 'aa');
    expect(countTokens(b.db)).toBe(3);
    const rows = loadTokens(b.db, 0, 10);
    expect(rows.map((r) => r.hash[0])).toEqual([3, 1, 2]);
    expect(rows[0]!.raw).toBeInstanceOf(Uint8Array);
    expect(loadTokens(b.db, rows[0]!.seq, 1).map((r) => r.hash[0])).toEqual([1]);
    expect(loadRaw(b.db, row(2).hash)).toEqual(row(2).raw);
    expect(loadRaw(b.db, row(9).hash)).toBeUndefined();
    b.close();
  });

  it('refuses a store made for another chain', () => {
    const path = tempFile();
    openStore(path, 'aa').close();
    expect(() => openStore(path, 'bb')).toThrow(/another --data directory/);
  });

  it('runs in WAL mode with full sync', () => {
    const s = openStore(tempFile(), 'aa');
    const pragma = (name: string) => Object.values(s.client.prepare(`PRAGMA ${name}`).get()!)[0];
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    s.close();
  });
});
