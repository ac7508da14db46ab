/**
 * The state reads the edge serves from UPSTREAM (accounts, validators, proposals, veto, ledger
 * tokens): the node's real answers (core/api views of a committed TestLedger the edge verified) are
 * served as they came, with the moving cache policy; forged answers (a changed field, a proof that
 * does not hold, an anchor the edge has not verified or another block's) are refused with 502 naming
 * what failed, an answer ahead of the edge with 503 retry, a missing or failing upstream with 503/502.
 * UPSTREAM is a stubbed `fetch` answering like a node.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { vetoJson } from '../../core/api/governance-json.ts';
import { validatorsJson } from '../../core/api/ledger.ts';
import { proofJson } from '../../core/api/proofs.ts';
import { toHex } from '../../core/bytes.ts';
import { accountKey, EMPTY_VETO, proposalKey, tokenKey, VETO_KEY } from '../../core/ledger/index.ts';
import { MOVING } from '../../edge/cache.ts';
import { edgeStores } from '../../edge/stores/index.ts';
import worker from '../../edge/worker.ts';
import { committedChain } from './ledger-chain.ts';

const UPSTREAM = 'http://upstream.test';
const chain = committedChain(2);
const state = chain.ledger.state;
const key = 'ab'.repeat(32);
const token = 'cd'.repeat(32);
const proposal = 'ef'.repeat(32);

/** What the node answers at its head (node/http: ledger.ts, light.ts, governance.ts). */
function nodeAnswers(): Record<string, unknown> {
  const anchor = proofJson(state, VETO_KEY);
  return {
    [`/v1/accounts/${key}`]: { key, balance: '0', nonce: '0', ...proofJson(state, accountKey(hex(key))) },
    '/v1/validators': validatorsJson(state),
    '/v1/validators?height=2': {
      height: 2,
      blockHash: toHex(state.blockHash),
      validators: chain.lists[1]!.map(toHex),
    },
    '/v1/veto': { ...vetoJson(EMPTY_VETO, chain.ledger.params.vetoKey), ...anchor },
    [`/v1/ledger/tokens/${token}`]: {
      hash: token,
      entry: null,
      proof: proofJson(state, tokenKey(hex(token))),
    },
    '/v1/proposals?after=0&limit=20': {
      height: anchor.height,
      blockHash: anchor.blockHash,
      stateRoot: anchor.stateRoot,
      status: null,
      after: 0,
      proposals: [],
      next: null,
    },
  };
}

function hex(s: string): Uint8Array {
  return Uint8Array.from(s.match(/../g)!.map((b) => Number.parseInt(b, 16)));
}

/** Stubs UPSTREAM: `answers` by path (a Response, a JSON body, or an Error to throw). */
function upstream(answers: Record<string, unknown>): string[] {
  const asked: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const path = `${url.pathname}${url.search}`;
    asked.push(path);
    const a = answers[path];
    if (a instanceof Error) throw a;
    if (a instanceof Response) return a;
    if (a === undefined) return Response.json({ error: { code: 'not-found' } }, { status: 404 });
    return Response.json(a);
  });
  return asked;
}

async function get(path: string, upstreamUrl: string | null = UPSTREAM) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://edge${path}`, { headers: { 'cache-control': 'no-cache' } }),
    { ...env, UPSTREAM: upstreamUrl ?? undefined },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const body = (await res.json()) as Record<string, unknown> & {
    error?: { code: string; message: string; action: string };
  };
  return { status: res.status, cache: res.headers.get('cache-control'), body };
}

beforeAll(async () => {
  for (const b of chain.blocks) expect(await edgeStores(env).addLedgerBlock(b)).toEqual({ outcome: 'added' });
});
afterEach(() => vi.restoreAllMocks());

describe('state reads verified at the edge', () => {
  it('serves the node’s own answers once verified, as moving values', async () => {
    const answers = nodeAnswers();
    upstream(answers);
    for (const [path, body] of Object.entries(answers)) {
      const res = await get(path === '/v1/proposals?after=0&limit=20' ? '/v1/proposals' : path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 200, body });
      expect(res.cache).toBe(MOVING);
    }
  });

  it('refuses forged answers with 502 naming the failed check, and stores nothing in the cache', async () => {
    const a = nodeAnswers() as Record<string, Record<string, unknown>>;
    const validators = a['/v1/validators']!;
    const veto = a['/v1/veto']!;
    const tokenAnswer = a[`/v1/ledger/tokens/${token}`]!;
    const otherRoot = `${'00'.repeat(31)}01`;
    const forged: [string, unknown, string][] = [
      [`/v1/accounts/${key}`, { ...a[`/v1/accounts/${key}`], balance: '1000' }, 'value-mismatch'],
      ['/v1/validators', { ...validators, pending: [{ key: key, uses: 3 }] }, 'value-mismatch'],
      ['/v1/validators', { ...validators, height: 7 }, 'value-mismatch'],
      ['/v1/validators?height=2', { ...a['/v1/validators?height=2'], validators: [key] }, 'bad-validators'],
      ['/v1/veto', { ...veto, delegates: [key] }, 'value-mismatch'],
      ['/v1/veto', { ...veto, stateRoot: otherRoot }, 'bad-proof'],
      ['/v1/veto', { ...veto, blockHash: toHex(new Uint8Array(32)) }, 'bad-header'],
      [
        `/v1/ledger/tokens/${token}`,
        { ...tokenAnswer, entry: { owner: key, seq: 1, movedAt: 1, use: 'none' } },
        'value-mismatch',
      ],
      [
        `/v1/proposals/${proposal}`,
        { id: proposal, title: 'forged', ...proofJson(state, proposalKey(hex(proposal))) },
        'value-mismatch',
      ],
      [
        '/v1/proposals?status=open&after=0&limit=5',
        {
          ...a['/v1/proposals?after=0&limit=20'],
          proposals: [{ id: proposal, ...proofJson(state, proposalKey(hex(proposal))) }],
        },
        'value-mismatch',
      ],
    ];
    for (const [path, body, code] of forged) {
      upstream({ [path]: body });
      const res = await get(path);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 502,
        code: 'upstream-failed',
      });
      expect(res.body.error!.message).toContain(code);
      expect(res.cache).toBe('no-store');
      vi.restoreAllMocks();
    }
  });

  it('answers 503 retry for an answer anchored above the edge’s head', async () => {
    const veto = nodeAnswers()['/v1/veto'] as Record<string, unknown>;
    upstream({ '/v1/veto': { ...veto, height: 3 } });
    const res = await get('/v1/veto');
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'upstream-failed', action: 'retry' });
  });

  it('says when upstream is missing, unreachable or failing, and passes a proposal 404 on as unproven', async () => {
    expect((await get('/v1/validators', null)).body.error?.code).toBe('no-upstream');
    expect((await get('/v1/validators', null)).status).toBe(503);
    upstream({
      '/v1/veto': new TypeError('connection refused'),
      '/v1/validators': new Response('oops', { status: 500 }),
    });
    const down = await get('/v1/veto');
    expect([down.status, down.body.error?.code]).toEqual([502, 'upstream-failed']);
    expect(down.body.error!.message).toContain('unreachable');
    const failing = await get('/v1/validators');
    expect(failing.body.error!.message).toContain('500');
    const missing = await get(`/v1/proposals/${proposal}`);
    expect([missing.status, missing.body.error?.code]).toEqual([404, 'not-found']);
    expect(missing.body.error!.message).toContain('not proven');
  });

  it('checks its own inputs before asking upstream', async () => {
    const asked = upstream({});
    for (const path of [
      '/v1/proposals?status=bogus',
      '/v1/proposals?limit=0',
      '/v1/proposals?limit=101',
      '/v1/proposals?x=1',
      '/v1/validators?height=0',
      '/v1/validators?height=abc',
      '/v1/veto?x=1',
    ])
      expect((await get(path)).body.error?.code).toBe('bad-query');
    for (const path of ['/v1/proposals/zz', '/v1/ledger/tokens/12', `/v1/accounts/${key.toUpperCase()}`])
      expect((await get(path)).body.error?.code).toBe('bad-hash');
    expect(asked).toEqual([]);
  });
});
