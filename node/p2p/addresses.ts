import { MAX_ADDRESS_BOOK } from '../../core/p2p/limits.ts';

interface Entry {
  persistent: boolean;
  failures: number;
  nextDial: number;
}

/**
 * Known listen addresses and when each may next be dialled. Configured peers are persistent and
 * retried every few seconds forever; learned ones back off exponentially and are forgotten after
 * repeated failures. Bounded by MAX_ADDRESS_BOOK learned entries (new ones are ignored when full).
 */
export class AddressBook {
  private readonly entries = new Map<string, Entry>();
  private learned = 0;

  addPersistent(address: string): void {
    this.entries.set(address, { persistent: true, failures: 0, nextDial: 0 });
  }

  learn(address: string): void {
    if (this.entries.has(address) || this.learned >= MAX_ADDRESS_BOOK) return;
    this.entries.set(address, { persistent: false, failures: 0, nextDial: 0 });
    this.learned++;
  }

  forget(address: string): void {
    const e = this.entries.get(address);
    if (!e) return;
    this.entries.delete(address);
    if (!e.persistent) this.learned--;
  }

  /** Addresses whose time to dial has come, persistent ones first. */
  due(now: number): { address: string; persistent: boolean }[] {
    const out = [...this.entries].filter(([, e]) => e.nextDial <= now);
    out.sort((a, b) => Number(b[1].persistent) - Number(a[1].persistent));
    return out.map(([address, e]) => ({ address, persistent: e.persistent }));
  }

  /** Every known address, for a `peers` answer. */
  all(): string[] {
    return [...this.entries.keys()];
  }

  dialed(address: string, now: number): void {
    const e = this.entries.get(address);
    if (e) e.nextDial = now + (e.persistent ? 2_000 : Math.min(60_000, 2_000 * 2 ** e.failures));
  }

  failed(address: string): void {
    const e = this.entries.get(address);
    if (!e) return;
    e.failures++;
    if (!e.persistent && e.failures > 8) this.forget(address);
  }

  succeeded(address: string): void {
    const e = this.entries.get(address);
    if (e) e.failures = 0;
  }
}
