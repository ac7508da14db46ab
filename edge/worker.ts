/**
 * The edge Worker (docs/edge.md): the read API of one network's token chain and ledger, verified
 * before it is stored, token submission, the explorer and the API reference, on hono. Reads under
 * `/v1/` go through the Workers cache and answer CORS for any origin; every failure is a JSON error
 * `{ error: { code, message, action } }`, and bad input gets a 4xx.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type ApiFailure, apiError } from '../core/api/errors.ts';
import { type HealthJson, ROUTES } from '../core/api/types.ts';
import { MAX_SUBMIT_BODY } from '../core/api/validate.ts';
import { edgeCache, memoryAnswer } from './cache.ts';
import { edgeCors } from './cors.ts';
import type { Env } from './env.ts';
import { explorerRoutes } from './explorer.ts';
import { networkOf } from './network.ts';
import { mountOpenApi } from './openapi.ts';
import { accountRoutes } from './routes/accounts.ts';
import { EDGE_LEDGER_ROUTES, ledgerRoutes, MAX_RANGE_BODY } from './routes/ledger.ts';
import { stateRoutes } from './routes/state.ts';
import { tokenRoutes } from './routes/tokens.ts';

export { RelayHub } from './relay/hub.ts';
export { LedgerHead, LedgerShard, TokenStore } from './stores/index.ts';

type Ctx = Context<{ Bindings: Env }>;

const fail = (c: Ctx, f: ApiFailure) => c.json(f.body, f.status);

const app = new Hono<{ Bindings: Env }>();

// The relay websocket goes straight to the network's hub, before the CORS and cache middleware.
app.get(ROUTES.relay, (c) => c.env.RELAY.getByName(networkOf(c.env).chainId).fetch(c.req.raw));

app.use('/v1/*', edgeCors());
app.use('/v1/*', edgeCache());
app.use(
  ROUTES.submit,
  bodyLimit({
    maxSize: MAX_SUBMIT_BODY,
    onError: (c) => fail(c, apiError(413, 'body-too-large', `the body is over ${MAX_SUBMIT_BODY} bytes`)),
  }),
);

app.use(EDGE_LEDGER_ROUTES.range, async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const limit = bodyLimit({
    maxSize: MAX_RANGE_BODY,
    onError: (c) => fail(c, apiError(413, 'body-too-large', `the body is over ${MAX_RANGE_BODY} bytes`)),
  });
  return limit(c, next);
});

app.get(ROUTES.health, (c) => {
  const { params, chainId } = networkOf(c.env);
  return c.json({ status: 'ok', network: params.network, chainId } satisfies HealthJson);
});
app.get(ROUTES.params, (c) => c.json(networkOf(c.env).json));
app.route('/', tokenRoutes());
app.route('/', ledgerRoutes());
app.route('/', accountRoutes());
app.route('/', stateRoutes());
mountOpenApi(app, 'v1');
app.route('/', explorerRoutes());

app.notFound((c) => fail(c, apiError(404, 'not-found', `no route ${c.req.method} ${c.req.path}`)));
app.onError((e, c) => {
  console.error('edge: internal error', e);
  return fail(c, apiError(500, 'internal', 'internal error'));
});

/** The hono app, for its route list (tests, the OpenAPI check). */
export { app };

/** Immutable answers this isolate holds go out before any routing (cache.ts); everything else to the app. */
export default {
  fetch: (request, env, ctx) => memoryAnswer(request) ?? app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
