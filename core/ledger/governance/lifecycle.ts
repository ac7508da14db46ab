import { compareBytes, concatBytes } from '../../bytes.ts';
import type { Height } from '../../height.ts';
import type { Hasher } from '../../token/hash.ts';
import { DOMAIN } from '../codec/constants.ts';
import type { LedgerState } from '../state/state.ts';
import type { BlockContext, Draft } from '../transition/draft.ts';
import { withChanges } from './params.ts';
import { proposalOf, saveProposal } from './records.ts';
import { indexKey, MAX_UPGRADES } from './state-codec.ts';
import { type OpenProposal, type Proposal, ProposalKind, Status } from './types.ts';

/**
 * Proposal id (PROTOCOL.md §3.5): `blake3("proto/proposal" ‖ hash of the publishing block ‖ token hash)`.
 * The publishing block's hash covers its state root, so the id is named by the next block, whose
 * header carries that hash as lastBlockHash.
 */
export function proposalId(publishingBlock: Uint8Array, token: Uint8Array, hash: Hasher): Uint8Array {
  return hash(concatBytes(DOMAIN.proposalId, publishingBlock, token));
}

/** The open proposals of the block after `parent`: those still open plus the parent's publications, named. */
function openAfter(parent: LedgerState, hash: Hasher): OpenProposal[] {
  const named = parent.gov.pending.map((p) =>
    summary({ ...p, id: proposalId(parent.blockHash, p.token, hash) }),
  );
  return [...parent.gov.open, ...named];
}

/**
 * The congress subchains the header of the block after `parent`, at `time`, checkpoints (§3.3): one
 * per open proposal whose deadline is after `time`, sorted by root. The others close in that block.
 */
export function congressRoots(parent: LedgerState, time: bigint, hash: Hasher): Uint8Array[] {
  return openAfter(parent, hash)
    .filter((o) => o.deadline > time)
    .map((o) => o.id)
    .sort(compareBytes);
}

/** Begin-block: names the parent's publications, stores and indexes them, and opens their congress. */
export function activate(d: Draft): void {
  if (d.gov.pending.length === 0) return;
  const open = [...d.gov.open];
  for (const pending of d.gov.pending) {
    const p = { ...pending, id: proposalId(d.parent.blockHash, pending.token, d.env.hash) };
    saveProposal(d, p);
    d.setEntry(indexKey(p.seq), p.id);
    open.push(summary(p));
    d.events.push({ kind: 'proposal-open', ...summary(p) });
  }
  d.gov = { ...d.gov, pending: [], open };
}

/**
 * End-block: tallies every open proposal whose deadline is not after the block time (§3.5). Passed iff
 * yes >= floor(2Q/3) + 1 and not vetoed; a passed parameter proposal changes the parameters the next
 * height uses; a passed upgrade is recorded, or `expired` when its height is not above this block's.
 */
export function tallyDue(d: Draft, ctx: BlockContext): void {
  const due = d.gov.open.filter((o) => o.deadline <= ctx.time);
  if (due.length === 0) return;
  d.gov = { ...d.gov, open: d.gov.open.filter((o) => o.deadline > ctx.time) };
  for (const o of due) close(d, proposalOf(d, o.id)!, ctx);
}

function close(d: Draft, p: Proposal, ctx: BlockContext): void {
  const status = outcome(p, ctx.height);
  saveProposal(d, { ...p, status, closedAt: ctx.height });
  if (status === Status.passed && p.kind === ProposalKind.parameter) {
    const next = withChanges(d.gov.params, d.minFee, p.changes);
    d.gov = { ...d.gov, params: next.params };
    d.minFee = next.minFee;
  }
  if (status === Status.passed && p.kind === ProposalKind.upgrade) {
    const upgrades = [...d.gov.upgrades, { ...p.upgrade!, proposal: p.id }].slice(-MAX_UPGRADES);
    d.gov = { ...d.gov, upgrades };
  }
  d.events.push({ kind: 'proposal-close', proposal: p.id, status });
}

/** The threshold of §3.5: floor(2Q/3) + 1 yes votes. */
export const passThreshold = (size: number): number => Math.floor((2 * size) / 3) + 1;

/** The status a proposal closes with at `height`. */
export function outcome(p: Proposal, height: Height): Status {
  if (p.veto) return Status.vetoed;
  const yes = p.votes.filter((v) => v.choice === 1).length;
  if (yes < passThreshold(p.size)) return Status.rejected;
  if (p.kind === ProposalKind.upgrade && p.upgrade!.height <= height) return Status.expired;
  return Status.passed;
}

function summary(p: Proposal): OpenProposal {
  return { id: p.id, t0: p.t0, deadline: p.deadline, size: p.size, rootTarget: p.rootTarget };
}
