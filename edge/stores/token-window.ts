/**
 * The token chain of one network over a synchronous SQLite (docs/edge.md, Token store): core's
 * TokenDag checks every block before it is stored, but holds in memory only the window, the blocks
 * from `margin` heights below each subchain's ledger checkpoint up (core/token/base.ts). What the DAG
 * computed for each block is kept in the `token_index` table (token-index.ts) and a checkpoint makes
 * canonical positions final there, so positions, hashes and ranges below the window are answered
 * from SQLite. When a checkpoint has moved `margin` heights past the floor, the window is rebuilt from
 * a new base read from SQLite (no replay from genesis, no hashing). The TokenStore Durable Object
 * wraps it; the bench (npm run bench:edge-store) runs it on node:sqlite.
 */
import type { TipJson, TokenJson, TokensPageJson } from '../../core/api/types.ts';
import { tokenJson } from '../../core/api/types.ts';
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
import { type DagBase, windowFloor } from '../../core/token/base.ts';
import { encodeBlock } from '../../core/token/block.ts';
import { PROPOSAL, TokenDag, VALIDATOR } from '../../core/token/dag.ts';
import { genesisBlock } from '../../core/token/genesis.ts';
import type { NetworkParams } from '../../core/token/params.ts';
import {
  baseRows,
  countIndex,
  createIndex,
  indexedBlock,
  markFinal,
  saveIndex,
  unindexed,
} from './token-index.ts';
import { canonicalBlocks, locate, storedInfo } from './token-reads.ts';
import type { TokenAddResult } from './types.ts';

/** Heights held below each ledger checkpoint by default: 2000 validator blocks (16.7 h of the public preset). */
export const DEFAULT_WINDOW = 2000;
const CHECKPOINTED = [VALIDATOR, PROPOSAL] as const;
const REPLAY_PAGE = 5000;

/** One network's token chain: the DAG's window in memory, every block and the final index in SQLite. */
export class TokenWindow {
  dag: TokenDag;
  private readonly genesisRaw: Uint8Array;
  private readonly floors = new Map<string, number>();
  /** Checkpoints applied (hex), and every `meta` value read (the table is written only through here). */
  private readonly applied = new Map<string, string>();
  private readonly metas = new Map<string, string | undefined>();
  private readonly db: StoreDb;
  private readonly params: NetworkParams;
  private readonly margin: number;

  /** `now` (ns) judges block times when an index-less store is replayed; `margin` in heights. */
  constructor(db: StoreDb, params: NetworkParams, now: bigint, margin: number = DEFAULT_WINDOW) {
    windowFloor(0, margin); // checks the margin
    this.db = db;
    this.params = params;
    this.margin = margin;
    this.genesisRaw = encodeBlock(genesisBlock(params));
    createTables(db);
    createIndex(db);
    this.dag = countIndex(db) === 0 && countTokens(db) > 0 ? this.reindex(now) : this.open();
    for (const r of unindexed(db)) this.reinsert(r.hash, r.raw, now);
  }

  /** A block stored without its index row: checked again by the window and indexed, else left out. */
  private reinsert(hash: Uint8Array, raw: Uint8Array, now: bigint): void {
    if (this.dag.add(raw, now).status === 'added') saveIndex(this.db, this.indexRow(hash));
  }

  /** The window from the floors, anchors and checkpoints kept in `meta`, read from SQLite. */
  private open(): TokenDag {
    const subchains = CHECKPOINTED.map((id) => {
      const floor = Number(this.meta(`floor:${id}`) ?? 0);
      this.floors.set(id, floor);
      const anchor = this.hashMeta(`anchor:${id}`) ?? new Uint8Array(32);
      const applied = this.meta(`applied:${id}`);
      if (applied === undefined) this.applied.delete(id);
      else this.applied.set(id, applied);
      return { id, floor, anchor, checkpoint: this.hashMeta(`applied:${id}`) };
    });
    const base: DagBase = { subchains, blocks: baseRows(this.db, this.floors) };
    const dag = TokenDag.fromBase(this.params, base);
    this.dag = dag;
    for (const id of CHECKPOINTED) this.applyCheckpoint(id);
    return this.dag;
  }

  /** A store written before the index: replayed whole from genesis once, writing the index. */
  private reindex(now: bigint): TokenDag {
    const dag = new TokenDag(this.params);
    this.dag = dag;
    for (const id of CHECKPOINTED) this.floors.set(id, 0);
    for (let after = 0; ; ) {
      const rows = loadTokens(this.db, after, REPLAY_PAGE);
      for (const r of rows) dag.add(r.raw, now);
      saveIndex(
        this.db,
        rows.flatMap((r) => this.indexRow(r.hash)),
      );
      if (rows.length < REPLAY_PAGE) break;
      after = rows.at(-1)!.seq;
    }
    for (const id of CHECKPOINTED) this.applyCheckpoint(id);
    return this.dag;
  }

  private indexRow(hash: Uint8Array) {
    const i = this.dag.info(hash);
    return i ? [{ hash, subchain: i.subchain, height: i.height, count: i.count, aw: i.aw }] : [];
  }

  /** Validates `raw` against its parents and stores it, with its index row, when the DAG takes it. */
  addToken(raw: Uint8Array, now: bigint): TokenAddResult {
    const o = this.dag.add(raw, now);
    switch (o.status) {
      case 'added':
        saveTokens(this.db, [{ hash: o.hash, raw }]);
        saveIndex(this.db, this.indexRow(o.hash));
        this.applyCheckpoint(o.added.subchain);
        return { outcome: 'added', subchain: o.added.subchain, tipChanged: o.added.tipChanged };
      case 'known':
        return { outcome: 'known' };
      case 'orphan':
        if (loadRaw(this.db, o.hash)) return { outcome: 'known' };
        if (loadRaw(this.db, o.missing)) return belowWindow();
        return { outcome: 'orphan', missing: toHex(o.missing) };
      case 'future':
        return {
          outcome: 'refused',
          code: 'from-future',
          message: `time ${o.time} is ahead of the edge's clock`,
        };
      case 'refused':
        if (o.error.code === 'below-window' && loadRaw(this.db, o.hash)) return { outcome: 'known' };
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
    return this.known(subchain)
      ? canonicalBlocks(this.dag, this.db, subchain, after, limit).map((b) => b.raw)
      : [];
  }

  /**
   * `getTokens` as a node answers it (node/p2p/serve.ts): after the first locator hash that is a
   * block of our selected chain (its position is then its count), else after `after` when there is no
   * locator, else from the start.
   */
  tokensFrom(
    subchain: string,
    after: number,
    locator: readonly Uint8Array[],
    limit: number,
  ): { after: number; raws: Uint8Array[] } {
    if (!this.known(subchain)) return { after: 0, raws: [] };
    const from = locator.length > 0 ? locate(this.dag, this.db, subchain, locator) : after;
    return { after: from, raws: this.tokenRange(subchain, from, limit) };
  }

  /** Raw blocks held among `hashes`, in the order asked. */
  tokensByHash(hashes: Uint8Array[]): Uint8Array[] {
    return hashes.map((h) => loadRaw(this.db, h)).filter((r) => r !== undefined);
  }

  /** The node's TokenJson of `hash` (the genesis token included), or null. */
  token(hash: Uint8Array): TokenJson | null {
    const info = this.dag.info(hash);
    if (info?.root) return equalBytes(hash, this.dag.genesisHash) ? tokenJson(info, this.genesisRaw) : null;
    if (info) {
      const raw = loadRaw(this.db, hash);
      return raw ? tokenJson(info, raw) : null;
    }
    const row = indexedBlock(this.db, hash);
    return row ? tokenJson(storedInfo(this.dag, row), row.raw) : null;
  }

  /**
   * The node's page of canonical tokens, or null for a subchain the edge does not know. `final`: the
   * page is full and at or below the ledger checkpoint, so no fork can change it.
   */
  page(subchain: string, after: number, limit: number): { page: TokensPageJson; final: boolean } | null {
    if (!this.known(subchain)) return null;
    const tokens = canonicalBlocks(this.dag, this.db, subchain, after, limit).map((b) =>
      tokenJson(b.info(), b.raw),
    );
    const next = after + tokens.length < this.dag.tip(subchain).count ? after + tokens.length : null;
    return {
      page: { subchain, after, tokens, next },
      final: this.isFinal(subchain, after, limit, tokens.length),
    };
  }

  /** tokenRange with its finality (see page). */
  range(subchain: string, after: number, limit: number): { raws: Uint8Array[]; final: boolean } {
    const raws = this.tokenRange(subchain, after, limit);
    return { raws, final: this.isFinal(subchain, after, limit, raws.length) };
  }

  /** The node's TokenJson of the best tip of `subchain`; null when unknown, 'empty' when it has no blocks. */
  tip(subchain: string): TokenJson | 'empty' | null {
    if (!this.known(subchain)) return null;
    const tip = this.dag.tip(subchain);
    return tip.root ? 'empty' : tokenJson(tip, loadRaw(this.db, tip.hash)!);
  }

  /**
   * Records a ledger checkpoint the edge has verified: fork choice never again leaves it. It is kept
   * (meta table) and applied when its block arrives, and again after a restart. False until applied.
   */
  checkpoint(subchain: string, hash: Uint8Array): boolean {
    if (subchain !== VALIDATOR && subchain !== PROPOSAL) return false;
    const hex = toHex(hash);
    if (this.meta(`checkpoint:${subchain}`) !== hex) this.setMeta(`checkpoint:${subchain}`, hex);
    return this.applyCheckpoint(subchain);
  }

  /** Number of blocks stored (roots not counted). */
  count(): number {
    return countTokens(this.db);
  }

  /** What the window holds: blocks in memory (roots included) and each subchain's floor height. */
  window(): { held: number; floors: Record<string, number> } {
    return { held: this.dag.size, floors: Object.fromEntries(this.floors) };
  }

  /** Applies the latest verified checkpoint of `subchain` when its block is held; true once applied. */
  private applyCheckpoint(subchain: string): boolean {
    const latest = this.meta(`checkpoint:${subchain}`);
    if (latest === undefined) return false;
    if (latest === this.applied.get(subchain)) return true;
    const hash = fromHex(latest, 32)!;
    if (!this.dag.has(hash)) return false;
    try {
      this.dag.setCheckpoint(subchain, hash);
    } catch (e) {
      if (isProtoError(e)) return false;
      throw e;
    }
    this.setMeta(`applied:${subchain}`, latest);
    this.applied.set(subchain, latest);
    this.markFinals(subchain, this.dag.info(hash)!.count);
    this.compactWhenDue();
    return true;
  }

  /** Writes the canonical positions the checkpoint made final (those not written yet). */
  private markFinals(subchain: string, upTo: number): void {
    const done = this.finalCount(subchain);
    if (upTo <= done) return;
    markFinal(this.db, subchain, done + 1, this.dag.canonical(subchain, done, upTo - done));
    this.setMeta(`final:${subchain}`, String(upTo));
  }

  /** Once a checkpoint is `margin` heights past a floor's due place, the window moves up (a new base). */
  private compactWhenDue(): void {
    const due = CHECKPOINTED.map((id) => {
      const applied = this.hashMeta(`applied:${id}`);
      const floor = applied ? windowFloor(this.dag.info(applied)!.height, this.margin) : 0;
      return { id, applied, floor };
    });
    if (!due.some(({ id, floor }) => floor - (this.floors.get(id) ?? 0) >= this.margin)) return;
    for (const { id, applied, floor } of due) {
      if (!applied || floor <= (this.floors.get(id) ?? 0) || floor <= 1) continue;
      this.setMeta(`anchor:${id}`, toHex(this.dag.ancestorAt(applied, floor)!));
      this.setMeta(`floor:${id}`, String(floor));
    }
    this.open();
  }

  private isFinal(subchain: string, after: number, limit: number, got: number): boolean {
    return got === limit && after + limit <= this.finalCount(subchain);
  }

  private finalCount(subchain: string): number {
    return Number(this.meta(`final:${subchain}`) ?? 0);
  }

  private known(subchain: string): boolean {
    return this.dag.subchains().includes(subchain);
  }

  private meta(key: string): string | undefined {
    if (!this.metas.has(key)) this.metas.set(key, loadMeta(this.db, key));
    return this.metas.get(key);
  }

  private setMeta(key: string, value: string): void {
    saveMeta(this.db, key, value);
    this.metas.set(key, value);
  }

  private hashMeta(key: string): Uint8Array | undefined {
    const hex = this.meta(key);
    return hex === undefined ? undefined : fromHex(hex, 32);
  }
}

function belowWindow(): TokenAddResult {
  return {
    outcome: 'refused',
    code: 'below-window',
    message: 'the block builds below the ledger checkpoint: it can never be canonical',
  };
}
