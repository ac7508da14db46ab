import type { Choice, OpenProposal, ProposalKind, Status } from './types.ts';

/** What governance did in a block, for hosts (the token DAG's congress roots, indexers, logs). */
export type GovEvent =
  | { kind: 'publish'; token: Uint8Array; publisher: Uint8Array; proposalKind: ProposalKind; seq: bigint }
  /** A proposal was named: the host opens its congress subchain (TokenDag.addCongressRoot). */
  | ({ kind: 'proposal-open' } & OpenProposal)
  | { kind: 'vote'; proposal: Uint8Array; token: Uint8Array; choice: Choice }
  | { kind: 'veto'; proposal: Uint8Array; by: Uint8Array }
  | { kind: 'veto-delegate' | 'veto-revoke'; delegate: Uint8Array }
  /** A proposal was tallied: the host closes its congress subchain. */
  | { kind: 'proposal-close'; proposal: Uint8Array; status: Status };
