import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ROUTE_DOCS } from '../../core/api/routes-doc.ts';
import { toHex } from '../../core/bytes.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { chainId, type NetworkParams, PRESETS } from '../../core/token/params.ts';
import { MAX_U256 } from '../../core/token/pow.ts';
import { submitToken, validatorToken } from '../../test/e2e/explorer-chain.ts';
import { type OneValidator, startOneValidator } from './one-validator.fixture.ts';

const d = PRESETS.devnet;
let one: OneValidator;
let params: NetworkParams;
let v: OneValidator['key'];
let url: string;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document as parsed JSON
let doc: any;
const ajv = new Ajv2020({ strict: false });

beforeAll(async () => {
  one = await startOneValidator('openapi', 0xa1, {
    preset: { validator: { ...d.validator, rootTarget: MAX_U256, maxTarget: MAX_U256 } },
  });
  ({ url, params, key: v } = one);
  for (let i = 0; i < 3; i++) await submitToken(url, await validatorToken(url, 1 + i));
  doc = await (await fetch(`${url}/v1/openapi.json`)).json();
});
afterAll(async () => {
  await one.stop();
});

/** Requests `path` and checks the JSON body against the document's schema for `route` and the status. */
async function checked(
  route: string,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown }> {
  const [method, hono] = route.split(' ') as [string, string];
  const res = await fetch(`${url}${path}`, { ...init, method });
  const body = await res.json();
  const op = doc.paths[hono.replace(/:([a-z]+)/g, '{$1}')]?.[method.toLowerCase()];
  const schema = op?.responses?.[String(res.status)]?.content?.['application/json']?.schema;
  expect(schema, `${route} documents status ${res.status}`).toBeDefined();
  const valid = ajv.validate(schema, body);
  expect(valid ? [] : ajv.errors, `${route} ${res.status} ${JSON.stringify(body).slice(0, 200)}`).toEqual([]);
  return { status: res.status, body };
}

describe('OpenAPI document', () => {
  it('passes the OpenAPI 3.1 validator', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('lists every mounted v1 route with its contract, and only those', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as object).map(([m, op]) => {
        expect(op.summary, `${m} ${path}`).not.toBe('not described');
        return `${m.toUpperCase()} ${path.replace(/\{([a-z]+)\}/g, ':$1')}`;
      }),
    );
    expect(listed.sort()).toEqual(Object.keys(ROUTE_DOCS).sort());
  });

  it('answers every documented route (no route is only on paper)', async () => {
    for (const [path, item] of Object.entries(doc.paths))
      for (const method of Object.keys(item as object)) {
        if (path === '/v1/ledger/subscribe') {
          const ws = new WebSocket(`${url.replace('http', 'ws')}${path}`);
          await new Promise((resolve, reject) => {
            ws.once('open', resolve);
            ws.once('error', reject);
          });
          ws.close();
          continue;
        }
        const concrete = path
          .replace('{hash}', '00'.repeat(32))
          .replace('{key}', '00'.repeat(32))
          .replace('{id}', '00'.repeat(32))
          .replace('{height}', '1')
          .replace('{subchain}', 'validator');
        const res = await fetch(`${url}${concrete}`, {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
          ...(method === 'post' ? { body: '{}' } : {}),
        });
        const text = await res.text();
        expect(text, `${method} ${path}`).not.toContain('no route');
      }
  });

  it('serves a reference page that names every route and loads nothing from elsewhere', async () => {
    const res = await fetch(`${url}/docs`);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const path of Object.keys(doc.paths)) expect(html).toContain(path);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});

describe('bodies match their schemas', () => {
  it('token-chain routes', async () => {
    const p = await checked('GET /v1/params', '/v1/params');
    const genesis = (p.body as { genesisHash: string }).genesisHash;
    await checked('GET /v1/status', '/v1/status');
    const tip = await checked('GET /v1/subchains/:subchain/tip', '/v1/subchains/validator/tip');
    expect(tip.status).toBe(200);
    expect((await checked('GET /v1/subchains/:subchain/tip', '/v1/subchains/proposal/tip')).status).toBe(404);
    await checked('GET /v1/tokens/:hash', `/v1/tokens/${(tip.body as { hash: string }).hash}`);
    await checked('GET /v1/tokens/:hash', `/v1/tokens/${genesis}`);
    expect((await checked('GET /v1/tokens/:hash', '/v1/tokens/xyz')).status).toBe(400);
    await checked('GET /v1/subchains/:subchain/tokens', '/v1/subchains/validator/tokens?limit=2');
    expect(
      (await checked('GET /v1/subchains/:subchain/tokens', '/v1/subchains/validator/tokens?x=1')).status,
    ).toBe(400);
    await checked('GET /v1/subchains/:subchain/template', '/v1/subchains/validator/template');
    const raw = await validatorToken(url, 9);
    const post = { headers: { 'content-type': 'text/plain' }, body: toHex(raw) };
    expect((await checked('POST /v1/tokens', '/v1/tokens', post)).status).toBe(200);
    expect(
      (await checked('POST /v1/tokens', '/v1/tokens', { headers: { 'content-type': 'text/csv' }, body: 'a' }))
        .status,
    ).toBe(415);
  });

  it('ledger routes', async () => {
    const body = {
      type: TxType.transfer,
      from: v.publicKey,
      to: new Uint8Array(32).fill(3),
      amount: 5n,
      fee: 1n,
      nonce: 0n,
    } as const;
    const raw = encodeTx(signTx(chainId(params), body, v.secret));
    const json = {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tx: toHex(raw) }),
    };
    const sent = await checked('POST /v1/txs', '/v1/txs', json);
    expect(sent.status).toBe(202);
    const hash = (sent.body as { hash: string }).hash;
    const poor = {
      type: TxType.transfer,
      from: new Uint8Array(32).fill(6),
      to: v.publicKey,
      amount: 5n,
      fee: 1n,
      nonce: 0n,
    } as const;
    const refused = {
      headers: { 'content-type': 'application/octet-stream' },
      body: encodeTx(signTx(chainId(params), poor, v.secret)),
    };
    expect((await checked('POST /v1/txs', '/v1/txs', refused)).status).toBe(400);
    const batch = {
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 1, 0, 1, 7]),
    };
    expect((await checked('POST /v1/txs/batch', '/v1/txs/batch', batch)).status).toBe(200);
    await checked('GET /v1/txs/:hash', `/v1/txs/${hash}`);
    const end = Date.now() + 10_000;
    let lookup = await checked('GET /v1/txs/:hash', `/v1/txs/${hash}`);
    while ((lookup.body as { status: string }).status !== 'committed' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      lookup = await checked('GET /v1/txs/:hash', `/v1/txs/${hash}`);
    }
    const height = (lookup.body as { height: number }).height;
    expect(height).toBeGreaterThan(0);
    await checked('GET /v1/ledger/blocks/:height', `/v1/ledger/blocks/${height}`);
    expect((await checked('GET /v1/ledger/blocks/:height', '/v1/ledger/blocks/0')).status).toBe(400);
    expect((await checked('GET /v1/ledger/blocks/:height', '/v1/ledger/blocks/99999')).status).toBe(404);
    await checked('GET /v1/ledger/head', '/v1/ledger/head');
    await checked('GET /v1/accounts/:key', `/v1/accounts/${toHex(v.publicKey)}`);
    await checked('GET /v1/validators', '/v1/validators');
    await checked('GET /v1/ledger/evidence', '/v1/ledger/evidence');
    expect((await checked('GET /v1/txs/:hash', `/v1/txs/${'ab'.repeat(32)}`)).status).toBe(404);
  });
});
