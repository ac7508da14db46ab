/**
 * TokenStore: the Durable Object holding one network's token chain at the edge. Every block passes
 * core's full checks (TokenDag: strict decoding, proof of work, the exact ASERT target, timestamps,
 * parents) before it is stored, so the SQLite `tokens` table (core/store schema) holds blocks in
 * acceptance order, parents first. Memory holds only the window above the ledger checkpoints; the
 * rest is answered from SQLite (token-window.ts, docs/edge.md, Token store).
 */
import { DurableObject } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import type { TipJson, TokenJson, TokensPageJson } from '../../core/api/types.ts';
import type { Tip } from '../../core/p2p/codec.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { DEFAULT_WINDOW, TokenWindow } from './token-window.ts';
import type { TokenAddResult } from './types.ts';

const NS_PER_MS = 1_000_000n;
const now = () => BigInt(Date.now()) * NS_PER_MS;

/** The window margin in heights: TOKEN_WINDOW when set (tests use a small one), else DEFAULT_WINDOW. */
export function windowMargin(env: Env): number {
  const n = Number(env.TOKEN_WINDOW ?? DEFAULT_WINDOW);
  if (!Number.isSafeInteger(n) || n < 5)
    throw new Error(`TOKEN_WINDOW must be an integer >= 5, not ${env.TOKEN_WINDOW}`);
  return n;
}

/** One network's token chain; the Worker and the relay hub reach it by RPC. */
export class TokenStore extends DurableObject<Env> {
  private readonly w: TokenWindow;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.w = new TokenWindow(drizzle(ctx.storage), networkOf(env).params, now(), windowMargin(env));
  }

  /** Validates `raw` against its parents and stores it when the DAG takes it. */
  addToken(raw: Uint8Array): TokenAddResult {
    return this.w.addToken(raw, now());
  }

  /** Best tips of the subchains holding blocks, as a p2p `status` frame carries them. */
  tips(): Tip[] {
    return this.w.tips();
  }

  /** The best tip of every subchain (roots included), as `GET /v1/status` shows them. */
  tipsJson(): Record<string, TipJson> {
    return this.w.tipsJson();
  }

  /** Raw canonical blocks of `subchain` at positions after+1 .. after+limit ([] for an unknown subchain). */
  tokenRange(subchain: string, after: number, limit: number): Uint8Array[] {
    return this.w.tokenRange(subchain, after, limit);
  }

  /** `getTokens` as a node answers it: from the first locator hash on the selected chain. */
  tokensFrom(
    subchain: string,
    after: number,
    locator: Uint8Array[],
    limit: number,
  ): { after: number; raws: Uint8Array[] } {
    return this.w.tokensFrom(subchain, after, locator, limit);
  }

  /** Raw blocks held among `hashes`, in the order asked. */
  tokensByHash(hashes: Uint8Array[]): Uint8Array[] {
    return this.w.tokensByHash(hashes);
  }

  /** The node's TokenJson of `hash` (the genesis token included), or null. */
  token(hash: Uint8Array): TokenJson | null {
    return this.w.token(hash);
  }

  /** The node's page of canonical tokens with its finality, or null for an unknown subchain. */
  page(subchain: string, after: number, limit: number): { page: TokensPageJson; final: boolean } | null {
    return this.w.page(subchain, after, limit);
  }

  /** tokenRange with its finality (see page). */
  range(subchain: string, after: number, limit: number): { raws: Uint8Array[]; final: boolean } {
    return this.w.range(subchain, after, limit);
  }

  /** The node's TokenJson of the best tip of `subchain`; null when unknown, 'empty' when it has no blocks. */
  tip(subchain: string): TokenJson | 'empty' | null {
    return this.w.tip(subchain);
  }

  /** Records a ledger checkpoint the edge has verified (token-window.ts); false until applied. */
  checkpoint(subchain: string, hash: Uint8Array): boolean {
    return this.w.checkpoint(subchain, hash);
  }

  /** Number of blocks stored (roots not counted). */
  count(): number {
    return this.w.count();
  }

  /** Blocks held in memory and each subchain's floor height. */
  window(): { held: number; floors: Record<string, number> } {
    return this.w.window();
  }
}
