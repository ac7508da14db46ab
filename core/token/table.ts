/**
 * Column store of every block the index knows, addressed by a dense integer `id` (insertion order).
 *
 * Memory: per block 32 (hash) + 32 (key) + 5 × 4 (prev, other, height, count, skip) + 4 (subchain)
 * + 1 (flags) + 8 (time) + two bigints (target, AW: ~50 bytes each) + 8 (lookup slots) ≈ 210 bytes,
 * so one million blocks take about 210 MB. Nothing else grows per block: ancestor queries use skip
 * pointers (O(log n) hops, as Bitcoin's CBlockIndex::pskip) instead of walking ancestries.
 */

export const NONE = -1;
export const FLAG_MERGE = 1;
export const FLAG_ROOT = 2;

export class BlockTable {
  size = 0;
  private cap = 0;
  hashes = new Uint8Array(0);
  keys = new Uint8Array(0);
  prev = new Int32Array(0);
  other = new Int32Array(0);
  height = new Int32Array(0);
  count = new Int32Array(0);
  skip = new Int32Array(0);
  subchain = new Int32Array(0);
  flags = new Uint8Array(0);
  time = new BigInt64Array(0);
  readonly target: bigint[] = [];
  readonly aw: bigint[] = [];
  private slots = new Int32Array(0);

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  /** Appends a block and returns its id. Parents must already be in the table. */
  push(b: {
    hash: Uint8Array;
    key: Uint8Array;
    prev: number;
    other: number;
    flags: number;
    subchain: number;
    time: bigint;
    target: bigint;
    aw: bigint;
    count: number;
    /** Only for a block held without its selected parent (a checkpointed base, base.ts). */
    height?: number;
  }): number {
    if (this.size === this.cap) this.grow(this.cap * 2);
    const id = this.size++;
    this.hashes.set(b.hash, id * 32);
    this.keys.set(b.key, id * 32);
    this.prev[id] = b.prev;
    this.other[id] = b.other;
    this.flags[id] = b.flags;
    this.subchain[id] = b.subchain;
    this.time[id] = b.time;
    this.target.push(b.target);
    this.aw.push(b.aw);
    this.count[id] = b.count;
    const h = b.prev === NONE ? (b.height ?? 0) : this.height[b.prev]! + 1;
    this.height[id] = h;
    this.skip[id] = b.prev === NONE ? NONE : this.ancestor(b.prev, skipHeight(h));
    this.insertSlot(id);
    return id;
  }

  /** The id of `hash`, or NONE. */
  find(hash: Uint8Array, at = 0): number {
    const mask = this.slots.length - 1;
    for (let s = slotOf(hash, at) & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s]!;
      if (id === NONE || this.hashIs(id, hash, at)) return id;
    }
  }

  /** The 32-byte hash of `id` (a view into the table; copy it to keep it). */
  hash(id: number): Uint8Array {
    return this.hashes.subarray(id * 32, id * 32 + 32);
  }

  key(id: number): Uint8Array {
    return this.keys.subarray(id * 32, id * 32 + 32);
  }

  isMerge(id: number): boolean {
    return (this.flags[id]! & FLAG_MERGE) !== 0;
  }

  isRoot(id: number): boolean {
    return (this.flags[id]! & FLAG_ROOT) !== 0;
  }

  /**
   * The selected-chain ancestor of `id` at height `h` (<= height(id)), in O(log n) hops. In a table
   * started from a base (base.ts) a chain may end above `h`: the answer is then its lowest held block,
   * whose height is above `h`, so callers comparing ids see "not an ancestor".
   */
  ancestor(id: number, h: number): number {
    let at = id;
    while (this.height[at]! > h) {
      const ht = this.height[at]!;
      const hSkip = skipHeight(ht);
      const hSkipPrev = skipHeight(ht - 1);
      const sk = this.skip[at]!;
      const takeSkip = hSkip === h || (hSkip > h && !(hSkipPrev < hSkip - 2 && hSkipPrev >= h));
      const next = sk !== NONE && takeSkip ? sk : this.prev[at]!;
      if (next === NONE) return at;
      at = next;
    }
    return at;
  }

  /** `a` is on the selected chain of `b` (or is `b`). */
  onChain(a: number, b: number): boolean {
    return this.height[a]! <= this.height[b]! && this.ancestor(b, this.height[a]!) === a;
  }

  /**
   * `a ∈ past(b) ∪ {b}`. Under the merge rules (§1.2) the past of a block is its selected chain plus
   * the block merged by each chain block, and a merged block sits 1 or 2 heights below its merger, so
   * three ancestor queries decide membership. Roots are handled by the caller.
   */
  inPastOrSelf(a: number, b: number): boolean {
    const ha = this.height[a]!;
    const hb = this.height[b]!;
    if (ha > hb) return false;
    if (this.ancestor(b, ha) === a) return true;
    for (let h = ha + 1; h <= ha + 2 && h <= hb; h++) if (this.other[this.ancestor(b, h)] === a) return true;
    return false;
  }

  private hashIs(id: number, hash: Uint8Array, at: number): boolean {
    const base = id * 32;
    for (let i = 0; i < 32; i++) if (this.hashes[base + i] !== hash[at + i]) return false;
    return true;
  }

  private insertSlot(id: number): void {
    if (this.size * 2 > this.slots.length) {
      this.rehash(this.slots.length * 2);
      return;
    }
    const mask = this.slots.length - 1;
    let s = slotOf(this.hashes, id * 32) & mask;
    while (this.slots[s] !== NONE) s = (s + 1) & mask;
    this.slots[s] = id;
  }

  private rehash(length: number): void {
    this.slots = new Int32Array(length).fill(NONE);
    const mask = length - 1;
    for (let id = 0; id < this.size; id++) {
      let s = slotOf(this.hashes, id * 32) & mask;
      while (this.slots[s] !== NONE) s = (s + 1) & mask;
      this.slots[s] = id;
    }
  }

  private grow(cap: number): void {
    this.cap = cap;
    const widen = <T extends Int32Array | Uint8Array | BigInt64Array>(
      old: T,
      make: (n: number) => T,
      w = 1,
    ) => {
      const next = make(cap * w);
      next.set(old as never);
      return next;
    };
    this.hashes = widen(this.hashes, (n) => new Uint8Array(n), 32);
    this.keys = widen(this.keys, (n) => new Uint8Array(n), 32);
    for (const col of ['prev', 'other', 'height', 'count', 'skip', 'subchain'] as const) {
      this[col] = widen(this[col], (n) => new Int32Array(n));
    }
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.time = widen(this.time, (n) => new BigInt64Array(n));
    if (this.slots.length < cap * 2) this.rehash(cap * 2);
  }
}

/**
 * Lookup slot from the hash's last four bytes: proof of work makes the leading bytes zero, the
 * trailing ones stay uniform.
 */
function slotOf(bytes: Uint8Array, at: number): number {
  return (bytes[at + 28]! << 24) | (bytes[at + 29]! << 16) | (bytes[at + 30]! << 8) | bytes[at + 31]!;
}

/** Height a skip pointer jumps to (Bitcoin's GetSkipHeight): O(log n) hops to any ancestor. */
function skipHeight(h: number): number {
  if (h < 2) return 0;
  const clearLowest = (n: number) => n & (n - 1);
  return h & 1 ? clearLowest(clearLowest(h - 1)) + 1 : clearLowest(h);
}
