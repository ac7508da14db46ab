/**
 * Immutable answers kept in this isolate's memory, in front of the Workers cache: a committed block
 * or a final range never changes, so an isolate that served it once answers it again from memory,
 * with no Cache API round trip. Least recently used entries are dropped first; at most HOT_BYTES of
 * bodies in all, none larger than HOT_ENTRY_MAX. Each isolate fills its own (from its misses and its
 * Workers-cache hits); an isolate that starts empty falls back to the Workers cache.
 */
export const HOT_BYTES = 8 * 1024 * 1024;
export const HOT_ENTRY_MAX = 256 * 1024;

/** An answer as stored: status 200, its headers and body. */
export interface HotAnswer {
  headers: [string, string][];
  body: Uint8Array;
}

export class HotCache {
  private readonly entries = new Map<string, HotAnswer>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly entryMax: number;

  constructor(maxBytes = HOT_BYTES, entryMax = HOT_ENTRY_MAX) {
    this.maxBytes = maxBytes;
    this.entryMax = entryMax;
  }

  /** The answer stored for `key`, marked as the most recently used. */
  get(key: string): HotAnswer | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Stores `answer` under `key` (a body above the entry limit is not kept); drops the oldest to fit. */
  put(key: string, answer: HotAnswer): void {
    if (answer.body.byteLength > this.entryMax) return;
    this.drop(key);
    this.entries.set(key, answer);
    this.bytes += answer.body.byteLength;
    while (this.bytes > this.maxBytes) this.drop(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body.byteLength;
  }
}
