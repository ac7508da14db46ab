import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../core/bytes.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { chainId } from '../../core/token/params.ts';
import { easyParams, extend, nextBlock } from '../../test/e2e/chain-fixtures.ts';
import { Chain, nowNs } from '../chain.ts';
import { createApp } from './app.ts';

const now = nowNs();
const params = easyParams(now);
const chains: Chain[] = [];
afterEach(() => {
  for (const c of chains.splice(0)) c.close();
});

function setup(blocks = 0) {
  const chain = Chain.open({ params, path: ':memory:', chainId: 'test' });
  chains.push(chain);
  const source = new TokenDag(params);
  if (blocks > 0) chain.submit(extend(source, 'validator', blocks, now));
  const app = createApp({
    chain,
    status: () => ({
      peers: { count: 0, list: [] },
      mining: { enabled: false, type: null, threads: 0, hashRate: 0, found: 0 },
      sync: { syncing: false, orphans: 0 },
    }),
  });
  return { chain, source, app };
}

type Body = NonNullable<RequestInit['body']>;
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
const post = (body: Body, type: string) => ({ method: 'POST', body, headers: { 'content-type': type } });

describe('HTTP API', () => {
  it('reports status and parameters with the genesis token', async () => {
    const { app, chain } = setup(3);
    const health = await json(app.request('/v1/health'));
    expect(health).toEqual({ status: 'ok', network: 'test', chainId: toHex(chainId(params)) });
    const status = await json(app.request('/v1/status'));
    expect(status.network).toBe('test');
    expect(status.tips.validator.count).toBe(3);
    expect(status.tips.validator.hash).toBe(toHex(chain.dag.tip('validator').hash));
    const p = await json(app.request('/v1/params'));
    expect(toHex(blake3Hash(fromHex(p.genesisToken)!))).toBe(p.genesisHash);
    expect(p.genesis.network).toBe('test');
  });

  it('accepts blocks as octet-stream, hex and JSON, and serves them back', async () => {
    const { app, source } = setup();
    const blocks = extend(source, 'validator', 3, now);
    const bodies: [Body, string][] = [
      [blocks[0]! as Uint8Array<ArrayBuffer>, 'application/octet-stream'],
      [`${toHex(blocks[1]!)}\n`, 'text/plain; charset=utf-8'],
      [JSON.stringify({ raw: toHex(blocks[2]!) }), 'application/json'],
    ];
    for (const [body, type] of bodies) {
      const res = await app.request('/v1/tokens', post(body, type));
      expect(res.status).toBe(200);
      expect((await json(res)).status).toBe('added');
    }
    const again = await app.request('/v1/tokens', post(toHex(blocks[0]!), 'text/plain'));
    expect((await json(again)).status).toBe('known');
    const hash = toHex(blake3Hash(blocks[1]!));
    const token = await json(app.request(`/v1/tokens/${hash}`));
    expect(token).toMatchObject({ hash, type: 'validator', count: 2, canonical: true, confirmations: 1 });
    expect(token.raw).toBe(toHex(blocks[1]!));
    const tip = await json(app.request('/v1/subchains/validator/tip'));
    expect(tip.raw).toBe(toHex(blocks[2]!));
  });

  it('pages canonical tokens in order', async () => {
    const { app, source } = setup(5);
    const page = await json(app.request('/v1/subchains/validator/tokens?after=1&limit=3'));
    const expected = source.canonical('validator', 1, 3).map(toHex);
    expect(page.tokens.map((t: { hash: string }) => t.hash)).toEqual(expected);
    expect(page.next).toBe(4);
    const last = await json(app.request('/v1/subchains/validator/tokens?after=4'));
    expect(last.tokens).toHaveLength(1);
    expect(last.next).toBeNull();
  });

  it('rejects invalid blocks with 400 and the rule broken', async () => {
    const { app, source } = setup();
    const good = nextBlock(source, 'validator');
    const wrongTarget = good.slice();
    wrongTarget[72] = 0xfe; // MAX_U256 - 1: still meets proof of work, but not the required target
    const cases: [Body, string, number, string][] = [
      ['zz', 'text/plain', 400, 'bad-body'],
      ['abcd', 'text/plain', 400, 'bad-length'],
      [toHex(wrongTarget), 'text/plain', 400, 'wrong-target'],
      ['{"raw": 5}', 'application/json', 400, 'bad-body'],
      ['{', 'application/json', 400, 'bad-body'],
      ['00', 'image/png', 415, 'unsupported-media-type'],
      ['0'.repeat(4000), 'text/plain', 413, 'body-too-large'],
    ];
    for (const [body, type, status, code] of cases) {
      const res = await app.request('/v1/tokens', post(body, type));
      expect([res.status, (await json(res)).error.code]).toEqual([status, code]);
    }
    const rule = await json(app.request('/v1/tokens', post(toHex(wrongTarget), 'text/plain')));
    expect(rule.error.action).toBe('penalize');
  });

  it('answers bad paths and queries with 4xx JSON errors', async () => {
    const { app } = setup(1);
    const cases: [string, number, string][] = [
      ['/v1/tokens/xyz', 400, 'bad-hash'],
      ['/v1/tokens/%zz', 400, 'bad-hash'],
      [`/v1/tokens/${'ab'.repeat(32)}`, 404, 'not-found'],
      ['/v1/subchains/veto/tip', 400, 'bad-subchain'],
      [`/v1/subchains/congress:${'ab'.repeat(32)}/tip`, 404, 'not-found'],
      ['/v1/subchains/proposal/tip', 404, 'not-found'],
      ['/v1/subchains/validator/tokens?limit=0', 400, 'bad-query'],
      ['/v1/subchains/validator/tokens?after=-1', 400, 'bad-query'],
      ['/v1/subchains/validator/tokens?after=1&after=2', 400, 'bad-query'],
      ['/v1/subchains/validator/tokens?page=2', 400, 'bad-query'],
      ['/v2/status', 404, 'not-found'],
    ];
    for (const [path, status, code] of cases) {
      const res = await app.request(path);
      expect([path, res.status, (await json(res)).error.code]).toEqual([path, status, code]);
    }
    expect((await json(app.request(`/v1/tokens/${'ab'.repeat(32)}`))).error.action).toBe('ignore');
    expect((await json(app.request('/v1/tokens/xyz'))).error.action).toBe('penalize');
  });

  it('never answers random requests with a 5xx', async () => {
    const { app } = setup(2);
    const segment = fc.oneof(fc.constantFrom('v1', 'tokens', 'subchains', 'validator', 'tip'), fc.string());
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 5 }),
        fc.uint8Array({ maxLength: 300 }),
        async (parts, body) => {
          const path = `/${parts.map(encodeURIComponent).join('/')}?after=${parts[0] ?? ''}`;
          const get = await app.request(path);
          const res = await app.request(
            '/v1/tokens',
            post(body as Uint8Array<ArrayBuffer>, 'application/octet-stream'),
          );
          expect(get.status).toBeLessThan(500);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
