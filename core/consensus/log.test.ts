import { describe, expect, it } from 'vitest';
import { A, B, precommit, prevote, proposal, start, value } from '../../test/sim/script.ts';
import { FUTURE_ROUNDS_PER_VALIDATOR } from './log.ts';
import { TIMEOUTS } from './params.ts';
import { type ConsensusState, initialState } from './state.ts';
import { step } from './step.ts';
import type { Input } from './types.ts';

function run(inputs: Input[], from: ConsensusState = initialState(TIMEOUTS.devnet)): ConsensusState {
  return inputs.reduce((s, input) => step(s, input).state, from);
}

describe('memory bounds', () => {
  it(`a validator opens at most ${FUTURE_ROUNDS_PER_VALIDATOR} rounds beyond round + 1`, () => {
    const s = run([
      start(2, 7),
      prevote(5, null, 0),
      prevote(6, null, 0),
      prevote(7, null, 0),
      precommit(5, null, 0),
    ]);
    expect([...s.log.keys()].sort()).toEqual([5, 6]);
    expect(s.log.get(5)!.precommit.count).toBe(1);
    const near = run([prevote(1, null, 0), prevote(0, A, 0)], s);
    expect([...near.log.keys()].sort()).toEqual([0, 1, 5, 6]);
  });
  it('future rounds are counted afresh once the round advances', () => {
    const s = run([
      start(2, 7),
      prevote(5, null, 0),
      prevote(6, null, 0),
      prevote(5, null, 1),
      prevote(5, null, 3),
    ]);
    expect(s.round).toBe(5);
    expect([...run([prevote(9, null, 0)], s).log.keys()].sort()).toEqual([5, 6, 9]);
  });
  it('a proposal judged invalid becomes valid when offered again as valid; a valid one stays valid', () => {
    const s = run([start(2), proposal(0, A, -1, false)]);
    expect(s.log.get(0)!.proposals.map((p) => p.valid)).toEqual([false]);
    const again = run([proposal(0, A, -1, true)], s);
    expect(again.log.get(0)!.proposals.map((p) => p.valid)).toEqual([true]);
    expect(step(again, proposal(0, A, -1, false)).state).toBe(again);
  });
  it('a second proposal of a round is kept only once f + 1 votes vouch for its value', () => {
    const s = run([start(2), proposal(0, A), proposal(0, B)]);
    expect(s.log.get(0)!.proposals.length).toBe(1);
    const vouched = run([prevote(0, B, 0), prevote(0, B, 1), proposal(0, B), proposal(0, value(7))], s);
    expect(vouched.log.get(0)!.proposals.map((p) => p.proposal.value[0])).toEqual([A[0], B[0]]);
  });
  it('one counted vote per validator, round and type', () => {
    const s = run([start(2), prevote(0, A, 0), prevote(0, B, 0), prevote(0, null, 0), prevote(0, A, 0)]);
    expect(s.log.get(0)!.prevote.count).toBe(1);
  });
});

describe('purity', () => {
  it('step never changes the state it is given, and replays to the same result', () => {
    const inputs = [start(3), proposal(0, A), prevote(0, A, 0), prevote(0, A, 1), prevote(0, A, 2)];
    const states = [initialState(TIMEOUTS.devnet)];
    for (const input of inputs) states.push(step(states.at(-1)!, input).state);
    const copies = states.map((s) => structuredClone(s));
    for (let i = 0; i < inputs.length; i++) step(states[i]!, inputs[i]!);
    run([precommit(0, A, 0), precommit(0, A, 1), precommit(0, A, 2)], states.at(-1));
    expect(states).toEqual(copies);
    expect(run(inputs)).toEqual(states.at(-1));
  });
});

describe('malformed inputs', () => {
  const bad: [string, Input][] = [
    ['validator outside the set', prevote(0, A, 4)],
    ['short value', prevote(0, new Uint8Array(31), 1)],
    ['negative round', precommit(-1, null, 1)],
    ['validRound below -1', proposal(0, A, -2)],
    ['self outside the set', start(4)],
  ];
  for (const [name, input] of bad) {
    it(`throws bad-input: ${name}`, () => {
      const s = run([start(2)]);
      expect(() => step(s, input)).toThrow(expect.objectContaining({ code: 'bad-input' }));
    });
  }
});
