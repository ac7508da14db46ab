/**
 * How mining threads split the timestamp space. Times come in spans of SPAN consecutive nanoseconds;
 * span s = floor(time / SPAN) belongs to thread s mod threads, so no two threads ever hash the same
 * block, whatever their clocks say.
 */

/** Candidate times per span, and per kernel call. */
export const SPAN = 1 << 16;
const SPAN_N = BigInt(SPAN);
/** How far past the wall clock a miner may date a block; peers accept 15 s (PROTOCOL.md §1.3). */
export const HORIZON_NS = 10_000_000_000n;
/** Times must stay below 2^63 (PROTOCOL.md §1). */
const MAX_TIME = (1n << 63n) - 1n;

/** A range of candidate times: `start` and `count` are multiples of 4, as the kernel needs. */
export interface Slice {
  start: bigint;
  count: number;
}

/**
 * The next range for thread `index` of `threads`: from the later of `cursor` (where the thread left
 * off) and `floor` (the earliest time allowed), rounded up to a multiple of 4, to the end of that
 * thread's span. Undefined while the range would end after `now + HORIZON_NS`: the thread waits.
 */
export function nextSlice(
  cursor: bigint,
  floor: bigint,
  index: number,
  threads: number,
  now: bigint,
): Slice | undefined {
  let start = ((cursor > floor ? cursor : floor) + 3n) & ~3n;
  let span = start / SPAN_N;
  const skip = (BigInt(index) - (span % BigInt(threads)) + BigInt(threads)) % BigInt(threads);
  if (skip !== 0n) {
    span += skip;
    start = span * SPAN_N;
  }
  const end = (span + 1n) * SPAN_N;
  const limit = now + HORIZON_NS < MAX_TIME ? now + HORIZON_NS : MAX_TIME;
  if (end - 1n > limit) return undefined;
  return { start, count: Number(end - start) };
}
