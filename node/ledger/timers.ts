/**
 * Consensus timeouts: the host's only clock-driven inputs. At most one timer per (kind, round) of the
 * current height, and all are cleared when the height changes, so the set stays as small as the
 * rounds of one height.
 */
import type { Timeout } from '../../core/consensus/index.ts';

export class Timers {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly fire: (t: Timeout) => void;

  constructor(fire: (t: Timeout) => void) {
    this.fire = fire;
  }

  /** Feeds `t` back after `durationNs`; a timer already set for the same timeout is kept. */
  schedule(t: Timeout, durationNs: bigint): void {
    const key = `${t.height}/${t.round}/${t.kind}`;
    if (this.pending.has(key)) return;
    const ms = Number(durationNs / 1_000_000n);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.fire(t);
      }, ms),
    );
  }

  /** Cancels every timer (a new height starts, or the node stops). */
  clear(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
