import { MAX_BANS } from '../../core/p2p/limits.ts';

/**
 * Banned node ids and addresses with their expiry. Bounded by MAX_BANS: when full, the ban that ends
 * soonest is forgotten. Loopback peers are banned by node id and dial address, never by IP, since
 * honest local nodes share 127.0.0.1.
 */
export class BanList {
  private readonly until = new Map<string, number>();

  ban(key: string, ms: number, now: number = Date.now()): void {
    if (!key) return;
    this.until.delete(key);
    if (this.until.size >= MAX_BANS) {
      let soonest: string | undefined;
      let end = Number.POSITIVE_INFINITY;
      for (const [k, t] of this.until) if (t < end) [soonest, end] = [k, t];
      if (soonest !== undefined) this.until.delete(soonest);
    }
    this.until.set(key, now + ms);
  }

  banned(key: string, now: number = Date.now()): boolean {
    const t = this.until.get(key);
    if (t === undefined) return false;
    if (t > now) return true;
    this.until.delete(key);
    return false;
  }
}
