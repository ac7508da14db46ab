import { ProtoError } from '../errors.ts';
import type { Step } from './types.ts';

/**
 * Network-wide timeout parameters in ns. Timeouts grow linearly with the round (PROTOCOL.md §3.1):
 * timeoutPropose(r) = proposeBase + r * proposeDelta, and likewise for prevote and precommit, so
 * that after GST they eventually exceed the message delay whatever it is.
 */
export interface TimeoutParams {
  readonly proposeBase: bigint;
  readonly proposeDelta: bigint;
  readonly prevoteBase: bigint;
  readonly prevoteDelta: bigint;
  readonly precommitBase: bigint;
  readonly precommitDelta: bigint;
}

const MS = 1_000_000n;

/** Timeout presets; `devnet` is the small preset tests use. */
export const TIMEOUTS: Record<'public' | 'devnet', TimeoutParams> = {
  public: {
    proposeBase: 3000n * MS,
    proposeDelta: 500n * MS,
    prevoteBase: 1000n * MS,
    prevoteDelta: 500n * MS,
    precommitBase: 1000n * MS,
    precommitDelta: 500n * MS,
  },
  devnet: {
    proposeBase: 1000n * MS,
    proposeDelta: 250n * MS,
    prevoteBase: 500n * MS,
    prevoteDelta: 250n * MS,
    precommitBase: 500n * MS,
    precommitDelta: 250n * MS,
  },
};

/** timeoutPropose(round), timeoutPrevote(round) or timeoutPrecommit(round): base + round * delta. */
export function timeoutDuration(params: TimeoutParams, kind: Step, round: number): bigint {
  const r = BigInt(round);
  if (kind === 'propose') return params.proposeBase + r * params.proposeDelta;
  if (kind === 'prevote') return params.prevoteBase + r * params.prevoteDelta;
  return params.precommitBase + r * params.precommitDelta;
}

/** Throws `bad-params` unless every base is positive and every delta non-negative. */
export function checkTimeoutParams(params: TimeoutParams): void {
  const bases = [params.proposeBase, params.prevoteBase, params.precommitBase];
  const deltas = [params.proposeDelta, params.prevoteDelta, params.precommitDelta];
  if (bases.some((b) => b <= 0n) || deltas.some((d) => d < 0n)) {
    throw new ProtoError('bad-params', 'timeout bases must be > 0 and deltas >= 0', 'penalize');
  }
}
