/**
 * What each v1 route takes and answers, as JSON Schemas: the source of the OpenAPI document
 * (openapi.ts). Keys are `METHOD path` with hono's `:param` syntax, as servers mount them.
 */
import {
  ERROR_BODY,
  PARAMS_BODY,
  STATUS_BODY,
  SUBMIT_BODY,
  TEMPLATE_BODY,
  TOKEN_BODY,
  TOKENS_PAGE_BODY,
} from './bodies.ts';
import {
  ACCOUNT_BODY,
  BLOCK_BODY,
  EVIDENCE_BODY,
  HEAD_BODY,
  LEDGER_TOKEN_BODY,
  TX_BATCH_RESULT_BODY,
  TX_LOOKUP_BODY,
  TX_PENDING_BODY,
  VALIDATORS_AT_BODY,
  VALIDATORS_BODY,
} from './ledger-bodies.ts';
import {
  AFTER_QUERY,
  HASH_PARAM,
  HEIGHT_PARAM,
  HEX,
  LIMIT_QUERY,
  object,
  type Schema,
  SUBCHAIN_PARAM,
} from './schema.ts';

/** One answer of a route: its description and, for JSON, the body's schema. */
export interface ResponseDoc {
  description: string;
  schema?: Schema;
}

/** One route's contract. */
export interface RouteDoc {
  summary: string;
  tag: 'tokens' | 'ledger' | 'meta';
  params?: Record<string, Schema>;
  query?: Record<string, Schema>;
  /** Request bodies by media type. */
  body?: Record<string, Schema>;
  responses: Record<string, ResponseDoc>;
}

const ok = (schema: Schema, description = 'success'): ResponseDoc => ({ description, schema });
const err = (description: string): ResponseDoc => ({ description, schema: ERROR_BODY });
const SUBCHAIN = { subchain: SUBCHAIN_PARAM };

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /v1/status': {
    summary: "The node's view: network, chain id, subchain tips, peers, mining and sync",
    tag: 'tokens',
    responses: { 200: ok(STATUS_BODY) },
  },
  'GET /v1/params': {
    summary: 'The genesis file with its chain id and genesis token',
    tag: 'tokens',
    responses: { 200: ok(PARAMS_BODY) },
  },
  'GET /v1/tokens/:hash': {
    summary: 'One token by hash',
    tag: 'tokens',
    params: { hash: HASH_PARAM },
    responses: { 200: ok(TOKEN_BODY), 400: err('bad-hash'), 404: err('not-found') },
  },
  'POST /v1/tokens': {
    summary: 'Submit one token block',
    tag: 'tokens',
    body: {
      'application/octet-stream': { type: 'string', contentMediaType: 'application/octet-stream' },
      'text/plain': HEX,
      'application/json': object({ raw: HEX }),
    },
    responses: {
      200: ok(SUBMIT_BODY, 'added or already known'),
      202: ok(SUBMIT_BODY, 'held (from the future) or orphan (parent missing)'),
      400: err('the block breaks a rule, or the body is malformed'),
      413: err('body-too-large'),
      415: err('unsupported-media-type'),
    },
  },
  'GET /v1/subchains/:subchain/tip': {
    summary: 'The best tip of a subchain',
    tag: 'tokens',
    params: SUBCHAIN,
    responses: {
      200: ok(TOKEN_BODY),
      400: err('bad-subchain'),
      404: err('no tokens yet, or no such subchain'),
    },
  },
  'GET /v1/subchains/:subchain/tokens': {
    summary: 'Canonical tokens of a subchain, a page at a time',
    tag: 'tokens',
    params: SUBCHAIN,
    query: { after: AFTER_QUERY, limit: LIMIT_QUERY },
    responses: {
      200: ok(TOKENS_PAGE_BODY),
      400: err('bad-subchain or bad-query'),
      404: err('no such subchain'),
    },
  },
  'GET /v1/subchains/:subchain/template': {
    summary: 'What the next block on the best tip must contain (for miners)',
    tag: 'tokens',
    params: SUBCHAIN,
    responses: {
      200: ok(TEMPLATE_BODY),
      400: err('bad-subchain'),
      404: err('closed, full or unknown subchain'),
    },
  },
  'GET /v1/ledger/head': {
    summary: 'The committed ledger head, consensus position and mempool size',
    tag: 'ledger',
    responses: { 200: ok(HEAD_BODY) },
  },
  'GET /v1/ledger/blocks/:height': {
    summary: 'A committed ledger block with its transactions and commit',
    tag: 'ledger',
    params: { height: HEIGHT_PARAM },
    responses: { 200: ok(BLOCK_BODY), 400: err('bad-query'), 404: err('not-found') },
  },
  'GET /v1/ledger/evidence': {
    summary: 'Evidence committed by blocks (paged by id) and equivocations this node saw',
    tag: 'ledger',
    query: { after: AFTER_QUERY, limit: LIMIT_QUERY },
    responses: { 200: ok(EVIDENCE_BODY), 400: err('bad-query') },
  },
  'GET /v1/ledger/subscribe': {
    summary:
      'Websocket: one JSON message {type: "block", height, hash, time, round, txs} per committed block',
    tag: 'ledger',
    responses: { 101: { description: 'switching to the websocket protocol' } },
  },
  'GET /v1/accounts/:key': {
    summary: 'An account with a proof against the head state root',
    tag: 'ledger',
    params: { key: HASH_PARAM },
    responses: { 200: ok(ACCOUNT_BODY), 400: err('bad-hash') },
  },
  'GET /v1/validators': {
    summary:
      'The validator queue and pending announcements with their proofs; with ?height=h, the ordered list of committed height h',
    tag: 'ledger',
    query: { height: HEIGHT_PARAM },
    responses: {
      200: ok({ oneOf: [VALIDATORS_BODY, VALIDATORS_AT_BODY] }),
      400: err('bad-query'),
      404: err('not-found: no list stored for that height'),
    },
  },
  'GET /v1/ledger/light/:height': {
    summary:
      'For light clients, application/octet-stream: header ‖ commit ‖ count u8 ‖ key 32 * (the header, its commit and the ordered list of that height)',
    tag: 'ledger',
    params: { height: HEIGHT_PARAM },
    responses: {
      200: { description: 'the light block (application/octet-stream)' },
      400: err('bad-query'),
      404: err('not-found'),
    },
  },
  'GET /v1/ledger/tokens/:hash': {
    summary: "The ledger's entry of a governance token with a proof against the head state root",
    tag: 'ledger',
    params: { hash: HASH_PARAM },
    responses: { 200: ok(LEDGER_TOKEN_BODY), 400: err('bad-hash') },
  },
  'POST /v1/txs': {
    summary: 'Submit one ledger transaction',
    tag: 'ledger',
    body: {
      'application/octet-stream': { type: 'string', contentMediaType: 'application/octet-stream' },
      'application/json': object({ tx: HEX }),
    },
    responses: {
      202: ok(TX_PENDING_BODY, 'admitted to the mempool'),
      400: err("the transaction breaks a rule (the rule's code), or bad-body"),
      413: err('body-too-large'),
      415: err('unsupported-media-type'),
    },
  },
  'POST /v1/txs/batch': {
    summary: 'Submit up to 256 ledger transactions: count u16 ‖ (length u16 ‖ tx)*',
    tag: 'ledger',
    body: { 'application/octet-stream': { type: 'string', contentMediaType: 'application/octet-stream' } },
    responses: {
      200: ok(TX_BATCH_RESULT_BODY, 'one result per transaction, in order'),
      400: err('bad-body'),
      413: err('body-too-large'),
      415: err('unsupported-media-type'),
    },
  },
  'GET /v1/txs/:hash': {
    summary: 'A transaction by hash: pending, or committed at a height',
    tag: 'ledger',
    params: { hash: HASH_PARAM },
    responses: { 200: ok(TX_LOOKUP_BODY), 400: err('bad-hash'), 404: err('not-found') },
  },
  'GET /v1/openapi.json': {
    summary: 'This document',
    tag: 'meta',
    responses: { 200: ok({ type: 'object' }) },
  },
};
