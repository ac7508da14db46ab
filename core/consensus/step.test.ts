/**
 * Table-driven steps (as Malachite core-driver tests), named after CometBFT's state tests. Four
 * validators (f = 1, quorum 3, f + 1 = 2); proposer of round r is validator r mod 4; devnet timeouts:
 * propose 1000 + 250r ms, prevote and precommit 500 + 250r ms.
 */
import { describe, expect, it } from 'vitest';
import * as T from '../../test/sim/script.ts';
import { A, B, precommit, prevote, proposal, proposeValue, start, timeout } from '../../test/sim/script.ts';
import { TIMEOUTS, type TimeoutParams } from './params.ts';
import { initialState } from './state.ts';
import { step } from './step.ts';
import type { Input } from './types.ts';

type Row = [Input, string[], Partial<ReturnType<typeof T.variables>>?];

/** Steps one node through `rows`, checking the outputs of each input and, where given, its variables. */
function play(rows: Row[]): void {
  let state = initialState(TIMEOUTS.devnet);
  rows.forEach(([input, outputs, vars], i) => {
    const result = step(state, input);
    expect(T.summarize(result.outputs), `row ${i}`).toEqual(outputs);
    if (vars !== undefined) expect(T.variables(result.state), `row ${i}`).toMatchObject(vars);
    state = result.state;
  });
}

const LOCKED_A_ROUND_0_SELF_3: Row[] = [
  [start(3), ['timeout propose r0 1000ms']],
  [proposal(0, A), ['prevote r0 A']],
  [prevote(0, A, 0), []],
  [prevote(0, A, 1), []],
  [prevote(0, A, 2), ['precommit r0 A'], { locked: 'A', lockedRound: 0, valid: 'A', validRound: 0 }],
  [precommit(0, null, 0), []],
  [precommit(0, null, 1), []],
  [precommit(0, null, 2), ['timeout precommit r0 500ms']],
  [timeout('precommit', 0), ['timeout propose r1 1250ms'], { round: 1, step: 'propose' }],
];

const CASES: Record<string, Row[]> = {
  'proposer proposes, everyone agrees, decide in round 0': [
    [start(0), ['request r0'], { height: 1, round: 0, step: 'propose' }],
    [proposeValue(0, A), ['propose r0 A vr-1']],
    [proposeValue(0, B), []],
    [proposal(0, A), ['prevote r0 A'], { step: 'prevote' }],
    [prevote(0, A, 0), []],
    [prevote(0, A, 1), []],
    [prevote(0, A, 2), ['precommit r0 A'], { step: 'precommit', locked: 'A', lockedRound: 0 }],
    [precommit(0, A, 0), []],
    [precommit(0, A, 1), []],
    [precommit(0, A, 3), ['decide r0 A by 0,1,3'], { decided: 'A' }],
    [prevote(0, A, 3), []],
    [
      start(0, 4, 2),
      ['request r0'],
      { height: 2, round: 0, locked: 'nil', lockedRound: -1, decided: 'none' },
    ],
  ],
  'non-proposer prevotes nil on timeoutPropose, once': [
    [start(1), ['timeout propose r0 1000ms']],
    [timeout('propose', 0), ['prevote r0 nil'], { step: 'prevote' }],
    [timeout('propose', 0), []],
    [proposal(0, A), []],
  ],
  'invalid proposal gets a nil prevote': [
    [start(1), ['timeout propose r0 1000ms']],
    [proposal(0, A, -1, false), ['prevote r0 nil']],
  ],
  'lock on a POL, then prevote nil for another value': [
    ...LOCKED_A_ROUND_0_SELF_3,
    [proposal(1, B), ['prevote r1 nil'], { locked: 'A', lockedRound: 0 }],
  ],
  'locked proposer re-proposes its validValue with its validRound; POL prevote (L28)': [
    [start(1), ['timeout propose r0 1000ms']],
    [proposal(0, A), ['prevote r0 A']],
    [prevote(0, A, 0), []],
    [prevote(0, A, 2), []],
    [prevote(0, A, 3), ['precommit r0 A']],
    [precommit(0, null, 0), []],
    [precommit(0, null, 2), []],
    [precommit(0, null, 3), ['timeout precommit r0 500ms']],
    [timeout('precommit', 0), ['propose r1 A vr0'], { round: 1 }],
    [proposal(1, A, 0), ['prevote r1 A']],
  ],
  'relock on a later POL': [
    ...LOCKED_A_ROUND_0_SELF_3,
    [proposal(1, B), ['prevote r1 nil']],
    [prevote(1, B, 0), []],
    [prevote(1, B, 1), []],
    [prevote(1, B, 2), ['precommit r1 B'], { locked: 'B', lockedRound: 1, valid: 'B', validRound: 1 }],
  ],
  'nil polka does not unlock (paper rule, not unlock-on-nil)': [
    ...LOCKED_A_ROUND_0_SELF_3,
    [prevote(1, null, 0), []],
    [prevote(1, null, 1), []],
    [prevote(1, null, 2), []],
    [timeout('propose', 1), ['prevote r1 nil', 'precommit r1 nil'], { locked: 'A', lockedRound: 0 }],
    [precommit(1, null, 0), []],
    [precommit(1, null, 1), []],
    [precommit(1, null, 2), ['timeout precommit r1 750ms']],
    [timeout('precommit', 1), ['timeout propose r2 1500ms']],
    [proposal(2, B), ['prevote r2 nil'], { locked: 'A', lockedRound: 0 }],
  ],
  'a POL newer than the lock is prevoted (L28)': [
    ...LOCKED_A_ROUND_0_SELF_3,
    [prevote(1, B, 0), []],
    [prevote(1, B, 1), []],
    [prevote(1, B, 2), []],
    [timeout('propose', 1), ['prevote r1 nil', 'timeout prevote r1 750ms']],
    [timeout('prevote', 1), ['precommit r1 nil'], { locked: 'A' }],
    [precommit(1, null, 0), []],
    [precommit(1, null, 1), []],
    [precommit(1, null, 2), ['timeout precommit r1 750ms']],
    [timeout('precommit', 1), ['timeout propose r2 1500ms']],
    [proposal(2, B, 1), ['prevote r2 B']],
  ],
  'valid block: a late proposal with a polka updates validValue only': [
    [start(1), ['timeout propose r0 1000ms']],
    [timeout('propose', 0), ['prevote r0 nil']],
    [prevote(0, A, 0), []],
    [prevote(0, A, 2), []],
    [prevote(0, A, 3), ['timeout prevote r0 500ms']],
    [timeout('prevote', 0), ['precommit r0 nil']],
    [proposal(0, A), [], { valid: 'A', validRound: 0, locked: 'nil', lockedRound: -1 }],
    [precommit(0, null, 0), []],
    [precommit(0, null, 2), []],
    [precommit(0, null, 3), ['timeout precommit r0 500ms']],
    [timeout('precommit', 0), ['propose r1 A vr0']],
  ],
  'commit from a previous round': [
    [start(2), ['timeout propose r0 1000ms']],
    [proposal(0, A), ['prevote r0 A']],
    [prevote(1, null, 0), []],
    [prevote(1, null, 1), ['timeout propose r1 1250ms'], { round: 1 }],
    [precommit(0, A, 0), []],
    [precommit(0, A, 1), []],
    [precommit(0, A, 3), ['decide r0 A by 0,1,3'], { round: 1, decided: 'A' }],
  ],
  'round skip on f + 1 senders of a higher round': [
    [start(2), ['timeout propose r0 1000ms']],
    [prevote(3, null, 0), []],
    [precommit(3, null, 0), [], { round: 0 }],
    [proposal(3, A), ['timeout propose r3 1750ms', 'prevote r3 A'], { round: 3, step: 'prevote' }],
  ],
  'nil polka: 2f + 1 prevotes for nil give a nil precommit': [
    [start(2), ['timeout propose r0 1000ms']],
    [timeout('propose', 0), ['prevote r0 nil']],
    [prevote(0, null, 0), []],
    [prevote(0, null, 1), []],
    [prevote(0, null, 2), ['precommit r0 nil'], { step: 'precommit', locked: 'nil' }],
  ],
  'halt: without a quorum for a value there are only timeouts': [
    [start(2), ['timeout propose r0 1000ms']],
    [proposal(0, A), ['prevote r0 A']],
    [prevote(0, A, 0), []],
    [prevote(0, null, 1), []],
    [prevote(0, A, 2), ['timeout prevote r0 500ms']],
    [timeout('prevote', 0), ['precommit r0 nil']],
    [precommit(0, A, 0), []],
    [precommit(0, null, 1), []],
    [precommit(0, null, 2), ['timeout precommit r0 500ms']],
    [timeout('precommit', 0), ['timeout propose r1 1250ms']],
    [timeout('propose', 1), ['prevote r1 nil'], { decided: 'none' }],
  ],
  'equivocation: evidence, and the second vote is not counted': [
    [start(2), ['timeout propose r0 1000ms']],
    [prevote(0, A, 0), []],
    [prevote(0, A, 0), []],
    [prevote(0, B, 0), ['evidence 0 prevote r0 A/B']],
    [proposal(0, B), ['prevote r0 B']],
    [prevote(0, B, 1), []],
    [prevote(0, B, 3), ['timeout prevote r0 500ms']],
    [prevote(0, B, 2), ['precommit r0 B']],
  ],
  "an equivocator's vote completes a polka once f + 1 first votes back its value": [
    [start(1), ['timeout propose r0 1000ms']],
    [proposal(0, B), ['prevote r0 B']],
    [prevote(0, A, 3), []],
    [prevote(0, B, 1), []],
    [prevote(0, B, 2), ['timeout prevote r0 500ms']],
    [prevote(0, B, 3), ['evidence 3 prevote r0 A/B', 'precommit r0 B'], { locked: 'B' }],
  ],
  'equivocating proposer: the value with f + 1 precommits is still decided': [
    [start(2), ['timeout propose r0 1000ms']],
    [proposal(0, A), ['prevote r0 A']],
    [proposal(0, B), []],
    [precommit(0, B, 0), []],
    [precommit(0, B, 1), []],
    [precommit(0, B, 3), ['timeout precommit r0 500ms']],
    [proposal(0, B), ['decide r0 B by 0,1,3']],
  ],
  'a non-validator follows and decides without signing': [
    [start(null), ['timeout propose r0 1000ms']],
    [proposal(0, A), [], { step: 'prevote' }],
    [precommit(0, A, 0), []],
    [precommit(0, A, 1), []],
    [precommit(0, A, 2), ['decide r0 A by 0,1,2']],
  ],
  'other heights and stale timeouts are ignored': [
    [start(2), ['timeout propose r0 1000ms']],
    [prevote(0, A, 0, 2), []],
    [proposal(0, A, -1, true, 2), []],
    [timeout('propose', 0, 0), []],
    [timeout('prevote', 0), []],
    [timeout('precommit', 1), [], { round: 0, step: 'propose' }],
    [start(2, 4, 1), []],
  ],
};

describe('step', () => {
  for (const [name, rows] of Object.entries(CASES)) it(name, () => play(rows));
});

describe('start-height with timeouts', () => {
  const MS = 1_000_000n;
  const startWith = (timeouts: TimeoutParams): Input => ({
    kind: 'start-height',
    height: 1,
    validators: 4,
    self: 3,
    timeouts,
  });
  it('runs the height with the given timeouts and keeps them for the next heights', () => {
    const faster = { ...TIMEOUTS.devnet, proposeBase: 200n * MS };
    const first = step(initialState(TIMEOUTS.devnet), startWith(faster));
    expect(T.summarize(first.outputs)).toEqual(['timeout propose r0 200ms']);
    const second = step(first.state, start(3, 4, 2));
    expect(T.summarize(second.outputs)).toEqual(['timeout propose r0 200ms']);
  });

  it('refuses invalid timeouts with bad-params', () => {
    const zero = { ...TIMEOUTS.devnet, prevoteBase: 0n };
    expect(() => step(initialState(TIMEOUTS.devnet), startWith(zero))).toThrow(/timeout bases/);
  });
});
