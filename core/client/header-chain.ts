import { equalBytes } from '../bytes.ts';
import { verify as ed25519Verify } from '../crypto/ed25519.ts';
import { isProtoError, ProtoError } from '../errors.ts';
import type { Height } from '../height.ts';
import { blockHash, memoVerify, type VerifySignature } from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';
import type { LightBlock } from './light-block.ts';
import { type TrustOptions, trustOptions } from './options.ts';
import type { TrustedPoint } from './trusted.ts';
import { checkLightBlock, type VerifyContext, verifyAdjacent, verifyNonAdjacent } from './verify-light.ts';

/** Where light blocks come from: a node's `GET /v1/ledger/light/{height}`, or anything that serves them. */
export interface LightProvider {
  lightBlock(height: Height): Promise<LightBlock>;
}

/** Powers and parameters of a HeaderChain; `now` is the client's clock in ns. */
export interface HeaderChainOptions {
  now: () => bigint;
  verify?: VerifySignature;
  hash?: Hasher;
  trust?: Partial<TrustOptions>;
}

/** Verified points a chain keeps (the trusted start, the latest and the most recent others). */
const MAX_POINTS = 1024;

/**
 * Headers verified from a trusted start (genesis, or a (height, hash) the user gives): forwards by
 * adjacent or skipping verification with bisection (CometBFT light client), backwards by hash links.
 * Every point it returns was verified; every failure is a ProtoError naming what did not verify.
 */
export class HeaderChain {
  readonly chainId: Uint8Array;
  /** Light blocks fetched so far. */
  fetched = 0;
  private readonly provider: LightProvider;
  private readonly points = new Map<Height, TrustedPoint>();
  private readonly options: { now: () => bigint; verify: VerifySignature; hash: Hasher; trust: TrustOptions };
  private top: TrustedPoint;

  constructor(start: TrustedPoint, provider: LightProvider, options: HeaderChainOptions) {
    this.chainId = start.chainId;
    this.provider = provider;
    this.options = {
      now: options.now,
      verify: memoVerify(options.verify ?? ((s, m, k) => ed25519Verify(s, m, k))),
      hash: options.hash ?? blake3Hash,
      trust: trustOptions(options.trust),
    };
    this.top = start;
    this.points.set(start.height, start);
  }

  /**
   * A chain trusting the header at `height` whose hash is `hash`, as a user read it from a source
   * they trust; `chainId` comes from the genesis file.
   */
  static async fromHash(
    chainId: Uint8Array,
    height: Height,
    hash: Uint8Array,
    provider: LightProvider,
    options: HeaderChainOptions,
  ): Promise<HeaderChain> {
    const b = await provider.lightBlock(height);
    const hasher = options.hash ?? blake3Hash;
    if (b.header.height !== height || !equalBytes(blockHash(b.header, hasher), hash))
      throw new ProtoError(
        'bad-header',
        `the served header ${height} does not have the trusted hash`,
        'penalize',
      );
    const verify = options.verify ?? ((s, m, k) => ed25519Verify(s, m, k));
    const ctx = { verify, hash: hasher, now: options.now(), trust: trustOptions(options.trust) };
    if (b.header.time + ctx.trust.trustingPeriod <= ctx.now)
      throw new ProtoError(
        'header-expired',
        `trusted header ${height} is older than the trusting period`,
        'ignore',
      );
    const chain = new HeaderChain(checkLightBlock(chainId, b, ctx), provider, options);
    chain.fetched = 1;
    return chain;
  }

  /** The highest verified point. */
  get latest(): TrustedPoint {
    return this.top;
  }

  /** The verified point at `height`, fetching and verifying what it takes. */
  async at(height: Height): Promise<TrustedPoint> {
    const known = this.points.get(height);
    if (known) return known;
    if (height > this.top.height) return this.skipTo(height);
    return this.backTo(height);
  }

  /** Verifies the next height after the latest by adjacent verification. */
  async next(): Promise<TrustedPoint> {
    const b = await this.fetch(this.top.height + 1);
    return this.keep(verifyAdjacent(this.top, b, this.context()));
  }

  /**
   * CometBFT's verifySkipping: try the target from the latest point; when too little of the trusted
   * list signed it, fetch a pivot halfway and try that first; after each success, try the target
   * again from the new point.
   */
  private async skipTo(height: Height): Promise<TrustedPoint> {
    const pending: LightBlock[] = [await this.fetch(height)];
    while (pending.length > 0) {
      const b = pending[pending.length - 1]!;
      try {
        this.keep(this.step(b));
        pending.pop();
      } catch (e) {
        if (!isProtoError(e, 'not-enough-trust')) throw e;
        const pivot = this.top.height + Math.floor((b.header.height - this.top.height) / 2);
        pending.push(await this.fetch(pivot));
      }
    }
    return this.top;
  }

  private step(b: LightBlock): TrustedPoint {
    const ctx = this.context();
    if (b.header.height === this.top.height + 1) return verifyAdjacent(this.top, b, ctx);
    return verifyNonAdjacent(this.top, b, ctx);
  }

  /** Below the latest point: each header down is the parent its verified child names by hash. */
  private async backTo(height: Height): Promise<TrustedPoint> {
    if (height < 0) throw new ProtoError('bad-input', `height ${height}`, 'penalize');
    let child = [...this.points.values()]
      .filter((p) => p.height > height)
      .reduce((a, b) => (b.height < a.height ? b : a));
    while (child.height > height) {
      if (!child.header)
        throw new ProtoError('bad-input', `height ${height} is below the trusted start`, 'penalize');
      const b = await this.fetch(child.height - 1);
      if (!equalBytes(blockHash(b.header, this.options.hash), child.header.lastBlockHash))
        throw new ProtoError(
          'bad-header',
          `header ${b.header.height} is not the parent of ${child.height}`,
          'penalize',
        );
      const p = checkLightBlock(this.chainId, b, this.context());
      this.remember(p);
      child = p;
    }
    return child;
  }

  private async fetch(height: Height): Promise<LightBlock> {
    this.fetched++;
    const b = await this.provider.lightBlock(height);
    if (b.header.height !== height)
      throw new ProtoError('bad-answer', `asked for header ${height}, got ${b.header.height}`, 'penalize');
    return b;
  }

  private keep(p: TrustedPoint): TrustedPoint {
    this.remember(p);
    if (p.height > this.top.height) this.top = p;
    return p;
  }

  private remember(p: TrustedPoint): void {
    if (this.points.size >= MAX_POINTS) {
      const oldest = [...this.points.keys()].find((h) => h !== this.top.height);
      if (oldest !== undefined) this.points.delete(oldest);
    }
    this.points.set(p.height, p);
  }

  private context(): VerifyContext {
    const { verify, hash, trust } = this.options;
    return { verify, hash, trust, now: this.options.now() };
  }
}
