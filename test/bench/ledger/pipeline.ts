/**
 * One validator's block loop, in process, on the node's SQLite store: for each block, `checkTx`
 * admission of the next transactions, `buildBlock` with as many as fit, the validator's precommit,
 * `applyBlock` as a validator checks it, then the state entries and the block with its commit written
 * in one transaction (node/ledger/state-backend.ts, as LedgerChain.commit does). Every stage is timed.
 */
import { toHex } from '../../../core/bytes.ts';
import { sign } from '../../../core/crypto/ed25519.ts';
import { isProtoError } from '../../../core/errors.ts';
import {
  applyBlock,
  buildBlock,
  type Commit,
  checkTx,
  EMPTY_COMMIT,
  encodeBlock,
  encodeCommit,
  genesisState,
  type LedgerEnv,
  type LedgerState,
  MAX_BLOCK_BYTES,
  type Tx,
  voteSignBytes,
} from '../../../core/ledger/index.ts';
import { createLedgerTables } from '../../../core/store/ledger-queries.ts';
import { TokenDag } from '../../../core/token/dag.ts';
import type { NetworkParams } from '../../../core/token/params.ts';
import { stateDue } from '../../../node/ledger/chain.ts';
import { SqliteStateBackend } from '../../../node/ledger/state-backend.ts';
import { openStore } from '../../../node/store/open.ts';
import { type Profile, threadCpuMs } from './profile.ts';

/** Transactions offered per block: what fits in MAX_BLOCK_BYTES at 171 bytes each, plus slack. */
const WINDOW = Math.ceil(MAX_BLOCK_BYTES / 171) + 8;

export interface PipelineOptions {
  params: NetworkParams;
  validatorSecret: Uint8Array;
  /** Encoded transfers, in the order they arrive. */
  txs: Uint8Array[];
  /** Transfers offered per block: the workload's accounts, each of which has one pending at a time. */
  perBlock: number;
  /** The SQLite file (created). */
  path: string;
  env: Omit<LedgerEnv, 'tokens'>;
  profile: Profile;
}

/** What a run committed and how long it took: wall clock and the main thread's CPU time (ms, genesis excluded). */
export interface PipelineResult {
  blocks: number;
  txs: number;
  ms: number;
  cpuMs: number;
}

/** Runs blocks until every transaction is committed. Throws if one is refused or dropped. */
export function runPipeline(o: PipelineOptions): PipelineResult {
  const store = openStore(o.path, toHex(new Uint8Array(32)));
  createLedgerTables(store.db);
  const backend = new SqliteStateBackend(store.db);
  const env: LedgerEnv = { ...o.env, tokens: new TokenDag(o.params) };
  let state: LedgerState = o.profile.run('genesis', () => {
    const genesis = genesisState(o.params, { backend: o.profile.reads(backend), hash: env.hash });
    const persisted = { ...genesis, store: genesis.store.persist() };
    backend.flush();
    return persisted;
  });
  let lastCommit: Commit = EMPTY_COMMIT;
  let next = 0;
  let blocks = 0;
  const t0 = performance.now();
  const cpu0 = threadCpuMs();
  const p = o.profile;
  while (next < o.txs.length) {
    const window = o.txs.slice(next, next + Math.min(WINDOW, o.perBlock));
    const admitted = p.run('admit', () => window.map((bytes) => admit(state, bytes, env)));
    const input = { txs: admitted, lastCommit, checkpoints: state.checkpoints, round: 0 };
    const built = p.run('build', () => buildBlock(state, input, env));
    if (built.dropped.length > 0) throw built.dropped[0]!.error;
    const commit = p.run('commit', () => precommit(built.state, o.validatorSecret));
    const applied = p.run('apply', () => applyBlock(state, built.block, env));
    const last = next + built.block.txs.length >= o.txs.length;
    state = p.run('persist', () => {
      // As the node does (node/ledger/chain.ts): the block every time, its state every 16th block.
      const height = applied.state.height;
      const write = last || stateDue(applied.state);
      const s = write
        ? { ...applied.state, store: applied.state.store.persistTree(applied.state.root) }
        : applied.state;
      const row = {
        height,
        hash: s.blockHash,
        block: encodeBlock(built.block),
        commit: encodeCommit(commit),
        root: s.root,
      };
      backend.flush(row, write ? height : undefined);
      return s;
    });
    lastCommit = commit;
    next += built.block.txs.length;
    blocks++;
  }
  const ms = performance.now() - t0;
  const cpu = threadCpuMs() - cpu0;
  store.close();
  return { blocks, txs: next, ms, cpuMs: cpu };
}

/** checkTx on the committed state; the workload holds only valid transfers, so a refusal is a bug. */
function admit(state: LedgerState, bytes: Uint8Array, env: LedgerEnv): Tx {
  try {
    return checkTx(state, bytes, env);
  } catch (e) {
    if (isProtoError(e)) throw new Error(`a workload transfer was refused: ${e.code} ${e.message}`);
    throw e;
  }
}

/** The single validator's precommit for the block `state` follows, one block interval later. */
function precommit(state: LedgerState, secret: Uint8Array): Commit {
  const timestamp = state.time + state.config.blockInterval;
  const fields = {
    type: 'precommit' as const,
    height: state.height,
    round: 0,
    value: state.blockHash,
    timestamp,
  };
  const signature = sign(voteSignBytes(state.config.chainId, fields), secret);
  return {
    height: state.height,
    round: 0,
    blockHash: state.blockHash,
    signatures: [{ validator: 0, timestamp, signature }],
  };
}
