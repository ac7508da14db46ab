/**
 * The edge Worker (docs/edge.md): the read API of one network's token chain and block submission,
 * on hono. Every failure is a JSON error `{ error: { code, message, action } }`; bad input gets a 4xx.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type ApiFailure, apiError } from '../core/api/errors.ts';
import { type HealthJson, ROUTES, type UnplacedTokenJson, unplacedTokenJson } from '../core/api/types.ts';
import { MAX_SUBMIT_BODY, parseHash } from '../core/api/validate.ts';
import { equalBytes, toHex } from '../core/bytes.ts';
import type { Env } from './env.ts';
import { networkOf } from './network.ts';
import { edgeStores } from './stores/index.ts';
import { submitRoute } from './submit.ts';

export { RelayHub } from './relay/hub.ts';
export { LedgerHead, LedgerShard, TokenStore } from './stores/index.ts';

type Ctx = Context<{ Bindings: Env }>;

const fail = (c: Ctx, f: ApiFailure) => c.json(f.body, f.status);

const app = new Hono<{ Bindings: Env }>();

app.get(ROUTES.health, (c) => {
  const { params, chainId } = networkOf(c.env);
  return c.json({ status: 'ok', network: params.network, chainId } satisfies HealthJson);
});

app.get(ROUTES.params, (c) => c.json(networkOf(c.env).json));

app.get(ROUTES.token, async (c) => {
  const parsed = parseHash(c.req.param('hash'));
  if (!parsed.ok) return fail(c, parsed.failure);
  const hash = parsed.value;
  const network = networkOf(c.env);
  const genesis = equalBytes(hash, network.genesisHash);
  const raw = genesis ? network.genesisRaw : (await edgeStores(c.env).tokensByHash([hash]))[0];
  if (!raw) return fail(c, apiError(404, 'not-found', `no token ${toHex(hash)}`));
  return c.json(unplacedTokenJson(raw, hash, genesis) satisfies UnplacedTokenJson);
});

app.post(
  ROUTES.submit,
  bodyLimit({
    maxSize: MAX_SUBMIT_BODY,
    onError: (c) => fail(c, apiError(413, 'body-too-large', `the body is over ${MAX_SUBMIT_BODY} bytes`)),
  }),
  submitRoute,
);

app.get(ROUTES.relay, (c) => c.env.RELAY.getByName(networkOf(c.env).chainId).fetch(c.req.raw));

app.notFound((c) => fail(c, apiError(404, 'not-found', `no route ${c.req.method} ${c.req.path}`)));
app.onError((e, c) => {
  console.error('edge: internal error', e);
  return fail(c, apiError(500, 'internal', 'internal error'));
});

export default app;
