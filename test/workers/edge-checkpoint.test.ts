/**
 * The ledger's token checkpoints reach the edge's token store: once a verified header checkpoints a
 * validator token, pages at or below it are final (immutable), pages above it still move.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { encodeBlock, encodeCommit } from '../../core/ledger/index.ts';
import { TestLedger } from '../../core/ledger/transition/ledger.fixture.ts';
import { IMMUTABLE, MOVING } from '../../edge/cache.ts';
import { edgeStores } from '../../edge/stores/index.ts';
import { mine } from '../gen/chain.ts';
import { EDGE_VALIDATORS, edgeTestParams } from './fixtures.ts';

const policy = async (path: string) => {
  const res = await exports.default.fetch(`http://edge${path}`, { headers: { 'cache-control': 'no-cache' } });
  await res.arrayBuffer();
  return res.headers.get('cache-control');
};

describe('token checkpoints at the edge', () => {
  it('makes pages at or below a verified checkpoint immutable, and only those', async () => {
    const t = new TestLedger(
      edgeTestParams(),
      EDGE_VALIDATORS.map((v) => v.secret),
    );
    const stores = edgeStores(env);
    let prev = t.dag.genesisHash;
    const hashes: Uint8Array[] = [];
    for (let i = 1; i <= 4; i++) {
      const time = t.params.genesisTime + BigInt(i) * 1_000_000_000n;
      const m = mine(t.dag, { prev, type: 1, time, key: new Uint8Array(32).fill(0xd0 + i) });
      t.dag.addOrThrow(m.bytes, time + 10n ** 12n);
      expect(await stores.addToken(m.bytes)).toMatchObject({ outcome: 'added' });
      hashes.push(m.hash);
      prev = m.hash;
    }
    expect(await policy('/v1/subchains/validator/tokens?after=0&limit=3')).toBe(MOVING);
    const checkpoints = { ...t.state.checkpoints, validator: hashes[2]! };
    const built = t.next({ checkpoints });
    const block = { block: encodeBlock(built.block), commit: encodeCommit(t.commit()) };
    expect(await stores.addLedgerBlock(block)).toEqual({ outcome: 'added' });
    expect(await policy('/v1/subchains/validator/tokens?after=0&limit=3')).toBe(IMMUTABLE);
    expect(await policy('/v1/subchains/validator/range?after=1&limit=2')).toBe(IMMUTABLE);
    expect(await policy('/v1/subchains/validator/tokens?after=0&limit=4')).toBe(MOVING);
    expect(await policy('/v1/subchains/validator/tokens?after=2&limit=2')).toBe(MOVING);
  });
});
