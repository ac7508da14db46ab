/**
 * Pending ledger transactions, in arrival order. Each is admitted only if core/ledger's `checkTx`
 * accepts it against the committed state, and re-checked after every commit (included or invalidated
 * ones leave). Bounded by MAX_MEMPOOL_TXS and MAX_MEMPOOL_BYTES: when full, new transactions are
 * refused (the sender retries), never older ones evicted.
 */
import { toHex } from '../../core/bytes.ts';
import { isProtoError, ProtoError } from '../../core/errors.ts';
import {
  checkTx,
  encodeTx,
  type LedgerEnv,
  type LedgerState,
  mayInvalidate,
  type Tx,
} from '../../core/ledger/index.ts';
import { MAX_TX_BYTES } from '../../core/p2p/limits.ts';
import { blake3Hash } from '../../core/token/hash.ts';

export const MAX_MEMPOOL_TXS = 20_000;
export const MAX_MEMPOOL_BYTES = 8 * 1024 * 1024;

interface Entry {
  bytes: Uint8Array;
  tx: Tx;
}

/** The outcome of offering a transaction: its hash and whether it is new to the pool. */
export type Admission = { ok: true; hash: string; fresh: boolean } | { ok: false; error: ProtoError };

export class Mempool {
  private readonly txs = new Map<string, Entry>();
  private bytes = 0;

  /** Admits `bytes` when `checkTx` accepts it on `state` and the pool has room. */
  add(raw: Uint8Array, state: LedgerState, env: LedgerEnv): Admission {
    const hash = toHex((env.hash ?? blake3Hash)(raw));
    if (this.txs.has(hash)) return { ok: true, hash, fresh: false };
    if (raw.length > MAX_TX_BYTES) return refuse('bad-length', `transaction over ${MAX_TX_BYTES} bytes`);
    if (this.txs.size >= MAX_MEMPOOL_TXS || this.bytes + raw.length > MAX_MEMPOOL_BYTES)
      return refuse('bad-input', 'the mempool is full: retry later', 'retry');
    try {
      const tx = checkTx(state, raw, env);
      this.txs.set(hash, { bytes: raw.slice(), tx });
      this.bytes += raw.length;
      return { ok: true, hash, fresh: true };
    } catch (e) {
      if (isProtoError(e)) return { ok: false, error: e };
      throw e;
    }
  }

  /** Transactions in arrival order whose encodings sum to at most `maxBytes`. */
  pick(maxBytes: number): Tx[] {
    const out: Tx[] = [];
    let used = 0;
    for (const { bytes, tx } of this.txs.values()) {
      if (used + bytes.length + 2 > maxBytes) break;
      used += bytes.length + 2;
      out.push(tx);
    }
    return out;
  }

  /**
   * After a commit: drops the transactions the block `included` (found by hash, without a check),
   * then every one the block may have invalidated (core's `mayInvalidate`) that `checkTx` no longer
   * accepts on the new state.
   */
  recheck(state: LedgerState, env: LedgerEnv, included: readonly Tx[] = []): void {
    const hash = env.hash ?? blake3Hash;
    for (const tx of included) this.drop(toHex(hash(encodeTx(tx))));
    const suspect = mayInvalidate(included, state);
    for (const [id, e] of this.txs) {
      if (!suspect(e.tx)) continue;
      try {
        checkTx(state, e.tx, env);
      } catch {
        this.drop(id);
      }
    }
  }

  private drop(hash: string): void {
    const e = this.txs.get(hash);
    if (!e) return;
    this.txs.delete(hash);
    this.bytes -= e.bytes.length;
  }

  get size(): number {
    return this.txs.size;
  }

  /** Bytes of the pending transactions. */
  get byteSize(): number {
    return this.bytes;
  }

  /** The pending transaction `hash` (lowercase hex), if the pool holds it. */
  get(hash: string): Tx | undefined {
    return this.txs.get(hash)?.tx;
  }
}

function refuse(
  code: 'bad-length' | 'bad-input',
  message: string,
  action: 'penalize' | 'retry' = 'penalize',
): Admission {
  return { ok: false, error: new ProtoError(code, message, action) };
}
