/**
 * TokenStore: the Durable Object holding one network's token chain at the edge. Every block passes
 * core's full checks (TokenDag: strict decoding, proof of work, the exact ASERT target, timestamps,
 * parents) before it is stored, so the SQLite `tokens` table (core/store schema) holds blocks in
 * acceptance order, parents first. The DAG index lives in memory and is rebuilt from that table when
 * the object starts (docs/edge.md, Token store: memory).
 */
import { DurableObject } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import { type TipJson, type TokenJson, type TokensPageJson, tokenJson } from '../../core/api/types.ts';
import { equalBytes, fromHex, toHex } from '../../core/bytes.ts';
import { isProtoError } from '../../core/errors.ts';
import type { Tip } from '../../core/p2p/codec.ts';
import { MAX_STATUS_TIPS } from '../../core/p2p/limits.ts';
import {
  countTokens,
  createTables,
  loadMeta,
  loadRaw,
  loadTokens,
  type StoreDb,
  saveMeta,
  saveTokens,
} from '../../core/store/queries.ts';
import { encodeBlock } from '../../core/token/block.ts';
import { PROPOSAL, TokenDag, VALIDATOR } from '../../core/token/dag.ts';
import { genesisBlock } from '../../core/token/genesis.ts';
import type { NetworkParams } from '../../core/token/params.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import type { TokenAddResult } from './types.ts';

const NS_PER_MS = 1_000_000n;
const REBUILD_PAGE = 5000;

/** One network's token chain; the Worker and the relay hub reach it by RPC. */
export class TokenStore extends DurableObject<Env> {
  private readonly db: StoreDb;
  private readonly dag: TokenDag;
  private readonly genesisRaw: Uint8Array;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const params: NetworkParams = networkOf(env).params;
    this.db = drizzle(ctx.storage);
    this.dag = new TokenDag(params);
    this.genesisRaw = encodeBlock(genesisBlock(params));
    createTables(this.db);
    this.rebuild();
  }

  /** Replays the stored blocks into the DAG, in stored (parents-first) order. */
  private rebuild(): void {
    const now = BigInt(Date.now()) * NS_PER_MS;
    for (let after = 0; ; ) {
      const rows = loadTokens(this.db, after, REBUILD_PAGE);
      for (const r of rows) this.dag.add(r.raw, now);
      if (rows.length < REBUILD_PAGE) break;
      after = rows.at(-1)!.seq;
    }
    for (const id of [VALIDATOR, PROPOSAL]) this.applyCheckpoint(id);
  }

  /** Validates `raw` against its parents and stores it when the DAG takes it. */
  addToken(raw: Uint8Array): TokenAddResult {
    const o = this.dag.add(raw, BigInt(Date.now()) * NS_PER_MS);
    switch (o.status) {
      case 'added':
        saveTokens(this.db, [{ hash: o.hash, raw }]);
        this.applyCheckpoint(o.added.subchain);
        return { outcome: 'added', subchain: o.added.subchain, tipChanged: o.added.tipChanged };
      case 'known':
        return { outcome: 'known' };
      case 'orphan':
        return { outcome: 'orphan', missing: toHex(o.missing) };
      case 'future':
        return {
          outcome: 'refused',
          code: 'from-future',
          message: `time ${o.time} is ahead of the edge's clock`,
        };
      case 'refused':
        return { outcome: 'refused', code: o.error.code, message: o.error.message };
    }
  }

  /** Best tips of the subchains holding blocks, as a p2p `status` frame carries them. */
  tips(): Tip[] {
    return this.dag
      .subchains()
      .map((id) => ({ id, tip: this.dag.tip(id) }))
      .filter(({ tip }) => !tip.root)
      .slice(0, MAX_STATUS_TIPS)
      .map(({ id, tip }) => ({ subchain: id, hash: tip.hash, aw: tip.aw, count: tip.count }));
  }

  /** The best tip of every subchain (roots included), as `GET /v1/status` shows them. */
  tipsJson(): Record<string, TipJson> {
    const out: Record<string, TipJson> = {};
    for (const id of this.dag.subchains()) {
      const t = this.dag.tip(id);
      out[id] = { hash: toHex(t.hash), count: t.count, aw: t.aw.toString(), time: t.time.toString() };
    }
    return out;
  }

  /** Raw canonical blocks of `subchain` at positions after+1 .. after+limit ([] for an unknown subchain). */
  tokenRange(subchain: string, after: number, limit: number): Uint8Array[] {
    if (!this.dag.subchains().includes(subchain)) return [];
    return this.raws(this.dag.canonical(subchain, after, limit));
  }

  /** Raw blocks held among `hashes`, in the order asked. */
  tokensByHash(hashes: Uint8Array[]): Uint8Array[] {
    return this.raws(hashes);
  }

  /** The node's TokenJson of `hash` (the genesis token included), or null. */
  token(hash: Uint8Array): TokenJson | null {
    const info = this.dag.info(hash);
    if (!info) return null;
    const raw = info.root
      ? equalBytes(hash, this.dag.genesisHash)
        ? this.genesisRaw
        : undefined
      : this.raw(hash);
    return raw ? tokenJson(info, raw) : null;
  }

  /**
   * The node's page of canonical tokens, or null for a subchain the edge does not know. `final`: the
   * page is full and at or below the ledger checkpoint, so no fork can change it.
   */
  page(subchain: string, after: number, limit: number): { page: TokensPageJson; final: boolean } | null {
    if (!this.dag.subchains().includes(subchain)) return null;
    const tokens = this.dag
      .canonical(subchain, after, limit)
      .map((h) => tokenJson(this.dag.info(h)!, this.raw(h)!));
    const next = after + tokens.length < this.dag.tip(subchain).count ? after + tokens.length : null;
    const final = this.isFinal(subchain, after, limit, tokens.length);
    return { page: { subchain, after, tokens, next }, final };
  }

  /** tokenRange with its finality (see page). */
  range(subchain: string, after: number, limit: number): { raws: Uint8Array[]; final: boolean } {
    const raws = this.tokenRange(subchain, after, limit);
    return { raws, final: this.isFinal(subchain, after, limit, raws.length) };
  }

  private isFinal(subchain: string, after: number, limit: number, got: number): boolean {
    if (got < limit) return false;
    const hex = loadMeta(this.db, `checkpoint:${subchain}`);
    const info = hex === undefined ? undefined : this.dag.info(fromHex(hex, 32)!);
    return info?.canonical === true && after + limit <= info.count;
  }

  /** The node's TokenJson of the best tip of `subchain`; null when unknown, 'empty' when it has no blocks. */
  tip(subchain: string): TokenJson | 'empty' | null {
    if (!this.dag.subchains().includes(subchain)) return null;
    const tip = this.dag.tip(subchain);
    return tip.root ? 'empty' : tokenJson(tip, this.raw(tip.hash)!);
  }

  /**
   * Records a ledger checkpoint the edge has verified: fork choice never again leaves it. It is kept
   * (meta table) and applied when its block arrives, and again after a rebuild. False until applied.
   */
  checkpoint(subchain: string, hash: Uint8Array): boolean {
    if (subchain !== VALIDATOR && subchain !== PROPOSAL) return false;
    saveMeta(this.db, `checkpoint:${subchain}`, toHex(hash));
    return this.applyCheckpoint(subchain);
  }

  private applyCheckpoint(subchain: string): boolean {
    const hex = loadMeta(this.db, `checkpoint:${subchain}`);
    const hash = hex === undefined ? undefined : fromHex(hex, 32);
    if (!hash || !this.dag.has(hash)) return false;
    try {
      this.dag.setCheckpoint(subchain, hash);
      return true;
    } catch (e) {
      if (isProtoError(e)) return false;
      throw e;
    }
  }

  /** Number of blocks stored (roots not counted). */
  count(): number {
    return countTokens(this.db);
  }

  private raw(hash: Uint8Array): Uint8Array | undefined {
    return loadRaw(this.db, hash);
  }

  private raws(hashes: Uint8Array[]): Uint8Array[] {
    return hashes.map((h) => this.raw(h)).filter((r) => r !== undefined);
  }
}
