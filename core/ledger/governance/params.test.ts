import { describe, expect, it } from 'vitest';
import { TIMEOUTS } from '../../consensus/params.ts';
import { isProtoError } from '../../errors.ts';
import { checkChanges, PARAM_IDS, paramId, withChanges } from './params.ts';
import { decodeParams, encodeParams } from './state-codec.ts';
import type { GovParams, ParamChange } from './types.ts';

const MS = 1_000_000n;
const S = 1_000_000_000n;
const base: GovParams = {
  votingPeriod: 60n * S,
  congressSize: 5,
  liveProposals: 8,
  blockBytes: 1 << 20,
  timeouts: TIMEOUTS.devnet,
};

function codeOf(changes: ParamChange[]): string | undefined {
  try {
    checkChanges(changes);
    return undefined;
  } catch (e) {
    return isProtoError(e) ? e.code : 'thrown';
  }
}

describe('consensus timeouts as ledger parameters', () => {
  it('each timeout field has a parameter name', () => {
    const names = ['Propose', 'Prevote', 'Precommit'].flatMap((s) => [`timeout${s}Base`, `timeout${s}Delta`]);
    expect(names.map(paramId)).toEqual([6, 7, 8, 9, 10, 11]);
  });

  it('accepts values within bounds and refuses absurd ones with bad-param-value', () => {
    const ok: ParamChange[] = [
      { id: PARAM_IDS.timeoutProposeBase, value: 50n * MS },
      { id: PARAM_IDS.timeoutPrevoteBase, value: 120n * S },
      { id: PARAM_IDS.timeoutPrecommitDelta, value: 0n },
      { id: PARAM_IDS.timeoutProposeDelta, value: 60n * S },
    ];
    expect(codeOf(ok)).toBeUndefined();
    const absurd: ParamChange[] = [
      { id: PARAM_IDS.timeoutProposeBase, value: 0n },
      { id: PARAM_IDS.timeoutPrevoteBase, value: 49n * MS },
      { id: PARAM_IDS.timeoutPrecommitBase, value: 3600n * S },
      { id: PARAM_IDS.timeoutPrevoteDelta, value: 61n * S },
      { id: PARAM_IDS.timeoutProposeDelta, value: (1n << 64n) - 1n },
    ];
    for (const c of absurd) expect(codeOf([c])).toBe('bad-param-value');
  });

  it('applies timeout changes field by field and keeps the rest', () => {
    const changes = [
      { id: PARAM_IDS.timeoutProposeBase, value: 2n * S },
      { id: PARAM_IDS.timeoutPrecommitDelta, value: 0n },
      { id: PARAM_IDS.minFee, value: 3n },
    ];
    const next = withChanges(base, 1n, changes);
    expect(next.minFee).toBe(3n);
    expect(next.params).toEqual({
      ...base,
      timeouts: { ...TIMEOUTS.devnet, proposeBase: 2n * S, precommitDelta: 0n },
    });
    expect(base.timeouts).toBe(TIMEOUTS.devnet);
    expect(TIMEOUTS.devnet.proposeBase).toBe(1000n * MS);
  });

  it('the parameters entry carries the timeouts, strictly decoded', () => {
    const p = { ...base, timeouts: { ...TIMEOUTS.public, prevoteDelta: 7n } };
    const bytes = encodeParams(p);
    expect(decodeParams(bytes)).toEqual(p);
    expect(() => decodeParams(bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => decodeParams(new Uint8Array([...bytes, 0]))).toThrow();
  });
});
