/**
 * The edge's stores (docs/edge.md, Storage): one TokenStore per network (named by its chain id), one
 * LedgerHead, and LedgerShards by height range. `edgeStores(env)` is the one way in for the Worker's
 * routes and the relay hub.
 */

import { MAX_LEDGER_RANGE } from '../../core/api/ledger-range.ts';
import { decodeLightBlock } from '../../core/client/light-block.ts';
import { isProtoError } from '../../core/errors.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { shardName } from './ledger-head.ts';
import { SHARD_HEIGHTS } from './ledger-shard.ts';
import type { EdgeStores, LedgerAddResult } from './types.ts';

export { LedgerHead } from './ledger-head.ts';
export { LedgerShard } from './ledger-shard.ts';
export { TokenStore } from './token-store.ts';
export type {
  CommittedBlock,
  EdgeStores,
  EdgeValidatorSet,
  LedgerAddResult,
  Tip,
  TokenAddResult,
  TrustedPoint,
} from './types.ts';

/** The stores of the network `env` serves, through Durable Object stubs. */
export function edgeStores(env: Env): EdgeStores {
  const id = networkOf(env).chainId;
  const tokens = () => env.TOKENS.getByName(id);
  const head = () => env.LEDGER_HEAD.getByName(id);
  return {
    addToken: (raw) => tokens().addToken(raw),
    tips: () => tokens().tips(),
    tokenRange: (subchain, after, limit) => tokens().tokenRange(subchain, after, limit),
    tokensFrom: (subchain, after, locator, limit) => tokens().tokensFrom(subchain, after, locator, limit),
    tokensByHash: (hashes) => tokens().tokensByHash(hashes),
    addLedgerBlock: (block, validators) => addLedgerBlock(env, block, validators),
    ledgerHead: () => head().height(),
    ledgerBlocks: (from, count) => ledgerBlocks(env, from, count),
    validatorSet: () => head().validatorSet(),
  };
}

/**
 * Offers `block` to the head. When the list of its height is unknown to the edge (a membership change)
 * and none was given, the light block of that height is fetched from UPSTREAM and the offer made again
 * with its list, which the head checks against the verified hashes like any other.
 */
async function addLedgerBlock(
  env: Env,
  block: CommittedBlock,
  given?: Uint8Array[],
): Promise<LedgerAddResult> {
  const head = env.LEDGER_HEAD.getByName(networkOf(env).chainId);
  const first = await head.add(block, given);
  if (given || !env.UPSTREAM || first.outcome !== 'refused') return first;
  if (first.code !== 'unknown-validators' && first.code !== 'bad-validators') return first;
  const height = (await head.height()) + 1;
  const validators = await upstreamList(env.UPSTREAM, height);
  return validators ? head.add(block, validators) : first;
}

/** The ordered list of `height` from UPSTREAM's light block, or undefined when it cannot be had. */
async function upstreamList(upstream: string, height: number): Promise<Uint8Array[] | undefined> {
  try {
    const res = await fetch(`${upstream.replace(/\/+$/, '')}/v1/ledger/light/${height}`, {
      headers: { accept: 'application/octet-stream' },
    });
    if (!res.ok) return undefined;
    const light = decodeLightBlock(new Uint8Array(await res.arrayBuffer()));
    return light.header.height === BigInt(height) ? light.validators : undefined;
  } catch (e) {
    if (isProtoError(e) || e instanceof TypeError) return undefined;
    throw e;
  }
}

/** Verified blocks from..from+count-1 (at most MAX_LEDGER_RANGE, never above the head), shard by shard. */
async function ledgerBlocks(env: Env, from: number, count: number): Promise<CommittedBlock[]> {
  const top = await env.LEDGER_HEAD.getByName(networkOf(env).chainId).height();
  const last = Math.min(top, from + Math.min(count, MAX_LEDGER_RANGE) - 1);
  const out: CommittedBlock[] = [];
  for (let h = Math.max(from, 1); h <= last; ) {
    const upTo = Math.min(last, (Math.floor((h - 1) / SHARD_HEIGHTS) + 1) * SHARD_HEIGHTS);
    const rows = await env.LEDGER_SHARD.getByName(shardName(env, h)).range(h, upTo - h + 1);
    for (const r of rows) out.push({ block: r.block, commit: r.commit });
    if (rows.length < upTo - h + 1) break;
    h = upTo + 1;
  }
  return out;
}
