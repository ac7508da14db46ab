import type { TimeoutParams } from '../../consensus/params.ts';
import type { Height } from '../../height.ts';

/**
 * Governance records of the ledger (PROTOCOL.md §3.5): proposals, their votes and veto, the veto
 * delegates, the governable parameters and the passed upgrades. All live in the sparse Merkle state.
 */

/** Proposal kinds, as encoded (u8). */
export const ProposalKind = { text: 0, parameter: 1, upgrade: 2 } as const;
export type ProposalKind = (typeof ProposalKind)[keyof typeof ProposalKind];
export const KIND_NAMES = ['text', 'parameter', 'upgrade'] as const;

/** A congress vote's choice, as encoded (u8). */
export const Choice = { yes: 1, no: 2, abstain: 3 } as const;
export type Choice = (typeof Choice)[keyof typeof Choice];
export const CHOICE_NAMES = { 1: 'yes', 2: 'no', 3: 'abstain' } as const;

/** Proposal status, as encoded (u8). `expired`: an upgrade that passed with its activation height not in the future. */
export const Status = { open: 0, passed: 1, rejected: 2, vetoed: 3, expired: 4 } as const;
export type Status = (typeof Status)[keyof typeof Status];
export const STATUS_NAMES = ['open', 'passed', 'rejected', 'vetoed', 'expired'] as const;

/** One parameter change of a `parameter` proposal: a parameter id (params.ts) and its new value. */
export interface ParamChange {
  id: number;
  value: bigint;
}

/** What an `upgrade` proposal names: software `name` and the height it activates at. */
export interface UpgradePlan {
  name: string;
  height: Height;
}

/** The proposal's content as its publisher wrote it. */
export interface ProposalContent {
  kind: ProposalKind;
  /** The 36-byte binary CIDv1 of the proposal's directory. */
  cid: Uint8Array;
  /** UTF-8, at most 128 bytes. */
  title: Uint8Array;
  /** Non-empty for `parameter`, empty otherwise. */
  changes: ParamChange[];
  /** Present for `upgrade` only. */
  upgrade: UpgradePlan | undefined;
}

export interface CongressVote {
  token: Uint8Array;
  choice: Choice;
}

/** A published proposal. Its `id` is all zeros until the block after publication names it. */
export interface Proposal extends ProposalContent {
  id: Uint8Array;
  /** Position among all proposals, from 1 (the index GET /v1/proposals pages by). */
  seq: bigint;
  token: Uint8Array;
  publisher: Uint8Array;
  /** The publishing block's height and time t0. */
  height: Height;
  t0: bigint;
  /** t0 + the voting period in force at publication: votes are valid in blocks with time < deadline. */
  deadline: bigint;
  /** Congress size Q at publication. */
  size: number;
  /** Target of the congress subchain's virtual root. */
  rootTarget: bigint;
  status: Status;
  /** Height of the tallying block (0 while open). */
  closedAt: Height;
  veto: { by: Uint8Array; height: Height } | undefined;
  votes: CongressVote[];
}

/** What the ledger keeps at hand of an open proposal: enough to check a vote's timing and open its congress. */
export interface OpenProposal {
  id: Uint8Array;
  t0: bigint;
  deadline: bigint;
  size: number;
  rootTarget: bigint;
}

/** A passed upgrade: nodes halt at `height` unless they support `name`. */
export interface Upgrade extends UpgradePlan {
  proposal: Uint8Array;
}

/** Ledger parameters governance may change (minFee stays with the chain values). */
export interface GovParams {
  votingPeriod: bigint;
  congressSize: number;
  liveProposals: number;
  /** Most bytes in one encoded ledger block, at most MAX_BLOCK_BYTES. */
  blockBytes: number;
  /** Consensus timeouts (ns) the heights after this state run with (genesis `timeouts` at first). */
  timeouts: TimeoutParams;
}

/** The governance bookkeeping carried with every state. */
export interface GovState {
  params: GovParams;
  /** Proposals published so far (the last `seq`). */
  count: bigint;
  /** Published in the state's own block: their ids are named by the next block. */
  pending: Proposal[];
  /** Named and not yet tallied, in order of publication. */
  open: OpenProposal[];
  /** Passed upgrades whose activation height is ahead, or was reached (kept, at most MAX_UPGRADES). */
  upgrades: Upgrade[];
}

/** A veto delegate; `revokedAt` is 0 while active. */
export interface Delegate {
  key: Uint8Array;
  since: Height;
  revokedAt: Height;
}

/** The veto key's delegations; `seq` counts delegate and revoke transactions, so none replays. */
export interface VetoState {
  seq: number;
  delegates: Delegate[];
}
