import { describe, expect, it } from 'vitest';
import { checkTimeoutParams, TIMEOUTS, timeoutDuration } from './params.ts';
import { isQuorum, isSomeHonest, proposerOf } from './quorum.ts';
import { canSign } from './sign.ts';
import type { SignPosition, Step } from './types.ts';

const at = (height: number, round: number, step: Step): SignPosition => ({ height, round, step });

describe('canSign', () => {
  const last = at(5, 2, 'prevote');
  const cases: [SignPosition, boolean][] = [
    [at(5, 2, 'prevote'), false],
    [at(5, 2, 'propose'), false],
    [at(5, 1, 'precommit'), false],
    [at(4, 9, 'precommit'), false],
    [at(5, 2, 'precommit'), true],
    [at(5, 3, 'propose'), true],
    [at(6, 0, 'propose'), true],
  ];
  for (const [next, ok] of cases) {
    it(`h${next.height} r${next.round} ${next.step} after h5 r2 prevote: ${ok}`, () => {
      expect(canSign(last, next)).toBe(ok);
    });
  }
  it('anything when nothing was signed', () => expect(canSign(null, at(0, 0, 'propose'))).toBe(true));
});

describe('thresholds', () => {
  it('quorum is more than two thirds: 61 of 90, 3 of 4, 5 of 7', () => {
    expect([isQuorum(61, 90), isQuorum(60, 90)]).toEqual([true, false]);
    expect([isQuorum(3, 4), isQuorum(2, 4)]).toEqual([true, false]);
    expect([isQuorum(5, 7), isQuorum(4, 7)]).toEqual([true, false]);
  });
  it('some honest is more than a third: 31 of 90, 2 of 4, 3 of 7', () => {
    expect([isSomeHonest(31, 90), isSomeHonest(30, 90)]).toEqual([true, false]);
    expect([isSomeHonest(2, 4), isSomeHonest(1, 4)]).toEqual([true, false]);
    expect([isSomeHonest(3, 7), isSomeHonest(2, 7)]).toEqual([true, false]);
  });
  it('proposer of round r is position r mod n', () => {
    expect([0, 1, 89, 90, 181].map((r) => proposerOf(90, r))).toEqual([0, 1, 89, 0, 1]);
  });
});

describe('timeouts', () => {
  it('grow linearly with the round', () => {
    const ms = (ns: bigint) => Number(ns / 1_000_000n);
    expect([0, 1, 4].map((r) => ms(timeoutDuration(TIMEOUTS.public, 'propose', r)))).toEqual([
      3000, 3500, 5000,
    ]);
    expect(ms(timeoutDuration(TIMEOUTS.devnet, 'precommit', 2))).toBe(1000);
  });
  it('reject a zero base or a negative delta', () => {
    const bad = [
      { ...TIMEOUTS.devnet, prevoteBase: 0n },
      { ...TIMEOUTS.devnet, proposeDelta: -1n },
    ];
    for (const p of bad)
      expect(() => checkTimeoutParams(p)).toThrow(expect.objectContaining({ code: 'bad-params' }));
  });
});
