/**
 * `GET /v1/accounts/{key}` at the edge (docs/edge.md, State reads): the account from UPSTREAM, served
 * only once its proof holds under the stateRoot of a header the edge verified itself (upstream.ts).
 */
import { Hono } from 'hono';
import { apiError } from '../../core/api/errors.ts';
import { LEDGER_ROUTES } from '../../core/api/ledger.ts';
import { fromHex } from '../../core/bytes.ts';
import { type AccountJson, checkAccount } from '../../core/client/answers.ts';
import type { Env } from '../env.ts';
import { anchorOf, fail, serveVerified } from './upstream.ts';

/** The account route. */
export function accountRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.get(LEDGER_ROUTES.account, async (c) => {
    const text = c.req.param('key');
    const key = /^[0-9a-f]{64}$/.test(text) ? fromHex(text, 32) : undefined;
    if (!key) return fail(c, apiError(400, 'bad-hash', 'an account key is 64 lowercase hex digits'));
    return serveVerified(c, `/v1/accounts/${text}`, async (json) => {
      const point = await anchorOf(c, json);
      checkAccount(json as unknown as AccountJson, key, point.stateRoot);
    });
  });
  return app;
}
