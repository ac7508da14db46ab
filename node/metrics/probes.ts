import type { Height } from '../../core/height.ts';

/**
 * Measurement points in hot paths (WAL fsync, signature verification, consensus steps). Each is a
 * no-op until `node/metrics/metrics.ts` replaces it when the node serves metrics, so code that calls
 * a probe pays one function call and nothing else.
 */
export interface Probes {
  /** An fsync of the consensus WAL took `seconds`. */
  fsync(seconds: number): void;
  /** One ed25519 signature was verified natively. */
  verified(): void;
  /** The consensus state after a step; the probe notices when (height, round, step) moves on. */
  consensus(state: { height: Height; round: number; step: string }): void;
}

export const probes: Probes = {
  fsync() {},
  verified() {},
  consensus() {},
};

/** Runs `f` and reports its duration in seconds to `report`. */
export function timed<T>(report: (seconds: number) => void, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    report((performance.now() - start) / 1000);
  }
}
