import { byteKey, equalBytes } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import {
  blockHash,
  membershipHash,
  type VerifySignature,
  validatorsHash,
  verifyCommit,
  voteSignBytes,
} from '../ledger/index.ts';
import type { Hasher } from '../token/hash.ts';
import type { LightBlock } from './light-block.ts';
import type { TrustOptions } from './options.ts';
import { pointOf, type TrustedPoint } from './trusted.ts';

/** The platform powers verification uses, and the client's clock reading (ns) for this step. */
export interface VerifyContext {
  verify: VerifySignature;
  hash: Hasher;
  now: bigint;
  trust: TrustOptions;
}

/**
 * Checks a light block on its own: the header is of `chainId`, the served list hashes to its
 * validatorsHash (so it is the list of that height, in order, unpadded), and the commit holds a
 * quorum of valid precommits of that list for the header's hash.
 */
export function checkLightBlock(chainId: Uint8Array, b: LightBlock, ctx: VerifyContext): TrustedPoint {
  const h = b.header;
  if (!equalBytes(h.chainId, chainId))
    throw new ProtoError('wrong-chain', `header ${h.height} is of another chain`, 'penalize', {
      height: h.height,
    });
  if (!equalBytes(validatorsHash(b.validators, ctx.hash), h.validatorsHash))
    throw new ProtoError(
      'bad-validators',
      `the validator list does not hash to header ${h.height}'s validatorsHash`,
      'penalize',
      { height: h.height },
    );
  const point = pointOf(h, b.validators, ctx.hash);
  verifyCommit(chainId, point, b.commit, b.validators, ctx.verify);
  return point;
}

/**
 * Adjacent verification (trusted height h, new h + 1): the new header names the trusted one as its
 * parent, its list has the membership the trusted header announced (nextValidatorsHash), and it
 * carries a quorum of that list.
 */
export function verifyAdjacent(trusted: TrustedPoint, b: LightBlock, ctx: VerifyContext): TrustedPoint {
  checkTimes(trusted, b, ctx);
  if (!equalBytes(b.header.lastBlockHash, trusted.hash))
    throw headerError(b, `header ${b.header.height} does not follow the trusted block ${trusted.height}`);
  if (!equalBytes(membershipHash(b.validators, ctx.hash), trusted.nextValidatorsHash))
    throw new ProtoError(
      'bad-validators',
      `the list of height ${b.header.height} is not the membership header ${trusted.height} announced`,
      'penalize',
      { height: b.header.height },
    );
  return checkLightBlock(trusted.chainId, b, ctx);
}

/**
 * Skipping verification (CometBFT light client, trusted height h, new H > h + 1): more than
 * `trustLevel` of the trusted height's list signed the new commit (checked first, so an inflated list
 * costs nothing), then the new list's own quorum. Throws `not-enough-trust` when the first check
 * fails, which asks for bisection.
 */
export function verifyNonAdjacent(trusted: TrustedPoint, b: LightBlock, ctx: VerifyContext): TrustedPoint {
  checkTimes(trusted, b, ctx);
  const h = b.header;
  if (!equalBytes(h.chainId, trusted.chainId))
    throw new ProtoError('wrong-chain', `header ${h.height} is of another chain`, 'penalize');
  if (!equalBytes(validatorsHash(b.validators, ctx.hash), h.validatorsHash))
    throw new ProtoError(
      'bad-validators',
      `the validator list does not hash to header ${h.height}'s`,
      'penalize',
    );
  const hash = blockHash(h, ctx.hash);
  if (b.commit.height !== h.height || !equalBytes(b.commit.blockHash, hash))
    throw new ProtoError('bad-commit', `the commit is not for block ${h.height}`, 'penalize');
  const trustedKeys = new Set(trusted.validators.map(byteKey));
  let count = 0;
  for (const s of b.commit.signatures) {
    const key = b.validators[s.validator];
    if (!key || !trustedKeys.delete(byteKey(key))) continue;
    const msg = voteSignBytes(trusted.chainId, {
      type: 'precommit',
      height: h.height,
      round: b.commit.round,
      value: hash,
      timestamp: s.timestamp,
    });
    if (!ctx.verify(s.signature, msg, key))
      throw new ProtoError('bad-signature', `precommit of validator ${s.validator}`, 'penalize', {
        validator: s.validator,
        height: h.height,
      });
    count++;
  }
  const { num, den } = ctx.trust.trustLevel;
  // more than num/den of the trusted list: den * signed > num * n, integers only
  if (den * count <= num * trusted.validators.length)
    throw new ProtoError(
      'not-enough-trust',
      `${count} of the ${trusted.validators.length} validators of height ${trusted.height} signed header ${h.height}`,
      'retry',
      { signed: count, trusted: trusted.validators.length },
    );
  return checkLightBlock(trusted.chainId, b, ctx);
}

/**
 * The trusted point is within the trusting period (its time + period > now), the new header is later
 * than it, in height and time, and not ahead of the clock by more than the drift.
 */
function checkTimes(trusted: TrustedPoint, b: LightBlock, ctx: VerifyContext): void {
  const { trustingPeriod, maxClockDrift } = ctx.trust;
  if (trusted.time + trustingPeriod <= ctx.now)
    throw new ProtoError(
      'header-expired',
      `trusted header ${trusted.height} is older than the trusting period`,
      'ignore',
      { height: trusted.height },
    );
  const h = b.header;
  if (h.height <= trusted.height) throw headerError(b, `header ${h.height} is not above ${trusted.height}`);
  if (h.time <= trusted.time) throw headerError(b, `header ${h.height} is not later than ${trusted.height}`);
  if (h.time >= ctx.now + maxClockDrift)
    throw new ProtoError('header-from-future', `header ${h.height} is ahead of the clock`, 'retry', {
      height: h.height,
    });
}

function headerError(b: LightBlock, message: string): ProtoError {
  return new ProtoError('bad-header', message, 'penalize', { height: b.header.height });
}
