import { toHex } from '../../bytes.ts';
import { publicKeyOf, sign } from '../../crypto/ed25519.ts';
import { congressId, TokenDag } from '../../token/dag.ts';
import type { NetworkParams } from '../../token/params.ts';
import { type Block, txsHash } from '../codec/block.ts';
import { type Commit, EMPTY_COMMIT } from '../codec/commit.ts';
import { blockHash, type Checkpoints } from '../codec/header.ts';
import { signTx, type Tx, type TxBody } from '../codec/tx.ts';
import { voteSignBytes } from '../codec/vote.ts';
import { genesisState } from '../state/genesis.ts';
import type { LedgerState } from '../state/state.ts';
import { applyBlock } from './apply-block.ts';
import { type Built, buildBlock } from './build-block.ts';
import type { LedgerEnv } from './env.ts';
import type { LedgerEvent } from './events.ts';

/** A deterministic key pair from a small seed. */
export function keyPair(seed: number): { secret: Uint8Array; key: Uint8Array } {
  const secret = new Uint8Array(32).fill(seed & 0xff);
  secret[0] = 0xee;
  return { secret, key: publicKeyOf(secret) };
}

/** What the next block of a `TestLedger` looks like. */
export interface NextBlock {
  txs?: Tx[];
  round?: number;
  /** Validators whose precommits on the current tip are missing from the LastCommit. */
  silent?: Uint8Array[];
  /** Precommit timestamp of every signer, hence the new block's time (default: one interval later). */
  time?: bigint;
  checkpoints?: Checkpoints;
  /** Congress tips to checkpoint (default: the DAG's best tip of each open congress; null: as in `checkpoints`). */
  congressTip?: ((root: Uint8Array, prev: Uint8Array) => Uint8Array) | null;
}

/**
 * A ledger driven the way a host would: the proposer builds each block with `buildBlock`, every
 * validator checks it with `applyBlock`, and the validators of the height sign the commit that the
 * next block carries. Keys it can sign for are registered with `keyPair`-made secrets.
 */
export class TestLedger {
  readonly params: NetworkParams;
  readonly dag: TokenDag;
  readonly env: LedgerEnv;
  state: LedgerState;
  private readonly secrets = new Map<string, Uint8Array>();

  constructor(params: NetworkParams, secrets: Uint8Array[]) {
    this.params = params;
    this.dag = new TokenDag(params);
    this.env = { tokens: this.dag };
    for (const s of secrets) this.register(s);
    this.state = genesisState(params);
  }

  register(secret: Uint8Array): Uint8Array {
    const key = publicKeyOf(secret);
    this.secrets.set(toHex(key), secret);
    return key;
  }

  get chainId(): Uint8Array {
    return this.state.config.chainId;
  }

  sign(body: TxBody, secret: Uint8Array): Tx {
    return signTx(this.chainId, body, secret);
  }

  /** The LastCommit for the current tip: every validator of its height but the silent ones signs. */
  commit(opts: Pick<NextBlock, 'silent' | 'time'> = {}): Commit {
    const s = this.state;
    if (s.height === 0) return EMPTY_COMMIT;
    const silent = new Set((opts.silent ?? []).map(toHex));
    const timestamp = opts.time ?? s.time + s.config.blockInterval;
    const fields = {
      type: 'precommit' as const,
      height: s.height,
      round: 0,
      value: s.blockHash,
      timestamp,
    };
    const msg = voteSignBytes(s.config.chainId, fields);
    const signatures = s.lastValidators.flatMap((key, validator) => {
      const secret = this.secrets.get(toHex(key));
      if (!secret || silent.has(toHex(key))) return [];
      return [{ validator, timestamp, signature: sign(msg, secret) }];
    });
    return { height: s.height, round: 0, blockHash: s.blockHash, signatures };
  }

  /** Builds the next block, applies it as a validator, and moves to it. */
  build(opts: NextBlock = {}): Built {
    const input = {
      txs: opts.txs ?? [],
      lastCommit: this.commit(opts),
      checkpoints: opts.checkpoints ?? this.state.checkpoints,
      round: opts.round ?? 0,
    };
    const tip =
      opts.congressTip === undefined
        ? (root: Uint8Array, prev: Uint8Array) => this.dag.bestTipOf(root) ?? prev
        : opts.congressTip;
    return buildBlock(this.state, tip ? { ...input, congressTip: tip } : input, this.env);
  }

  next(opts: NextBlock = {}): Built {
    const built = this.build(opts);
    const applied = applyBlock(this.state, built.block, this.env);
    this.state = applied.state;
    this.follow(applied.events);
    return { ...built, state: applied.state, events: applied.events };
  }

  /** What a host does with governance events: opens and closes congress subchains in the DAG. */
  private follow(events: LedgerEvent[]): void {
    for (const e of events) {
      if (e.kind === 'proposal-open') this.dag.addCongressRoot(e.id, e.t0, e.rootTarget, e.size);
      if (e.kind === 'proposal-close') this.dag.closeSubchain(congressId(e.proposal));
    }
  }
}

/** `block` with its transactions replaced (txsHash recomputed; the stateRoot is left stale). */
export function withTxs(block: Block, txs: Tx[], hash: (b: Uint8Array) => Uint8Array): Block {
  const header = { ...block.header, txsHash: txsHash(txs, hash) };
  return { ...block, header, txs };
}

/** The hash of `block`. */
export function hashOf(block: Block, hash: (b: Uint8Array) => Uint8Array): Uint8Array {
  return blockHash(block.header, hash);
}
