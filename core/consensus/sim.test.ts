/**
 * Randomised in-process networks (test/sim): seeded delays, drops and reordering before GST, bounded
 * delay after it, and up to f faulty validators that equivocate. Safety is checked on every run;
 * liveness means every honest node decides all heights before `maxTime`, long after GST.
 */
import { describe, expect, it } from 'vitest';
import { digest, minHeights, safetyFaults, stats } from '../../test/sim/check.ts';
import { runSim, SMALL_NETWORK } from '../../test/sim/sim.ts';
import type { Fault, SimConfig } from '../../test/sim/types.ts';

const FAULTS: readonly Fault[] = ['split', 'equivocate', 'silent'];

/** The network of `seed`: fault model, drop rate, chaos and GST all vary with it. */
function network(validators: number, seed: number, heights: number): SimConfig {
  return {
    ...SMALL_NETWORK,
    seed: seed * 104729 + validators,
    validators,
    faulty: Math.floor((validators - 1) / 3),
    fault: FAULTS[seed % 3]!,
    heights,
    dropPercent: [0, 10, 30, 50][seed % 4]!,
    chaosDelay: 100 + (seed % 3) * 400,
    gst: 1000 + (seed % 5) * 1000,
  };
}

function expectSafeAndLive(config: SimConfig): void {
  const world = runSim(config);
  const label = `seed ${config.seed}, ${config.fault}: ${JSON.stringify(stats(world))}`;
  expect(safetyFaults(world), label).toEqual([]);
  expect(minHeights(world), label).toBe(config.heights);
}

describe('simulated networks with f faulty validators', () => {
  it('n = 4: 60 seeds, safe and live', () => {
    for (let seed = 0; seed < 60; seed++) expectSafeAndLive(network(4, seed, 5));
  });
  it('n = 7: 30 seeds, safe and live', () => {
    for (let seed = 0; seed < 30; seed++) expectSafeAndLive(network(7, seed, 4));
  });
  it('n = 90 (29 faulty): equivocating and splitting, safe and live', () => {
    expectSafeAndLive({ ...network(90, 1, 2), fault: 'equivocate' });
    expectSafeAndLive({ ...network(90, 2, 2), fault: 'split' });
  });
});

describe('the simulator', () => {
  it('byzantine proposers of invalid blocks: no honest node votes for one, every height is decided', () => {
    for (const [validators, seeds] of [
      [4, 12],
      [7, 6],
    ] as const) {
      for (let seed = 0; seed < seeds; seed++)
        expectSafeAndLive({ ...network(validators, seed, 6), fault: 'invalid-proposer' });
    }
  });
  it('finds disagreement once f + 1 validators split the network', () => {
    let broken = 0;
    for (let seed = 0; seed < 30; seed++) {
      const world = runSim({ ...network(4, seed, 4), faulty: 2, fault: 'split', maxTime: 20_000 });
      if (safetyFaults(world).some((f) => f.includes('two decisions'))) broken++;
    }
    expect(broken).toBeGreaterThan(0);
  });
  it('replays a seed exactly and differs between seeds', () => {
    const config = network(7, 4, 3);
    expect(digest(runSim(config))).toBe(digest(runSim(config)));
    expect(digest(runSim({ ...config, seed: config.seed + 1 }))).not.toBe(digest(runSim(config)));
  });
  it('reports equivocation as evidence, and none without faults', () => {
    const equivocating = runSim({ ...network(4, 0, 3), fault: 'equivocate', dropPercent: 0 });
    expect(stats(equivocating).evidence).toBeGreaterThan(0);
    expect(stats(runSim({ ...network(7, 1, 3), faulty: 0 })).evidence).toBe(0);
  });
});
