/**
 * The committed ledger: the state after the last committed block, the commit of that block, and the
 * store behind them. A block is applied by core/ledger, then written with its commit (durably, in one
 * transaction) and only then announced to listeners. The state entries of committed blocks wait in
 * memory and are written with every STATE_FLUSH_BLOCKS-th block (or sooner, past
 * STATE_FLUSH_ENTRIES): the state of a block is a function of the blocks, so after a crash `open`
 * executes the stored blocks past the last written state again, and nothing committed is lost.
 */
import { equalBytes } from '../../core/bytes.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import { isProtoError, ProtoError } from '../../core/errors.ts';
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
  memoVerify,
  nextValidators,
  Overlay,
  type TokenView,
  type VerifyMemo,
  verifyLastCommit,
} from '../../core/ledger/index.ts';
import {
  type CommittedEvidenceRow,
  type LedgerBlockRow,
  loadLedgerBlocks,
  loadLedgerHead,
  loadStateHeight,
} from '../../core/store/ledger-queries.ts';
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
  log?: (line: string) => void;
  /**
   * What keeps the token chain in step with the ledger while it opens: called with the state the
   * store holds whole, then with the events of every block executed again, before the next one.
   */
  follow?: { state(state: LedgerState): void; events(events: LedgerEvent[]): void };
}

/**
 * Committed blocks whose state entries may wait in memory. PERF: each block rewrites the tree's upper
 * levels, so writing every 16th block's state stores those nodes once instead of 16 times (bench:ledger,
 * Part 2: commit fell from 12 % of a validator's CPU to ~4 %); a crash costs executing at most 15 blocks
 * again at open.
 */
export const STATE_FLUSH_BLOCKS = 16;
/** Waiting state entries (tree nodes and values) that make a commit write them at once: ~30 MB. */
export const STATE_FLUSH_ENTRIES = 1 << 17;

export class LedgerChain {
  readonly env: NodeEnv;
  private readonly db: StoreDb;
  private readonly backend: SqliteStateBackend;
  private current: LedgerState;
  private commitOfHead: Commit;
  private written: number;
  private readonly listeners: ((c: Committed) => void)[] = [];

  private constructor(
    o: LedgerChainOptions,
    env: NodeEnv,
    backend: SqliteStateBackend,
    state: LedgerState,
    commit: Commit,
  ) {
    this.db = o.db;
    this.backend = backend;
    this.current = state;
    this.commitOfHead = commit;
    this.env = env;
    this.written = Number(state.height);
  }

  /**
   * Opens the ledger in `o.db`: the genesis state on a fresh store, else the last state written whole,
   * then the stored blocks after it executed again up to the stored head (each must give its stored hash).
   */
  static open(o: LedgerChainOptions): LedgerChain {
    const env = nodeEnv(o.tokens);
    const backend = new SqliteStateBackend(o.db);
    const head = loadLedgerHead(o.db);
    const genesis = () => genesisState(o.params, { backend, hash: kernelHash() });
    if (!head) {
      const state = persisted(genesis());
      o.follow?.state(state);
      backend.flush(undefined, 0);
      return new LedgerChain(o, env, backend, state, EMPTY_COMMIT);
    }
    const written = loadStateHeight(o.db) ?? head.height;
    const base = written === 0 ? undefined : loadLedgerBlocks(o.db, written, 1)[0];
    if (written > 0 && base?.height !== written)
      throw new ProtoError('bad-input', `stored ledger block ${written}, whose state is written, is missing`);
    let state = base
      ? loadState(
          ledgerConfig(o.params, kernelHash()),
          base.root,
          base.hash,
          new Overlay(backend),
          kernelHash(),
        )
      : genesis();
    o.follow?.state(state);
    if (written < head.height) {
      o.log?.(
        `ledger: executing blocks ${written + 1}-${head.height} again (state written up to ${written})`,
      );
      state = persisted(replay(o.db, state, env, head.height, o.follow?.events));
      backend.flush(undefined, head.height);
    }
    return new LedgerChain(o, env, backend, state, decodeCommit(head.commit));
  }

  /** The state after the last committed block (height 0: genesis). */
  get state(): LedgerState {
    return this.current;
  }

  /** Height of the last committed block (0 before the first). */
  get height(): number {
    return Number(this.current.height);
  }

  /** The height whose state the store holds whole; the blocks after it are stored, their state in memory. */
  get stateHeight(): number {
    return this.written;
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

  /**
   * Stores the applied block with its commit (one transaction; with the waiting state entries every
   * STATE_FLUSH_BLOCKS blocks), moves the head, then tells listeners.
   */
  commit(bytes: Uint8Array, block: Block, applied: Applied, commit: Commit): Committed {
    const hash = applied.state.blockHash;
    const height = Number(applied.state.height);
    const write = stateDue(applied.state);
    const state = write ? persisted(applied.state) : applied.state;
    const row = { height, hash, block: bytes, commit: encodeCommit(commit), root: state.root };
    this.backend.flush(row, write ? height : undefined, committedEvidence(height, applied.events));
    if (write) this.written = height;
    this.current = state;
    this.commitOfHead = commit;
    this.env.verify.advance();
    const committed = { height, hash, bytes, block, commit, events: applied.events, state };
    for (const l of this.listeners) l(committed);
    return committed;
  }

  /** Writes the waiting state entries now (a clean stop), so the next open executes no block again. */
  writeState(): void {
    if (this.written === this.height) return;
    this.current = persisted(this.current);
    this.backend.flush(undefined, this.height);
    this.written = this.height;
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

/** True when the state entries waiting up to `state` are to be written with its block. */
export function stateDue(state: LedgerState): boolean {
  return state.height % BigInt(STATE_FLUSH_BLOCKS) === 0n || state.store.layered >= STATE_FLUSH_ENTRIES;
}

/** `state` with its store's layers copied into the backend (written by the backend's next flush). */
function persisted(state: LedgerState): LedgerState {
  return { ...state, store: state.store.persistTree(state.root) };
}

/** Executes the stored blocks after `state` up to `head` again; throws when one does not give its stored hash. */
function replay(
  db: StoreDb,
  from: LedgerState,
  env: LedgerEnv,
  head: number,
  follow?: (events: LedgerEvent[]) => void,
): LedgerState {
  let state = from;
  while (Number(state.height) < head) {
    const rows = loadLedgerBlocks(db, Number(state.height) + 1, STATE_FLUSH_BLOCKS);
    if (rows.length === 0)
      throw new ProtoError('bad-input', `stored ledger block ${state.height + 1n} is missing`);
    for (const row of rows) {
      const applied = again(state, row, env);
      if (!equalBytes(applied.state.blockHash, row.hash)) {
        throw new ProtoError('bad-input', `stored ledger block ${row.height} does not match its hash`);
      }
      state = applied.state;
      follow?.(applied.events);
    }
  }
  return state;
}

/** Executes stored block `row` on `state`; a ProtoError names the block (a damaged store, not a peer). */
function again(state: LedgerState, row: LedgerBlockRow, env: LedgerEnv): Applied {
  try {
    return applyBlock(state, decodeBlock(row.block), env);
  } catch (e) {
    if (!isProtoError(e)) throw e;
    throw new ProtoError(
      'bad-input',
      `stored ledger block ${row.height} does not apply: ${e.code}: ${e.message}`,
    );
  }
}

let kernel: Hasher | undefined;

/** BLAKE3 through the node's WebAssembly kernel (the same digests as core's portable BLAKE3), made once. */
function kernelHash(): Hasher {
  kernel ??= loadKernelHasher();
  return kernel;
}

/** The node's ledger powers, its verifier a memo that LedgerChain.commit advances. */
export type NodeEnv = LedgerEnv & { verify: VerifyMemo };

/**
 * The node's ledger powers: Proto's ed25519 rule over node:crypto, remembering the signatures it
 * accepted (memoVerify), so that a transfer checked at admission is not checked again at each
 * mempool recheck, when its block is built and when it is applied (each entry goes a few commits
 * after its last use); and the kernel's BLAKE3.
 */
export function nodeEnv(tokens: TokenView): NodeEnv {
  const native = (sig: Uint8Array, msg: Uint8Array, key: Uint8Array) => verify(sig, msg, key, nodeVerify);
  return { tokens, verify: memoVerify(native), hash: kernelHash() };
}

/** The evidence rows of a block's events, stored with the block. */
function committedEvidence(height: number, events: readonly LedgerEvent[]): CommittedEvidenceRow[] {
  return events.flatMap((e) =>
    e.kind === 'evidence'
      ? [
          {
            recordedAt: height,
            height: Number(e.height),
            round: e.round,
            kind: e.offence,
            offender: e.offender,
            reporter: e.reporter,
          },
        ]
      : [],
  );
}
