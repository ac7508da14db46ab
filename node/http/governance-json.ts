/**
 * JSON views of governance objects (docs/api.md, Governance): CIDs in base32 (`bafy…`), titles as
 * text, choices, kinds and statuses by name, integers that may pass 2^53 as decimal strings.
 */
import type { GovParams } from '../../core/ledger/index.ts';

export { proposalJson, vetoJson } from '../../core/api/governance-json.ts';

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
