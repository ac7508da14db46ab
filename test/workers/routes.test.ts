/**
 * The edge Worker's routes in workerd, with the token store's SQLite behind them. The Worker serves the
 * test genesis (edgeTestParams) that the vitest config passes as its GENESIS binding.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { type TokenBlockJson, type TokenJson, tokenJson } from '../../core/api/types.ts';
import { MAX_SUBMIT_BODY } from '../../core/api/validate.ts';
import { toHex } from '../../core/bytes.ts';
import { encodeBlock, type TokenBlock } from '../../core/token/block.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { blockMeetsTarget, MAX_U256 } from '../../core/token/pow.ts';
import { mine } from '../gen/chain.ts';
import { edgeTestParams } from './fixtures.ts';

const node = inject('nodeSide');
const dag = new TokenDag(edgeTestParams());
const genesisTime = dag.params.genesisTime;
let keyByte = 0;

/** A valid first validator block with a key no other test uses; `target` overrides the rule's target. */
function block(type = 1, target?: bigint) {
  const key = new Uint8Array(32).fill(++keyByte);
  return mine(dag, {
    prev: dag.genesisHash,
    type,
    time: genesisTime + 1n,
    key,
    ...(target ? { target } : {}),
  });
}

/** The node's TokenJson of `raw` (a block on the genesis), from a DAG of its own. */
function nodeView(raw: Uint8Array): TokenJson {
  const own = new TokenDag(edgeTestParams());
  const hash = blake3Hash(raw);
  own.addOrThrow(raw, genesisTime + 10n ** 12n);
  return tokenJson(own.info(hash)!, raw);
}

function pickBlockFields(t: TokenJson): TokenBlockJson {
  const { hash, type, merge, time, target, key, parents, raw } = t;
  return { hash, type, merge, time, target, key, parents, raw };
}

const get = (path: string) => exports.default.fetch(`http://edge${path}`);
const post = (body: BodyInit, type = 'application/json') =>
  exports.default.fetch('http://edge/v1/tokens', { method: 'POST', body, headers: { 'content-type': type } });
const postHex = (raw: Uint8Array) => post(JSON.stringify({ raw: toHex(raw) }));

async function expectError(res: Response, status: number, code: string): Promise<void> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
  expect(body.error.message).not.toBe('');
}

describe('read routes', () => {
  it('GET /v1/health names the network and its chain id', async () => {
    const res = await get('/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', network: 'edge-test', chainId: node.chainIds.edgeTest });
  });

  it('GET /v1/params serves the configured genesis and the ids Node computes', async () => {
    const body = (await (await get('/v1/params')).json()) as Record<string, unknown>;
    expect(body.chainId).toBe(node.chainIds.edgeTest);
    expect(body.genesis).toEqual(JSON.parse(node.edgeGenesis));
    expect(body.genesisHash).toBe(toHex(dag.genesisHash));
  });

  it('GET /v1/tokens/:hash serves the genesis token, 404 for unknown hashes, 400 for bad ones', async () => {
    const genesis = (await (await get(`/v1/tokens/${toHex(dag.genesisHash)}`)).json()) as TokenJson;
    expect(genesis.parents).toEqual([]);
    expect(genesis.hash).toBe(toHex(dag.genesisHash));
    expect(genesis.raw).toBe(
      ((await (await get('/v1/params')).json()) as { genesisToken: string }).genesisToken,
    );
    await expectError(await get(`/v1/tokens/${'ab'.repeat(32)}`), 404, 'not-found');
    await expectError(await get('/v1/tokens/XYZ'), 400, 'bad-hash');
    await expectError(await get('/v1/nothing'), 404, 'not-found');
  });
});

describe('POST /v1/tokens', () => {
  it("adds a valid block after the DAG checks, serves the node's JSON, and knows it the second time", async () => {
    const m = block();
    const res = await postHex(m.bytes);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'added',
      hash: toHex(m.hash),
      subchain: 'validator',
      tipChanged: true,
    });

    const back = (await (await get(`/v1/tokens/${toHex(m.hash)}`)).json()) as TokenJson;
    const view = nodeView(m.bytes);
    expect(pickBlockFields(back)).toEqual(pickBlockFields(view));
    expect({ subchain: back.subchain, height: back.height, count: back.count }).toEqual({
      subchain: 'validator',
      height: view.height,
      count: view.count,
    });

    const again = await post(m.bytes.slice(), 'application/octet-stream');
    expect(await again.json()).toEqual({ status: 'known', hash: toHex(m.hash) });
    const store = env.TOKENS.getByName(node.chainIds.edgeTest);
    const [stored] = await store.tokensByHash([m.hash]);
    expect(stored && toHex(stored)).toBe(toHex(m.bytes));
    const sql = 'SELECT typeof(hash) AS hash, typeof(raw) AS raw FROM tokens';
    const columns = await runInDurableObject(store, (_, state) => state.storage.sql.exec(sql).toArray());
    expect(columns.length).toBeGreaterThan(0);
    for (const c of columns) expect(c).toEqual({ hash: 'blob', raw: 'blob' });
  });

  it('answers garbage with 400 and the code of the broken rule', async () => {
    await expectError(await post('{"raw": "zz"}'), 400, 'bad-body');
    await expectError(await post('not json'), 400, 'bad-body');
    await expectError(await post(JSON.stringify({ raw: '00', more: 1 })), 400, 'bad-body');
    await expectError(await postHex(new Uint8Array(104)), 400, 'bad-length');
    const merged = block().bytes;
    merged[32] = 0x81;
    await expectError(await postHex(merged), 400, 'bad-kind');
    await expectError(await postHex(block(4).bytes), 400, 'veto-mined');
    await expectError(await postHex(unmined()), 400, 'no-pow');
    await expectError(await postHex(block(1, MAX_U256).bytes), 400, 'wrong-target');
    await expectError(await post('00', 'image/png'), 415, 'unsupported-media-type');
  });

  it('refuses an oversized body with 413, with or without a content length', async () => {
    const big = JSON.stringify({ raw: '00'.repeat(MAX_SUBMIT_BODY) });
    await expectError(await post(big), 413, 'body-too-large');
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    });
    await expectError(await post(stream), 413, 'body-too-large');
  });

  it('never answers random bodies with a 5xx, always with JSON', async () => {
    const sized = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
    const bodies = fc.oneof(fc.uint8Array({ maxLength: 300 }), sized(105), sized(137));
    const types = fc.constantFrom('application/json', 'application/octet-stream', 'text/plain', '');
    await fc.assert(
      fc.asyncProperty(bodies, types, async (body, type) => {
        // a random 105-byte body is a valid block only if it names a known parent: practically never
        const res = await post(body.slice(), type);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      }),
      { numRuns: 60 },
    );
  });
});

/** A first validator block with the rule's target whose hash is above that target. */
function unmined(): Uint8Array {
  const b: TokenBlock = {
    prev: dag.genesisHash,
    type: 1,
    time: genesisTime + 1n,
    target: MAX_U256 >> 1n,
    key: new Uint8Array(32),
  };
  for (;;) {
    const bytes = encodeBlock(b);
    if (!blockMeetsTarget(blake3Hash(bytes), bytes)) return bytes;
    b.time += 1n;
  }
}
