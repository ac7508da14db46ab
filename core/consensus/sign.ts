import type { SignPosition, Step } from './types.ts';

const STEP_ORDER: Record<Step, number> = { propose: 0, prevote: 1, precommit: 2 };

/**
 * The double-sign guard the host runs on every `sign` output (CometBFT privval CheckHRS): a validator
 * signs only at a (height, round, step) strictly above the last one it signed, compared in that order
 * (PROTOCOL.md §3.1). The host persists `next` before the signature leaves the node. `last` is null
 * when the validator has never signed.
 */
export function canSign(last: SignPosition | null, next: SignPosition): boolean {
  if (last === null) return true;
  if (next.height !== last.height) return next.height > last.height;
  if (next.round !== last.round) return next.round > last.round;
  return STEP_ORDER[next.step] > STEP_ORDER[last.step];
}
