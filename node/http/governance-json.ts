/**
 * JSON views of governance objects (docs/api.md, Governance): CIDs in base32 (`bafy…`), titles as
 * text, choices, kinds and statuses by name, integers that may pass 2^53 as decimal strings.
 */
import { CID } from 'multiformats/cid';
import { changesJson } from '../../core/api/governance-json.ts';
import { toHex } from '../../core/bytes.ts';
import {
  CHOICE_NAMES,
  type GovParams,
  KIND_NAMES,
  type Proposal,
  passThreshold,
  STATUS_NAMES,
} from '../../core/ledger/index.ts';

/** The base32 text form of a binary CID. */
export function cidText(cid: Uint8Array): string {
  try {
    return CID.decode(cid).toString();
  } catch {
    return toHex(cid);
  }
}

const title = (t: Uint8Array) => new TextDecoder().decode(t);

/** A proposal with its tally; `now` decides nothing, the status is the ledger's. */
export function proposalJson(p: Proposal) {
  const count = (c: number) => p.votes.filter((v) => v.choice === c).length;
  return {
    id: toHex(p.id),
    seq: Number(p.seq),
    kind: KIND_NAMES[p.kind],
    cid: cidText(p.cid),
    title: title(p.title),
    changes: changesJson(p.changes),
    upgrade: p.upgrade ? { name: p.upgrade.name, height: Number(p.upgrade.height) } : null,
    status: STATUS_NAMES[p.status],
    token: toHex(p.token),
    publisher: toHex(p.publisher),
    publishedAt: Number(p.height),
    votingStarts: p.t0.toString(),
    votingEnds: p.deadline.toString(),
    closedAt: p.closedAt === 0n ? null : Number(p.closedAt),
    congressSize: p.size,
    congressRootTarget: p.rootTarget.toString(16).padStart(64, '0'),
    votes: p.votes.map((v) => ({ token: toHex(v.token), choice: CHOICE_NAMES[v.choice] })),
    tally: { yes: count(1), no: count(2), abstain: count(3), needed: passThreshold(p.size) },
    veto: p.veto ? { by: toHex(p.veto.by), height: Number(p.veto.height) } : null,
  };
}

export function govParamsJson(p: GovParams, minFee: bigint) {
  return {
    minFee: minFee.toString(),
    votingPeriod: p.votingPeriod.toString(),
    congressSize: p.congressSize,
    liveProposals: p.liveProposals,
    blockBytes: p.blockBytes,
    timeouts: Object.fromEntries(Object.entries(p.timeouts).map(([k, v]) => [k, v.toString()])),
  };
}
