/**
 * A block height of the ledger (or the consensus core, the p2p frames, the WAL, the API): a safe
 * non-negative integer, a `number` everywhere. On the wire a height is a u64; the codec converts it
 * (`Writer.height`, `Reader.height`, core/codec.ts) and refuses one above 2^53 - 1 (`bad-encoding`):
 * 285 million years at one block a second. Times, amounts and nanoseconds stay `bigint`.
 */
export type Height = number;
