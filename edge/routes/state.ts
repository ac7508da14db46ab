/**
 * The ledger-state reads the edge serves verified (docs/edge.md, State reads), each from UPSTREAM and
 * checked with the light client's checks (core/client) against the edge's own verified header:
 *
 * - `GET /v1/validators`: the queue and pending FIFO proven at the header its queue proof names, the
 *   list of the next height their active members (`checkValidatorsAnswer`); `?height=h`: the ordered
 *   list of committed height h, hashed against header h's validatorsHash (`checkValidatorsAt`);
 * - `GET /v1/proposals/{id}`: the proposal, its votes and tally, proven (`checkProposal`);
 * - `GET /v1/proposals?status=&after=&limit=`: every listed proposal proven under the page's anchor
 *   and of the status asked (`checkProposalPage`); that the page leaves none out is not provable;
 * - `GET /v1/veto`: genesis's veto key and the proven delegates (`checkVeto`);
 * - `GET /v1/ledger/tokens/{hash}`: the token's ledger entry, or its proven absence (`checkTokenEntry`).
 */
import { type Context, Hono } from 'hono';
import { apiError } from '../../core/api/errors.ts';
import { LEDGER_ROUTES } from '../../core/api/ledger.ts';
import { fromHex } from '../../core/bytes.ts';
import {
  checkTokenEntry,
  checkValidatorsAnswer,
  checkValidatorsAt,
  type TokenEntryJson,
} from '../../core/client/answers.ts';
import {
  checkProposal,
  checkProposalPage,
  checkVeto,
  type ProposalPage,
} from '../../core/client/gov-answers.ts';
import { ProtoError } from '../../core/errors.ts';
import { STATUS_NAMES } from '../../core/ledger/index.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { anchorOf, type Ctx, fail, serveVerified } from './upstream.ts';

/** Paths of the state reads (the node's, core/api and node/http/governance.ts). */
export const STATE_ROUTES = {
  validators: LEDGER_ROUTES.validators,
  proposals: '/v1/proposals',
  proposal: '/v1/proposals/:id',
  veto: '/v1/veto',
  ledgerToken: '/v1/ledger/tokens/:hash',
} as const;

const MAX_PROPOSAL_PAGE = 100;
const HASH = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

/** The state-read routes. */
export function stateRoutes(): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();

  app.get(STATE_ROUTES.validators, async (c) => {
    const q = onlyQuery(c, ['height']);
    if (typeof q === 'string') return fail(c, apiError(400, 'bad-query', q));
    if (q.height === undefined)
      return serveVerified(c, '/v1/validators', async (json) => {
        const point = await anchorOf(c, (json.proofs as { queue?: unknown } | undefined)?.queue);
        checkValidatorsAnswer(json, point.height, point.stateRoot);
      });
    if (!DECIMAL.test(q.height) || q.height === '0')
      return fail(
        c,
        apiError(400, 'bad-query', '"height" must be a committed height, a decimal integer >= 1'),
      );
    const height = Number(q.height);
    return serveVerified(c, `/v1/validators?height=${height}`, async (json) => {
      if (json.height !== height)
        throw new ProtoError('value-mismatch', `the list is of height ${json.height}`);
      const point = await anchorOf(c, json);
      checkValidatorsAt(json, point.header!);
    });
  });

  app.get(STATE_ROUTES.proposal, async (c) => {
    const id = c.req.param('id');
    if (!HASH.test(id)) return fail(c, apiError(400, 'bad-hash', 'a proposal id is 64 lowercase hex digits'));
    return serveVerified(
      c,
      `/v1/proposals/${id}`,
      async (json) => {
        if (json.id !== id) throw new ProtoError('value-mismatch', 'the answer is for another proposal');
        const point = await anchorOf(c, json);
        checkProposal(json as Parameters<typeof checkProposal>[0], point.stateRoot);
      },
      `no proposal ${id}`,
    );
  });

  app.get(STATE_ROUTES.proposals, async (c) => {
    const q = proposalQuery(c);
    if (typeof q === 'string') return fail(c, apiError(400, 'bad-query', q));
    return serveVerified(c, `/v1/proposals?${q.search}`, async (json) => {
      const point = await anchorOf(c, json);
      const page = json as unknown as ProposalPage;
      const proposals = checkProposalPage(page, point.stateRoot);
      if (proposals.length > q.limit)
        throw new ProtoError('bad-answer', `the page holds more than ${q.limit}`);
      for (const p of proposals)
        if (q.status !== undefined && STATUS_NAMES[p.status] !== q.status)
          throw new ProtoError(
            'value-mismatch',
            `a listed proposal is ${STATUS_NAMES[p.status]}, not ${q.status}`,
          );
    });
  });

  app.get(STATE_ROUTES.veto, async (c) => {
    const q = onlyQuery(c, []);
    if (typeof q === 'string') return fail(c, apiError(400, 'bad-query', q));
    return serveVerified(c, '/v1/veto', async (json) => {
      const point = await anchorOf(c, json);
      checkVeto(json as Parameters<typeof checkVeto>[0], networkOf(c.env).params.vetoKey, point.stateRoot);
    });
  });

  app.get(STATE_ROUTES.ledgerToken, async (c) => {
    const text = c.req.param('hash');
    const hash = HASH.test(text) ? fromHex(text, 32) : undefined;
    if (!hash) return fail(c, apiError(400, 'bad-hash', 'a token hash is 64 lowercase hex digits'));
    return serveVerified(c, `/v1/ledger/tokens/${text}`, async (json) => {
      if (json.hash !== text) throw new ProtoError('value-mismatch', 'the answer is for another token');
      const point = await anchorOf(c, json.proof);
      checkTokenEntry(json as unknown as TokenEntryJson, hash, point.stateRoot);
    });
  });

  return app;
}

/** The query's single-valued parameters among `allowed`, or what is wrong with it. */
function onlyQuery(c: Context, allowed: string[]): Record<string, string | undefined> | string {
  const out: Record<string, string | undefined> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (!allowed.includes(key)) return `unknown query parameter "${key}"`;
    if (values.length !== 1) return `query parameter "${key}" is repeated`;
    out[key] = values[0];
  }
  return out;
}

/** `GET /v1/proposals`'s query as the node reads it, and the canonical query string to forward. */
function proposalQuery(c: Ctx): { status: string | undefined; limit: number; search: string } | string {
  const q = onlyQuery(c, ['status', 'after', 'limit']);
  if (typeof q === 'string') return q;
  const status = q.status;
  if (status !== undefined && !(STATUS_NAMES as readonly string[]).includes(status))
    return `"status" must be one of ${STATUS_NAMES.join(', ')}`;
  const after = q.after ?? '0';
  if (!DECIMAL.test(after)) return '"after" must be a decimal integer >= 0 (a proposal seq)';
  const limit = q.limit ?? '20';
  if (!DECIMAL.test(limit) || Number(limit) < 1 || Number(limit) > MAX_PROPOSAL_PAGE)
    return `"limit" must be a decimal integer from 1 to ${MAX_PROPOSAL_PAGE}`;
  const search = new URLSearchParams({ ...(status && { status }), after, limit }).toString();
  return { status, limit: Number(limit), search };
}
