import { byteKey, equalBytes } from '../../bytes.ts';
import { ReadCache } from '../state/read-cache.ts';
import type { VerifySignature } from './env.ts';

/**
 * Accepted signatures a memo keeps per generation (two generations: at most twice this many). An
 * entry holds its message and key: for transfers (about 150 signed bytes) some 0.5 KB, so a memo stays
 * under about 32 MB, and keeps each accepted signature for at least `limit` later acceptances.
 */
export const VERIFY_MEMO_LIMIT = 1 << 15;

/**
 * `verify` remembering the signatures it accepted, so that a transaction checked at admission is not
 * checked again when the mempool rechecks it, a block including it is built, or applied. An entry
 * holds the exact message and key, and answers only for that triple; everything else, rejections
 * included, goes to `verify`, so every answer is the one `verify` gives.
 */
export function memoVerify(verify: VerifySignature, limit = VERIFY_MEMO_LIMIT): VerifySignature {
  const accepted = new ReadCache<{ msg: Uint8Array; key: Uint8Array }>(limit);
  return (sig, msg, key) => {
    const id = sig.length === 64 ? byteKey(sig) : undefined;
    const seen = id === undefined ? undefined : accepted.get(id);
    if (seen && equalBytes(seen.msg, msg) && equalBytes(seen.key, key)) return true;
    const ok = verify(sig, msg, key);
    if (ok && id !== undefined) accepted.set(id, { msg: msg.slice(), key: key.slice() });
    return ok;
  };
}
