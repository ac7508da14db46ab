/** Seeded xorshift32 for simulations and tests only; the consensus core never draws randomness. */
export interface Rng {
  /** Next 32-bit unsigned integer. */
  next(): number;
  /** Uniform integer in [0, bound). */
  int(bound: number): number;
  /** True with probability `percent` / 100. */
  chance(percent: number): boolean;
}

/** A generator for `seed` (any integer; 0 is remapped, as xorshift must not start at 0). */
export function makeRng(seed: number): Rng {
  let x = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  for (let i = 0; i < 8; i++) next(); // spread nearby seeds apart
  return {
    next,
    int: (bound) => next() % bound,
    chance: (percent) => next() % 100 < percent,
  };
}
