/**
 * Blocks proposed at the current height, by value (block hash), with the host's valid(v) verdict and,
 * for valid ones, the state after them (so a decided block is not executed twice). Bounded: at most
 * MAX_CANDIDATES blocks per height; the core keeps at most 5 proposals per round, so an honest height
 * needs a handful. A block invalid for want of something not yet received (a token) is judged again
 * by `rejudge` when it may have arrived.
 */
import { toHex } from '../../core/bytes.ts';
import type { Value } from '../../core/consensus/index.ts';
import { isProtoError } from '../../core/errors.ts';
import type { Applied, Block } from '../../core/ledger/index.ts';
import { LedgerChain } from './chain.ts';

export const MAX_CANDIDATES = 32;

export interface Candidate {
  bytes: Uint8Array;
  block: Block;
  valid: boolean;
  /** Present when valid. */
  applied?: Applied;
  /** Why the block is invalid. */
  reason?: string;
  /** The rule it breaks: the error's code, and `code/field` for a header field. */
  refusal?: string;
  /** Invalid for want of something not received yet (an error with action `retry`, e.g. a token). */
  waiting?: boolean;
}

export class Candidates {
  private readonly byValue = new Map<string, Candidate>();
  private readonly chain: LedgerChain;

  constructor(chain: LedgerChain) {
    this.chain = chain;
  }

  get(value: Value): Candidate | undefined {
    return this.byValue.get(toHex(value));
  }

  /**
   * The verdict on `bytes` proposed as `value`: a known candidate, a new one (not kept until `keep`), or
   * undefined when the bytes are not a block hashing to `value` (the sender is at fault).
   */
  judge(value: Value, bytes: Uint8Array): Candidate | undefined {
    const known = this.get(value);
    if (known) return known;
    let decoded: ReturnType<typeof LedgerChain.decode>;
    try {
      decoded = LedgerChain.decode(bytes);
    } catch {
      return undefined;
    }
    if (toHex(decoded.hash) !== toHex(value)) return undefined;
    return this.verdict(bytes, decoded.block);
  }

  private verdict(bytes: Uint8Array, block: Block): Candidate {
    try {
      return { bytes, block, valid: true, applied: this.chain.apply(block) };
    } catch (e) {
      if (!isProtoError(e)) throw e;
      const refusal = e.meta.field === undefined ? e.code : `${e.code}/${e.meta.field}`;
      return { bytes, block, valid: false, reason: e.message, refusal, waiting: e.action === 'retry' };
    }
  }

  /**
   * Judges again every kept block that was waiting (call when what it waited for may have arrived,
   * e.g. a token); returns those now valid, with their values. A verdict of valid is final.
   */
  rejudge(): { value: Value; c: Candidate }[] {
    const out: { value: Value; c: Candidate }[] = [];
    for (const [key, c] of this.byValue) {
      if (!c.waiting) continue;
      const again = this.verdict(c.bytes, c.block);
      this.byValue.set(key, again);
      if (again.valid) out.push({ value: again.applied!.state.blockHash, c: again });
    }
    return out;
  }

  /** Whether some kept block waits for something not received yet. */
  get waiting(): boolean {
    for (const c of this.byValue.values()) if (c.waiting) return true;
    return false;
  }

  /** Keeps `c` as the block of `value` (false when the height already holds MAX_CANDIDATES). */
  keep(value: Value, c: Candidate): boolean {
    const key = toHex(value);
    if (this.byValue.has(key)) return true;
    if (this.byValue.size >= MAX_CANDIDATES) return false;
    this.byValue.set(key, c);
    return true;
  }

  clear(): void {
    this.byValue.clear();
  }
}
