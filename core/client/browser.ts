/**
 * The light client as the explorer page loads it (`explorer/js/generated/proto-client.js`, built by
 * `npm run build:explorer`): `proto/client` plus the codecs the page uses to show blocks.
 */
export { fromHex, toHex } from '../bytes.ts';
export { decodeBlock, encodeTx } from '../ledger/index.ts';
export { blake3Hash } from '../token/hash.ts';
export * from './index.ts';
