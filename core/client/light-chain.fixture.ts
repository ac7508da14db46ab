import { byteKey, utf8 } from '../bytes.ts';
import { sign as nobleSign, publicKeyOf } from '../crypto/ed25519.ts';
import type { Height } from '../height.ts';
import {
  blockHash,
  type Commit,
  type Header,
  membershipHash,
  validatorsHash,
  voteSignBytes,
} from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';
import type { LightProvider } from './header-chain.ts';
import type { LightBlock } from './light-block.ts';
import type { TrustedPoint } from './trusted.ts';

const S = 1_000_000_000n;

/** Shape of a generated chain: `n` validators, one replaced every `churnEvery` heights (0: never). */
export interface LightChainSpec {
  heights: number;
  n: number;
  churnEvery?: number;
  interval?: bigint;
  genesisTime?: bigint;
  chainId?: Uint8Array;
  hash?: Hasher;
  sign?: (msg: Uint8Array, secret: Uint8Array) => Uint8Array;
  publicKey?: (secret: Uint8Array) => Uint8Array;
}

/**
 * A chain of headers, commits and ordered validator lists made in memory, for light-client tests and
 * bench:light. Headers are linked by hash and carry the lists' hashes; state roots and the other
 * block contents are filler. Member i of the key sequence validates while it is in the window of
 * `n` members that slides one member every `churnEvery` heights; the list of height h is the window
 * rotated by h. Commits are signed on demand (every validator signs) and kept.
 */
export class LightChainFixture implements LightProvider {
  readonly chainId: Uint8Array;
  readonly headers: Header[] = [];
  readonly genesisTime: bigint;
  readonly interval: bigint;
  served = 0;
  private readonly spec: Required<Omit<LightChainSpec, 'chainId' | 'genesisTime' | 'interval'>>;
  private readonly secrets: Uint8Array[] = [];
  private readonly keys: Uint8Array[] = [];
  private readonly commits = new Map<number, Commit>();
  private window: { first: number; hash: Uint8Array } | undefined;

  constructor(spec: LightChainSpec) {
    this.spec = {
      churnEvery: 0,
      hash: blake3Hash,
      sign: nobleSign,
      publicKey: publicKeyOf,
      ...spec,
    };
    this.chainId = spec.chainId ?? blake3Hash(utf8('proto/light-fixture'));
    this.genesisTime = spec.genesisTime ?? 1_900_000_000n * S;
    this.interval = spec.interval ?? S;
    let last: Uint8Array = new Uint8Array(32);
    for (let h = 1; h <= spec.heights; h++) {
      const header = this.makeHeader(h, last);
      this.headers.push(header);
      last = blockHash(header, this.spec.hash);
    }
  }

  /** The ordered validator keys of height `h` (h >= 1). */
  validators(h: number): Uint8Array[] {
    const { n, churnEvery } = this.spec;
    const first = churnEvery > 0 ? Math.floor((h - 1) / churnEvery) : 0;
    return Array.from({ length: n }, (_, i) => this.key(first + ((i + h) % n)));
  }

  /** The trusted point of genesis: height 0, the list of height 1. */
  genesis(): TrustedPoint {
    const validators = this.validators(1);
    return {
      chainId: this.chainId,
      height: 0,
      hash: new Uint8Array(32),
      time: this.genesisTime,
      stateRoot: new Uint8Array(32),
      validators,
      nextValidatorsHash: membershipHash(validators, this.spec.hash),
    };
  }

  header(h: number): Header {
    const header = this.headers[h - 1];
    if (!header) throw new RangeError(`no header ${h}`);
    return header;
  }

  /** The commit of height `h`, every validator signing (or those `signers` names). */
  commit(h: number, signers?: number[]): Commit {
    const kept = signers ? undefined : this.commits.get(h);
    if (kept) return kept;
    const header = this.header(h);
    const hash = blockHash(header, this.spec.hash);
    const list = this.validators(h);
    const indices = signers ?? list.map((_, i) => i);
    const timestamp = header.time + this.interval / 2n;
    const msg = voteSignBytes(this.chainId, {
      type: 'precommit',
      height: h,
      round: 0,
      value: hash,
      timestamp,
    });
    const signatures = indices.map((validator) => ({
      validator,
      timestamp,
      signature: this.spec.sign(msg, this.secretOf(list[validator]!)),
    }));
    const commit = { height: h, round: 0, blockHash: hash, signatures };
    if (!signers) this.commits.set(h, commit);
    return commit;
  }

  lightBlockAt(h: number): LightBlock {
    return { header: this.header(h), commit: this.commit(h), validators: this.validators(h) };
  }

  async lightBlock(height: Height): Promise<LightBlock> {
    this.served++;
    return this.lightBlockAt(height);
  }

  /** Time of header h: genesis time + h intervals. */
  timeOf(h: number): bigint {
    return this.genesisTime + BigInt(h) * this.interval;
  }

  private makeHeader(h: number, lastBlockHash: Uint8Array): Header {
    const hash = this.spec.hash;
    const list = this.validators(h);
    const filler = (tag: string) => hash(utf8(`${tag}/${h}`));
    return {
      chainId: this.chainId,
      height: h,
      round: 0,
      time: this.timeOf(h),
      lastBlockHash,
      lastCommitHash: filler('commit'),
      validatorsHash: validatorsHash(list, hash),
      nextValidatorsHash: this.membership(h + 1),
      stateRoot: filler('state'),
      txsHash: filler('txs'),
      proposer: list[0]!,
      checkpoints: { validator: filler('v'), proposal: filler('p'), congress: [] },
    };
  }

  /** membershipHash of the list of height h, made once per window. */
  private membership(h: number): Uint8Array {
    const { churnEvery } = this.spec;
    const first = churnEvery > 0 ? Math.floor((h - 1) / churnEvery) : 0;
    if (this.window?.first !== first)
      this.window = { first, hash: membershipHash(this.validators(h), this.spec.hash) };
    return this.window.hash;
  }

  private key(i: number): Uint8Array {
    while (this.keys.length <= i) {
      const secret = blake3Hash(utf8(`proto/light-fixture/key/${this.keys.length}`));
      this.secrets.push(secret);
      this.keys.push(this.spec.publicKey(secret));
    }
    return this.keys[i]!;
  }

  private secretOf(key: Uint8Array): Uint8Array {
    const id = byteKey(key);
    const i = this.keys.findIndex((k) => byteKey(k) === id);
    return this.secrets[i]!;
  }
}
