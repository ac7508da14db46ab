import { utf8 } from '../../bytes.ts';

/**
 * Rules fixed in code (PROTOCOL.md §2: the token uses and lifetime, the queue maximum and the quorum
 * are never parameters) and the ledger's own bounds. See docs/ledger.md.
 */

const S = 1_000_000_000n;

/** Uses of an announced validator token. */
export const TOKEN_USES = 60;
/** A validator token expires this long after its own time (ns). */
export const TOKEN_LIFETIME = 86_400n * S;
/** Most members the validator queue holds; further announcements wait in the pending FIFO. */
export const QUEUE_MAX = 90;
/** Smallest fee a transfer may pay at genesis, in the coin's smallest unit (kept in state). */
export const MIN_FEE = 1n;

/**
 * Most bytes in one encoded block: about 6,100 transfers, so that one block a second carries the
 * ledger's throughput (a block travels whole in one p2p frame).
 */
export const MAX_BLOCK_BYTES = 1024 * 1024;
/** Longest encoded transaction accepted anywhere (mempool, gossip, API). */
export const MAX_TX_BYTES = 1024;
/** Most transactions in one block: bounds a block's memory and execution time. */
export const MAX_BLOCK_TXS = 10_000;
/** Most evidence transactions in one block (each at most ~400 bytes). */
export const MAX_BLOCK_EVIDENCE = 16;
/** Evidence older than this many heights is refused: the offender's tokens have expired by then. */
export const EVIDENCE_MAX_AGE = 86_400;
/** Most congress checkpoints in one header (one per open proposal). */
export const MAX_CONGRESS_TIPS = 1024;

/** Transaction types; 4-8 are the governance transactions of §3.5, 9 carries equivocation evidence (evidence.ts). */
export const TxType = {
  transfer: 1,
  tokenTransfer: 2,
  announce: 3,
  publish: 4,
  vote: 5,
  veto: 6,
  vetoDelegate: 7,
  vetoRevoke: 8,
  evidence: 9,
} as const;
export type TxType = (typeof TxType)[keyof typeof TxType];

/** Domain prefixes of signed and hashed bytes; none is a prefix of another. */
export const DOMAIN = {
  tx: utf8('proto/tx'),
  vote: utf8('proto/vote'),
  proposal: utf8('proto/propose'),
  validators: utf8('proto/validators'),
  proposalId: utf8('proto/proposal'),
} as const;
