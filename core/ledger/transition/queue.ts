import { equalBytes } from '../../bytes.ts';
import type { Height } from '../../height.ts';
import { QUEUE_MAX } from '../codec/constants.ts';
import type { Member } from '../state/state.ts';
import { activeAt } from './validators.ts';

/**
 * The validator queue's end-of-block steps (PROTOCOL.md §3.2, docs/ledger.md §5), pure functions on
 * member lists. A member is live while `until` is 0; at most QUEUE_MAX members are live.
 */

/** What happened to the queue in one block. */
export interface QueueEvents {
  /** Members that left: they still validate the next height (`until`), then are gone. */
  left: Member[];
  /** Pending announcements that entered the queue; they validate from `since`. */
  joined: Member[];
  /** Pending announcements dropped because their token expired. */
  expired: Member[];
  /** Pending announcements of offenders, dropped. */
  removed: Member[];
}

/** Members not yet leaving. */
export function liveCount(queue: readonly Member[]): number {
  return queue.reduce((n, m) => n + (m.until === 0 ? 1 : 0), 0);
}

/**
 * After block `height` commits at `round`: each member of the height's validator list at positions
 * 0..round (mod n) loses one use per turn held (uses never go below 0) and moves to the tail, in
 * position order. Members of the queue outside the list keep their places.
 */
export function rotate(queue: readonly Member[], height: Height, round: number): Member[] {
  const list = activeAt(queue, height);
  const n = list.length;
  if (n === 0) return [...queue];
  const holders = list.slice(0, Math.min(round + 1, n));
  const turns = (p: number) => Math.floor((round - p) / n) + 1;
  const moved = holders.map((m, p) => (m.until === 0 ? { ...m, uses: Math.max(0, m.uses - turns(p)) } : m));
  const held = new Set<Member>(holders);
  return [...queue.filter((m) => !held.has(m)), ...moved];
}

/**
 * Live members with no uses left, an expired token, or a key among `offenders` (proven to equivocate)
 * leave: they validate `height + 1` last.
 */
export function retire(
  queue: readonly Member[],
  height: Height,
  time: bigint,
  offenders: readonly Uint8Array[] = [],
): { queue: Member[]; left: Member[] } {
  const left: Member[] = [];
  const out = queue.map((m) => {
    const offends = offenders.some((k) => equalBytes(k, m.key));
    if (m.until !== 0 || (m.uses > 0 && m.expiry > time && !offends)) return m;
    const gone = { ...m, until: height + 1 };
    left.push(gone);
    return gone;
  });
  return { queue: out, left };
}

/** Drops members whose last height has passed, or who left before they ever validated. */
export function prune(queue: readonly Member[], height: Height): Member[] {
  return queue.filter((m) => m.until === 0 || (m.until > height && m.until >= m.since));
}

/**
 * Drops expired pending announcements, then moves the oldest ones into the queue while fewer than
 * QUEUE_MAX members are live. They validate from `height + 2`.
 */
export function fill(
  queue: readonly Member[],
  pending: readonly Member[],
  height: Height,
  time: bigint,
): { queue: Member[]; pending: Member[]; joined: Member[]; expired: Member[] } {
  const expired = pending.filter((m) => m.expiry <= time);
  const waiting = pending.filter((m) => m.expiry > time);
  const room = Math.max(0, QUEUE_MAX - liveCount(queue));
  const joined = waiting.slice(0, room).map((m) => ({ ...m, since: height + 2 }));
  return { queue: [...queue, ...joined], pending: waiting.slice(room), joined, expired };
}

/**
 * The end-of-block steps in order: rotate, retire, prune, fill. The queue never empties by draining
 * (PROTOCOL.md §3.2): when the members retiring at this height would leave no live member and no one
 * joins, they stay (uses 0, expiry passed) and keep validating; a later height where someone joins
 * retires them all, so they validate up to the joiner's first height and not after.
 */
export function advanceQueue(
  queue: readonly Member[],
  pending: readonly Member[],
  block: { height: Height; round: number; time: bigint },
  offenders: readonly Uint8Array[] = [],
): { queue: Member[]; pending: Member[]; events: QueueEvents } {
  const offends = (m: Member) => offenders.some((k) => equalBytes(k, m.key));
  const removed = pending.filter(offends);
  const waiting = removed.length > 0 ? pending.filter((m) => !offends(m)) : pending;
  const rotated = rotate(queue, block.height, block.round);
  const retired = retire(rotated, block.height, block.time, offenders);
  let left = retired.left;
  let filled = fill(prune(retired.queue, block.height), waiting, block.height, block.time);
  if (left.length > 0 && liveCount(filled.queue) === 0) {
    left = [];
    filled = fill(prune(rotated, block.height), waiting, block.height, block.time);
  }
  const events = { left, joined: filled.joined, expired: filled.expired, removed };
  return { queue: filled.queue, pending: filled.pending, events };
}
