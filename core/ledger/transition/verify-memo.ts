import { byteKey } from '../../bytes.ts';
import type { VerifySignature } from './env.ts';

/**
 * Commits an accepted signature outlives its last use. A transaction is checked when it enters the
 * mempool and then again (from the memo) at each recheck and when its block is built and applied,
 * normally within a few heights; once committed it is never checked again, so its entry only waits
 * out these heights.
 */
export const VERIFY_MEMO_HEIGHTS = 8;

/** Estimated bytes a memo holds at most: some 14 000 transfer signatures. */
export const VERIFY_MEMO_BYTES = 4 << 20;

/** Longest message remembered: longer ones (none a node signs) are checked every time. */
const MAX_MEMO_MESSAGE = 4096;

/**
 * Estimated bytes per entry beyond its id's characters (one byte each): the string header and the Map
 * entry with its share of the table. Measured with `--expose-gc` on Node 24: about 300 bytes for a
 * transfer's entry (64 + 2 + 32 + 140 characters).
 */
const ENTRY_BYTES = 64;

/** A memoized verifier; `advance` tells it that one more block was committed. */
export interface VerifyMemo extends VerifySignature {
  advance(): void;
  /** Signatures remembered. */
  readonly size: number;
  /** Their estimated bytes. */
  readonly bytes: number;
}

export interface VerifyMemoOptions {
  /** Commits (`advance` calls) an entry outlives its last use. */
  heights?: number;
  /** Estimated bytes held at most; past them the least recently used entries go. */
  bytes?: number;
}

/**
 * `verify` remembering the signatures it accepted, so that a transaction checked at admission is not
 * checked again when the mempool rechecks it, a block including it is built, or applied. An entry is
 * the exact signature, key and message, and answers only for that triple; everything else, rejections
 * included, goes to `verify`, so every answer is the one `verify` gives. Entries go `heights` commits
 * after their last use, or least recently used first beyond `bytes`. No clock: time is `advance` calls.
 */
export function memoVerify(verify: VerifySignature, options: VerifyMemoOptions = {}): VerifyMemo {
  const heights = options.heights ?? VERIFY_MEMO_HEIGHTS;
  const budget = options.bytes ?? VERIFY_MEMO_BYTES;
  /** Entry id -> commit count at its last use; Map order is the order of last use. */
  const used = new Map<string, number>();
  let now = 0;
  let bytes = 0;
  const drop = (id: string) => {
    used.delete(id);
    bytes -= id.length + ENTRY_BYTES;
  };
  const memo = ((sig, msg, key) => {
    if (sig.length !== 64 || msg.length > MAX_MEMO_MESSAGE || key.length > MAX_MEMO_MESSAGE)
      return verify(sig, msg, key);
    const id = entryId(sig, msg, key);
    const at = used.get(id);
    if (at !== undefined) {
      used.delete(id);
      used.set(id, now);
      return true;
    }
    if (!verify(sig, msg, key)) return false;
    used.set(id, now);
    bytes += id.length + ENTRY_BYTES;
    for (const old of used.keys()) {
      if (bytes <= budget) break;
      drop(old);
    }
    return true;
  }) as VerifyMemo;
  memo.advance = () => {
    now++;
    for (const [id, at] of used) {
      if (now - at <= heights) break;
      drop(id);
    }
  };
  Object.defineProperty(memo, 'size', { get: () => used.size });
  Object.defineProperty(memo, 'bytes', { get: () => bytes });
  return memo;
}

/** One flat string naming the triple: signature, key length (2 bytes), key, message. */
function entryId(sig: Uint8Array, msg: Uint8Array, key: Uint8Array): string {
  const all = new Uint8Array(66 + key.length + msg.length);
  all.set(sig);
  all[64] = key.length >> 8;
  all[65] = key.length & 0xff;
  all.set(key, 66);
  all.set(msg, 66 + key.length);
  return byteKey(all);
}
