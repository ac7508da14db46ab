/**
 * `GET /v1/txs/{hash}`: a transaction by hash, pending in the mempool or committed at a height
 * (docs/api.md). Committed transactions are found through the bounded TxIndex.
 */
import { Hono } from 'hono';
import { apiError } from '../../core/api/errors.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import { encodeTx } from '../../core/ledger/index.ts';
import { LedgerChain } from '../ledger/chain.ts';
import type { LedgerNode } from '../ledger/service.ts';
import { txJson } from './ledger-json.ts';
import { fail } from './respond.ts';
import { TxIndex } from './tx-index.ts';

export const TX_ROUTE = '/v1/txs/:hash';

/** The transaction lookup route over `node`, with its index of committed transactions. */
export function txRoutes(node: LedgerNode): Hono {
  const app = new Hono();
  const index = new TxIndex(node.ledger);
  app.get(TX_ROUTE, (c) => {
    const text = c.req.param('hash');
    if (!fromHex(text, 32))
      return fail(c, apiError(400, 'bad-hash', 'a transaction hash is 64 lowercase hex digits'));
    const pending = node.mempool.get(text);
    if (pending)
      return c.json({
        hash: text,
        status: 'pending',
        height: null,
        index: null,
        blockHash: null,
        tx: txJson(pending),
        raw: toHex(encodeTx(pending)),
      });
    const place = index.find(text);
    const row = place ? node.ledger.rows(place.height, 1)[0] : undefined;
    const tx = row ? LedgerChain.decode(row.block).block.txs[place!.index] : undefined;
    if (!row || !tx) {
      const scope =
        index.oldest > 0 ? ` (committed transactions are indexed from height ${index.oldest})` : '';
      return fail(c, apiError(404, 'not-found', `no pending or committed transaction ${text}${scope}`));
    }
    return c.json({
      hash: text,
      status: 'committed',
      height: place!.height,
      index: place!.index,
      blockHash: toHex(row.hash),
      tx: txJson(tx),
      raw: toHex(encodeTx(tx)),
    });
  });
  return app;
}
