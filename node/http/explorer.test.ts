import { describe, expect, it } from 'vitest';
import { EXPLORER_CSP, explorerRoutes } from './explorer.ts';
import { explorerModuleRoutes } from './explorer-modules.ts';

const files = explorerRoutes();
const modules = explorerModuleRoutes();

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

describe('core modules for the page', () => {
  it('serves core files with types stripped and @noble imports rewritten', async () => {
    const res = await modules.request('/explorer/core/crypto/ed25519.ts');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    const text = await res.text();
    expect(text).toContain("from '/explorer/vendor/@noble/ed25519/index.js'");
    expect(text).toContain("from '/explorer/vendor/@noble/hashes/sha2.js'");
    expect(text).not.toMatch(/: Uint8Array\b/);
  });

  it('serves @noble modules', async () => {
    const res = await modules.request('/explorer/vendor/@noble/hashes/blake3.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('blake3');
  });

  it('refuses tests, other extensions and escapes', async () => {
    for (const path of [
      '/explorer/core/api/tx-batch.test.ts',
      '/explorer/core/tsconfig.json',
      '/explorer/core/../node/service.ts',
      '/explorer/core/%2e%2e/node/service.ts',
      '/explorer/vendor/@noble/../vitest/package.json',
      '/explorer/vendor/@noble/hashes/package.json',
      '/explorer/core/nope.ts',
    ])
      expect((await modules.request(path)).status, path).toBe(404);
  });
});
