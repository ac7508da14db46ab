/**
 * `GET /v1/accounts/{key}` at the edge (docs/edge.md, Account reads): the edge holds no state, so it
 * asks its UPSTREAM node and answers only what it has verified: the proof in the node's answer must
 * hold under the stateRoot of a header the edge verified itself (same height, same block hash). The
 * body is then the node's own JSON. No UPSTREAM: 503 `no-upstream`; an answer that fails: 502.
 */
import { type Context, Hono } from 'hono';
import { type ApiFailure, apiError } from '../../core/api/errors.ts';
import { LEDGER_ROUTES } from '../../core/api/ledger.ts';
import { equalBytes, fromHex } from '../../core/bytes.ts';
import { type AccountJson, checkAccount } from '../../core/client/answers.ts';
import { hexField } from '../../core/client/proven.ts';
import { genesisPoint } from '../../core/client/trusted.ts';
import { isProtoError, ProtoError } from '../../core/errors.ts';
import { blockHash, decodeBlock } from '../../core/ledger/index.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { cacheFor, MOVING } from '../cache.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { edgeStores } from '../stores/index.ts';

type Ctx = Context<{ Bindings: Env }>;
const fail = (c: Ctx, f: ApiFailure) => c.json(f.body, f.status);

/** The account route. */
export function accountRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  app.get(LEDGER_ROUTES.account, async (c) => {
    const text = c.req.param('key');
    const key = /^[0-9a-f]{64}$/.test(text) ? fromHex(text, 32) : undefined;
    if (!key) return fail(c, apiError(400, 'bad-hash', 'an account key is 64 lowercase hex digits'));
    if (!c.env.UPSTREAM)
      return fail(c, apiError(503, 'no-upstream', 'this edge has no UPSTREAM node to read accounts from'));
    const answer = await upstreamAccount(c.env.UPSTREAM, text);
    if ('failure' in answer) return fail(c, answer.failure);
    try {
      const root = await verifiedRoot(c, answer);
      checkAccount(answer, key, root);
    } catch (e) {
      if (!isProtoError(e)) throw e;
      if (e.code === 'header-from-future')
        return fail(c, apiError(503, 'upstream-failed', e.message, 'retry'));
      return fail(c, apiError(502, 'upstream-failed', `the upstream answer does not verify: ${e.message}`));
    }
    cacheFor(c, MOVING);
    return c.json(answer);
  });
  return app;
}

async function upstreamAccount(base: string, key: string): Promise<AccountJson | { failure: ApiFailure }> {
  const failed = (why: string) => ({ failure: apiError(502, 'upstream-failed', `upstream ${why}`) });
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/+$/, '')}/v1/accounts/${key}`, {
      headers: { accept: 'application/json' },
    });
  } catch (e) {
    return failed(`unreachable: ${(e as Error).message}`);
  }
  if (!res.ok) return failed(`answered ${res.status}`);
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as AccountJson;
  } catch {}
  return failed('answered something other than a JSON object');
}

/**
 * The stateRoot of the edge's own verified header at the answer's height, after checking the answer
 * names that header's hash. A height above the edge's head cannot be checked yet (`header-from-future`).
 */
async function verifiedRoot(c: Ctx, answer: AccountJson): Promise<Uint8Array> {
  const height = answer.height;
  if (!Number.isSafeInteger(height) || height < 0)
    throw new ProtoError('bad-answer', 'height is not an integer >= 0', 'penalize');
  const claimed = hexField(answer.blockHash, 'blockHash', 32);
  const stores = edgeStores(c.env);
  if (height > (await stores.ledgerHead()))
    throw new ProtoError('header-from-future', `the edge has not verified height ${height} yet`, 'retry');
  let hash: Uint8Array;
  let root: Uint8Array;
  if (height === 0) {
    const g = genesisPoint(networkOf(c.env).params, blake3Hash);
    [hash, root] = [g.hash, g.stateRoot];
  } else {
    const [row] = await stores.ledgerBlocks(height, 1);
    if (!row) throw new ProtoError('bad-answer', `no verified block ${height}`, 'retry');
    const header = decodeBlock(row.block).header;
    [hash, root] = [blockHash(header, blake3Hash), header.stateRoot];
  }
  if (!equalBytes(claimed, hash))
    throw new ProtoError('bad-proof', `blockHash is not the verified block ${height}'s`, 'penalize');
  return root;
}
