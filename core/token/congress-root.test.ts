import { describe, expect, it } from 'vitest';
import { congressRootTarget, makeGenesis, PRESETS } from './params.ts';

const genesis = (preset: 'public' | 'devnet') =>
  makeGenesis(PRESETS[preset], {
    genesisTime: 1n,
    vetoKey: new Uint8Array(32),
    validators: [],
    balances: [],
  });

describe('congressRootTarget', () => {
  it('scales the proposal target by proposal spacing over congress spacing', () => {
    // public: 3600 s / 60 s = 60; devnet: 10 s / 1 s = 10
    expect(congressRootTarget(genesis('public'), 1000n)).toBe(60_000n);
    expect(congressRootTarget(genesis('devnet'), 7n)).toBe(70n);
  });

  it('multiplies before dividing when the ratio is not whole', () => {
    const p = genesis('devnet');
    const q = { ...p, proposal: { ...p.proposal, spacing: 3n }, congress: { ...p.congress, spacing: 2n } };
    expect(congressRootTarget(q, 5n)).toBe(7n); // 5 * 3 / 2 = 7.5, truncated; 5 * (3 / 2) would give 5
  });

  it('clamps to the congress maxTarget', () => {
    const p = genesis('public');
    expect(congressRootTarget(p, p.congress.maxTarget)).toBe(p.congress.maxTarget);
  });
});
