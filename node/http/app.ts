/**
 * The node's HTTP API (docs/api.md): hono routes over the chain. Every failure is a JSON error with
 * a code; malformed input gets a 4xx, never a 5xx.
 */
import { type Context, Hono } from 'hono';
import { apiError } from '../../core/api/errors.ts';
import {
  type HealthJson,
  type ParamsJson,
  ROUTES,
  type StatusJson,
  type TemplateJson,
  tokenJson,
} from '../../core/api/types.ts';
import { MAX_SUBMIT_BODY, parseHash, parsePageQuery, parseSubchain } from '../../core/api/validate.ts';
import { equalBytes, toHex } from '../../core/bytes.ts';
import { encodeBlock, TOKEN_TYPE_NAMES, type TokenType } from '../../core/token/block.ts';
import { genesisBlock } from '../../core/token/genesis.ts';
import { chainId, genesisToJson } from '../../core/token/params.ts';
import type { Chain } from '../chain.ts';
import type { LedgerNode } from '../ledger/service.ts';
import { limitBody } from './body-limit.ts';
import { type CorsConfig, corsMiddleware } from './cors.ts';
import { explorerRoutes } from './explorer.ts';
import { governanceRoutes, ledgerParamsJson } from './governance.ts';
import { httpMetrics } from './http-metrics.ts';
import { ledgerRoutes } from './ledger.ts';
import { mountOpenApi } from './openapi-route.ts';
import { FailureResponse, fail, isClientAbort, need } from './respond.ts';
import { submitRoute } from './submit.ts';
import { txRoutes } from './tx-route.ts';

/** What the API reads besides the chain: live facts about peers and mining. */
export interface ApiSource {
  chain: Chain;
  /** The ledger, whose routes are mounted when present. */
  ledger?: LedgerNode;
  status(): Pick<StatusJson, 'peers' | 'mining' | 'sync' | 'ledger'>;
  /** CORS on the API routes; absent: none. */
  cors?: CorsConfig;
  /** Told of every answered request (metrics). */
  requests?: (method: string, route: string, status: number) => void;
}

/** The hono app for `source`. */
export function createApp(source: ApiSource): Hono {
  const { chain } = source;
  const dag = chain.dag;
  const params = paramsJson(chain);
  const genesisRaw = encodeBlock(genesisBlock(dag.params));
  const app = new Hono();
  if (source.requests) app.use('*', httpMetrics(source.requests));
  if (source.cors) app.use('/v1/*', corsMiddleware(source.cors));

  app.get(ROUTES.health, (c) => {
    const health: HealthJson = { status: 'ok', network: dag.params.network, chainId: params.chainId };
    return c.json(health);
  });

  app.get(ROUTES.status, (c) => {
    const tips = Object.fromEntries(
      dag.subchains().map((id) => {
        const t = dag.tip(id);
        return [id, { hash: toHex(t.hash), count: t.count, aw: t.aw.toString(), time: t.time.toString() }];
      }),
    );
    const live = source.status();
    const { network } = dag.params;
    return c.json({ network, chainId: params.chainId, genesis: params.genesisHash, tips, ...live });
  });

  app.get(ROUTES.params, (c) =>
    c.json(source.ledger ? { ...params, ledger: ledgerParamsJson(source.ledger.ledger.state) } : params),
  );

  app.get(ROUTES.token, (c) => {
    const hash = need(c, parseHash(c.req.param('hash')));
    const info = dag.info(hash);
    const raw = info?.root ? (equalBytes(hash, dag.genesisHash) ? genesisRaw : undefined) : chain.raw(hash);
    if (!info || !raw) return fail(c, apiError(404, 'not-found', `no token ${toHex(hash)}`));
    return c.json(tokenJson(info, raw));
  });

  app.get(ROUTES.tip, (c) => {
    const subchain = knownSubchain(c, chain, c.req.param('subchain'));
    const tip = dag.tip(subchain);
    if (tip.root) return fail(c, apiError(404, 'not-found', `${subchain} has no tokens yet`));
    return c.json(tokenJson(tip, chain.raw(tip.hash)!));
  });

  app.get(ROUTES.tokens, (c) => {
    const subchain = knownSubchain(c, chain, c.req.param('subchain'));
    const { after, limit } = need(c, parsePageQuery(c.req.queries()));
    const tokens = dag.canonical(subchain, after, limit).map((h) => tokenJson(dag.info(h)!, chain.raw(h)!));
    const next = after + tokens.length < dag.tip(subchain).count ? after + tokens.length : null;
    return c.json({ subchain, after, tokens, next });
  });

  app.get(ROUTES.template, (c) => {
    const subchain = knownSubchain(c, chain, c.req.param('subchain'));
    const t = dag.template(subchain);
    if (!t) return fail(c, apiError(404, 'not-found', `${subchain} is closed or full`));
    const type = TOKEN_TYPE_NAMES[t.type as TokenType];
    const other = t.other ? toHex(t.other) : null;
    const target = t.target.toString(16).padStart(64, '0');
    return c.json({
      subchain,
      type,
      prev: toHex(t.prev),
      other,
      target,
      minTime: t.minTime.toString(),
    } satisfies TemplateJson);
  });

  app.post(ROUTES.submit, limitBody(MAX_SUBMIT_BODY), (c) => submitRoute(c, chain));

  if (source.ledger) app.route('/', ledgerRoutes(source.ledger));
  if (source.ledger) app.route('/', governanceRoutes(source.ledger));
  if (source.ledger) app.route('/', txRoutes(source.ledger));
  mountOpenApi(app, 'v1');
  app.route('/', explorerRoutes());

  app.notFound((c) => fail(c, apiError(404, 'not-found', `no route ${c.req.method} ${c.req.path}`)));
  app.onError((e, c) => {
    if (e instanceof FailureResponse) return e.response;
    if (isClientAbort(c, e))
      return fail(c, apiError(400, 'aborted', 'the client left before its request was read'));
    console.error('http: internal error', e);
    return fail(c, apiError(500, 'internal', 'internal error; see the node log'));
  });
  return app;
}

function knownSubchain(c: Context, chain: Chain, text: string): string {
  const id = need(c, parseSubchain(text));
  if (!chain.dag.subchains().includes(id))
    throw new FailureResponse(fail(c, apiError(404, 'not-found', `no subchain ${id}`)));
  return id;
}

function paramsJson(chain: Chain): ParamsJson {
  const p = chain.dag.params;
  return {
    chainId: toHex(chainId(p)),
    genesisHash: toHex(chain.dag.genesisHash),
    genesisToken: toHex(encodeBlock(genesisBlock(p))),
    genesis: genesisToJson(p),
  };
}
