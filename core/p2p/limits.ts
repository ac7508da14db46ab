import { MAX_BLOCK_BYTES, MAX_TX_BYTES } from '../ledger/index.ts';
/**
 * Every bound of the peer-to-peer layer, in one place. Each queue, cache and table the layer keeps is
 * capped by one of these, so no peer (or crowd of peers) can grow the node's memory without limit.
 */

/** Protocol version in `hello`; peers with another version are refused. */
export const P2P_VERSION = 1;

/** Largest frame accepted (ws `maxPayload`); larger frames close the connection and ban the sender. */
export const MAX_FRAME = 1024 * 1024 + 64 * 1024;
/** Most blocks in one `tokens` or `blocks` message: 500 merge blocks are about 69 KiB. */
export const MAX_BATCH = 500;
/** Most hashes in a locator and in a `getBlocks` request. */
export const MAX_LOCATOR = 32;
export const MAX_GET_BLOCKS = 64;
/** Most subchain tips in a `status` message. */
export const MAX_STATUS_TIPS = 64;
/** Most addresses in a `peers` message, and the size of the address book. */
export const MAX_PEER_ADDRESSES = 32;
export const MAX_ADDRESS_BOOK = 256;

/** Connections: outbound dials the node keeps up, and inbound connections it accepts. */
export const MAX_OUTBOUND = 8;
export const MAX_INBOUND = 32;
/** Bytes queued in one socket's send buffer before the peer is dropped as too slow. */
export const MAX_SEND_BUFFER = 8 * 1024 * 1024;
/** Requests to one peer that may await an answer at once; answers with unknown ids are penalised. */
export const MAX_INFLIGHT = 4;
/** Requests a peer may make per second (a token bucket of this size, refilled each second). */
export const REQUESTS_PER_SECOND = 50;

/** Score points. A peer at or below BAN_SCORE is dropped and banned for BAN_MS. */
export const BAN_SCORE = -100;
export const PENALTY = {
  /** A frame that does not decode, or a text frame: provably not a Proto peer. */
  malformed: 100,
  /** A block that breaks a rule (errors with action `penalize`). Blocks from the future cost nothing. */
  invalidBlock: 100,
  /** An answer to no request of ours, or too many requests. */
  unsolicited: 20,
  flood: 10,
  /** A request that timed out. */
  timeout: 10,
} as const;
export const BAN_MS = 10 * 60 * 1000;
/** Banned node ids and addresses remembered at once; the oldest ban is forgotten first. */
export const MAX_BANS = 1024;

/** Time allowed for the handshake, and for an answer to a request. */
export const HELLO_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;
/** Sync windows in flight across all peers for one subchain (each at most MAX_BATCH blocks). */
export const MAX_SYNC_WINDOWS = 8;

/**
 * Ledger messages. A ledger block travels whole inside one frame (a proposal or a catch-up answer),
 * so the node builds blocks of at most MAX_LEDGER_BLOCK bytes; a commit holds at most 90 signatures.
 */
export const MAX_LEDGER_BLOCK = MAX_BLOCK_BYTES;
export const MAX_LEDGER_COMMIT = 8 * 1024;
/** Prevotes of the proof of lock carried with a re-proposed value (at most one per validator). */
export const MAX_POL_VOTES = 90;
/** Blocks asked for, and answered, in one catch-up request. */
export const MAX_LEDGER_BATCH = 16;
/** Bytes of blocks and commits in one catch-up answer (at least one block is always sent). */
export const LEDGER_BATCH_BYTES = 100 * 1024;
/** Ledger transactions in one `ledgerTxs` gossip frame, and the longest transaction. */
export const MAX_TX_BATCH = 64;
export { MAX_TX_BYTES };
