/**
 * Wall-clock accounting for the ledger bench: top-level stages (admission, build, apply, persist, ...)
 * and, inside each, the time spent in signature checks, hashing and state reads, measured by wrapping
 * the functions the ledger is given (env.verify, env.hash, the state backend's getters).
 */

import type { StateBackend, VerifySignature } from '../../../core/ledger/index.ts';
import type { Hasher } from '../../../core/token/hash.ts';

/** What a stage's time is split into; `total` is the stage's whole wall time. */
export const PARTS = ['total', 'cpu', 'verify', 'hash', 'reads'] as const;
export type Part = (typeof PARTS)[number];

/** Milliseconds per stage and part, summed over a run. */
export class Profile {
  readonly rows = new Map<string, Record<Part, number>>();
  private stage = 'other';

  /** Runs `fn` as stage `name` (nested stages are charged to the inner one only for their parts). */
  run<T>(name: string, fn: () => T): T {
    const outer = this.stage;
    this.stage = name;
    const t0 = performance.now();
    const c0 = threadCpuMs();
    try {
      return fn();
    } finally {
      const row = this.row(name);
      row.total += performance.now() - t0;
      row.cpu += threadCpuMs() - c0;
      this.stage = outer;
    }
  }

  /** Charges the time of `fn` to `part` of the current stage. */
  charge<T>(part: 'verify' | 'hash' | 'reads', fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.row(this.stage)[part] += performance.now() - t0;
    }
  }

  /** `verify`, timed. */
  verify(v: VerifySignature): VerifySignature {
    return (sig, msg, key) => this.charge('verify', () => v(sig, msg, key));
  }

  /** `hash`, timed. */
  hash(h: Hasher): Hasher {
    return (bytes) => this.charge('hash', () => h(bytes));
  }

  /** `backend` with its reads timed (writes stay in memory until the host flushes). */
  reads(backend: StateBackend): StateBackend {
    return {
      nodes: {
        get: (h) => this.charge('reads', () => backend.nodes.get(h)),
        put: (h, n) => backend.nodes.put(h, n),
      },
      values: {
        get: (h) => this.charge('reads', () => backend.values.get(h)),
        put: (h, v) => backend.values.put(h, v),
      },
    };
  }

  row(name: string): Record<Part, number> {
    let r = this.rows.get(name);
    if (!r) {
      r = { total: 0, cpu: 0, verify: 0, hash: 0, reads: 0 };
      this.rows.set(name, r);
    }
    return r;
  }

  /** Sum of every stage's total. */
  get total(): number {
    let sum = 0;
    for (const r of this.rows.values()) sum += r.total;
    return sum;
  }

  /**
   * A table of ms per block: one line per stage with its wall time, its thread CPU time, and the wall
   * time in verify, hash, reads and the rest. Stage `genesis` is left out.
   */
  table(blocks: number): string {
    const f = (ms: number) => (ms / blocks).toFixed(1).padStart(8);
    const head = ['wall', 'cpu', 'verify', 'hash', 'reads', 'other'];
    const lines = [`${'stage'.padEnd(10)}${head.map((h) => h.padStart(8)).join('')}`];
    const sum: Record<Part, number> = { total: 0, cpu: 0, verify: 0, hash: 0, reads: 0 };
    const rows = [...this.rows].filter(([name]) => name !== 'genesis');
    for (const [name, r] of [...rows, ['all', sum] as const]) {
      if (r !== sum) for (const p of PARTS) sum[p] += r[p];
      const other = r.total - r.verify - r.hash - r.reads;
      lines.push(`${name.padEnd(10)}${[r.total, r.cpu, r.verify, r.hash, r.reads, other].map(f).join('')}`);
    }
    return lines.join('\n');
  }
}

/** CPU time of this thread so far (ms). */
export function threadCpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}
