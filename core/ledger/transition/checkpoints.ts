import { compareBytes, equalBytes, toHex } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import { congressId, PROPOSAL, VALIDATOR } from '../../token/dag.ts';
import type { Checkpoints } from '../codec/header.ts';
import type { TokenView } from './env.ts';
import type { LedgerEvent } from './events.ts';

/**
 * A header's token-chain checkpoints (PROTOCOL.md §3.3): each tip must be held by this node (else
 * `unknown-checkpoint`, retry later), belong to its subchain and equal or descend from the previous
 * header's tip. The congress list names exactly `roots`, the open proposals whose period has not
 * ended (governance/lifecycle.ts congressRoots); a newly named congress starts at its root.
 * Returns a `checkpoint` event per moved tip.
 */
export function checkCheckpoints(
  prev: Checkpoints,
  next: Checkpoints,
  tokens: TokenView,
  roots: readonly Uint8Array[],
): LedgerEvent[] {
  const named =
    next.congress.length === roots.length && next.congress.every((c, i) => equalBytes(c.root, roots[i]!));
  if (!named) {
    throw new ProtoError(
      'bad-header',
      'congress checkpoints must name exactly the open proposals',
      'penalize',
      {
        field: 'checkpoints',
      },
    );
  }
  const events: LedgerEvent[] = [];
  const move = (subchain: string, from: Uint8Array, to: Uint8Array) => {
    checkDescends(tokens, subchain, from, to);
    events.push({ kind: 'checkpoint', subchain, tip: to });
  };
  if (!equalBytes(prev.validator, next.validator)) move(VALIDATOR, prev.validator, next.validator);
  if (!equalBytes(prev.proposal, next.proposal)) move(PROPOSAL, prev.proposal, next.proposal);
  for (const c of next.congress) {
    const from = congressTipOf(prev, c.root) ?? c.root;
    // PERF: the subchain id (hex) only for a tip that moved; most of 100 open congresses stay put
    if (!equalBytes(from, c.tip)) move(congressId(c.root), from, c.tip);
  }
  return events;
}

/**
 * The tip `c` checkpoints for the congress rooted at `root` (undefined when it names none), by binary
 * search: a header's congress list is sorted by root, since checkCheckpoints requires exactly the
 * sorted open roots (congressRoots) of every header a state comes from. PERF: a header names up to
 * MAX_CONGRESS_TIPS; a block's build, its apply and each of its votes look tips up without building
 * a map or a key string (bench:governance, 100 open proposals).
 */
export function congressTipOf(c: Checkpoints, root: Uint8Array): Uint8Array | undefined {
  let [lo, hi] = [0, c.congress.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const order = compareBytes(c.congress[mid]!.root, root);
    if (order === 0) return c.congress[mid]!.tip;
    if (order < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

function checkDescends(tokens: TokenView, subchain: string, from: Uint8Array, to: Uint8Array): void {
  const tip = tokens.info(to);
  if (!tip)
    throw new ProtoError(
      'unknown-checkpoint',
      `${subchain} checkpoint ${toHex(to).slice(0, 16)} is not held yet`,
      'retry',
    );
  const fromRoot = tokens.info(from)?.root === true;
  const descends = fromRoot || tokens.confirmationsAt(from, to) !== undefined;
  if (tip.subchain !== subchain || !descends) {
    throw new ProtoError(
      'checkpoint-not-descendant',
      `${subchain} checkpoint does not extend the previous one`,
      'penalize',
    );
  }
}
