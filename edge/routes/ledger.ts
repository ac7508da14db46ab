/**
 * Ledger routes at the edge (docs/edge.md, Ledger archive): only blocks whose commits the edge
 * verified are served. `GET /v1/ledger/blocks/{height}` answers the node's JSON (core/api views);
 * `GET /v1/ledger/head` the part of the node's head the edge can know without state; the binary
 * range `GET /v1/ledger/range` (core/api/ledger-range.ts) and light blocks are for bootstrap.
 */
import { type Context, Hono } from 'hono';
import { type ApiFailure, apiError } from '../../core/api/errors.ts';
import {
  type ConsensusJson,
  type HeaderJson,
  headerJson,
  LEDGER_ROUTES,
  type LedgerBlockJson,
  ledgerBlockJson,
} from '../../core/api/ledger.ts';
import { decodeLedgerRange, encodeLedgerRange, MAX_LEDGER_RANGE } from '../../core/api/ledger-range.ts';
import { toHex } from '../../core/bytes.ts';
import { isProtoError, type ProtoErrorCode } from '../../core/errors.ts';
import { blockHash, decodeBlock, decodeCommit, supplyAt } from '../../core/ledger/index.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { cacheFor, IMMUTABLE, MOVING } from '../cache.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { edgeStores } from '../stores/index.ts';
import { shardName } from '../stores/ledger-head.ts';

type Ctx = Context<{ Bindings: Env }>;

export const EDGE_LEDGER_ROUTES = {
  range: '/v1/ledger/range',
  light: '/v1/ledger/light/:height',
} as const;

/** `GET /v1/ledger/head` at the edge: the verified head, without the node's state-bound fields. */
export interface EdgeLedgerHeadJson {
  height: number;
  hash: string;
  /** ns, decimal. */
  time: string;
  stateRoot: string;
  supply: string;
  /** The head block's header; null at height 0. */
  header: HeaderJson | null;
  /** The edge takes no part in consensus: height -1, step `edge`, the size of the next height's list. */
  consensus: ConsensusJson;
  /** The edge keeps no mempool: always 0. */
  mempool: number;
}

const fail = (c: Ctx, f: ApiFailure) => c.json(f.body, f.status);
const HEIGHT = /^[1-9][0-9]{0,15}$/;

/** The ledger routes. */
export function ledgerRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();

  app.get(LEDGER_ROUTES.head, async (c) => {
    const p = await c.env.LEDGER_HEAD.getByName(networkOf(c.env).chainId).head();
    const [row] = p.height > 0 ? await edgeStores(c.env).ledgerBlocks(p.height, 1) : [];
    const header = row ? decodeBlock(row.block).header : null;
    cacheFor(c, MOVING);
    return c.json({
      height: p.height,
      hash: toHex(p.hash),
      time: p.time.toString(),
      stateRoot: toHex(p.stateRoot),
      supply: supplyAt(genesisSupply(c), p.height).toString(),
      header: header && headerJson(header),
      consensus: { height: -1, round: 0, step: 'edge', validators: p.next?.length ?? 0 },
      mempool: 0,
    } satisfies EdgeLedgerHeadJson);
  });

  app.get(LEDGER_ROUTES.block, async (c) => {
    const height = parseHeight(c.req.param('height'));
    if (height === undefined) return fail(c, badHeight());
    const [row] = await edgeStores(c.env).ledgerBlocks(height, 1);
    if (!row) return fail(c, apiError(404, 'not-found', `no verified block ${height} at the edge`));
    const block = decodeBlock(row.block);
    const hash = blockHash(block.header, blake3Hash);
    const supply = supplyAt(genesisSupply(c), height);
    cacheFor(c, IMMUTABLE);
    return c.json(
      ledgerBlockJson(
        height,
        hash,
        block,
        row.block,
        decodeCommit(row.commit),
        supply,
      ) satisfies LedgerBlockJson,
    );
  });

  app.get(EDGE_LEDGER_ROUTES.range, async (c) => {
    const q = parseRange(c.req.queries());
    if ('failure' in q) return fail(c, q.failure);
    const blocks = await edgeStores(c.env).ledgerBlocks(q.from, q.count);
    if (blocks.length === 0)
      return fail(c, apiError(404, 'not-found', `no verified block ${q.from} at the edge`));
    cacheFor(c, blocks.length === q.count ? IMMUTABLE : MOVING);
    const body = encodeLedgerRange({ from: q.from, blocks });
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream' });
  });

  app.post(EDGE_LEDGER_ROUTES.range, (c) => offerRange(c));

  app.get(EDGE_LEDGER_ROUTES.light, async (c) => {
    const height = parseHeight(c.req.param('height'));
    if (height === undefined) return fail(c, badHeight());
    const top = await edgeStores(c.env).ledgerHead();
    const light =
      height <= top ? await c.env.LEDGER_SHARD.getByName(shardName(c.env, height)).light(height) : null;
    if (!light) return fail(c, apiError(404, 'not-found', `no light block for height ${height} at the edge`));
    cacheFor(c, IMMUTABLE);
    return c.body(light as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream' });
  });
  return app;
}

/** Largest body of `POST /v1/ledger/range`. */
export const MAX_RANGE_BODY = 8 * 1024 * 1024;

/**
 * `POST /v1/ledger/range`: committed blocks in the binary range form, offered in order to the head
 * (each verified as any other offer). 200 `{ added, known, head }`; 400 with the refusing rule's code
 * and the height, once nothing more can be added (blocks before it stay added); 400 `bad-body` for a
 * body that is not a range.
 */
async function offerRange(c: Ctx): Promise<Response> {
  let range: ReturnType<typeof decodeLedgerRange>;
  try {
    range = decodeLedgerRange(new Uint8Array(await c.req.arrayBuffer()));
  } catch (e) {
    if (!isProtoError(e)) throw e;
    return fail(c, apiError(400, 'bad-body', `the body is not a ledger range: ${e.message}`));
  }
  const stores = edgeStores(c.env);
  let added = 0;
  let known = 0;
  for (const [i, block] of range.blocks.entries()) {
    const r = await stores.addLedgerBlock(block);
    if (r.outcome === 'added') added++;
    else if (r.outcome === 'known') known++;
    else if (r.outcome === 'ahead')
      return fail(c, apiError(400, 'bad-body', `block ${range.from + i} is above head + 1 (head ${r.head})`));
    else return fail(c, apiError(400, r.code as ProtoErrorCode, `block ${range.from + i}: ${r.message}`));
  }
  return c.json({ added, known, head: await stores.ledgerHead() });
}

function genesisSupply(c: Ctx): bigint {
  return networkOf(c.env).params.balances.reduce((sum, b) => sum + b.amount, 0n);
}

function parseHeight(text: string): number | undefined {
  return HEIGHT.test(text) ? Number(text) : undefined;
}

function badHeight(): ApiFailure {
  return apiError(400, 'bad-query', 'a block height is a decimal integer >= 1');
}

/** `from` (a height >= 1, required) and `count` (1 to MAX_LEDGER_RANGE, default 100); nothing else. */
function parseRange(
  query: Record<string, string[]>,
): { from: number; count: number } | { failure: ApiFailure } {
  const bad = (message: string) => ({ failure: apiError(400, 'bad-query', message) });
  for (const [key, values] of Object.entries(query)) {
    if (key !== 'from' && key !== 'count') return bad(`unknown query parameter "${key}"`);
    if (values.length !== 1) return bad(`query parameter "${key}" is repeated`);
  }
  const from = parseHeight(query.from?.[0] ?? '');
  if (from === undefined) return bad('"from" must be a decimal integer >= 1');
  const text = query.count?.[0];
  const count = text === undefined ? 100 : parseHeight(text);
  if (count === undefined || count > MAX_LEDGER_RANGE)
    return bad(`"count" must be a decimal integer from 1 to ${MAX_LEDGER_RANGE}`);
  return { from, count };
}
