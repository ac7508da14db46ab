import { toHex } from '../bytes.ts';

/**
 * Blocks from the future (time > now + limit), held until they are due (§1.3). Bounded: at most
 * MAX_HELD blocks; when full, the block furthest in the future is dropped, so a flood of far-future
 * blocks (each of which still needed proof of work) can neither grow memory nor evict near ones.
 */
export const MAX_HELD = 1024;

export class FuturePool {
  private readonly held = new Map<string, { bytes: Uint8Array; time: bigint }>();

  hold(bytes: Uint8Array, hash: Uint8Array, time: bigint): void {
    const key = toHex(hash);
    if (this.held.has(key)) return;
    this.held.set(key, { bytes, time });
    if (this.held.size > MAX_HELD) this.dropLatest();
  }

  /** Removes and returns the held blocks with time <= `until`, oldest first. */
  due(until: bigint): Uint8Array[] {
    const ready = [...this.held.entries()].filter(([, h]) => h.time <= until);
    ready.sort((a, b) => (a[1].time < b[1].time ? -1 : a[1].time > b[1].time ? 1 : 0));
    for (const [key] of ready) this.held.delete(key);
    return ready.map(([, h]) => h.bytes);
  }

  get size(): number {
    return this.held.size;
  }

  private dropLatest(): void {
    let latest: string | undefined;
    let time = -1n;
    for (const [key, h] of this.held) if (h.time > time) [latest, time] = [key, h.time];
    if (latest !== undefined) this.held.delete(latest);
  }
}
