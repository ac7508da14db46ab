import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { nodeSide } from './test/workers/node-side.ts';

const expected = nodeSide();

/**
 * Suites that run inside workerd (npm run test:workers): core's portability and the edge Worker.
 * The Worker runs with wrangler.toml and a test genesis; values computed here under Node are provided
 * to the suites, which compute them again in workerd.
 */
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { bindings: { GENESIS: expected.edgeGenesis } },
    }),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    provide: { nodeSide: expected },
    testTimeout: 30_000,
  },
});
