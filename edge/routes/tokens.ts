/**
 * Token-chain routes at the edge, with the node's paths and JSON (docs/api.md), answered by the
 * TokenStore (full DAG checks), plus the binary range `GET /v1/subchains/{id}/range` (a p2p
 * `tokens` frame, core/p2p/codec.ts). `GET /v1/status` has the node's shape with the edge's values:
 * no peers, no mining, never syncing.
 */
import { type Context, Hono } from 'hono';
import { type ApiFailure, apiError } from '../../core/api/errors.ts';
import { ROUTES, type StatusJson, type SubmitJson } from '../../core/api/types.ts';
import { parseHash, parsePageQuery, parseSubchain } from '../../core/api/validate.ts';
import { toHex } from '../../core/bytes.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import { MAX_BATCH } from '../../core/p2p/limits.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { cacheFor, IMMUTABLE, MOVING } from '../cache.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { edgeStores } from '../stores/index.ts';
import { readBody } from '../submit.ts';

type Ctx = Context<{ Bindings: Env }>;

export const EDGE_TOKEN_ROUTES = {
  range: '/v1/subchains/:subchain/range',
} as const;

const fail = (c: Ctx, f: ApiFailure) => c.json(f.body, f.status);
const store = (c: Ctx) => c.env.TOKENS.getByName(networkOf(c.env).chainId);

/** The token routes. */
export function tokenRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();

  app.get(ROUTES.token, async (c) => {
    const hash = parseHash(c.req.param('hash'));
    if (!hash.ok) return fail(c, hash.failure);
    const json = await store(c).token(hash.value);
    if (!json) return fail(c, apiError(404, 'not-found', `no token ${toHex(hash.value)}`));
    cacheFor(c, MOVING);
    return c.json(json);
  });

  app.get(ROUTES.tip, async (c) => {
    const subchain = parseSubchain(c.req.param('subchain'));
    if (!subchain.ok) return fail(c, subchain.failure);
    const tip = await store(c).tip(subchain.value);
    if (!tip) return fail(c, apiError(404, 'not-found', `no subchain ${subchain.value}`));
    if (tip === 'empty') return fail(c, apiError(404, 'not-found', `${subchain.value} has no tokens yet`));
    cacheFor(c, MOVING);
    return c.json(tip);
  });

  app.get(ROUTES.tokens, async (c) => {
    const subchain = parseSubchain(c.req.param('subchain'));
    if (!subchain.ok) return fail(c, subchain.failure);
    const q = parsePageQuery(c.req.queries());
    if (!q.ok) return fail(c, q.failure);
    const found = await store(c).page(subchain.value, q.value.after, q.value.limit);
    if (!found) return fail(c, apiError(404, 'not-found', `no subchain ${subchain.value}`));
    cacheFor(c, found.final ? IMMUTABLE : MOVING);
    return c.json(found.page);
  });

  app.get(EDGE_TOKEN_ROUTES.range, async (c) => {
    const subchain = parseSubchain(c.req.param('subchain'));
    if (!subchain.ok) return fail(c, subchain.failure);
    const q = parsePageQuery(c.req.queries());
    if (!q.ok) return fail(c, q.failure);
    if (q.value.limit > MAX_BATCH)
      return fail(c, apiError(400, 'bad-query', `"limit" of the binary range is at most ${MAX_BATCH}`));
    const { after, limit } = q.value;
    const { raws, final } = await store(c).range(subchain.value, after, limit);
    cacheFor(c, final ? IMMUTABLE : MOVING);
    const frame = encodeMessage({ type: 'tokens', id: 0, start: after + 1, raws });
    return c.body(frame as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream' });
  });

  app.get(ROUTES.status, async (c) => {
    const { params, chainId, json } = networkOf(c.env);
    const tips = await store(c).tipsJson();
    const height = await edgeStores(c.env).ledgerHead();
    cacheFor(c, MOVING);
    return c.json({
      network: params.network,
      chainId,
      genesis: json.genesisHash,
      tips,
      peers: { count: 0, list: [] },
      mining: { enabled: false, type: null, threads: 0, hashRate: 0, found: 0 },
      sync: { syncing: false, orphans: 0, ledger: { height, target: height } },
    } satisfies StatusJson);
  });

  app.post(ROUTES.submit, (c) => submit(c));
  return app;
}

/** `POST /v1/tokens` as on the node: 200 added/known, 202 orphan, 400 with the rule's code. */
async function submit(c: Ctx): Promise<Response> {
  const body = await readBody(c);
  if (!body.ok) return fail(c, body.failure);
  const raw = body.value;
  const hash = toHex(blake3Hash(raw));
  const r = await edgeStores(c.env).addToken(raw);
  switch (r.outcome) {
    case 'added':
      return c.json({
        status: 'added',
        hash,
        subchain: r.subchain,
        tipChanged: r.tipChanged,
      } satisfies SubmitJson);
    case 'known':
      return c.json({ status: 'known', hash } satisfies SubmitJson);
    case 'orphan':
      return c.json({ status: 'orphan', hash, missing: r.missing } satisfies SubmitJson, 202);
    case 'refused':
      return c.json({ error: { code: r.code, message: r.message, action: action(r.code) } }, 400);
  }
}

function action(code: string): 'retry' | 'penalize' | 'ignore' {
  if (code === 'below-window') return 'ignore';
  return code === 'from-future' ? 'retry' : 'penalize';
}
