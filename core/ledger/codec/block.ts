import { Reader, Writer } from '../../codec.ts';
import { ProtoError } from '../../errors.ts';
import type { Hasher } from '../../token/hash.ts';
import { type Commit, encodeCommit, readCommit } from './commit.ts';
import { MAX_BLOCK_BYTES, MAX_BLOCK_TXS } from './constants.ts';
import { encodeHeader, type Header, readHeader } from './header.ts';
import { decodeTx, encodeTx, type Tx } from './tx.ts';

/** A ledger block: header, the commit of the previous block, transactions in execution order. */
export interface Block {
  header: Header;
  lastCommit: Commit;
  txs: Tx[];
}

/** `header ‖ lastCommit ‖ txs` (docs/ledger.md §3), at most MAX_BLOCK_BYTES. */
export function encodeBlock(b: Block): Uint8Array {
  const w = new Writer().raw(encodeHeader(b.header)).raw(encodeCommit(b.lastCommit)).raw(encodeTxs(b.txs));
  const bytes = w.bytes();
  if (bytes.length > MAX_BLOCK_BYTES)
    throw new ProtoError('bad-encoding', `block of ${bytes.length} bytes`, 'penalize');
  return bytes;
}

/** Strict inverse of encodeBlock. */
export function decodeBlock(bytes: Uint8Array): Block {
  if (bytes.length > MAX_BLOCK_BYTES)
    throw new ProtoError('bad-length', `block of ${bytes.length} bytes`, 'penalize');
  const r = new Reader(bytes, 'block');
  const header = readHeader(r);
  const lastCommit = readCommit(r);
  const txs = readTxs(r);
  r.end();
  return { header, lastCommit, txs };
}

/** `count u16 ‖ (length u16 ‖ tx)*`, at most MAX_BLOCK_TXS transactions. */
export function encodeTxs(txs: Tx[]): Uint8Array {
  const w = new Writer();
  if (txs.length > MAX_BLOCK_TXS)
    throw new ProtoError('bad-encoding', `${txs.length} transactions in a block`, 'penalize');
  w.u16(txs.length);
  for (const tx of txs) {
    const bytes = encodeTx(tx);
    w.u16(bytes.length).raw(bytes);
  }
  return w.bytes();
}

function readTxs(r: Reader): Tx[] {
  const n = r.count(2, MAX_BLOCK_TXS);
  const txs: Tx[] = [];
  for (let i = 0; i < n; i++) txs.push(decodeTx(r.fixed(r.u16())));
  return txs;
}

/** The header's `txsHash`: blake3 of the encoded transaction list. */
export function txsHash(txs: Tx[], hash: Hasher): Uint8Array {
  return hash(encodeTxs(txs));
}
