import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH, explorerBundle } from './build-explorer.ts';
import { EXPLORER_CSP, explorerRoutes } from './explorer.ts';

const files = explorerRoutes();

describe('explorer files', () => {
  it('serves index.html at / with a same-origin-only policy', async () => {
    const res = await files.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
    expect(await res.text()).toContain('<script type="module" src="/explorer/js/main.js">');
  });

  it('serves the page modules and styles with their types', async () => {
    expect((await files.request('/explorer/js/main.js')).headers.get('content-type')).toContain(
      'text/javascript',
    );
    expect((await files.request('/explorer/style.css')).headers.get('content-type')).toContain('text/css');
  });

  it('refuses paths outside the folder and unknown files', async () => {
    for (const path of [
      '/explorer/../package.json',
      '/explorer/%2e%2e/package.json',
      '/explorer/nope.js',
      '/explorer/',
    ])
      expect((await files.request(path)).status, path).toBe(404);
  });
});

describe('the light-client bundle', () => {
  it('is served with the page', async () => {
    const res = await files.request('/explorer/js/generated/proto-client.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
  });

  it('is what npm run build:explorer makes of core/client today', async () => {
    const committed = readFileSync(BUNDLE_PATH, 'utf8');
    expect(committed === (await explorerBundle()), 'stale: run npm run build:explorer').toBe(true);
  }, 30_000);
});

describe('proposals view query', () => {
  type Query = { status: string | undefined; after: number };
  const path = '../../explorer/js/views/proposals.js';
  const load = async () =>
    (await import(path as string)) as { parseListQuery: (q?: string) => Query; STATUSES: string[] };

  it('is served with the other views', async () => {
    for (const f of ['/explorer/js/views/proposals.js', '/explorer/js/views/veto.js'])
      expect((await files.request(f)).status, f).toBe(200);
  });

  it('reads status and after from the hash query', async () => {
    const { parseListQuery, STATUSES } = await load();
    expect(parseListQuery(undefined)).toEqual({ status: undefined, after: 0 });
    expect(parseListQuery('status=vetoed&after=40')).toEqual({ status: 'vetoed', after: 40 });
    for (const s of STATUSES) expect(parseListQuery(`status=${s}`).status).toBe(s);
  });

  it('refuses unknown statuses, keys, repeats and bad numbers, naming what was wrong', async () => {
    const { parseListQuery } = await load();
    for (const [q, msg] of [
      ['status=pending', 'status=pending'],
      ['after=-1', 'after=-1'],
      ['after=01', 'after=01'],
      ['limit=5', 'limit=5'],
      ['status=open&status=passed', '"status" is given more than once'],
    ])
      expect(() => parseListQuery(q), q).toThrow(msg);
  });
});

describe('the trusted start in the address', () => {
  const load = async () =>
    (await import('../../explorer/js/verify.js' as string)) as {
      trustedStart: (search: string) => { height: number; hash: Uint8Array } | undefined;
    };

  it('is genesis without ?trust, and HEIGHT:HASH with it', async () => {
    const { trustedStart } = await load();
    expect(trustedStart('')).toBeUndefined();
    expect(trustedStart('?x=1')).toBeUndefined();
    const t = trustedStart(`?trust=12:${'ab'.repeat(32)}`)!;
    expect(t.height).toBe(12);
    expect(t.hash).toEqual(new Uint8Array(32).fill(0xab));
  });

  it('refuses anything else, naming the expected form', async () => {
    const { trustedStart } = await load();
    for (const bad of [
      `0:${'ab'.repeat(32)}`,
      `12:${'AB'.repeat(32)}`,
      '12',
      `9007199254740992:${'ab'.repeat(32)}`,
      `12:${'ab'.repeat(31)}`,
      '',
    ])
      expect(() => trustedStart(`?trust=${bad}`), bad).toThrow('expected HEIGHT:HASH');
  });
});
