/**
 * Pending ledger transactions. A transfer may carry a nonce up to MAX_NONCE_AHEAD past its sender's
 * account nonce: the sender's transfers from the account's nonce on without a gap are executable
 * (`pick` offers them, in order), later ones are held until the gap fills. Every transaction is
 * checked by core/ledger (`checkTx`, or `checkTransferAhead` against the balance left after the
 * sender's other pending transfers) at admission, and again after every commit: included ones leave
 * by hash; a sender's transfers whose nonce was used, whose fee fell below the minimum or that its
 * balance can no longer pay leave; a held transfer whose gap stays open for `heldTtl` commits leaves.
 *
 * Bounds: `maxTxs` and `maxBytes` overall, of which held transactions take at most `maxHeld` and
 * `maxHeldBytes` (so they never crowd out executable ones); per sender, one transfer per nonce in
 * its window (MAX_NONCE_AHEAD + 1 transfers of fixed size). When full, new transactions are refused
 * (`retry`), never older ones evicted; a second transfer for a pending nonce is refused.
 */
import { toHex } from '../../core/bytes.ts';
import { isProtoError, ProtoError } from '../../core/errors.ts';
import type { Height } from '../../core/height.ts';
import {
  checkTransferAhead,
  checkTx,
  decodeTx,
  encodeTx,
  type LedgerEnv,
  type LedgerState,
  mayInvalidate,
  readAccount,
  type Tx,
  TxType,
} from '../../core/ledger/index.ts';
import { MAX_TX_BYTES } from '../../core/p2p/limits.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { MAX_NONCE_AHEAD, type PoolEntry, SenderQueue, type Transfer } from './mempool-sender.ts';

export { MAX_NONCE_AHEAD } from './mempool-sender.ts';

export const MAX_MEMPOOL_TXS = 20_000;
export const MAX_MEMPOOL_BYTES = 8 * 1024 * 1024;

/** The pool's bounds; tests shrink them. */
export interface MempoolLimits {
  maxTxs: number;
  maxBytes: number;
  /** Held (not yet executable) transactions: at most a quarter of the pool by default. */
  maxHeld: number;
  maxHeldBytes: number;
  /** Commits a held transaction waits for its gap to fill: 600 (about ten minutes). */
  heldTtl: number;
}

export const MEMPOOL_LIMITS: MempoolLimits = {
  maxTxs: MAX_MEMPOOL_TXS,
  maxBytes: MAX_MEMPOOL_BYTES,
  maxHeld: MAX_MEMPOOL_TXS / 4,
  maxHeldBytes: MAX_MEMPOOL_BYTES / 4,
  heldTtl: 600,
};

/** The outcome of offering a transaction: its hash and whether it is new to the pool. */
export type Admission = { ok: true; hash: string; fresh: boolean } | { ok: false; error: ProtoError };

export class Mempool {
  private readonly limits: MempoolLimits;
  private readonly all = new Map<string, PoolEntry>();
  /** Executable entries in the order a block may take them (a sender's in nonce order). */
  private readonly ready = new Map<string, PoolEntry>();
  private readonly senders = new Map<string, SenderQueue>();
  private bytes = 0;
  private heldCount = 0;
  private heldBytes = 0;

  constructor(limits: Partial<MempoolLimits> = {}) {
    this.limits = { ...MEMPOOL_LIMITS, ...limits };
  }

  /** Admits `raw` when core accepts it on `state` (a transfer possibly ahead) and the pool has room. */
  add(raw: Uint8Array, state: LedgerState, env: LedgerEnv): Admission {
    const hash = toHex((env.hash ?? blake3Hash)(raw));
    if (this.all.has(hash)) return { ok: true, hash, fresh: false };
    if (raw.length > MAX_TX_BYTES) return refuse('bad-length', `transaction over ${MAX_TX_BYTES} bytes`);
    try {
      const tx = decodeTx(raw);
      const entry: PoolEntry = { hash, bytes: raw.slice(), tx, ready: true, at: state.height };
      if (tx.type === TxType.transfer) return this.addTransfer(entry, tx, state, env);
      if (!this.room(raw.length, false)) return full();
      checkTx(state, tx, env);
      this.insert(entry);
      return { ok: true, hash, fresh: true };
    } catch (e) {
      if (isProtoError(e)) return { ok: false, error: e };
      throw e;
    }
  }

  private addTransfer(entry: PoolEntry, tx: Transfer, state: LedgerState, env: LedgerEnv): Admission {
    const key = toHex(tx.from);
    // The sender's entries were settled on this state by the last recheck.
    const account = readAccount(state, tx.from, env.hash);
    const q = this.senders.get(key) ?? new SenderQueue(tx.from);
    const refused = nonceRefusal(tx.nonce, account.nonce);
    if (refused) return refused;
    entry.ready = tx.nonce === q.runEnd(account);
    if (!this.room(entry.bytes.length, !entry.ready)) return full();
    checkTransferAhead(state, tx, env, q.spent());
    if (q.byNonce.has(tx.nonce)) return refuse('bad-nonce', `nonce ${tx.nonce} is already pending`, 'ignore');
    this.senders.set(key, q);
    q.byNonce.set(tx.nonce, entry as PoolEntry & { tx: Transfer });
    this.insert(entry);
    if (entry.ready) this.promote(q, tx.nonce + 1n);
    return { ok: true, hash: entry.hash, fresh: true };
  }

  /** Makes the held run of `q` from `nonce` on executable: the gap before it just filled. */
  private promote(q: SenderQueue, nonce: bigint): void {
    for (let e = q.byNonce.get(nonce); e && !e.ready; e = q.byNonce.get(++nonce)) this.mark(e, true, 0);
  }

  /** Whether a transaction of `size` bytes fits (a held one also within the held share). */
  private room(size: number, held: boolean): boolean {
    const l = this.limits;
    if (this.all.size >= l.maxTxs || this.bytes + size > l.maxBytes) return false;
    return !held || (this.heldCount < l.maxHeld && this.heldBytes + size <= l.maxHeldBytes);
  }

  /** Executable transactions in order whose encodings (2-byte length each) sum to at most `maxBytes`. */
  pick(maxBytes: number): Tx[] {
    const out: Tx[] = [];
    let used = 0;
    for (const { bytes, tx } of this.ready.values()) {
      if (used + bytes.length + 2 > maxBytes) break;
      used += bytes.length + 2;
      out.push(tx);
    }
    return out;
  }

  /**
   * After a commit: drops the transactions the block `included` (found by hash, without a check) and
   * the held transfers that expired; settles again every sender with a transfer the block may have
   * invalidated (core's `mayInvalidate`: it sent in the block, or the fee is under the minimum) or
   * an expired one; checks again every other kind the block may have invalidated.
   */
  recheck(state: LedgerState, env: LedgerEnv, included: readonly Tx[] = []): void {
    const hash = env.hash ?? blake3Hash;
    for (const tx of included) this.drop(toHex(hash(encodeTx(tx))));
    const suspect = mayInvalidate(included, state);
    const touched = new Set<string>();
    for (const e of [...this.all.values()]) {
      if (e.tx.type === TxType.transfer) {
        const expired = !e.ready && state.height >= e.at + this.limits.heldTtl;
        if (expired) this.drop(e.hash);
        if (expired || suspect(e.tx)) touched.add(toHex(e.tx.from));
      } else if (suspect(e.tx) && !accepts(state, e.tx, env)) this.drop(e.hash);
    }
    for (const key of touched) this.settle(key, state, env);
  }

  /**
   * Sorts the pending transfers of sender `key` on `state` (SenderQueue.settle): drops what can no
   * longer become valid, appends newly executable ones to the ready order, holds the rest.
   */
  private settle(key: string, state: LedgerState, env: LedgerEnv): void {
    const q = this.senders.get(key);
    if (!q) return;
    const account = readAccount(state, q.from, env.hash);
    const s = q.settle(account, state.minFee);
    for (const e of s.drop) this.drop(e.hash);
    for (const e of s.ready) if (!e.ready) this.mark(e, true, state.height);
    for (const e of s.held) if (e.ready) this.mark(e, false, state.height);
  }

  private insert(e: PoolEntry): void {
    this.all.set(e.hash, e);
    this.bytes += e.bytes.length;
    if (e.ready) this.ready.set(e.hash, e);
    else this.count(e, 1);
  }

  /** Moves `e` to the end of the ready order, or from it to the held set (held from `height`). */
  private mark(e: PoolEntry, ready: boolean, height: Height): void {
    e.ready = ready;
    if (ready) {
      this.ready.set(e.hash, e);
      this.count(e, -1);
    } else {
      this.ready.delete(e.hash);
      this.count(e, 1);
      e.at = height;
    }
  }

  private count(e: PoolEntry, sign: 1 | -1): void {
    this.heldCount += sign;
    this.heldBytes += sign * e.bytes.length;
  }

  private drop(hash: string): void {
    const e = this.all.get(hash);
    if (!e) return;
    this.all.delete(hash);
    this.bytes -= e.bytes.length;
    if (e.ready) this.ready.delete(hash);
    else this.count(e, -1);
    if (e.tx.type !== TxType.transfer) return;
    const key = toHex(e.tx.from);
    const q = this.senders.get(key);
    if (q?.byNonce.get(e.tx.nonce) === e) q.byNonce.delete(e.tx.nonce);
    if (q?.byNonce.size === 0) this.senders.delete(key);
  }

  /** Bytes of the pending transactions. */
  get byteSize(): number {
    return this.bytes;
  }

  /** The pending transaction `hash` (lowercase hex), if the pool holds it. */
  get(hash: string): Tx | undefined {
    return this.all.get(hash)?.tx;
  }

  /** Pending transactions, executable and held. */
  get size(): number {
    return this.all.size;
  }

  /** Pending transactions waiting for an earlier nonce of their sender. */
  get held(): number {
    return this.heldCount;
  }
}

function accepts(state: LedgerState, tx: Tx, env: LedgerEnv): boolean {
  try {
    checkTx(state, tx, env);
    return true;
  } catch {
    return false;
  }
}

/** Why a transfer's nonce cannot be pending: used, or too far ahead. */
function nonceRefusal(nonce: bigint, expected: bigint): Admission | undefined {
  if (nonce < expected)
    return refuse('bad-nonce', `nonce ${nonce} is used: the account expects ${expected}`, 'ignore');
  if (nonce <= expected + MAX_NONCE_AHEAD) return undefined;
  const most = `at most ${expected + MAX_NONCE_AHEAD}`;
  return refuse(
    'bad-nonce',
    `nonce ${nonce} is more than ${MAX_NONCE_AHEAD} ahead of ${expected} (${most})`,
    'retry',
  );
}

function full(): Admission {
  return refuse('bad-input', 'the mempool is full: retry later', 'retry');
}

function refuse(
  code: 'bad-length' | 'bad-input' | 'bad-nonce',
  message: string,
  action: 'penalize' | 'retry' | 'ignore' = 'penalize',
): Admission {
  return { ok: false, error: new ProtoError(code, message, action) };
}
