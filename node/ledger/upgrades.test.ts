import { describe, expect, it } from 'vitest';
import type { LedgerState, Upgrade } from '../../core/ledger/index.ts';
import { haltingUpgrade, haltMessage, upgradeWarnings } from './upgrades.ts';

const up = (name: string, height: number): Upgrade => ({ name, height, proposal: new Uint8Array(32) });
const at = (height: number, upgrades: Upgrade[]) => ({ height, gov: { upgrades } }) as unknown as LedgerState;

describe('passed upgrades', () => {
  it('halt the node when the next height is the activation height, unless supported', () => {
    const upgrades = [up('proto-v2', 100)];
    expect(haltingUpgrade(at(98, upgrades), new Set())).toBeUndefined();
    expect(haltingUpgrade(at(99, upgrades), new Set())?.name).toBe('proto-v2');
    expect(haltingUpgrade(at(99, upgrades), new Set(['proto-v2']))).toBeUndefined();
    expect(haltingUpgrade(at(150, upgrades), new Set())?.name).toBe('proto-v2'); // a restart past it halts too
    expect(haltMessage(upgrades[0]!)).toMatch(/halted at height 100: upgrade "proto-v2"/);
  });

  it('warn on every block before the activation height', () => {
    const upgrades = [up('proto-v2', 100), up('old', 10)];
    expect(upgradeWarnings(at(50, upgrades), new Set())).toEqual([
      'upgrade proto-v2 passed: this node halts at height 100 unless it runs software that supports it',
    ]);
    expect(upgradeWarnings(at(50, upgrades), new Set(['proto-v2']))[0]).toMatch(/supported by this node/);
    expect(upgradeWarnings(at(100, upgrades), new Set())).toEqual([]);
  });
});
