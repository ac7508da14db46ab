import { ProtoError } from '../errors.ts';
import { TOKEN_LIFETIME } from '../ledger/index.ts';

const S = 1_000_000_000n;

/** How far a light client trusts: CometBFT's skipping-verification parameters, times in ns. */
export interface TrustOptions {
  /**
   * How long a verified header may serve as a trusted point. Shorter than the 24 h validator token
   * lifetime: after that, the keys that signed it may have expired and be free to sign anything.
   */
  trustingPeriod: bigint;
  /** Fraction of the trusted list that must have signed a non-adjacent header: more than num/den. */
  trustLevel: { num: number; den: number };
  /** How far a header's time may lie ahead of the client's clock. */
  maxClockDrift: bigint;
}

/** 16 h (two thirds of the token lifetime, as CometBFT advises of its unbonding period), 1/3, 10 s. */
export const DEFAULT_TRUST: TrustOptions = Object.freeze({
  trustingPeriod: 16n * 3600n * S,
  trustLevel: Object.freeze({ num: 1, den: 3 }),
  maxClockDrift: 10n * S,
});

/** `options` over the defaults, checked: a trusting period in (0, 24 h), a trust level in [1/3, 1]. */
export function trustOptions(options: Partial<TrustOptions> = {}): TrustOptions {
  const o = { ...DEFAULT_TRUST, ...options };
  if (o.trustingPeriod <= 0n || o.trustingPeriod >= TOKEN_LIFETIME)
    throw new ProtoError(
      'bad-input',
      'the trusting period must be positive and under 24 h (token lifetime)',
      'penalize',
    );
  const { num, den } = o.trustLevel;
  if (!Number.isInteger(num) || !Number.isInteger(den) || den < 1 || 3 * num < den || num > den)
    throw new ProtoError('bad-input', `trust level ${num}/${den} is not in [1/3, 1]`, 'penalize');
  if (o.maxClockDrift < 0n)
    throw new ProtoError('bad-input', 'the clock drift must not be negative', 'penalize');
  return o;
}
