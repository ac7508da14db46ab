/**
 * Thresholds on a height's own validator count n, equal weights, integers only (PROTOCOL.md §3.1).
 * With n = 3f + 1 these are the paper's 2f + 1 and f + 1; for other n they are the same fractions.
 */

/** "2f + 1": 3 * votes > 2 * n (61 of 90, 3 of 4). */
export function isQuorum(votes: number, n: number): boolean {
  return 3 * votes > 2 * n;
}

/** "f + 1", at least one honest sender: 3 * votes > n (31 of 90, 2 of 4). */
export function isSomeHonest(votes: number, n: number): boolean {
  return 3 * votes > n;
}

/** proposer(h, round): position round mod n of the height's ordered validator list (PROTOCOL.md §3.2). */
export function proposerOf(n: number, round: number): number {
  return round % n;
}
