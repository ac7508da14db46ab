/**
 * Core's own code in the page, from the committed light-client bundle (generated/proto-client.js,
 * `npm run build:explorer`): decoding ledger blocks and hashing their transactions as the node does.
 */
import { blake3Hash, decodeBlock, encodeTx, fromHex, toHex } from './generated/proto-client.js';

/** The transaction hashes of a ledger block given as hex, in block order. */
export function txHashes(rawBlock) {
  const block = decodeBlock(fromHex(rawBlock));
  return block.txs.map((tx) => toHex(blake3Hash(encodeTx(tx))));
}
