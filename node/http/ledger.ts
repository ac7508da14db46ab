/**
 * Ledger routes (docs/api.md, Ledger): the head, committed blocks with their commits, accounts with a
 * proof against the head's state root, the validator queue, transaction submission, recorded
 * equivocations, and a websocket that announces each new block.
 */
import { upgradeWebSocket } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import type { WSContext } from 'hono/ws';
import { apiError, protoApiError } from '../../core/api/errors.ts';
import {
  accountJson,
  LEDGER_ROUTES,
  type LedgerBlockJson,
  type LedgerHeadJson,
  ledgerBlockJson,
  ledgerHeadJson,
  type ValidatorsJson,
  validatorsJson,
} from '../../core/api/ledger.ts';
import { decodeTxBatch, MAX_TX_BATCH_BODY } from '../../core/api/tx-batch.ts';
import { parsePageQuery } from '../../core/api/validate.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import { isProtoError } from '../../core/errors.ts';
import { decodeCommit, proveAccount, supplyAt } from '../../core/ledger/index.ts';
import { MAX_TX_BYTES } from '../../core/p2p/limits.ts';
import { loadCommittedEvidence, loadEvidence } from '../../core/store/ledger-queries.ts';
import { LedgerChain } from '../ledger/chain.ts';
import type { Admission } from '../ledger/mempool.ts';
import type { LedgerNode } from '../ledger/service.ts';
import { limitBody } from './body-limit.ts';
import { lightRoutes, validatorsAt } from './light.ts';
import { fail, need } from './respond.ts';

/** Websocket subscribers at once; further ones are refused. Each is dropped when 1 MiB of sends queue up. */
export const MAX_SUBSCRIBERS = 64;
const MAX_SUBSCRIBER_BUFFER = 1024 * 1024;
/** Largest body of `POST /v1/txs`: a transaction as hex in a JSON wrapper. */
export const MAX_TX_BODY = 2 * MAX_TX_BYTES + 64;

/** The ledger routes over a running ledger. */
export function ledgerRoutes(node: LedgerNode): Hono {
  const app = new Hono();
  const { ledger, host } = node;

  app.get(LEDGER_ROUTES.head, (c) => {
    const [row] = ledger.height > 0 ? ledger.rows(ledger.height, 1) : [];
    const header = row ? LedgerChain.decode(row.block).block.header : null;
    const s = host.state;
    const consensus = { height: s.height, round: s.round, step: s.step, validators: s.validators };
    return c.json(
      ledgerHeadJson(ledger.state, header, consensus, node.mempool.size) satisfies LedgerHeadJson,
    );
  });

  app.get(LEDGER_ROUTES.block, (c) => {
    const text = c.req.param('height');
    const height = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : 0;
    if (height < 1) return fail(c, apiError(400, 'bad-query', 'a block height is a decimal integer >= 1'));
    const row = height <= ledger.height ? ledger.rows(height, 1)[0] : undefined;
    if (!row) return fail(c, apiError(404, 'not-found', `no committed block ${height}`));
    const { block } = LedgerChain.decode(row.block);
    const json = ledgerBlockJson(
      height,
      row.hash,
      block,
      row.block,
      decodeCommit(row.commit),
      supplyAt(ledger.state.genesisSupply, height),
    );
    return c.json(json satisfies LedgerBlockJson);
  });

  app.get(LEDGER_ROUTES.account, (c) => {
    const key = fromHex(c.req.param('key'), 32);
    if (!key) return fail(c, apiError(400, 'bad-hash', 'an account key is 64 lowercase hex digits'));
    const state = ledger.state;
    const { account, proof } = proveAccount(state, key);
    return c.json(accountJson(state, key, account, proof));
  });

  app.get(LEDGER_ROUTES.validators, (c) => {
    if (c.req.query('height') !== undefined) return validatorsAt(c, node);
    return c.json(validatorsJson(ledger.state) satisfies ValidatorsJson);
  });

  app.get(LEDGER_ROUTES.evidence, (c) => {
    const { after, limit } = need(c, parsePageQuery(c.req.queries()));
    const committed = loadCommittedEvidence(node.store.db, after, limit);
    const rows = loadEvidence(node.store.db, 0, 1000);
    return c.json({
      committed: committed.map((e) => ({
        ...e,
        offender: toHex(e.offender),
        reporter: toHex(e.reporter),
      })),
      next: committed.length === limit ? committed.at(-1)!.id : null,
      evidence: rows.map((r) => ({
        ...r,
        validator: toHex(r.validator),
        first: toHex(r.first),
        second: toHex(r.second),
      })),
    });
  });

  app.route('/', lightRoutes(node));
  app.post(LEDGER_ROUTES.txs, limitBody(MAX_TX_BODY), (c) => submitTx(c, node));
  app.post(LEDGER_ROUTES.txBatch, limitBody(MAX_TX_BATCH_BODY), (c) => submitTxBatch(c, node));

  app.get(
    LEDGER_ROUTES.subscribe,
    upgradeWebSocket(() => subscriber(node)),
  );
  return app;
}

/** `POST /v1/txs`: raw bytes (application/octet-stream) or `{"tx": "<hex>"}`; admitted to the mempool and gossiped. */
async function submitTx(c: Context, node: LedgerNode): Promise<Response> {
  const type = mediaType(c);
  const body = new Uint8Array(await c.req.arrayBuffer());
  let raw: Uint8Array | undefined;
  if (type === 'application/octet-stream') raw = body;
  else if (type === 'application/json') {
    try {
      const json = JSON.parse(new TextDecoder().decode(body)) as { tx?: unknown };
      raw = typeof json.tx === 'string' && Object.keys(json).length === 1 ? fromHex(json.tx) : undefined;
    } catch {
      raw = undefined;
    }
    if (!raw) return fail(c, apiError(400, 'bad-body', 'the JSON body must be {"tx": "<hex>"}'));
  } else
    return fail(
      c,
      apiError(415, 'unsupported-media-type', 'send application/octet-stream or application/json'),
    );
  const a = admit(node, raw);
  if (!a.ok) return fail(c, protoApiError(a.error));
  return c.json({ status: 'pending', hash: a.hash }, 202);
}

/**
 * `POST /v1/txs/batch`: application/octet-stream, `count u16 ‖ (length u16 ‖ tx)*` (core/api/tx-batch.ts),
 * up to 256 transactions; each is admitted as by `POST /v1/txs`, and the answer (200) holds one
 * result per transaction, in order. A body that does not decode is refused whole (400 bad-body).
 */
async function submitTxBatch(c: Context, node: LedgerNode): Promise<Response> {
  if (mediaType(c) !== 'application/octet-stream')
    return fail(c, apiError(415, 'unsupported-media-type', 'send application/octet-stream'));
  let raws: Uint8Array[];
  try {
    raws = decodeTxBatch(new Uint8Array(await c.req.arrayBuffer()));
  } catch (e) {
    if (!isProtoError(e)) throw e;
    return fail(c, apiError(400, 'bad-body', e.message));
  }
  const results = raws.map((raw) => {
    const a = admit(node, raw);
    return a.ok ? { status: 'pending', hash: a.hash } : protoApiError(a.error).body;
  });
  return c.json({ results }, 200);
}

/** Offers `raw` to the mempool; a transaction new to it is gossiped. */
function admit(node: LedgerNode, raw: Uint8Array): Admission {
  const a = node.mempool.add(raw, node.ledger.state, node.ledger.env);
  if (a.ok && a.fresh) node.gossip.announceTx(raw);
  return a;
}

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A websocket subscriber: one JSON message per committed block. */
function subscriber(node: LedgerNode) {
  let ws: WSContext | undefined;
  const send = (c: {
    height: number;
    hash: Uint8Array;
    block: { txs: unknown[]; header: { time: bigint; round: number } };
  }) => {
    const raw = ws?.raw as { bufferedAmount?: number } | undefined;
    if ((raw?.bufferedAmount ?? 0) > MAX_SUBSCRIBER_BUFFER) return ws?.close(1008, 'too slow');
    ws?.send(
      JSON.stringify({
        type: 'block',
        height: c.height,
        hash: toHex(c.hash),
        time: c.block.header.time.toString(),
        round: c.block.header.round,
        txs: c.block.txs.length,
      }),
    );
  };
  return {
    onOpen(_: Event, socket: WSContext) {
      ws = socket;
      if (node.subscribers.size >= MAX_SUBSCRIBERS) return socket.close(1013, 'too many subscribers');
      node.subscribers.set(socket, send);
    },
    onClose() {
      if (ws) node.subscribers.delete(ws);
    },
  };
}
