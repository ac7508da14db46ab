/**
 * Reads the edge answers from its UPSTREAM node and serves only once verified (docs/edge.md, State
 * reads): the edge holds no ledger state, so it asks the node and checks the answer's proof against
 * the stateRoot of a header the edge verified itself (same height, same block hash). The body served
 * is then the node's own JSON.
 *
 * Failures: no UPSTREAM, 503 `no-upstream`; the node unreachable or answering an error or something
 * other than a JSON object, 502 `upstream-failed`; an answer that fails a check, 502 `upstream-failed`
 * whose message names the check (`bad-proof: ...`, `value-mismatch: ...`); an answer anchored above
 * the edge's verified head, 503 `upstream-failed` (action retry).
 */
import type { Context } from 'hono';
import { type ApiFailure, apiError } from '../../core/api/errors.ts';
import { equalBytes } from '../../core/bytes.ts';
import { hexField } from '../../core/client/proven.ts';
import { genesisPoint } from '../../core/client/trusted.ts';
import { isProtoError, ProtoError } from '../../core/errors.ts';
import { blockHash, decodeBlock, type Header } from '../../core/ledger/index.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { cacheFor, MOVING } from '../cache.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { edgeStores } from '../stores/index.ts';

export type Ctx = Context<{ Bindings: Env }>;
export const fail = (c: Ctx, f: ApiFailure) => c.json(f.body, f.status);

/** A header the edge verified (genesis at height 0, without a header). */
export interface EdgePoint {
  height: bigint;
  hash: Uint8Array;
  stateRoot: Uint8Array;
  header: Header | undefined;
}

/** An upstream answer, or the failure to send instead. */
export type Upstream = { json: Record<string, unknown> } | { failure: ApiFailure };

/** `GET path` on UPSTREAM: a JSON object, or the failure; `notFound` words an upstream 404 (else 502). */
export async function upstreamJson(c: Ctx, path: string, notFound?: string): Promise<Upstream> {
  const base = c.env.UPSTREAM;
  if (!base)
    return { failure: apiError(503, 'no-upstream', 'this edge has no UPSTREAM node to read state from') };
  const failed = (why: string) => ({ failure: apiError(502, 'upstream-failed', `upstream ${why}`) });
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/+$/, '')}${path}`, { headers: { accept: 'application/json' } });
  } catch (e) {
    return failed(`unreachable: ${(e as Error).message}`);
  }
  if (res.status === 404 && notFound) {
    await res.body?.cancel();
    return {
      failure: apiError(404, 'not-found', `${notFound} (upstream's answer; an absence is not proven)`),
    };
  }
  if (!res.ok) {
    await res.body?.cancel();
    return failed(`answered ${res.status} to ${path}`);
  }
  try {
    const body: unknown = await res.json();
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return { json: body as Record<string, unknown> };
  } catch {}
  return failed(`answered something other than a JSON object to ${path}`);
}

/**
 * The edge's own verified header that an answer's proof names (`anchor`: its height and blockHash).
 * A height above the edge's head cannot be checked yet (`header-from-future`); a hash other than the
 * verified block's is `bad-header`.
 */
export async function anchorOf(c: Ctx, anchor: unknown): Promise<EdgePoint> {
  const a = (typeof anchor === 'object' && anchor !== null ? anchor : {}) as Record<string, unknown>;
  const height = a.height;
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0)
    throw new ProtoError('bad-answer', 'the answer names no height to check its proof against');
  const claimed = hexField(a.blockHash, 'blockHash', 32);
  const point = await verifiedPoint(c, height);
  if (!equalBytes(claimed, point.hash))
    throw new ProtoError('bad-header', `the answer's block ${height} is not the edge's verified one`);
  return point;
}

/** The edge's verified header at `height` (genesis at 0). */
export async function verifiedPoint(c: Ctx, height: number): Promise<EdgePoint> {
  const stores = edgeStores(c.env);
  if (height > (await stores.ledgerHead()))
    throw new ProtoError('header-from-future', `the edge has not verified height ${height} yet`, 'retry');
  if (height === 0) {
    const g = genesisPoint(networkOf(c.env).params, blake3Hash);
    return { height: 0n, hash: g.hash, stateRoot: g.stateRoot, header: undefined };
  }
  const [row] = await stores.ledgerBlocks(height, 1);
  if (!row) throw new ProtoError('bad-answer', `no verified block ${height}`);
  const header = decodeBlock(row.block).header;
  return { height: BigInt(height), hash: blockHash(header, blake3Hash), stateRoot: header.stateRoot, header };
}

/**
 * Asks UPSTREAM for `path`, runs `check` on the answer (throwing a ProtoError when it fails) and
 * serves the node's JSON as it came, cached as a moving value; otherwise the failure.
 */
export async function serveVerified(
  c: Ctx,
  path: string,
  check: (json: Record<string, unknown>) => Promise<void>,
  notFound?: string,
): Promise<Response> {
  const answer = await upstreamJson(c, path, notFound);
  if ('failure' in answer) return fail(c, answer.failure);
  try {
    await check(answer.json);
  } catch (e) {
    if (!isProtoError(e) && !(e instanceof TypeError)) throw e;
    if (isProtoError(e, 'header-from-future'))
      return fail(c, apiError(503, 'upstream-failed', `${e.message}: the upstream answer is ahead`, 'retry'));
    const what = isProtoError(e) ? `${e.code}: ${e.message}` : `bad-answer: ${e.message}`;
    return fail(
      c,
      apiError(502, 'upstream-failed', `the upstream answer to ${path} does not verify (${what})`),
    );
  }
  cacheFor(c, MOVING);
  return c.json(answer.json);
}
