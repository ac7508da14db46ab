/**
 * The body of `POST /v1/txs/batch`: `count u16 ‖ (length u16 ‖ tx)*`, the framing of a block's
 * transaction list, with each transaction left as bytes for the mempool to decode and check.
 */

import { Reader, Writer } from '../codec.ts';
import { ProtoError } from '../errors.ts';
import { MAX_TX_BYTES } from '../ledger/index.ts';

/** Most transactions in one batch. */
export const MAX_TX_BATCH_SUBMIT = 256;
/** Longest batch body. */
export const MAX_TX_BATCH_BODY = 2 + MAX_TX_BATCH_SUBMIT * (2 + MAX_TX_BYTES);

/** Encodes 1 to MAX_TX_BATCH_SUBMIT transactions of 1 to MAX_TX_BYTES bytes each. */
export function encodeTxBatch(txs: readonly Uint8Array[]): Uint8Array {
  const w = new Writer();
  check(txs.length, 'transactions in a batch', MAX_TX_BATCH_SUBMIT);
  w.u16(txs.length);
  for (const tx of txs) {
    check(tx.length, 'bytes in a transaction', MAX_TX_BYTES);
    w.u16(tx.length).raw(tx);
  }
  return w.bytes();
}

/** Strict inverse of encodeTxBatch: a ProtoError (`bad-encoding`, `bad-length`) for any other bytes. */
export function decodeTxBatch(bytes: Uint8Array): Uint8Array[] {
  const r = new Reader(bytes, 'transaction batch');
  const n = r.count(2, MAX_TX_BATCH_SUBMIT);
  if (n === 0) throw r.fail('no transactions');
  const txs: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const length = r.u16();
    if (length === 0 || length > MAX_TX_BYTES) throw r.fail(`transaction ${i} of ${length} bytes`);
    txs.push(r.fixed(length));
  }
  r.end();
  return txs;
}

function check(n: number, what: string, max: number): void {
  if (n < 1 || n > max) throw new ProtoError('bad-encoding', `${n} ${what}, need 1 to ${max}`, 'penalize');
}
