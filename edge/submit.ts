/**
 * `POST /v1/tokens` at the edge: the body is decoded by content type (core/api), the block passes the
 * checks that need no chain state, and the network's relay hub stores it.
 */
import type { Context } from 'hono';
import { type ApiErrorCode, apiError, bad, ok, type Parsed } from '../core/api/errors.ts';
import type { RelaySubmitJson } from '../core/api/types.ts';
import { parseSubmitBody } from '../core/api/validate.ts';
import { toHex } from '../core/bytes.ts';
import { isProtoError } from '../core/errors.ts';
import { TokenType } from '../core/token/block.ts';
import { blake3Hash } from '../core/token/hash.ts';
import type { NetworkParams } from '../core/token/params.ts';
import { type CheckedBlock, validateBlockBasic } from '../core/token/validate.ts';
import type { Env } from './env.ts';
import { networkOf } from './network.ts';
import { edgeStores } from './stores/index.ts';

/** Stores a submitted block: 200 `stored` or `known`; 400 with the rule's code; 413 or 415 for the body. */
export async function submitRoute(c: Context<{ Bindings: Env }>): Promise<Response> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const parsed = parseSubmitBody(mediaType, new Uint8Array(await c.req.arrayBuffer()));
  if (!parsed.ok) return c.json(parsed.failure.body, parsed.failure.status);
  const network = networkOf(c.env);
  const checked = checkBlock(parsed.value, network.params);
  if (!checked.ok) return c.json(checked.failure.body, checked.failure.status);
  const r = await edgeStores(c.env).addToken(parsed.value);
  if (r.outcome === 'refused') return c.json(apiError(400, r.code as ApiErrorCode, r.message).body, 400);
  if (r.outcome === 'orphan')
    return c.json(apiError(400, 'orphan' as ApiErrorCode, `parent ${r.missing} is unknown`).body, 400);
  const status = r.outcome === 'added' ? 'stored' : 'known';
  return c.json({ status, hash: toHex(checked.value.hash) } satisfies RelaySubmitJson);
}

/**
 * The checks a block can pass without the DAG: strict decoding, no mined veto token, proof of work
 * against its own target (validateBlockBasic), and a target no easier than its type's maxTarget, which
 * every valid block meets (nextTarget clamps to it, root targets are at most it). Parents, timestamps
 * and the exact target need the chain and are not checked here.
 */
export function checkBlock(raw: Uint8Array, params: NetworkParams): Parsed<CheckedBlock> {
  let block: CheckedBlock;
  try {
    block = validateBlockBasic(raw, blake3Hash(raw));
  } catch (e) {
    if (isProtoError(e)) return bad(e.code, e.message, e.action);
    throw e;
  }
  const max = maxTargetOf(params, block.type);
  if (block.target > max) {
    return bad('wrong-target', `target ${hex(block.target)} is easier than the type's maxTarget ${hex(max)}`);
  }
  return ok(block);
}

function maxTargetOf(params: NetworkParams, type: number): bigint {
  if (type === TokenType.validator) return params.validator.maxTarget;
  if (type === TokenType.proposal) return params.proposal.maxTarget;
  return params.congress.maxTarget;
}

function hex(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}
