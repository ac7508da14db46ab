import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { publicKeyOf, sign } from '../../core/crypto/ed25519.ts';
import type { SmtNode } from '../../core/ledger/index.ts';
import { createLedgerTables, loadLedgerHead } from '../../core/store/ledger-queries.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { type OpenStore, openStore } from '../store/open.ts';
import { nodeEnv } from './chain.ts';
import { SqliteStateBackend } from './state-backend.ts';

let store: OpenStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

function fresh(): OpenStore {
  store = openStore(':memory:', 'ab');
  createLedgerTables(store.db);
  return store;
}

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const node: fc.Arbitrary<SmtNode> = fc.record({ leaf: fc.boolean(), a: hash32, b: hash32 });

describe('SQLite state backend', () => {
  it('reads back, from a new backend, every entry flushed in any order; repeated entries are kept once', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(hash32, node), { selector: ([h]) => toHex(h), maxLength: 40 }),
        fc.uniqueArray(fc.tuple(hash32, fc.uint8Array({ maxLength: 50 })), {
          selector: ([h]) => toHex(h),
          maxLength: 40,
        }),
        (nodes, values) => {
          const s = fresh();
          const first = new SqliteStateBackend(s.db);
          for (const [h, n] of nodes) first.nodes.put(h, n);
          for (const [h, v] of values) first.values.put(h, v);
          first.flush();
          for (const [h, n] of nodes.slice(0, 3)) first.nodes.put(h, n);
          first.flush({
            height: 1,
            hash: new Uint8Array(32).fill(7),
            block: new Uint8Array([1]),
            commit: new Uint8Array([2]),
            root: new Uint8Array(32),
          });
          const second = new SqliteStateBackend(s.db);
          for (const [h, n] of nodes) expect(second.nodes.get(h)).toEqual(n);
          for (const [h, v] of values) expect(second.values.get(h)).toEqual(v);
          expect(second.nodes.get(new Uint8Array(32).fill(0xfe))).toBeUndefined();
          expect(loadLedgerHead(s.db)?.height).toBe(1);
          const count = s.client.prepare('SELECT count(*) AS n FROM ledger_nodes').get() as { n: number };
          expect(count.n).toBe(nodes.length);
          s.close();
          store = undefined;
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("the node's ledger env", () => {
  it('hashes as portable BLAKE3 and verifies as the ed25519 rule, rejections included', () => {
    const env = nodeEnv({ info: () => undefined, confirmationsAt: () => undefined });
    for (const n of [0, 1, 65, 1024, 1025, 5000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff);
      expect(toHex(env.hash!(bytes))).toBe(toHex(blake3Hash(bytes)));
    }
    const secret = new Uint8Array(32).fill(9);
    const [key, msg] = [publicKeyOf(secret), new Uint8Array([1, 2, 3])];
    const sig = sign(msg, secret);
    const bad = sig.slice();
    bad[0]! ^= 1;
    for (let i = 0; i < 2; i++) {
      expect(env.verify!(sig, msg, key)).toBe(true);
      expect(env.verify!(bad, msg, key)).toBe(false);
      expect(env.verify!(sig, new Uint8Array([1, 2, 4]), key)).toBe(false);
    }
  });
});
