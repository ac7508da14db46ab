import type { SmtNode } from './smt-store.ts';

/**
 * Estimated bytes one cached tree node holds in V8: its id string, its Map entry with its share of the
 * table, the node object and its two 32-byte Uint8Arrays with their buffers. Measured with
 * `--expose-gc` on Node 24: 638 bytes per entry over 40 000 entries.
 */
export const NODE_ENTRY_BYTES = 640;

/**
 * Estimated bytes one cached state value holds beyond its id's characters and its own bytes: string
 * header, Map entry, the Uint8Array and its buffer. Measured as for nodes: 262-278 bytes for values
 * of 40-120 bytes.
 */
export const VALUE_ENTRY_BYTES = 280;

/**
 * Estimated bytes of tree nodes a node's read cache holds: about 26 000 nodes, the whole tree of some
 * 10 000 accounts (bench:ledger Part 1 with 16 384 accounts, whose tree does not fit, spends a tenth
 * of its time reading nodes from SQLite).
 */
export const NODE_CACHE_BYTES = 16 << 20;

/** Estimated bytes of state values a node's read cache holds: about 20 000 account-sized values. */
export const VALUE_CACHE_BYTES = 8 << 20;

/**
 * A bounded cache of content-addressed entries (an id names one value forever, so an entry is never
 * stale). Each entry weighs `weigh(id, value)` (by default 1, so `limit` counts entries; the ledger's
 * caches weigh estimated bytes). Two generations: new entries and hits in the older generation go to
 * the younger; when the younger would pass half the limit it becomes the older and the previous older
 * is dropped. The entries held weigh at most `limit` (an entry heavier than half of it is not kept).
 */
export class ReadCache<V> {
  readonly limit: number;
  readonly #weigh: (id: string, v: V) => number;
  #young = new Map<string, V>();
  #old = new Map<string, V>();
  #youngWeight = 0;
  #oldWeight = 0;

  constructor(limit: number, weigh: (id: string, v: V) => number = () => 1) {
    this.limit = limit;
    this.#weigh = weigh;
  }

  get(id: string): V | undefined {
    const v = this.#young.get(id);
    if (v !== undefined) return v;
    const old = this.#old.get(id);
    if (old !== undefined) this.set(id, old);
    return old;
  }

  set(id: string, v: V): void {
    if (this.#young.has(id)) return;
    const w = this.#weigh(id, v);
    if (w > this.limit / 2) return;
    if (this.#youngWeight + w > this.limit / 2) this.rotate();
    this.#young.set(id, v);
    this.#youngWeight += w;
  }

  /** Makes the younger generation the older one, dropping the older: entries not read since go next. */
  rotate(): void {
    this.#old = this.#young;
    this.#oldWeight = this.#youngWeight;
    this.#young = new Map();
    this.#youngWeight = 0;
  }

  /** Entries held (both generations; an entry may be counted twice). */
  get size(): number {
    return this.#young.size + this.#old.size;
  }

  /** The weight of the entries held (an entry in both generations counted twice). */
  get weight(): number {
    return this.#youngWeight + this.#oldWeight;
  }
}

/**
 * Persists of a lineage (`Overlay.persist`, `persistTree`) after which its caches rotate, so that an
 * entry not read during the last 4-8 persists goes even when its cache is far from full: the caches
 * hold a working set, not every tree version written since start (the node persists every 16th block,
 * so entries unread for 64-128 blocks go).
 */
export const ROTATE_PERSISTS = 4;

/** Backend entries an Overlay lineage has read or persisted: tree nodes and values, kept apart. */
export interface BackendCache {
  nodes: ReadCache<SmtNode>;
  values: ReadCache<Uint8Array>;
  /** Persists since the caches last rotated. */
  persists: number;
}

/** Counts a persist; every ROTATE_PERSISTS-th rotates both caches. */
export function persisted(cache: BackendCache): void {
  if (++cache.persists < ROTATE_PERSISTS) return;
  cache.persists = 0;
  cache.nodes.rotate();
  cache.values.rotate();
}

/** An empty BackendCache weighing estimated bytes: at most `nodeBytes` of nodes, `valueBytes` of values. */
export function backendCache(nodeBytes = NODE_CACHE_BYTES, valueBytes = VALUE_CACHE_BYTES): BackendCache {
  return {
    nodes: new ReadCache<SmtNode>(nodeBytes, () => NODE_ENTRY_BYTES),
    values: new ReadCache<Uint8Array>(valueBytes, (id, v) => id.length + v.length + VALUE_ENTRY_BYTES),
    persists: 0,
  };
}
