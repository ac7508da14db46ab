/**
 * The edge's storage interface (docs/edge.md, Storage): what the relay hub and the read routes call.
 * Values cross Durable Object RPC by structured clone, so they are plain objects of Uint8Array,
 * numbers, bigints and strings.
 */
import type { TrustedPoint } from '../../core/client/trusted.ts';
import type { Tip } from '../../core/p2p/codec.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';

export type { CommittedBlock, Tip, TrustedPoint };

/** What became of a token block offered to `addToken`; only `added` stored anything. */
export type TokenAddResult =
  /** Stored: `subchain` it joined, and whether it became that subchain's best tip. */
  | { outcome: 'added'; subchain: string; tipChanged: boolean }
  | { outcome: 'known' }
  /** A parent (`missing`, hex, the selected parent first) is unknown; the block was not stored. */
  | { outcome: 'orphan'; missing: string }
  /** It breaks a rule (`code` is the ProtoError code: no-pow, wrong-target, bad-time, ...). */
  | { outcome: 'refused'; code: string; message: string };

/** What became of a committed ledger block offered to `addLedgerBlock`; only `added` stored anything. */
export type LedgerAddResult =
  | { outcome: 'added' }
  | { outcome: 'known' }
  /** Its height is above head + 1: the edge needs the blocks from head + 1 first. */
  | { outcome: 'ahead'; head: number }
  | { outcome: 'refused'; code: string; message: string };

/**
 * The validator set the edge tracks: the ordered list of height `height` (head + 1), against which
 * the next commit and that height's votes are checked. `validators` is null while the edge does not
 * know the list yet: the membership changed at this height and no light block for it was shown (the
 * edge then fetches `GET /v1/ledger/light/{height}` from UPSTREAM, or refuses `unknown-validators`).
 */
export interface EdgeValidatorSet {
  height: number;
  validators: Uint8Array[] | null;
  /** membershipHash of that height's list, as the head header (or genesis) announced it. */
  membershipHash: Uint8Array;
  /** The verified head as a light-client trusted point (genesis at height 0). */
  head: TrustedPoint;
}

/** The edge's stores, reached through Durable Object stubs (edgeStores in index.ts). */
export interface EdgeStores {
  /** Validates a token block against its parent (full core checks: pow, exact ASERT target, timestamps, parents), stores it parents-first. */
  addToken(raw: Uint8Array): Promise<TokenAddResult>;
  /** The best tip of every subchain, as a p2p `status` frame carries them. */
  tips(): Promise<Tip[]>;
  /** Raw canonical blocks of `subchain` at positions after+1 .. after+limit, as p2p getTokens answers. */
  tokenRange(subchain: string, after: number, limit: number): Promise<Uint8Array[]>;
  /**
   * `getTokens` as a node answers it: after the first locator hash that is a block of the edge's
   * selected chain (from the start when none is), or after `after` without a locator.
   */
  tokensFrom(
    subchain: string,
    after: number,
    locator: Uint8Array[],
    limit: number,
  ): Promise<{ after: number; raws: Uint8Array[] }>;
  /** Raw blocks found among `hashes`, in the order asked (p2p getBlocks); unknown hashes are skipped. */
  tokensByHash(hashes: Uint8Array[]): Promise<Uint8Array[]>;
  /**
   * Stores a committed ledger block only after its commit verifies (> 2/3 of the tracked set, core/client
   * rules). `validators`, when given, is the ordered list of the block's height (as a light block carries
   * it); it is checked against the verified hashes, so a wrong one is refused, never trusted.
   */
  addLedgerBlock(block: CommittedBlock, validators?: Uint8Array[]): Promise<LedgerAddResult>;
  /** Verified head height (0 = genesis only). */
  ledgerHead(): Promise<number>;
  /** Committed blocks from..from+count-1 up to the verified head, in order. */
  ledgerBlocks(from: number, count: number): Promise<CommittedBlock[]>;
  /** The set the next commit / votes are checked against. */
  validatorSet(): Promise<EdgeValidatorSet>;
}
