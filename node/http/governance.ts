/**
 * Governance routes (docs/api.md, Governance): proposals (paged, by status), one proposal with its
 * votes and tally, and the veto key and its delegates (a token's ledger record: GET /v1/ledger/tokens/{hash}).
 * Every answer carries the state value it was read from and its proof against the head's stateRoot.
 */
import { type Context, Hono } from 'hono';
import { apiError } from '../../core/api/errors.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import {
  decodeProposal,
  decodeVeto,
  EMPTY_VETO,
  encodeProof,
  indexKey,
  type LedgerState,
  PARAMS_KEY,
  type Proposal,
  proposalKey,
  proveValue,
  STATUS_NAMES,
  type StateTree,
  treeOf,
  VETO_KEY,
} from '../../core/ledger/index.ts';
import type { LedgerNode } from '../ledger/service.ts';
import { govParamsJson, proposalJson, vetoJson } from './governance-json.ts';
import { fail } from './respond.ts';

export const GOVERNANCE_ROUTES = {
  proposals: '/v1/proposals',
  proposal: '/v1/proposals/:id',
  veto: '/v1/veto',
} as const;

/** Largest page of proposals; proposals looked at per request when filtering by status. */
export const MAX_PROPOSAL_PAGE = 100;
const MAX_SCAN = 10_000;

function anchor(state: LedgerState) {
  return { height: state.height, blockHash: toHex(state.blockHash), stateRoot: toHex(state.root) };
}

function proved(state: LedgerState, stateKey: Uint8Array) {
  const { value, proof } = proveValue(state, stateKey);
  return { value, json: { value: value ? toHex(value) : null, proof: toHex(encodeProof(proof)) } };
}

/** The governance routes over a running ledger and the token chain. */
export function governanceRoutes(node: LedgerNode): Hono {
  const app = new Hono();
  const { ledger } = node;

  app.get(GOVERNANCE_ROUTES.proposals, (c) => {
    const q = parseProposalQuery(c);
    if ('error' in q) return fail(c, apiError(400, 'bad-query', q.error));
    const state = ledger.state;
    const tree = treeOf(state);
    const items = [];
    let seq = BigInt(q.after);
    let scanned = 0;
    while (seq < state.gov.count && items.length < q.limit && scanned < MAX_SCAN) {
      seq++;
      scanned++;
      const p = proposalAt(tree, seq);
      if (!p || (q.status !== undefined && STATUS_NAMES[p.status] !== q.status)) continue;
      items.push({ ...proposalJson(p), ...proved(state, proposalKey(p.id)).json });
    }
    const next = seq < state.gov.count ? Number(seq) : null;
    return c.json({ ...anchor(state), status: q.status ?? null, after: q.after, proposals: items, next });
  });

  app.get(GOVERNANCE_ROUTES.proposal, (c) => {
    const id = fromHex(c.req.param('id'), 32);
    if (!id) return fail(c, apiError(400, 'bad-hash', 'a proposal id is 64 lowercase hex digits'));
    const state = ledger.state;
    const { value, json } = proved(state, proposalKey(id));
    if (!value) return fail(c, apiError(404, 'not-found', `no proposal ${toHex(id)}`));
    return c.json({ ...proposalJson(decodeProposal(value)), ...anchor(state), ...json });
  });

  app.get(GOVERNANCE_ROUTES.veto, (c) => {
    const state = ledger.state;
    const { value, json } = proved(state, VETO_KEY);
    const veto = value ? decodeVeto(value) : EMPTY_VETO;
    return c.json({ ...vetoJson(veto, state.config.vetoKey), ...anchor(state), ...json });
  });

  return app;
}

/** The ledger's governable parameters with their proof (for GET /v1/params). */
export function ledgerParamsJson(state: LedgerState) {
  return {
    ...govParamsJson(state.gov.params, state.minFee),
    ...anchor(state),
    ...proved(state, PARAMS_KEY).json,
  };
}

function proposalAt(tree: StateTree, seq: bigint): Proposal | undefined {
  const id = tree.get(indexKey(seq));
  const bytes = id && tree.get(proposalKey(id));
  return bytes && decodeProposal(bytes);
}

type ProposalQuery = { status: string | undefined; after: number; limit: number };

function parseProposalQuery(c: Context): ProposalQuery | { error: string } {
  const query = c.req.queries();
  for (const [key, values] of Object.entries(query)) {
    if (!['status', 'after', 'limit'].includes(key)) return { error: `unknown query parameter "${key}"` };
    if (values.length !== 1) return { error: `query parameter "${key}" is repeated` };
  }
  const status = query.status?.[0];
  if (status !== undefined && !(STATUS_NAMES as readonly string[]).includes(status)) {
    return { error: `"status" must be one of ${STATUS_NAMES.join(', ')}` };
  }
  const after = decimal(query.after?.[0], 0, 0);
  if (after === undefined) return { error: '"after" must be a decimal integer >= 0 (a proposal seq)' };
  const limit = decimal(query.limit?.[0], 1, 20);
  if (limit === undefined || limit > MAX_PROPOSAL_PAGE) {
    return { error: `"limit" must be a decimal integer from 1 to ${MAX_PROPOSAL_PAGE}` };
  }
  return { status, after, limit };
}

function decimal(text: string | undefined, min: number, absent: number): number | undefined {
  if (text === undefined) return absent;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min ? n : undefined;
}
