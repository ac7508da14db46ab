import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createValidatorListTables,
  loadValidatorList,
  saveValidatorList,
} from '../../core/store/validator-lists.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { openStore } from '../store/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-vlists-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stored validator lists', () => {
  it('give back each height its list in order; unknown heights give undefined', () => {
    const store = openStore(join(dir, 'a.db'), 'aa');
    createValidatorListTables(store.db);
    const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
    const lists = fc.array(fc.uniqueArray(key, { minLength: 1, maxLength: 90, selector: (k) => k.join() }), {
      minLength: 1,
      maxLength: 6,
    });
    let height = 1;
    fc.assert(
      fc.property(lists, (ls) => {
        const first = height;
        for (const l of ls) saveValidatorList(store.db, height++, l, blake3Hash);
        for (const [i, l] of ls.entries()) expect(loadValidatorList(store.db, first + i)).toEqual(l);
        // a rotation of a stored set reuses the set and keeps its own order
        const rotated = [...ls[0]!.slice(1), ls[0]![0]!];
        saveValidatorList(store.db, height, rotated, blake3Hash);
        expect(loadValidatorList(store.db, height++)).toEqual(rotated);
      }),
      { numRuns: 30 },
    );
    expect(loadValidatorList(store.db, height + 5)).toBeUndefined();
    store.close();
  });
});
