/**
 * `GET /v1/openapi.json` and `GET /docs` at the edge: the document of exactly the routes the edge
 * mounts, from core/api/routes-doc.ts with the edge's own contracts where its answers differ.
 */
import type { Hono } from 'hono';
import { ERROR_BODY } from '../core/api/bodies.ts';
import { docsPage } from '../core/api/docs-page.ts';
import { HEADER_BODY } from '../core/api/ledger-bodies.ts';
import { type OpenApi, openApiDocument } from '../core/api/openapi.ts';
import { ROUTE_DOCS, type RouteDoc } from '../core/api/routes-doc.ts';
import { AFTER_QUERY, HEIGHT_PARAM, hex, nullable, object, SUBCHAIN_PARAM } from '../core/api/schema.ts';
import type { Env } from './env.ts';

export const OPENAPI_ROUTE = '/v1/openapi.json';
export const DOCS_ROUTE = '/docs';

const err = (description: string) => ({ description, schema: ERROR_BODY });
const DECIMAL = { type: 'string', pattern: '^(0|[1-9][0-9]*)$' };
const UINT = { type: 'integer', minimum: 0 };
const BINARY = (description: string) => ({ description });

/** A node route the edge serves from UPSTREAM once verified (edge/routes/upstream.ts). */
function verifiedDoc(route: string, summary: string): RouteDoc {
  const node = ROUTE_DOCS[route]!;
  return {
    ...node,
    summary,
    responses: {
      ...node.responses,
      502: err(
        'upstream-failed: UPSTREAM is unreachable, failed, or its answer did not verify (the message names the check)',
      ),
      503: err('no-upstream, or upstream-failed with action retry while the edge is behind the answer'),
    },
  };
}

/** Contracts of the edge's own routes, and of node routes whose edge answer differs. */
export const EDGE_ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /v1/subchains/:subchain/range': {
    summary: 'Canonical token blocks of a subchain as one binary p2p `tokens` frame (core/p2p/codec.ts)',
    tag: 'tokens',
    params: { subchain: SUBCHAIN_PARAM },
    query: { after: AFTER_QUERY, limit: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } },
    responses: { 200: BINARY('application/octet-stream: the frame'), 400: err('bad-subchain, bad-query') },
  },
  'GET /v1/ledger/range': {
    summary: 'Verified committed ledger blocks as one binary range (core/api/ledger-range.ts)',
    tag: 'ledger',
    query: { from: HEIGHT_PARAM, count: HEIGHT_PARAM },
    responses: {
      200: BINARY('application/octet-stream: from u64, n u16, (block u32-sized, commit u32-sized)*'),
      400: err('bad-query'),
      404: err('not-found: from is above the verified head'),
    },
  },
  'POST /v1/ledger/range': {
    summary: 'Offer committed blocks as one binary range; each is stored only once its commit verifies',
    tag: 'ledger',
    body: { 'application/octet-stream': { type: 'string', contentMediaType: 'application/octet-stream' } },
    responses: {
      200: {
        description: 'every block added or already held',
        schema: object({ added: UINT, known: UINT, head: UINT }),
      },
      400: err("bad-body, or the refusing rule's code (bad-signature, no-quorum, bad-validators, ...)"),
      413: err('body-too-large'),
    },
  },
  'GET /v1/ledger/head': {
    summary: "The edge's verified ledger head (no state proof: the edge holds no state)",
    tag: 'ledger',
    responses: {
      200: {
        description: 'success',
        schema: object({
          height: UINT,
          hash: hex(32),
          time: DECIMAL,
          stateRoot: hex(32),
          supply: DECIMAL,
          header: nullable(HEADER_BODY),
          consensus: object({
            height: { const: -1 },
            round: UINT,
            step: { const: 'edge' },
            validators: UINT,
          }),
          mempool: { const: 0 },
        }),
      },
    },
  },
  'GET /v1/accounts/:key': verifiedDoc(
    'GET /v1/accounts/:key',
    "An account read from UPSTREAM, answered only when its proof holds under the edge's verified header",
  ),
  'GET /v1/validators': verifiedDoc(
    'GET /v1/validators',
    "The validator queue and pending FIFO read from UPSTREAM, answered only when their proofs hold under the edge's verified header; with ?height=h, the ordered list of committed height h checked against header h",
  ),
  'GET /v1/proposals': verifiedDoc(
    'GET /v1/proposals',
    "Proposals read from UPSTREAM, each proven under the edge's verified header and of the status asked (that none is left out is not provable)",
  ),
  'GET /v1/proposals/:id': verifiedDoc(
    'GET /v1/proposals/:id',
    "One proposal read from UPSTREAM with its votes and tally, answered only when its proof holds under the edge's verified header (a 404 is upstream's, not proven)",
  ),
  'GET /v1/veto': verifiedDoc(
    'GET /v1/veto',
    "The veto key and delegates read from UPSTREAM, answered only when their proof holds under the edge's verified header",
  ),
  'GET /v1/ledger/tokens/:hash': verifiedDoc(
    'GET /v1/ledger/tokens/:hash',
    "A token's ledger entry (or its proven absence) read from UPSTREAM, answered only when its proof holds under the edge's verified header",
  ),
  'GET /v1/relay': {
    summary:
      "The relay websocket: the node's binary p2p frames (hello, status, block, ledger messages, sync requests), fanned out by topic (docs/edge.md, Relay hub)",
    tag: 'meta',
    query: { topics: { type: 'string', pattern: '^(tokens|consensus|txs)(,(tokens|consensus|txs))*$' } },
    responses: {
      101: BINARY('switching to the websocket; the hub sends its hello first'),
      400: err('bad-topics'),
      426: err('upgrade-required: not a websocket upgrade'),
    },
  },
};

/** Adds both routes to `app`; the document is built on first request, once every route is mounted. */
export function mountOpenApi(app: Hono<{ Bindings: Env }>, version: string): void {
  let built: OpenApi | undefined;
  const get = () => {
    built ??= openApiDocument(
      app.routes,
      { title: 'Proto edge API', version },
      { ...ROUTE_DOCS, ...EDGE_ROUTE_DOCS },
    );
    return built;
  };
  app.get(OPENAPI_ROUTE, (c) => c.json(get().document));
  app.get(DOCS_ROUTE, (c) => c.html(docsPage(get().document)));
}
