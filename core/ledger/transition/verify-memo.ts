import { byteKey } from '../../bytes.ts';
import type { VerifySignature } from './env.ts';

/**
 * Commits an accepted signature outlives its last use. A transaction is checked when it enters the
 * mempool and answered from the memo when the mempool rechecks it and when its block is built and
 * applied; once committed it is never asked about again, so its entry only waits out these commits.
 * A transaction that waits longer in the mempool unrechecked is checked once more when its block is
 * built: a cost, never a different answer.
 */
export const VERIFY_MEMO_HEIGHTS = 16;

/**
 * Estimated bytes a memo holds at most: some 28 000 transfer signatures, more than a full mempool
 * (MAX_MEMPOOL_TXS, 20 000, node/ledger/mempool.ts).
 */
export const VERIFY_MEMO_BYTES = 8 << 20;

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

/** An accepted triple: signature, key length (2 bytes), key and message as one flat string. */
interface Entry {
  triple: string;
  /** The commit count at its last use. */
  at: number;
}

/**
 * `verify` remembering the signatures it accepted, so that a transaction checked at admission is not
 * checked again when the mempool rechecks it, a block including it is built, or applied. An entry is
 * the exact signature, key and message, and answers only for that triple; everything else, rejections
 * included, goes to `verify`, so every answer is the one `verify` gives. Entries go `heights` commits
 * after their last use, or beyond `bytes` those last used longest ago first. No clock: time is
 * `advance` calls. Entries are found by 30 bits of the signature; two accepted signatures sharing them
 * (rare, and not to be arranged without grinding signatures) take turns: a cost, never an answer.
 */
export function memoVerify(verify: VerifySignature, options: VerifyMemoOptions = {}): VerifyMemo {
  const heights = options.heights ?? VERIFY_MEMO_HEIGHTS;
  const budget = options.bytes ?? VERIFY_MEMO_BYTES;
  /** Slot -> entry; Map order is the order of last use (by commit). */
  const slots = new Map<number, Entry>();
  let now = 0;
  let bytes = 0;
  const drop = (slot: number, e: Entry) => {
    slots.delete(slot);
    bytes -= e.triple.length + ENTRY_BYTES;
  };
  const memo = ((sig, msg, key) => {
    if (sig.length !== 64 || msg.length > MAX_MEMO_MESSAGE || key.length > MAX_MEMO_MESSAGE)
      return verify(sig, msg, key);
    const slot = slotOf(sig);
    const e = slots.get(slot);
    if (e !== undefined && isTriple(e.triple, sig, msg, key)) {
      if (e.at !== now) {
        slots.delete(slot);
        e.at = now;
        slots.set(slot, e);
      }
      return true;
    }
    if (!verify(sig, msg, key)) return false;
    if (e !== undefined) drop(slot, e);
    const triple = tripleOf(sig, msg, key);
    slots.set(slot, { triple, at: now });
    bytes += triple.length + ENTRY_BYTES;
    for (const [old, oldest] of slots) {
      if (bytes <= budget) break;
      drop(old, oldest);
    }
    return true;
  }) as VerifyMemo;
  memo.advance = () => {
    now++;
    for (const [slot, e] of slots) {
      if (now - e.at <= heights) break;
      drop(slot, e);
    }
  };
  Object.defineProperty(memo, 'size', { get: () => slots.size });
  Object.defineProperty(memo, 'bytes', { get: () => bytes });
  return memo;
}

/** 30 bits of the signature's R (a hash output): a small integer, so a fast Map key. */
function slotOf(sig: Uint8Array): number {
  return sig[0]! | (sig[1]! << 8) | (sig[2]! << 16) | ((sig[3]! & 0x3f) << 24);
}

function tripleOf(sig: Uint8Array, msg: Uint8Array, key: Uint8Array): string {
  const all = new Uint8Array(66 + key.length + msg.length);
  all.set(sig);
  all[64] = key.length >> 8;
  all[65] = key.length & 0xff;
  all.set(key, 66);
  all.set(msg, 66 + key.length);
  return byteKey(all);
}

function isTriple(triple: string, sig: Uint8Array, msg: Uint8Array, key: Uint8Array): boolean {
  if (triple.length !== 66 + key.length + msg.length) return false;
  if (triple.charCodeAt(64) !== key.length >> 8 || triple.charCodeAt(65) !== (key.length & 0xff))
    return false;
  return same(triple, 0, sig) && same(triple, 66, key) && same(triple, 66 + key.length, msg);
}

function same(s: string, at: number, bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (s.charCodeAt(at + i) !== bytes[i]) return false;
  return true;
}
