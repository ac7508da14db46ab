/**
 * The edge's token store in workerd: blocks pass core's full DAG checks before they are stored,
 * parents first, and are served by range (JSON and binary) and by hash as the node serves them.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type TokenJson, type TokensPageJson, tokenJson } from '../../core/api/types.ts';
import { toHex } from '../../core/bytes.ts';
import { decodeMessage } from '../../core/p2p/codec.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { edgeStores } from '../../edge/stores/index.ts';
import { mine } from '../gen/chain.ts';
import { edgeTestParams } from './fixtures.ts';

const params = edgeTestParams();
const get = (path: string) =>
  exports.default.fetch(`http://edge${path}`, { headers: { 'cache-control': 'no-cache' } });
const post = (raw: Uint8Array) =>
  exports.default.fetch('http://edge/v1/tokens', {
    method: 'POST',
    body: raw.slice(),
    headers: { 'content-type': 'application/octet-stream' },
  });

/** A validator chain of `n` blocks on the genesis, with the DAG that made it (the node's view). */
function chain(n: number, keyByte: number): { dag: TokenDag; raws: Uint8Array[]; hashes: Uint8Array[] } {
  const dag = new TokenDag(params);
  const raws: Uint8Array[] = [];
  const hashes: Uint8Array[] = [];
  let prev = dag.genesisHash;
  for (let i = 0; i < n; i++) {
    const time = params.genesisTime + BigInt(i + 1) * 1_000_000_000n;
    const m = mine(dag, { prev, type: 1, time, key: new Uint8Array(32).fill(keyByte) });
    dag.addOrThrow(m.bytes, time + 10n ** 12n);
    raws.push(m.bytes);
    hashes.push(m.hash);
    prev = m.hash;
  }
  return { dag, raws, hashes };
}

describe('token store', () => {
  it('refuses a block whose parent it has never seen, and stores nothing', async () => {
    const { raws, hashes } = chain(2, 0xa1);
    const store = edgeStores(env);
    const before = (await store.tokensByHash(hashes)).length;
    expect(await store.addToken(raws[1]!)).toEqual({ outcome: 'orphan', missing: toHex(hashes[0]!) });
    const res = await post(raws[1]!);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'orphan', missing: toHex(hashes[0]!) });
    expect((await store.tokensByHash(hashes)).length).toBe(before);
    expect((await get(`/v1/tokens/${toHex(hashes[1]!)}`)).status).toBe(404);
  });

  it('stores a chain parents first and serves it by range and by hash with the node JSON', async () => {
    const { dag, raws, hashes } = chain(6, 0xb2);
    const store = edgeStores(env);
    for (const raw of raws) expect(await store.addToken(raw)).toMatchObject({ outcome: 'added' });
    expect(await store.addToken(raws[2]!)).toEqual({ outcome: 'known' });

    const page = (await (
      await get('/v1/subchains/validator/tokens?after=0&limit=6')
    ).json()) as TokensPageJson;
    const expected = dag.canonical('validator', 0, 6).map((h, i) => tokenJson(dag.info(h)!, raws[i]!));
    expect(page.tokens).toEqual(expected);
    expect(page.next).toBeNull();

    for (const [i, h] of hashes.entries()) {
      const one = (await (await get(`/v1/tokens/${toHex(h)}`)).json()) as TokenJson;
      expect(one).toEqual(tokenJson(dag.info(h)!, raws[i]!));
    }

    const bin = await get('/v1/subchains/validator/range?after=2&limit=3');
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    const frame = decodeMessage(new Uint8Array(await bin.arrayBuffer()));
    expect(frame).toEqual({ type: 'tokens', id: 0, start: 3, raws: raws.slice(2, 5) });
    expect(await store.tokenRange('validator', 2, 3)).toEqual(raws.slice(2, 5));
    expect(await store.tokensByHash([hashes[4]!, new Uint8Array(32), hashes[0]!])).toEqual([
      raws[4],
      raws[0],
    ]);

    const [tip] = (await store.tips()).filter((t) => t.subchain === 'validator');
    expect(tip).toEqual({ subchain: 'validator', hash: hashes[5], aw: dag.tip('validator').aw, count: 6 });
    const status = (await (await get('/v1/status')).json()) as { tips: Record<string, { hash: string }> };
    expect(status.tips.validator!.hash).toBe(toHex(hashes[5]!));
  });

  it('refuses blocks that break a rule needing the parent (exact ASERT target, time), storing nothing', async () => {
    const { dag, raws } = chain(1, 0xc3);
    const store = edgeStores(env);
    await store.addToken(raws[0]!);
    const parent = dag.tip('validator');
    const easier = mine(dag, {
      prev: parent.hash,
      type: 1,
      time: parent.time + 1n,
      target: parent.target + 1n,
    });
    expect(await store.addToken(easier.bytes)).toMatchObject({ outcome: 'refused', code: 'wrong-target' });
    const early = mine(dag, { prev: parent.hash, type: 1, time: parent.time - 1000n });
    expect(await store.addToken(early.bytes)).toMatchObject({
      outcome: 'refused',
      code: 'time-not-increasing',
    });
    expect(await store.tokensByHash([easier.hash, early.hash])).toEqual([]);
    const res = await post(early.bytes);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('time-not-increasing');
  });

  it('answers bad range queries with 400 and unknown subchains with 404', async () => {
    expect((await get('/v1/subchains/validator/range?after=0&limit=501')).status).toBe(400);
    expect((await get('/v1/subchains/validator/tokens?after=-1')).status).toBe(400);
    expect((await get('/v1/subchains/validator/tokens?x=1')).status).toBe(400);
    expect((await get(`/v1/subchains/congress:${'ab'.repeat(32)}/tokens`)).status).toBe(404);
    expect((await get('/v1/subchains/nope/tokens')).status).toBe(400);
  });
});
