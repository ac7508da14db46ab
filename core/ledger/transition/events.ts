import type { Height } from '../../height.ts';
import type { GovEvent } from '../governance/events.ts';

/**
 * What a block did, for hosts (indexers, the API, the token DAG's checkpoints). Events are derived
 * from the transition and are not part of the state root. Keys and hashes are 32 bytes.
 */
export type LedgerEvent =
  | GovEvent
  /** The header moved a token-chain checkpoint: the host calls `TokenDag.setCheckpoint(subchain, tip)`. */
  | { kind: 'checkpoint'; subchain: string; tip: Uint8Array }
  /** Block issuance: `each` to every LastCommit signer, `remainder` to the proposer. */
  | {
      kind: 'issuance';
      minted: bigint;
      each: bigint;
      signers: Uint8Array[];
      remainder: bigint;
      proposer: Uint8Array;
    }
  | { kind: 'transfer'; from: Uint8Array; to: Uint8Array; amount: bigint; fee: bigint; proposer: Uint8Array }
  | { kind: 'token-transfer'; token: Uint8Array; from: Uint8Array; to: Uint8Array }
  /** An announcement: `queued` when it entered the queue, else it waits in the pending FIFO. */
  | { kind: 'announce'; token: Uint8Array; key: Uint8Array; owner: Uint8Array; queued: boolean }
  /** A member entered the queue; it validates from height `since`. */
  | { kind: 'validator-join'; key: Uint8Array; token: Uint8Array; since: Height }
  /** A member left the queue; it validates up to height `until`. */
  | {
      kind: 'validator-leave';
      key: Uint8Array;
      token: Uint8Array;
      until: Height;
      reason: 'uses' | 'expired' | 'evidence';
    }
  /** Evidence recorded: `offender` signed two conflicting `offence` messages at (height, round). */
  | {
      kind: 'evidence';
      offender: Uint8Array;
      offence: 'prevote' | 'precommit' | 'proposal';
      height: Height;
      round: number;
      reporter: Uint8Array;
    }
  /** A pending announcement of an offender was dropped. */
  | { kind: 'pending-removed'; key: Uint8Array; token: Uint8Array }
  /** A pending announcement was dropped: its token expired before a seat freed up. */
  | { kind: 'pending-expired'; key: Uint8Array; token: Uint8Array };
