import { equalBytes, fromHex, toHex } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import {
  type Account,
  type ChainValues,
  type Member,
  type TokenEntry,
  type VerifySignature,
  validatorsHash,
} from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';
import { chainId as chainIdOf, type NetworkParams, parseGenesis } from '../token/params.ts';
import {
  type AccountJson,
  checkAccount,
  checkChainValues,
  checkTokenEntry,
  checkValidators,
  type TokenEntryJson,
  type ValidatorsJson,
} from './answers.ts';
import { HeaderChain } from './header-chain.ts';
import { type Fetch, getJson, HttpLightProvider } from './http.ts';
import type { TrustOptions } from './options.ts';
import type { ProofJson } from './proven.ts';
import { genesisPoint, type TrustedPoint } from './trusted.ts';

/** Where a ProtoClient starts trusting, and the host powers it uses. */
export interface ProtoClientOptions {
  /** The genesis file (parsed JSON or NetworkParams): pins the chain id, and is the default trusted start. */
  genesis: unknown;
  /** Start from this header instead of genesis (a hash the user trusts). */
  trust?: { height: bigint; hash: Uint8Array };
  /** Defaults to the host's `fetch`. */
  fetch?: Fetch;
  /** The clock in ns, only to judge the trusting period; defaults to the host clock (Date.now). */
  now?: () => bigint;
  verify?: VerifySignature;
  hash?: Hasher;
  trustOptions?: Partial<TrustOptions>;
}

/** A value with the verified header it was proven against. */
export interface Verified<T> {
  value: T;
  height: bigint;
  blockHash: Uint8Array;
}

/**
 * A typed client of a Proto node's HTTP API that returns only verified values: headers by their
 * commits from the trusted start (skipping verification with bisection), and every state answer by
 * its proof against the stateRoot of the verified header of the height the proof names. Anything
 * that fails to verify throws a ProtoError whose code names what failed (docs/light-client.md).
 */
export class ProtoClient {
  readonly params: NetworkParams;
  readonly chainId: Uint8Array;
  private readonly base: string;
  private readonly fetch: Fetch;
  private readonly options: ProtoClientOptions;
  private chain: Promise<HeaderChain> | undefined;

  constructor(baseUrl: string, options: ProtoClientOptions) {
    this.base = baseUrl;
    this.options = options;
    this.params = isParams(options.genesis) ? options.genesis : parseGenesis(options.genesis);
    this.chainId = chainIdOf(this.params);
    this.fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  }

  /** The header chain, started on first use. */
  headers(): Promise<HeaderChain> {
    this.chain ??= this.start();
    return this.chain;
  }

  /** The verified header at `height`. */
  async header(height: bigint): Promise<TrustedPoint> {
    return (await this.headers()).at(height);
  }

  /** The node's head: its header verified, and the chain values proven against it. */
  async head(): Promise<Verified<ChainValues>> {
    const answer = (await getJson(this.fetch, this.base, '/v1/ledger/head')) as {
      supply: string;
      chain: { proof: ProofJson };
    };
    const point = await this.pointOf(answer.chain?.proof);
    const value = checkChainValues(answer, point.stateRoot, this.hash);
    return { value, height: point.height, blockHash: point.hash };
  }

  /** The account of `key` (balance and nonce 0 when it has none), proven. */
  async account(key: Uint8Array): Promise<Verified<Account>> {
    const answer = (await getJson(this.fetch, this.base, `/v1/accounts/${toHex(key)}`)) as AccountJson;
    if (answer.key !== toHex(key))
      throw new ProtoError('value-mismatch', 'the answer is for another account');
    const point = await this.pointOf(answer);
    return {
      value: checkAccount(answer, key, point.stateRoot, this.hash),
      height: point.height,
      blockHash: point.hash,
    };
  }

  /** The ledger's entry of governance token `hash` (undefined: never moved nor announced), proven. */
  async token(hash: Uint8Array): Promise<Verified<TokenEntry | undefined>> {
    const answer = (await getJson(
      this.fetch,
      this.base,
      `/v1/ledger/tokens/${toHex(hash)}`,
    )) as TokenEntryJson;
    const point = await this.pointOf(answer.proof);
    const value = checkTokenEntry(answer, hash, point.stateRoot, this.hash);
    return { value, height: point.height, blockHash: point.hash };
  }

  /**
   * The ordered validator list of committed `height`, checked against its verified header; without a
   * height, the queue and pending FIFO proven at the head, with the list of the height being decided.
   */
  async validators(height: bigint): Promise<Verified<Uint8Array[]>>;
  async validators(): Promise<Verified<{ next: Uint8Array[]; queue: Member[]; pending: Member[] }>>;
  async validators(height?: bigint): Promise<Verified<unknown>> {
    if (height === undefined) return this.queue();
    const answer = (await getJson(this.fetch, this.base, `/v1/validators?height=${height}`)) as {
      validators: string[];
    };
    const list = (answer.validators ?? []).map((k) => fromHex(k, 32));
    const point = await this.header(height);
    if (
      list.some((k) => !k) ||
      !point.header ||
      !equalBytes(validatorsHash(list as Uint8Array[], this.hash), point.header.validatorsHash)
    )
      throw new ProtoError(
        'bad-validators',
        `the list served for height ${height} is not the one its header names`,
      );
    return { value: list, height: point.height, blockHash: point.hash };
  }

  private async queue(): Promise<Verified<{ next: Uint8Array[]; queue: Member[]; pending: Member[] }>> {
    const answer = (await getJson(this.fetch, this.base, '/v1/validators')) as ValidatorsJson;
    const point = await this.pointOf(answer.proofs?.queue);
    if (BigInt(answer.height) !== point.height + 1n)
      throw new ProtoError(
        'value-mismatch',
        `the list is of height ${answer.height}, not the one after ${point.height}`,
      );
    const { queue, pending } = checkValidators(answer, point.stateRoot, this.hash);
    const next = answer.validators.map((k) => fromHex(k, 32)!);
    return { value: { next, queue, pending }, height: point.height, blockHash: point.hash };
  }

  /** The verified header a proof names; its hash must be the one the answer gives. */
  private async pointOf(proof: ProofJson | undefined): Promise<TrustedPoint> {
    if (!proof || !Number.isSafeInteger(proof.height) || proof.height < 0)
      throw new ProtoError('bad-answer', 'the answer names no height to check its proof against');
    const point = await this.header(BigInt(proof.height));
    if (proof.blockHash !== toHex(point.hash))
      throw new ProtoError('bad-header', `the answer's block ${proof.height} is not the verified one`);
    return point;
  }

  private get hash(): Hasher {
    return this.options.hash ?? blake3Hash;
  }

  private async start(): Promise<HeaderChain> {
    const o = this.options;
    const now = o.now ?? (() => BigInt(Date.now()) * 1_000_000n); // portable-ok
    const provider = new HttpLightProvider(this.base, this.fetch);
    const options = {
      now,
      hash: this.hash,
      ...(o.verify && { verify: o.verify }),
      ...(o.trustOptions && { trust: o.trustOptions }),
    };
    if (o.trust) return HeaderChain.fromHash(this.chainId, o.trust.height, o.trust.hash, provider, options);
    return new HeaderChain(genesisPoint(this.params, this.hash), provider, options);
  }
}

function isParams(g: unknown): g is NetworkParams {
  return (
    typeof g === 'object' &&
    g !== null &&
    (g as { genesisTime?: unknown }).genesisTime !== undefined &&
    typeof (g as { genesisTime: unknown }).genesisTime === 'bigint'
  );
}
