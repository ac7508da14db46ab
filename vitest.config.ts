import { defineConfig } from 'vitest/config';

/** Fast suites: unit, vector and property tests. Slow multi-process suites live in *.slow.test.ts. */
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'node/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.slow.test.ts', '**/node_modules/**', 'test/workers/**'],
    testTimeout: 30_000,
  },
});
