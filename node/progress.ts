/**
 * Progress of long work as people read it: `done/total unit (rate/s, ~time left)`. A Progress keeps
 * the first sample of a run, so the rate is the average since the run began.
 */
import type { LedgerNode } from './ledger/service.ts';

export class Progress {
  private start: { at: number; done: number } | undefined;

  /** The line for `done` of `total` at `now` (ms); a run starts again when `done` falls back. */
  line(done: number, total: number, unit: string, now = Date.now()): string {
    if (!this.start || done < this.start.done) this.start = { at: now, done };
    const seconds = (now - this.start.at) / 1000;
    const rate = seconds > 0 ? (done - this.start.done) / seconds : 0;
    const left = rate > 0 ? ` ~${duration((total - done) / rate)} left` : '';
    const pct = Math.floor((100 * done) / Math.max(total, 1));
    return `${done}/${total} ${unit} (${pct}%, ${rate.toFixed(1)}/s${left})`;
  }

  /** Forgets the run. */
  reset(): void {
    this.start = undefined;
  }
}

/** Seconds as `45 s`, `12 min`, `3.5 h`. */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Every 2 s while the ledger is more than one block behind its peers, logs its catch-up progress. */
export function ledgerProgress(ledger: LedgerNode, log: (line: string) => void): NodeJS.Timeout {
  const progress = new Progress();
  const timer = setInterval(() => {
    const target = ledger.syncTarget();
    const height = ledger.ledger.height;
    if (target <= height + 1) return progress.reset();
    log(`sync ledger: ${progress.line(height, target, 'blocks')}`);
  }, 2000);
  timer.unref();
  return timer;
}
