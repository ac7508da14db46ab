/**
 * The committed ledger: the state after the last committed block, the commit of that block, and the
 * store behind them. A block is applied by core/ledger, then written with its commit and the state
 * entries it added in one transaction, and only then announced to listeners.
 */
import { equalBytes } from '../../core/bytes.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import type { TokenView } from '../../core/ledger/index.ts';
import {
  type Applied,
  applyBlock,
  type Block,
  blockHash,
  type Commit,
  decodeBlock,
  decodeCommit,
  EMPTY_COMMIT,
  encodeCommit,
  genesisState,
  type LedgerEnv,
  type LedgerEvent,
  type LedgerState,
  ledgerConfig,
  loadState,
  nextValidators,
  Overlay,
  verifyLastCommit,
} from '../../core/ledger/index.ts';
import { memoVerify } from '../../core/ledger/verify-memo.ts';
import { type LedgerBlockRow, loadLedgerBlocks, loadLedgerHead } from '../../core/store/ledger-queries.ts';
import type { StoreDb } from '../../core/store/queries.ts';
import type { Hasher } from '../../core/token/hash.ts';
import type { NetworkParams } from '../../core/token/params.ts';
import { nodeVerify } from '../crypto/ed25519-native.ts';
import { loadKernelHasher } from '../miner/kernel-file.ts';
import { SqliteStateBackend } from './state-backend.ts';

/** A block just committed, as listeners see it. */
export interface Committed {
  height: number;
  hash: Uint8Array;
  bytes: Uint8Array;
  block: Block;
  commit: Commit;
  events: LedgerEvent[];
  state: LedgerState;
}

export interface LedgerChainOptions {
  db: StoreDb;
  params: NetworkParams;
  tokens: TokenView;
}

export class LedgerChain {
  readonly env: LedgerEnv;
  private readonly db: StoreDb;
  private readonly backend: SqliteStateBackend;
  private current: LedgerState;
  private commitOfHead: Commit;
  private readonly listeners: ((c: Committed) => void)[] = [];

  private constructor(
    o: LedgerChainOptions,
    backend: SqliteStateBackend,
    state: LedgerState,
    commit: Commit,
  ) {
    this.db = o.db;
    this.backend = backend;
    this.current = state;
    this.commitOfHead = commit;
    this.env = nodeEnv(o.tokens);
  }

  /** Opens the ledger in `o.db`: the genesis state on a fresh store, else the state of the stored head. */
  static open(o: LedgerChainOptions): LedgerChain {
    const backend = new SqliteStateBackend(o.db);
    const head = loadLedgerHead(o.db);
    if (!head) {
      const genesis = genesisState(o.params, { backend, hash: kernelHash() });
      const store = genesis.store.persist();
      backend.flush();
      return new LedgerChain(o, backend, { ...genesis, store }, EMPTY_COMMIT);
    }
    const state = loadState(
      ledgerConfig(o.params, kernelHash()),
      head.root,
      head.hash,
      new Overlay(backend),
      kernelHash(),
    );
    return new LedgerChain(o, backend, state, decodeCommit(head.commit));
  }

  /** The state after the last committed block (height 0: genesis). */
  get state(): LedgerState {
    return this.current;
  }

  /** Height of the last committed block (0 before the first). */
  get height(): number {
    return Number(this.current.height);
  }

  /** The commit of the last committed block (the empty commit at genesis): the next block's LastCommit. */
  get lastCommit(): Commit {
    return this.commitOfHead;
  }

  /** Ordered validator keys of the height being decided. */
  validators(): Uint8Array[] {
    return nextValidators(this.current);
  }

  /** Applies `block` on the head state; throws the ProtoError that makes it invalid. */
  apply(block: Block): Applied {
    return applyBlock(this.current, block, this.env);
  }

  /** Throws unless `commit` holds a quorum of valid precommits for the block `applied` came from. */
  verifyCommit(applied: Applied, commit: Commit): void {
    verifyLastCommit(applied.state, commit, this.env.verify!);
  }

  /** Stores the applied block with its commit (one transaction), moves the head, then tells listeners. */
  commit(bytes: Uint8Array, block: Block, applied: Applied, commit: Commit): Committed {
    const hash = applied.state.blockHash;
    const state = { ...applied.state, store: applied.state.store.persist() };
    const height = Number(state.height);
    const row = { height, hash, block: bytes, commit: encodeCommit(commit), root: state.root };
    this.backend.flush(row);
    this.current = state;
    this.commitOfHead = commit;
    const committed = { height, hash, bytes, block, commit, events: applied.events, state };
    for (const l of this.listeners) l(committed);
    return committed;
  }

  /** Stored blocks from `height` on, at most `limit`. */
  rows(height: number, limit: number): LedgerBlockRow[] {
    return loadLedgerBlocks(this.db, height, limit);
  }

  /** Calls `listener` after every commit. */
  onCommit(listener: (c: Committed) => void): void {
    this.listeners.push(listener);
  }

  /** True when `hash` is the hash of the committed head. */
  isHead(hash: Uint8Array): boolean {
    return equalBytes(hash, this.current.blockHash);
  }

  /** Decodes block bytes and hashes the header. Throws ProtoError on malformed bytes. */
  static decode(bytes: Uint8Array): { block: Block; hash: Uint8Array } {
    const block = decodeBlock(bytes);
    return { block, hash: blockHash(block.header, kernelHash()) };
  }
}

let kernel: Hasher | undefined;

/** BLAKE3 through the node's WebAssembly kernel (the same digests as core's portable BLAKE3), made once. */
function kernelHash(): Hasher {
  kernel ??= loadKernelHasher();
  return kernel;
}

/**
 * The node's ledger powers: Proto's ed25519 rule over node:crypto, remembering the signatures it
 * accepted (memoVerify), so that a transfer checked at admission is not checked again at each
 * mempool recheck, when its block is built and when it is applied; and the kernel's BLAKE3.
 */
export function nodeEnv(tokens: TokenView): LedgerEnv {
  const native = (sig: Uint8Array, msg: Uint8Array, key: Uint8Array) => verify(sig, msg, key, nodeVerify);
  return { tokens, verify: memoVerify(native), hash: kernelHash() };
}
