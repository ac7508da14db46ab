/**
 * LedgerHead: the Durable Object that verifies committed ledger blocks and tracks the verified head
 * with the validator list of the next height (docs/edge.md, Ledger archive). Blocks are offered one
 * height at a time, head + 1 only; each is checked (ledger-verify.ts), handed to its LedgerShard, and
 * only then becomes the head. Calls are serialised, so two offers never race for one height.
 */
import { DurableObject } from 'cloudflare:workers';
import { equalBytes } from '../../core/bytes.ts';
import type { TrustedPoint } from '../../core/client/trusted.ts';
import { verify, verifyAsync } from '../../core/crypto/ed25519.ts';
import { webCryptoVerify } from '../../core/crypto/webcrypto.ts';
import { isProtoError } from '../../core/errors.ts';
import { type Block, blockHash, type Commit } from '../../core/ledger/index.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';
import { PROPOSAL, VALIDATOR } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { shardOf } from './ledger-shard.ts';
import {
  checkNext,
  commitTriples,
  decodeCommitted,
  genesisHeadOf,
  type HeadPoint,
  memoKey,
  memoVerify,
  nextHead,
} from './ledger-verify.ts';
import type { EdgeValidatorSet, LedgerAddResult } from './types.ts';

const native = webCryptoVerify(crypto.subtle);
const HEAD_KEY = 'head';

/** The verified head of one network's ledger. */
export class LedgerHead extends DurableObject<Env> {
  private point: HeadPoint;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.point = (ctx.storage.kv.get(HEAD_KEY) as HeadPoint | undefined) ?? genesisHead(env);
  }

  /** The verified head height. */
  height(): number {
    return this.point.height;
  }

  /** The verified head. */
  head(): HeadPoint {
    return this.point;
  }

  /** The set the next commit is checked against, and the head as a light-client trusted point. */
  validatorSet(): EdgeValidatorSet {
    const p = this.point;
    const head: TrustedPoint = {
      chainId: p.chainId,
      height: p.height,
      hash: p.hash,
      time: p.time,
      stateRoot: p.stateRoot,
      validators: p.validators,
      nextValidatorsHash: p.nextMembership,
    };
    return { height: p.height + 1, validators: p.next, membershipHash: p.nextMembership, head };
  }

  /** Verifies and stores block head + 1 (see LedgerAddResult); one offer at a time. */
  add(b: CommittedBlock, validators?: Uint8Array[]): Promise<LedgerAddResult> {
    const run = this.queue.then(() => this.addNow(b, validators));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async addNow(b: CommittedBlock, given?: Uint8Array[]): Promise<LedgerAddResult> {
    try {
      const decoded = decodeCommitted(b);
      const height = decoded.block.header.height;
      if (height > this.point.height + 1) return { outcome: 'ahead', head: this.point.height };
      if (height <= this.point.height) return await this.stored(height, decoded.block);
      const checked = checkNext(this.point, decoded, given, await this.preverify(decoded.commit, given));
      const row = {
        height,
        hash: checked.hash,
        block: b.block,
        commit: b.commit,
        root: checked.block.header.stateRoot,
      };
      await this.env.LEDGER_SHARD.getByName(shardName(this.env, height)).put(row, checked.validators);
      const next = nextHead(checked);
      this.ctx.storage.kv.put(HEAD_KEY, next);
      this.point = next;
      await this.follow(checked.block);
      return { outcome: 'added' };
    } catch (e) {
      if (isProtoError(e)) return { outcome: 'refused', code: e.code, message: e.message };
      throw e;
    }
  }

  /** A block at or below the head: known when it is the stored one, else a conflicting block. */
  private async stored(height: number, block: Block): Promise<LedgerAddResult> {
    if (height < 1) return { outcome: 'refused', code: 'bad-header', message: 'block height 0 is genesis' };
    const held = await this.env.LEDGER_SHARD.getByName(shardName(this.env, height)).hashAt(height);
    const same = held !== null && equalBytes(held, blockHash(block.header, blake3Hash));
    if (same) return { outcome: 'known' };
    return {
      outcome: 'refused',
      code: 'bad-header',
      message: `block ${height} differs from the verified one`,
    };
  }

  /** Checks the commit's signatures with WebCrypto first; verifyCommit then reads the verdicts. */
  private async preverify(commit: Commit, given?: Uint8Array[]) {
    const list = given ?? this.point.next ?? [];
    const verdicts = new Map<string, boolean>();
    const triples = commitTriples(this.point.chainId, commit, list);
    const results = await Promise.all(triples.map(([s, m, k]) => verifyAsync(s, m, k, native)));
    for (const [i, [s, m, k]] of triples.entries()) verdicts.set(memoKey(s, m, k), results[i]!);
    return memoVerify(verdicts, (s, m, k) => verify(s, m, k));
  }

  /** Hands the header's token checkpoints to the token store, so its fork choice follows the ledger's. */
  private async follow(block: Block): Promise<void> {
    const store = this.env.TOKENS.getByName(networkOf(this.env).chainId);
    const { validator, proposal } = block.header.checkpoints;
    await store.checkpoint(VALIDATOR, validator);
    await store.checkpoint(PROPOSAL, proposal);
  }
}

/** The name of the shard object holding `height` for the served network. */
export function shardName(env: Env, height: number): string {
  return `${networkOf(env).chainId}:${shardOf(height)}`;
}

function genesisHead(env: Env): HeadPoint {
  return genesisHeadOf(networkOf(env).params);
}
