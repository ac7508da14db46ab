/**
 * Core's own code in the page (served by the node from core/ with types stripped): decoding ledger
 * blocks and hashing their transactions exactly as the node does.
 */
import { fromHex, toHex } from '/explorer/core/bytes.ts';
import { decodeBlock } from '/explorer/core/ledger/block.ts';
import { encodeTx } from '/explorer/core/ledger/tx.ts';
import { blake3Hash } from '/explorer/core/token/hash.ts';

/** The transaction hashes of a ledger block given as hex, in block order. */
export function txHashes(rawBlock) {
  const block = decodeBlock(fromHex(rawBlock));
  return block.txs.map((tx) => toHex(blake3Hash(encodeTx(tx))));
}
