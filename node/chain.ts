/**
 * The node's token chain: the in-memory DAG index, the SQLite store behind it and the orphan pool.
 * Every accepted block is written to the store before anyone hears about it.
 */
import { toHex } from '../core/bytes.ts';
import { isProtoError, type ProtoError } from '../core/errors.ts';
import { countTokens, loadRaw, loadTokens, saveTokens } from '../core/store/queries.ts';
import { decodeBlock } from '../core/token/block.ts';
import { type Added, TokenDag } from '../core/token/dag.ts';
import { blake3Hash, type Hasher } from '../core/token/hash.ts';
import type { NetworkParams } from '../core/token/params.ts';
import { OrphanPool } from './orphans.ts';
import { type OpenStore, openStore } from './store/open.ts';

/** What became of one submitted block. */
export type Outcome =
  | { status: 'added'; added: Added }
  | { status: 'known' }
  | { status: 'held' }
  | { status: 'orphan'; missing: Uint8Array }
  | { status: 'invalid'; error: ProtoError };

/** A block now in the DAG and on disk, with the peer that sent it (undefined for local input). */
export interface Accepted extends Added {
  origin: string | undefined;
}

/** Where a submission comes from: the sending peer, and whether it is a bulk sync batch (not gossiped). */
export interface SubmitOptions {
  origin?: string;
  bulk?: boolean;
  now?: bigint;
}

/** The result of a submission: one outcome per input, every accepted block, and faults of released orphans. */
export interface SubmitResult {
  outcomes: Outcome[];
  accepted: Accepted[];
  faults: { origin: string; error: ProtoError }[];
}

export interface ChainOptions {
  params: NetworkParams;
  /** The SQLite file, or ':memory:'. */
  path: string;
  /** Hex chain id the store is tied to. */
  chainId: string;
  /** BLAKE3 implementation (default: portable JS; the node passes the WebAssembly kernel). */
  hasher?: Hasher;
  progress?: (done: number, total: number) => void;
}

/** Rows per read while reloading the store at start. */
const LOAD_BATCH = 20_000;

/** Current time in ns since the Unix epoch: the node's only clock. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

export class Chain {
  readonly dag: TokenDag;
  readonly orphans = new OrphanPool();
  private readonly store: OpenStore;
  private readonly listeners: ((accepted: Accepted[], bulk: boolean) => void)[] = [];

  private readonly hasher: Hasher;

  private constructor(params: NetworkParams, store: OpenStore, hasher: Hasher) {
    this.dag = new TokenDag(params, hasher);
    this.store = store;
    this.hasher = hasher;
  }

  /** Opens the store at `o.path` and replays it into a fresh DAG, reporting progress as it goes. */
  static open(o: ChainOptions): Chain {
    const chain = new Chain(o.params, openStore(o.path, o.chainId), o.hasher ?? blake3Hash);
    chain.replay(o.progress);
    return chain;
  }

  private replay(progress?: (done: number, total: number) => void): void {
    const total = countTokens(this.store.db);
    const now = nowNs();
    let after = 0;
    let done = 0;
    for (;;) {
      const rows = loadTokens(this.store.db, after, LOAD_BATCH);
      if (rows.length === 0) break;
      for (const row of rows) this.replayOne(row.raw, now);
      after = rows[rows.length - 1]!.seq;
      done += rows.length;
      progress?.(done, total);
    }
  }

  private replayOne(raw: Uint8Array, now: bigint): void {
    try {
      this.dag.add(raw, now);
    } catch (e) {
      // A stored block was valid when stored; only a clock set back makes it early (the DAG holds it).
      if (!isProtoError(e, 'from-future') && !isProtoError(e, 'future-full')) throw e;
    }
  }

  /** Calls `listener` with every batch of blocks after they are stored. */
  onAccepted(listener: (accepted: Accepted[], bulk: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Validates and adds `raws` in order, stores the accepted ones in one transaction, then announces them. */
  submit(raws: readonly Uint8Array[], opts: SubmitOptions = {}): SubmitResult {
    const now = opts.now ?? nowNs();
    const result: SubmitResult = { outcomes: [], accepted: [], faults: [] };
    for (const raw of raws) result.outcomes.push(this.addOne(raw, opts.origin, now, result));
    this.commit(result.accepted, opts.bulk ?? false);
    return result;
  }

  /** Adds the blocks from the future (held by the DAG) that are now due, then stores and announces them. */
  retryFuture(now: bigint = nowNs()): SubmitResult {
    const result: SubmitResult = { outcomes: [], accepted: [], faults: [] };
    for (const added of this.dag.retryFuture(now)) {
      result.accepted.push({ ...added, origin: undefined });
      this.releaseOrphans(added.hash, now, result);
    }
    this.commit(result.accepted, false);
    return result;
  }

  private addOne(raw: Uint8Array, origin: string | undefined, now: bigint, result: SubmitResult): Outcome {
    let added: Added;
    try {
      added = this.dag.add(raw, now, origin);
    } catch (e) {
      if (!isProtoError(e)) throw e;
      return this.refused(raw, origin, e);
    }
    result.accepted.push({ ...added, origin });
    this.releaseOrphans(added.hash, now, result);
    return { status: 'added', added };
  }

  private refused(raw: Uint8Array, origin: string | undefined, e: ProtoError): Outcome {
    if (e.code === 'duplicate') return { status: 'known' };
    if (e.code === 'from-future') return { status: 'held' };
    if (e.code !== 'unknown-parent') return { status: 'invalid', error: e };
    const block = decodeBlock(raw);
    const missing = this.dag.has(block.prev) ? block.other! : block.prev;
    this.orphans.add({ raw, hash: toHex(this.hasher(raw)), origin }, missing);
    return { status: 'orphan', missing };
  }

  private releaseOrphans(parent: Uint8Array, now: bigint, result: SubmitResult): void {
    const queue = [toHex(parent)];
    while (queue.length > 0) {
      for (const o of this.orphans.release(queue.pop()!)) {
        const outcome = this.addOne(o.raw, o.origin, now, result);
        if (outcome.status === 'invalid' && o.origin)
          result.faults.push({ origin: o.origin, error: outcome.error });
      }
    }
  }

  private commit(accepted: Accepted[], bulk: boolean): void {
    if (accepted.length === 0) return;
    saveTokens(this.store.db, accepted);
    for (const listener of this.listeners) listener(accepted, bulk);
  }

  /** The stored bytes of a block. */
  raw(hash: Uint8Array): Uint8Array | undefined {
    return loadRaw(this.store.db, hash);
  }

  close(): void {
    this.store.close();
  }
}
