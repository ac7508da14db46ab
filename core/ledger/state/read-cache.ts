import type { SmtNode } from './smt-store.ts';

/** Entries each generation of a ReadCache holds before the older one is dropped. */
export const READ_CACHE_LIMIT = 1 << 16;

/**
 * A bounded cache of content-addressed entries (an id names one value forever, so an entry is never
 * stale). Two generations: new entries and hits in the older generation go to the younger; when the
 * younger is full it becomes the older and the previous older is dropped. At most 2 * limit entries.
 */
export class ReadCache<V> {
  readonly limit: number;
  #young = new Map<string, V>();
  #old = new Map<string, V>();

  constructor(limit = READ_CACHE_LIMIT) {
    this.limit = limit;
  }

  get(id: string): V | undefined {
    const v = this.#young.get(id);
    if (v !== undefined) return v;
    const old = this.#old.get(id);
    if (old !== undefined) this.set(id, old);
    return old;
  }

  set(id: string, v: V): void {
    if (this.#young.size >= this.limit) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(id, v);
  }

  /** Entries held (both generations; an entry may be counted twice). */
  get size(): number {
    return this.#young.size + this.#old.size;
  }
}

/** Backend entries an Overlay lineage has read or persisted: tree nodes and values, kept apart. */
export interface BackendCache {
  nodes: ReadCache<SmtNode>;
  values: ReadCache<Uint8Array>;
}

/** An empty BackendCache of `limit` entries per generation. */
export function backendCache(limit = READ_CACHE_LIMIT): BackendCache {
  return { nodes: new ReadCache(limit), values: new ReadCache(limit) };
}
