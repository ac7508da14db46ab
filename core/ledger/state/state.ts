import type { Height } from '../../height.ts';
import type { Checkpoints } from '../codec/header.ts';
import type { GovState } from '../governance/types.ts';
import type { FlatValues } from './flat-values.ts';
import type { Overlay } from './store.ts';

/** A coin account. Absent from the tree while balance and nonce are both 0. */
export interface Account {
  balance: bigint;
  /** Transfers sent so far; the next transfer must carry this nonce. */
  nonce: bigint;
}

/** What the ledger records about a governance token; absent until it is first transferred or used. */
export interface TokenEntry {
  owner: Uint8Array;
  /** Transfers so far; the next token-transfer must carry this `seq`. */
  seq: number;
  /** Height of the last transfer (0 for none): a token moves at most once per block. */
  movedAt: Height;
  /**
   * What the token was used for: announced as a validator (§3.2), published a proposal or voted
   * (§3.5). A token is used at most once, and a used token no longer moves.
   */
  use: TokenUse;
}

export type TokenUse = 'none' | 'announced' | 'published' | 'voted';
export const TOKEN_USES_ENCODED: readonly TokenUse[] = ['none', 'announced', 'published', 'voted'];

/**
 * A validator queue member (§3.2). `since` is the first height it validates (joins take effect two
 * heights after the block that decided them); `until`, once set, is the last (0n: still queued).
 */
export interface Member {
  key: Uint8Array;
  token: Uint8Array;
  owner: Uint8Array;
  uses: number;
  expiry: bigint;
  since: Height;
  until: Height;
}

/** Network constants the ledger reads; all follow from the genesis file (chainId commits to them). */
export interface LedgerConfig {
  chainId: Uint8Array;
  genesisTime: bigint;
  blockInterval: bigint;
  /** Confirmations a validator token needs before it can be announced. */
  validatorConfirmations: number;
  /** Hash of the genesis token: the root of the validator and proposal subchains. */
  genesisToken: Uint8Array;
  /** The veto root key (§3.5). */
  vetoKey: Uint8Array;
  /** Confirmations a proposal token needs before it publishes, and a congress token before it votes. */
  proposalConfirmations: number;
  congressConfirmations: number;
  /** What the congress root target follows from (§3.5): the spacings and the congress maxTarget. */
  proposal: { spacing: bigint };
  congress: { spacing: bigint; maxTarget: bigint };
}

/**
 * The ledger after block `height` (0: genesis). Accounts and token entries live in the sparse Merkle
 * tree under `root` (read them with state-tree.ts); the rest is also held here, decoded. Immutable:
 * applyBlock returns a new state whose store is a child overlay of this one's.
 */
export interface LedgerState {
  readonly config: LedgerConfig;
  readonly height: Height;
  /** Time of block `height` (genesis time at 0). */
  readonly time: bigint;
  /** Hash of block `height` (32 zero bytes at genesis). Not part of the state root. */
  readonly blockHash: Uint8Array;
  readonly supply: bigint;
  readonly genesisSupply: bigint;
  readonly minFee: bigint;
  /** The live queue and the members still validating after leaving it, in queue order. */
  readonly queue: readonly Member[];
  readonly pending: readonly Member[];
  /** Ordered validator keys of height `height`: they signed the LastCommit of the next block. */
  readonly lastValidators: readonly Uint8Array[];
  readonly checkpoints: Checkpoints;
  /** Governance: parameters, pending and open proposals, passed upgrades (governance/types.ts). */
  readonly gov: GovState;
  readonly root: Uint8Array;
  readonly store: Overlay;
  /** A cache of the tree's values at `root` (flat-values.ts): reads go through it. */
  readonly flat: FlatValues;
}
