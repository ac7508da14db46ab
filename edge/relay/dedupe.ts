/**
 * Messages already relayed, by the hash of their bytes, each remembered for SEEN_TTL_MS with the
 * connections that hold it (its senders and those it was fanned out to); at most SEEN_MAX at once,
 * the oldest forgotten first. A copy arriving again is sent only to connections that do not hold it
 * yet (one that joined since), so nobody gets a message twice while a node's re-sends still reach
 * latecomers. Held in memory: after hibernation the set starts empty, which lets a message older than
 * the hibernation through once more.
 */
export const SEEN_TTL_MS = 60_000;
export const SEEN_MAX = 20_000;

interface Entry {
  until: number;
  holders: Set<WebSocket>;
}

export class Seen {
  private readonly entries = new Map<string, Entry>();

  /** The connections holding `key`, or undefined when it is not (or no longer) known. */
  holders(key: string, now: number): Set<WebSocket> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until > now) return e.holders;
    this.entries.delete(key);
    return undefined;
  }

  /** Records `key` as relayed (valid) at `now`; returns its holders set. */
  add(key: string, now: number): Set<WebSocket> {
    const known = this.holders(key, now);
    if (known) return known;
    if (this.entries.size >= SEEN_MAX) this.prune(now);
    const holders = new Set<WebSocket>();
    this.entries.set(key, { until: now + SEEN_TTL_MS, holders });
    return holders;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
    while (this.entries.size >= SEEN_MAX) this.entries.delete(this.entries.keys().next().value!);
  }
}
