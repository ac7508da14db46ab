/**
 * The store's behaviour cases (core/store/store.cases.ts) on the Durable Object's SQLite, through
 * drizzle's durable-sqlite driver: the same cases node/store/store.test.ts runs on node:sqlite. Each
 * case runs inside its own TokenStore instance, whose constructor created the tables.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import { describe, it } from 'vitest';
import { STORE_CASES } from '../../core/store/store.cases.ts';

describe('store behaviour on Durable Object SQLite', () => {
  for (const [i, c] of STORE_CASES.entries())
    it(c.name, async () => {
      const hub = env.TOKENS.getByName(`store-case-${i}`);
      await runInDurableObject(hub, (_, state) => c.run(drizzle(state.storage)));
    });
});
