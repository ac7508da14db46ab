import { defineConfig } from 'vitest/config';

/** Slow suites: real node processes on 127.0.0.1, run one file at a time. */
export default defineConfig({
  test: {
    include: ['**/*.slow.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
