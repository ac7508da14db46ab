import { toHex } from '../bytes.ts';

/**
 * Blocks from the future (time > now + limit), held until they are due (§1.3). Bounded: at most
 * MAX_HELD blocks; when full, the block furthest in the future is dropped, so a flood of far-future
 * blocks (each of which still needed proof of work) can neither grow memory nor evict near ones.
 * Each origin (a peer, or local input) holds at most MAX_HELD_PER_ORIGIN of them, so one sender
 * cannot take the pool from the others.
 */
export const MAX_HELD = 1024;

/** Blocks one origin may have held at once. */
export const MAX_HELD_PER_ORIGIN = 64;

/** The origin of blocks submitted without one (the node's own API and miner). */
export const LOCAL_ORIGIN = 'local';

interface Held {
  bytes: Uint8Array;
  time: bigint;
  origin: string;
}

export class FuturePool {
  private readonly held = new Map<string, Held>();
  private readonly perOrigin = new Map<string, number>();

  /** Holds a block; false when it is not held (its origin's share is full, or it is the furthest of a full pool). */
  hold(bytes: Uint8Array, hash: Uint8Array, time: bigint, origin: string = LOCAL_ORIGIN): boolean {
    const key = toHex(hash);
    if (this.held.has(key)) return true;
    if ((this.perOrigin.get(origin) ?? 0) >= MAX_HELD_PER_ORIGIN) return false;
    this.set(key, { bytes, time, origin });
    if (this.held.size > MAX_HELD) this.dropLatest();
    return this.held.has(key);
  }

  /** Removes and returns the held blocks with time <= `until`, oldest first. */
  due(until: bigint): Uint8Array[] {
    const ready = [...this.held.entries()].filter(([, h]) => h.time <= until);
    ready.sort((a, b) => (a[1].time < b[1].time ? -1 : a[1].time > b[1].time ? 1 : 0));
    for (const [key] of ready) this.delete(key);
    return ready.map(([, h]) => h.bytes);
  }

  get size(): number {
    return this.held.size;
  }

  /** Blocks held for `origin`. */
  heldFor(origin: string): number {
    return this.perOrigin.get(origin) ?? 0;
  }

  private set(key: string, h: Held): void {
    this.held.set(key, h);
    this.perOrigin.set(h.origin, (this.perOrigin.get(h.origin) ?? 0) + 1);
  }

  private delete(key: string): void {
    const h = this.held.get(key);
    if (!h) return;
    this.held.delete(key);
    const left = (this.perOrigin.get(h.origin) ?? 1) - 1;
    if (left === 0) this.perOrigin.delete(h.origin);
    else this.perOrigin.set(h.origin, left);
  }

  private dropLatest(): void {
    let latest: string | undefined;
    let time = -1n;
    for (const [key, h] of this.held) if (h.time > time) [latest, time] = [key, h.time];
    if (latest !== undefined) this.delete(latest);
  }
}
