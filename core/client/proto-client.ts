import { headerJson, type LedgerBlockJson, type LedgerHeadJson } from '../api/ledger.ts';
import { toHex } from '../bytes.ts';
import { verify as ed25519Verify } from '../crypto/ed25519.ts';
import { ProtoError } from '../errors.ts';
import {
  type Account,
  type Block,
  type ChainValues,
  genesisState,
  memoVerify,
  type Proposal,
  supplyAt,
  type TokenEntry,
  type VerifySignature,
  type VetoState,
} from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';
import { chainId as chainIdOf, type NetworkParams, parseGenesis } from '../token/params.ts';
import {
  type AccountJson,
  checkAccount,
  checkChainValues,
  checkTokenEntry,
  checkValidatorsAnswer,
  checkValidatorsAt,
  type TokenEntryJson,
  type ValidatorQueue,
} from './answers.ts';
import { checkBlockAnswer, checkTxAnswer, type TxAnswer } from './block-answer.ts';
import {
  checkProposal,
  checkProposalPage,
  checkVeto,
  type GovAnchor,
  type ProposalPage,
} from './gov-answers.ts';
import { HeaderChain } from './header-chain.ts';
import { type Fetch, getJson, HttpLightProvider } from './http.ts';
import type { TrustOptions } from './options.ts';
import { hexField, type ProofJson, sameAsProven, sameJsonAsProven } from './proven.ts';
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

/** Estimated bytes of accepted signatures a client remembers (each some 300 with its message and key). */
const SIGNATURE_MEMO_BYTES = 1 << 20;

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
  private supply0: bigint | undefined;
  private memo: VerifySignature | undefined;

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
    return this.verifyHead(await getJson(this.fetch, this.base, '/v1/ledger/head'));
  }

  /**
   * Checks a `GET /v1/ledger/head` answer: its height, hash, time, state root and header are those of
   * the verified header it names, its supply is the proven chain values' (consensus and mempool are
   * the node's own and not checked).
   */
  async verifyHead(json: unknown): Promise<Verified<ChainValues>> {
    const answer = json as LedgerHeadJson;
    const point = await this.pointOf(answer.chain?.proof);
    const value = checkChainValues(answer, point.stateRoot, this.hash);
    sameAsProven('height', answer.height, Number(point.height));
    sameAsProven('hash', answer.hash, toHex(point.hash));
    sameAsProven('time', answer.time, point.time.toString());
    sameAsProven('stateRoot', answer.stateRoot, toHex(point.stateRoot));
    sameJsonAsProven('header', answer.header, point.header ? headerJson(point.header) : null);
    return this.verified(value, point);
  }

  /** The account of `key` (balance and nonce 0 when it has none), proven. */
  async account(key: Uint8Array): Promise<Verified<Account>> {
    const answer = (await getJson(this.fetch, this.base, `/v1/accounts/${toHex(key)}`)) as AccountJson;
    if (answer.key !== toHex(key))
      throw new ProtoError('value-mismatch', 'the answer is for another account');
    return this.verifyAccount(answer);
  }

  /** Checks a `GET /v1/accounts/{key}` answer by its proof. */
  async verifyAccount(json: unknown): Promise<Verified<Account>> {
    const answer = json as AccountJson;
    const key = hexField(answer.key, 'key', 32);
    const point = await this.pointOf(answer);
    return this.verified(checkAccount(answer, key, point.stateRoot, this.hash), point);
  }

  /** The ledger's entry of governance token `hash` (undefined: never moved nor announced), proven. */
  async token(hash: Uint8Array): Promise<Verified<TokenEntry | undefined>> {
    const answer = await getJson(this.fetch, this.base, `/v1/ledger/tokens/${toHex(hash)}`);
    return this.verifyToken(answer, hash);
  }

  /** Checks a `GET /v1/ledger/tokens/{hash}` answer by its proof. */
  async verifyToken(json: unknown, hash: Uint8Array): Promise<Verified<TokenEntry | undefined>> {
    const answer = json as TokenEntryJson;
    const point = await this.pointOf(answer.proof);
    return this.verified(checkTokenEntry(answer, hash, point.stateRoot, this.hash), point);
  }

  /**
   * Checks a `GET /v1/ledger/blocks/{height}` answer against the verified header of its height (see
   * checkBlockAnswer): bytes, transactions, both commits and every JSON field.
   */
  async verifyBlock(json: unknown): Promise<Verified<Block>> {
    const answer = json as LedgerBlockJson;
    if (!Number.isSafeInteger(answer.height) || answer.height < 1)
      throw new ProtoError('bad-answer', 'the block answer names no height');
    const point = await this.header(BigInt(answer.height));
    const supply = supplyAt(this.genesisSupply, point.height);
    return this.verified(checkBlockAnswer(answer, point, supply, this.verify, this.hash), point);
  }

  /** Checks a committed transaction's answer with its block's answer (both verified). */
  async verifyTx(json: unknown, blockJson: unknown): Promise<Verified<Block>> {
    const block = await this.verifyBlock(blockJson);
    const point = await this.header(block.height);
    checkTxAnswer(json as TxAnswer, block.value, point, this.hash);
    return block;
  }

  /** Checks a `GET /v1/proposals/{id}` answer: the proposal, its votes and tally, proven. */
  async verifyProposal(json: unknown): Promise<Verified<Proposal>> {
    const answer = json as GovAnchor & { id: string } & Record<string, unknown>;
    const point = await this.pointOf(answer);
    return this.verified(checkProposal(answer, point.stateRoot, this.hash), point);
  }

  /** Checks a page of `GET /v1/proposals`: each proposal it lists, proven. */
  async verifyProposals(json: unknown): Promise<Verified<Proposal[]>> {
    const page = json as ProposalPage;
    const point = await this.pointOf({ ...page, value: null, proof: '' });
    return this.verified(checkProposalPage(page, point.stateRoot, this.hash), point);
  }

  /** Checks a `GET /v1/veto` answer: genesis's veto key and the proven delegates. */
  async verifyVeto(json: unknown): Promise<Verified<VetoState>> {
    const answer = json as GovAnchor & Record<string, unknown>;
    const point = await this.pointOf(answer);
    return this.verified(checkVeto(answer, this.params.vetoKey, point.stateRoot, this.hash), point);
  }

  /**
   * The ordered validator list of committed `height`, checked against its verified header; without a
   * height, the queue and pending FIFO proven at the head, with the list of the height being decided.
   */
  async validators(height: bigint): Promise<Verified<Uint8Array[]>>;
  async validators(): Promise<Verified<ValidatorQueue>>;
  async validators(height?: bigint): Promise<Verified<unknown>> {
    if (height === undefined) return this.queue();
    const answer = await getJson(this.fetch, this.base, `/v1/validators?height=${height}`);
    const point = await this.header(height);
    if (!point.header)
      throw new ProtoError('bad-validators', `height ${height} has no header to check its list against`);
    const list = checkValidatorsAt(answer, point.header, this.hash);
    return { value: list, height: point.height, blockHash: point.hash };
  }

  private async queue(): Promise<Verified<ValidatorQueue>> {
    return this.verifyValidators(await getJson(this.fetch, this.base, '/v1/validators'));
  }

  /**
   * Checks a `GET /v1/validators` answer: the queue and pending FIFO by their proofs at the head, the
   * list of the height being decided as the queue's active members, and every member's fields.
   */
  async verifyValidators(json: unknown): Promise<Verified<ValidatorQueue>> {
    const answer = json as { proofs?: { queue?: ProofJson } };
    const point = await this.pointOf(answer.proofs?.queue);
    return this.verified(checkValidatorsAnswer(json, point.height, point.stateRoot, this.hash), point);
  }

  private verified<T>(value: T, point: TrustedPoint): Verified<T> {
    return { value, height: point.height, blockHash: point.hash };
  }

  private get genesisSupply(): bigint {
    this.supply0 ??= genesisState(this.params, { hash: this.hash }).supply;
    return this.supply0;
  }

  /**
   * The signature check, remembering what it accepted: a block's commit is most often the one its
   * light block carried, so checking the block costs no second pass over the signatures.
   */
  private get verify(): VerifySignature {
    this.memo ??= memoVerify(this.options.verify ?? ((s, m, k) => ed25519Verify(s, m, k)), {
      bytes: SIGNATURE_MEMO_BYTES,
    });
    return this.memo;
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
      verify: this.verify,
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
