/**
 * Hashes of frames already fanned out, each remembered for SEEN_TTL_MS, at most SEEN_MAX at once (the
 * oldest is forgotten first). Held in memory: after hibernation the set starts empty, which only lets
 * a message older than the hibernation through once more (token blocks are also deduplicated by the
 * store, which answers `known`).
 */
export const SEEN_TTL_MS = 60_000;
export const SEEN_MAX = 20_000;

export class Seen {
  private readonly until = new Map<string, number>();

  /** Marks `key` seen at `now`; false when it already was (within the TTL). */
  mark(key: string, now: number): boolean {
    const t = this.until.get(key);
    if (t !== undefined && t > now) return false;
    this.until.delete(key);
    if (this.until.size >= SEEN_MAX) this.prune(now);
    this.until.set(key, now + SEEN_TTL_MS);
    return true;
  }

  /** Forgets `key` (a message that turned out invalid must not shadow a valid copy). */
  forget(key: string): void {
    this.until.delete(key);
  }

  get size(): number {
    return this.until.size;
  }

  private prune(now: number): void {
    for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    while (this.until.size >= SEEN_MAX) this.until.delete(this.until.keys().next().value!);
  }
}
