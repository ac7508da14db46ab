import { afterEach, describe, expect, it } from 'vitest';
import { easyParams } from '../../test/e2e/chain-fixtures.ts';
import { Chain, nowNs } from '../chain.ts';
import { createApp } from './app.ts';
import { type CorsConfig, corsProblem } from './cors.ts';

const params = easyParams(nowNs());
const chains: Chain[] = [];
afterEach(() => {
  for (const c of chains.splice(0)) c.close();
});

function app(cors?: CorsConfig) {
  const chain = Chain.open({ params, path: ':memory:', chainId: 'test' });
  chains.push(chain);
  return createApp({
    chain,
    ...(cors ? { cors } : {}),
    status: () => ({
      peers: { count: 0, list: [] },
      mining: { enabled: false, type: null, threads: 0, hashRate: 0, found: 0 },
      sync: { syncing: false, orphans: 0 },
    }),
  });
}

const ORIGIN = 'https://explorer.example';
const from = (origin: string, init: RequestInit = {}) => ({
  ...init,
  headers: { origin, ...(init.headers ?? {}) },
});
const preflight = (method: string) =>
  from(ORIGIN, { method: 'OPTIONS', headers: { 'access-control-request-method': method } });
const post = from(ORIGIN, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'zz' });

describe('CORS', () => {
  it('is off by default', async () => {
    const res = await app().request('/v1/status', from(ORIGIN));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers named origins on reads, not on writes', async () => {
    const a = app({ origins: [ORIGIN], writes: false });
    expect((await a.request('/v1/status', from(ORIGIN))).headers.get('access-control-allow-origin')).toBe(
      ORIGIN,
    );
    expect(
      (await a.request('/v1/status', from('https://other.example'))).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    expect((await a.request('/v1/tokens', post)).headers.get('access-control-allow-origin')).toBeNull();
    expect(
      (await a.request('/v1/tokens', preflight('POST'))).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const ok = await a.request('/v1/status', preflight('GET'));
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
  });

  it('* opens reads to any origin', async () => {
    const a = app({ origins: ['*'], writes: false });
    expect(
      (await a.request('/v1/params', from('https://any.example'))).headers.get('access-control-allow-origin'),
    ).toBe('*');
    expect((await a.request('/v1/tokens', post)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens writes to named origins only when asked', async () => {
    const a = app({ origins: [ORIGIN], writes: true });
    expect((await a.request('/v1/tokens', post)).headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const pre = await a.request('/v1/tokens', preflight('POST'));
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST');
  });

  it('refuses malformed configurations', () => {
    expect(corsProblem({ origins: ['*'], writes: true })).toMatch(/named origins/);
    expect(corsProblem({ origins: ['https://a.example/path'], writes: false })).toMatch(/no path/);
    expect(corsProblem({ origins: ['ftp://a.example'], writes: false })).toMatch(/scheme/);
    expect(corsProblem({ origins: ['*', ORIGIN], writes: false })).toMatch(/alone/);
    expect(corsProblem({ origins: [ORIGIN, 'http://127.0.0.1:3000'], writes: true })).toBeUndefined();
  });
});
