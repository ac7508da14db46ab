import { describe, expect, it } from 'vitest';
import { QUEUE_MAX } from '../codec/constants.ts';
import type { Member } from '../state/state.ts';
import { advanceQueue, fill, liveCount, prune, retire, rotate } from './queue.ts';
import { activeAt } from './validators.ts';

/** A member named by a letter (its key's first byte), with `uses` and expiry 1000 unless told. */
function m(name: string, uses = 60, extra: Partial<Member> = {}): Member {
  const key = new Uint8Array(32).fill(name.charCodeAt(0));
  return { key, token: key, owner: key, uses, expiry: 1000n, since: 1, until: 0, ...extra };
}
const names = (list: readonly Member[]) => list.map((x) => String.fromCharCode(x.key[0]!)).join('');
const uses = (list: readonly Member[]) => list.map((x) => x.uses);
const abcd = () => ['A', 'B', 'C', 'D'].map((n) => m(n, 10));

describe('rotate: turns 0..round are charged and move to the tail in position order', () => {
  it.each([
    { round: 0, order: 'BCDA', uses: [10, 10, 10, 9] },
    { round: 1, order: 'CDAB', uses: [10, 10, 9, 9] },
    { round: 2, order: 'DABC', uses: [10, 9, 9, 9] },
    { round: 3, order: 'ABCD', uses: [9, 9, 9, 9] },
    // n = 4, round 5: positions 0 and 1 held two turns each
    { round: 5, order: 'ABCD', uses: [8, 8, 9, 9] },
    { round: 9, order: 'ABCD', uses: [7, 7, 8, 8] },
  ])('round $round', ({ round, order, uses: expected }) => {
    const out = rotate(abcd(), 5, round);
    expect(names(out)).toBe(order);
    expect(uses(out)).toEqual(expected);
  });

  it('absent proposers drain: a missed turn costs a use like a proposed one', () => {
    // A and B are silent: each height commits at the first round whose proposer is C or D.
    const silent = new Set(['A', 'B']);
    let q = abcd().map((x) => ({ ...x, uses: 3 }));
    const heights: string[] = [];
    for (let h = 1; h <= 5; h++) {
      const list = names(activeAt(q, h));
      const round = [...list].findIndex((n) => !silent.has(n));
      q = rotate(q, h, round);
      heights.push(`${names(q)}:${uses(q).join('')}`);
    }
    expect(heights).toEqual(['DABC:3222', 'ABCD:2222', 'DABC:2111', 'ABCD:1111', 'DABC:1000']);
  });

  it('only members validating the height hold turns; newcomers keep their place ahead of the rotated', () => {
    const q = [...abcd(), m('E', 60, { since: 6 })];
    const out = rotate(q, 5, 1);
    expect(names(out)).toBe('CDEAB');
    expect(uses(out)).toEqual([10, 10, 60, 9, 9]);
  });

  it('a member already leaving holds its turn but is not charged', () => {
    const q = [m('A', 0, { until: 5 }), ...abcd().slice(1)];
    expect(uses(rotate(q, 5, 0))).toEqual([10, 10, 10, 0]);
  });
});

describe('retire, prune: members leave on 0 uses or expiry, validating one more height', () => {
  it.each([
    { who: 'no uses', member: m('A', 0), time: 10n, leaves: true },
    { who: 'expiry = block time', member: m('A', 5, { expiry: 10n }), time: 10n, leaves: true },
    { who: 'expiry after block time', member: m('A', 5, { expiry: 11n }), time: 10n, leaves: false },
  ])('$who', ({ member, time, leaves }) => {
    const { queue, left } = retire([member], 7, time);
    expect(left.length).toBe(leaves ? 1 : 0);
    expect(queue[0]!.until).toBe(leaves ? 8 : 0);
    expect(activeAt(queue, 8).length).toBe(1);
    expect(activeAt(queue, 9).length).toBe(leaves ? 0 : 1);
    expect(prune(queue, 7).length).toBe(1);
    expect(prune(queue, 8).length).toBe(leaves ? 0 : 1);
  });

  it('a member that leaves before its first height is dropped at once', () => {
    const { queue } = retire([m('A', 60, { since: 9, expiry: 5n })], 7, 5n);
    expect(prune(queue, 7)).toEqual([]);
  });
});

describe('fill: pending FIFO', () => {
  const full = () => Array.from({ length: QUEUE_MAX }, (_, i) => m(String.fromCharCode(0x100 + i)));

  it('waits while 90 members are live, then the oldest joins and validates from height + 2', () => {
    const pending = [m('P', 60, { expiry: 50n }), m('Q', 60, { expiry: 50n })];
    const stuck = fill(full(), pending, 7, 10n);
    expect(stuck.joined).toEqual([]);
    expect(stuck.pending.length).toBe(2);
    const oneLeft = retire([m('A', 0), ...full().slice(1)], 7, 10n).queue;
    const out = fill(oneLeft, pending, 7, 10n);
    expect(names(out.joined)).toBe('P');
    expect(out.joined[0]!.since).toBe(9);
    expect(names(out.pending)).toBe('Q');
    expect(liveCount(out.queue)).toBe(QUEUE_MAX);
    expect(activeAt(out.queue, 8).length).toBe(QUEUE_MAX);
    expect(activeAt(out.queue, 9).some((x) => x.key[0] === 'P'.charCodeAt(0))).toBe(true);
  });

  it('drops pending announcements whose token expired, keeping FIFO order', () => {
    const pending = [m('P', 60, { expiry: 10n }), m('Q', 60, { expiry: 11n }), m('R', 60, { expiry: 3n })];
    const out = fill(full(), pending, 7, 10n);
    expect(names(out.expired)).toBe('PR');
    expect(names(out.pending)).toBe('Q');
  });
});

describe('advanceQueue', () => {
  it('H+2 activation: the set of H+1 keeps a leaver, the set of H+2 has its replacement', () => {
    const q = [m('A', 1), ...abcd().slice(1)];
    const out = advanceQueue(q, [m('P', 60, { expiry: 99n })], { height: 4, round: 0, time: 10n });
    expect(names(out.queue)).toBe('BCDAP');
    expect(names(activeAt(out.queue, 5))).toBe('BCDA');
    expect(names(activeAt(out.queue, 6))).toBe('BCDP');
    expect(names(out.events.left)).toBe('A');
    expect(names(out.events.joined)).toBe('P');
  });
});

describe('advanceQueue: the queue never empties by draining (§3.2)', () => {
  const at = (height: number, time = 10n) => ({ height, round: 0, time });

  it('the last member drains with no joiner: it stays, with no uses, and keeps validating', () => {
    const out = advanceQueue([m('A', 1)], [], at(4));
    expect(names(out.queue)).toBe('A');
    expect(uses(out.queue)).toEqual([0]);
    expect(out.events.left).toEqual([]);
    expect(names(activeAt(out.queue, 5))).toBe('A');
    expect(names(activeAt(out.queue, 6))).toBe('A');
  });

  it('the last member drains with a joiner in the same height: it validates one more height, then the joiner', () => {
    const out = advanceQueue([m('A', 1)], [m('P', 60, { expiry: 99n })], at(4));
    expect(names(out.events.left)).toBe('A');
    expect(names(activeAt(out.queue, 5))).toBe('A');
    expect(names(activeAt(out.queue, 6))).toBe('P');
  });

  it('uses and expiry together: every member drains or expires at once, and all stay', () => {
    const q = [m('A', 1), m('B', 60, { expiry: 10n }), m('C', 1, { expiry: 10n })];
    const out = advanceQueue(q, [m('P', 60, { expiry: 5n })], at(4, 10n));
    expect(out.events.left).toEqual([]);
    expect(names(out.events.expired)).toBe('P');
    expect(names(activeAt(out.queue, 5))).toBe('BCA');
    expect(liveCount(out.queue)).toBe(3);
  });

  it('kept members all leave at the height the first new member joins, and validate until it starts', () => {
    let q = advanceQueue([m('A', 1), m('B', 1)], [], { height: 4, round: 1, time: 10n }).queue;
    q = advanceQueue(q, [], at(5)).queue;
    expect(liveCount(q)).toBe(2);
    const out = advanceQueue(q, [m('P', 60, { expiry: 99n })], at(6));
    expect(names(out.events.left).split('').sort().join('')).toBe('AB');
    expect(activeAt(out.queue, 7)).toHaveLength(2);
    expect(names(activeAt(out.queue, 8))).toBe('P');
    expect(names(advanceQueue(out.queue, [], at(7)).queue)).toBe('P');
  });

  it('one member of several draining is not kept: the others carry the chain', () => {
    const out = advanceQueue([m('A', 1), m('B', 5)], [], at(4));
    expect(names(out.events.left)).toBe('A');
    expect(names(activeAt(out.queue, 6))).toBe('B');
  });
});
