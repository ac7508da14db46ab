import { toHex } from '../core/bytes.ts';

/** A block waiting for a missing parent, with the peer that sent it (undefined for local input). */
export interface Orphan {
  raw: Uint8Array;
  hash: string;
  origin: string | undefined;
}

/**
 * Blocks whose parent is unknown, kept until the parent arrives. Such a block's target cannot be
 * checked yet, so its proof of work may be free to forge: the pool is bounded in total
 * (MAX_ORPHANS) and per origin (MAX_PER_ORIGIN), and evicts the oldest entry when either is full.
 */
export const MAX_ORPHANS = 1024;
export const MAX_PER_ORIGIN = 128;

export class OrphanPool {
  /** Insertion order doubles as age: Map iteration is oldest first. */
  private readonly byHash = new Map<string, Orphan & { parent: string }>();
  private readonly byParent = new Map<string, Set<string>>();
  private readonly perOrigin = new Map<string, number>();

  get size(): number {
    return this.byHash.size;
  }

  has(hash: string): boolean {
    return this.byHash.has(hash);
  }

  /** Keeps `orphan` until a block with hash `parent` is added. */
  add(orphan: Orphan, parent: Uint8Array): void {
    if (this.byHash.has(orphan.hash)) return;
    const origin = orphan.origin ?? '';
    if ((this.perOrigin.get(origin) ?? 0) >= MAX_PER_ORIGIN) this.evictOldest(origin);
    if (this.byHash.size >= MAX_ORPHANS) this.evictOldest(undefined);
    const p = toHex(parent);
    this.byHash.set(orphan.hash, { ...orphan, parent: p });
    let waiting = this.byParent.get(p);
    if (!waiting) this.byParent.set(p, (waiting = new Set()));
    waiting.add(orphan.hash);
    this.perOrigin.set(origin, (this.perOrigin.get(origin) ?? 0) + 1);
  }

  /** Removes and returns the orphans waiting for `parent` (hex). */
  release(parent: string): Orphan[] {
    const waiting = this.byParent.get(parent);
    if (!waiting) return [];
    const out: Orphan[] = [];
    for (const hash of waiting) {
      const o = this.byHash.get(hash);
      if (o) out.push(o);
      this.remove(hash);
    }
    return out;
  }

  /** Drops everything a departed or penalised peer left behind. */
  dropOrigin(origin: string): void {
    for (const [hash, o] of this.byHash) if (o.origin === origin) this.remove(hash);
  }

  private evictOldest(origin: string | undefined): void {
    for (const [hash, o] of this.byHash) {
      if (origin === undefined || (o.origin ?? '') === origin) {
        this.remove(hash);
        return;
      }
    }
  }

  private remove(hash: string): void {
    const o = this.byHash.get(hash);
    if (!o) return;
    this.byHash.delete(hash);
    const waiting = this.byParent.get(o.parent);
    waiting?.delete(hash);
    if (waiting?.size === 0) this.byParent.delete(o.parent);
    const origin = o.origin ?? '';
    const n = (this.perOrigin.get(origin) ?? 1) - 1;
    if (n === 0) this.perOrigin.delete(origin);
    else this.perOrigin.set(origin, n);
  }
}
