/**
 * Routes for light clients (docs/api.md, Light clients): one binary answer per height with what it
 * takes to verify that height's header, the validator list of any stored height, and ledger token
 * entries with their proofs.
 */
import { type Context, Hono } from 'hono';
import { apiError } from '../../core/api/errors.ts';
import { proofJson } from '../../core/api/proofs.ts';
import { parseHash } from '../../core/api/validate.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import { encodeLightBlock } from '../../core/client/light-block.ts';
import { decodeCommit, decodeTokenEntry, tokenKey } from '../../core/ledger/index.ts';
import { loadValidatorList } from '../../core/store/validator-lists.ts';
import { LedgerChain } from '../ledger/chain.ts';
import type { LedgerNode } from '../ledger/service.ts';
import { fail, need } from './respond.ts';

export const LIGHT_ROUTES = {
  light: '/v1/ledger/light/:height',
  token: '/v1/ledger/tokens/:hash',
} as const;

/** The light-client routes over a running ledger. */
export function lightRoutes(node: LedgerNode): Hono {
  const app = new Hono();
  const { ledger } = node;

  app.get(LIGHT_ROUTES.light, (c) => {
    const height = parseHeight(c.req.param('height'));
    if (height === undefined) return badHeight(c);
    const row = height <= ledger.height ? ledger.rows(height, 1)[0] : undefined;
    const validators = row && loadValidatorList(node.store.db, height);
    if (!row || !validators)
      return fail(c, apiError(404, 'not-found', `no light block for height ${height}`));
    const { block } = LedgerChain.decode(row.block);
    const bytes = encodeLightBlock({ header: block.header, commit: decodeCommit(row.commit), validators });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream' });
  });

  app.get(LIGHT_ROUTES.token, (c) => {
    const hash = need(c, parseHash(c.req.param('hash')));
    const state = ledger.state;
    const proof = proofJson(state, tokenKey(hash));
    const entry = proof.value === null ? null : decodeTokenEntry(fromHex(proof.value)!);
    return c.json({
      hash: toHex(hash),
      entry: entry && {
        owner: toHex(entry.owner),
        seq: entry.seq,
        movedAt: entry.movedAt,
        use: entry.use,
      },
      proof,
    });
  });
  return app;
}

/**
 * `GET /v1/validators?height=h`: the ordered list of committed height h, checked by a client against
 * header h's validatorsHash.
 */
export function validatorsAt(c: Context, node: LedgerNode): Response {
  const height = parseHeight(c.req.query('height') ?? '');
  if (height === undefined) return badHeight(c);
  const list = height <= node.ledger.height ? loadValidatorList(node.store.db, height) : undefined;
  if (!list) return fail(c, apiError(404, 'not-found', `no stored validator list for height ${height}`));
  const row = node.ledger.rows(height, 1)[0]!;
  return c.json({ height, blockHash: toHex(row.hash), validators: list.map(toHex) });
}

function parseHeight(text: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : undefined;
}

function badHeight(c: Context): Response {
  return fail(c, apiError(400, 'bad-query', 'a height is a decimal integer >= 1'));
}
