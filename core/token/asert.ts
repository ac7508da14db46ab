/**
 * Relative ASERT (PROTOCOL.md §1.4): Bitcoin Cash's aserti3-2d cubic approximation of 2^x, applied to
 * the parent's target (EMA form). Integers only.
 */

/** What nextTarget needs to know about the selected parent P. */
export interface AsertParent {
  /** P is a root (genesis or a congress virtual root). */
  isRoot: boolean;
  /** target(P); for a root, the subchain's root target. */
  target: bigint;
  time: bigint;
  /** time(prev(P)); ignored for a root. */
  parentTime: bigint;
  merge: boolean;
}

const RADIX = 65536n;
const EXP_CLAMP = 300n * RADIX;

/** target(B) for a block whose selected parent is P; T = spacing, tau = half-life, both in ns. */
export function nextTarget(P: AsertParent, spacing: bigint, halfLife: bigint, maxTarget: bigint): bigint {
  if (P.isRoot) return P.target;
  let st = P.time - P.parentTime;
  if (st > spacing + halfLife) st = spacing + halfLife; // ease at most 2x per block
  const ideal = P.merge ? 2n * spacing : spacing; // a merged block counts as a block issued
  // e = ((st - ideal) * 65536) / tau, truncating toward zero (bigint division does), then clamped
  let e = ((st - ideal) * RADIX) / halfLife;
  if (e < -EXP_CLAMP) e = -EXP_CLAMP;
  if (e > EXP_CLAMP) e = EXP_CLAMP;
  let s = e >> 16n; // arithmetic shift: floor
  const f = e - (s << 16n); // 0 <= f < 65536
  // 2^(f/65536) * 65536 ≈ 65536 + ((195766423245049 f + 971821376 f^2 + 5127 f^3 + 2^47) >> 48)
  const poly = (195766423245049n * f + 971821376n * f * f + 5127n * f * f * f + (1n << 47n)) >> 48n;
  let n = P.target * (RADIX + poly);
  s -= 16n;
  n = s < 0n ? n >> -s : n << s;
  if (n < 1n) return 1n;
  return n > maxTarget ? maxTarget : n;
}
