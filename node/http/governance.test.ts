import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../core/bytes.ts';
import { sign } from '../../core/crypto/ed25519.ts';
import {
  Choice,
  decodeProof,
  encodeTx,
  PARAM_IDS,
  PARAMS_KEY,
  ProposalKind,
  proposalKey,
  type TxBody,
  TxType,
  txSignBytes,
  VETO_KEY,
  verifyValueProof,
} from '../../core/ledger/index.ts';
import { TokenType } from '../../core/token/block.ts';
import { chainId, type NetworkParams } from '../../core/token/params.ts';
import { bodyErrors } from '../../test/api-schema.ts';
import { easyPreset, mine } from '../../test/gen/chain.ts';
import { nowNs } from '../chain.ts';
import { generateKeyPair } from '../crypto/keys.ts';
import type { RunningNode } from '../service.ts';
import { type OneValidator, startOneValidator } from './one-validator.fixture.ts';

const S = 1_000_000_000n;
const other = generateKeyPair();
let one: OneValidator;
let v: OneValidator['key'];
let params: NetworkParams;
let node: RunningNode;
let url: string;

beforeAll(async () => {
  one = await startOneValidator('gov-http', 0x90f, {
    // room for the votes on a loaded machine; tokens mined from two minutes before now
    preset: { ...easyPreset(), blockInterval: 200_000_000n, votingPeriod: 20n * S, congressSize: 3 },
    genesisTime: nowNs() - 120n * S,
  });
  ({ node, url, params, key: v } = one);
});
afterAll(() => one.stop());

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes
async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`);
  const body = await res.json();
  expect(bodyErrors('GET', path, res.status, body), path).toEqual([]);
  return { status: res.status, body };
}

async function until<T>(check: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await check();
    if (r) return r;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((res) => setTimeout(res, 100));
  }
}

function txHex(body: TxBody, secret = v.secret): string {
  return toHex(encodeTx({ ...body, signature: sign(txSignBytes(chainId(params), body), secret) }));
}

async function post(tx: string): Promise<{ status: number; code: string | undefined }> {
  const res = await fetch(`${url}/v1/txs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tx }),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code };
}

/** Mines a token on `prev` with a time `offset` ns after `base`, adds it to the node's chain. */
function token(prev: Uint8Array, type: number, time: bigint, key = v.publicKey) {
  const m = mine(node.chain.dag, { prev, type, time, key });
  const out = node.chain.submit([m.bytes]).outcomes[0]!;
  expect(out.status === 'invalid' ? out.error.message : out.status).toBe('added');
  return m;
}

const cid = () => {
  const c = new Uint8Array(36).fill(4);
  c.set([1, 0x70, 0x12, 0x20]);
  return c;
};

function publishBody(tokenBytes: Uint8Array, over: Partial<TxBody> = {}): TxBody {
  return {
    type: TxType.publish,
    token: tokenBytes,
    signer: v.publicKey,
    kind: ProposalKind.parameter,
    cid: cid(),
    title: new TextEncoder().encode('Lower the fee'),
    changes: [{ id: PARAM_IDS.minFee, value: 0n }],
    upgrade: undefined,
    ...over,
  } as TxBody;
}

function verified(body: { stateRoot: string; value: string | null; proof: string }, stateKey: Uint8Array) {
  const value = body.value === null ? undefined : fromHex(body.value)!;
  return verifyValueProof(fromHex(body.stateRoot, 32)!, stateKey, value, decodeProof(fromHex(body.proof)!));
}

describe('governance over HTTP', () => {
  it('publishes, mines a congress, votes, tallies and changes minFee; every answer carries a proof', async () => {
    const g = params.genesisTime;
    const p1 = token(node.chain.dag.genesisHash, TokenType.proposal, g + S);
    const p2 = token(p1.hash, TokenType.proposal, g + 2n * S);
    await until(
      async () => (await get('/v1/ledger/head')).body.header?.checkpoints?.proposal === toHex(p2.hash),
    );

    const long = new TextEncoder().encode('x'.repeat(129));
    const badCid = cid();
    badCid[1] = 0x71;
    const fixed = [{ id: PARAM_IDS.tokenUses, value: 61n }];
    expect((await post(txHex(publishBody(p1.bytes, { title: long } as Partial<TxBody>)))).code).toBe(
      'title-too-long',
    );
    expect((await post(txHex(publishBody(p1.bytes, { cid: badCid } as Partial<TxBody>)))).code).toBe(
      'bad-cid',
    );
    expect((await post(txHex(publishBody(p1.bytes, { changes: fixed } as Partial<TxBody>)))).code).toBe(
      'param-fixed',
    );
    const stolen = publishBody(p1.bytes, { signer: other.publicKey } as Partial<TxBody>);
    expect((await post(txHex(stolen, other.secret))).code).toBe('not-token-owner');
    expect((await post(txHex(publishBody(p1.bytes)))).status).toBe(202);

    const list = await until(async () => {
      const r = await get('/v1/proposals?status=open');
      return r.body.proposals.length === 1 && r.body;
    });
    const p = list.proposals[0];
    expect(p).toMatchObject({
      kind: 'parameter',
      status: 'open',
      title: 'Lower the fee',
      congressSize: 3,
      seq: 1,
    });
    expect(p.changes).toEqual([{ parameter: 'minFee', value: '0' }]);
    expect(verified({ ...p, stateRoot: list.stateRoot }, proposalKey(fromHex(p.id, 32)!))).toBe(true);
    expect((await post(txHex(publishBody(p1.bytes)))).code).toBe('token-used');
    expect((await get('/v1/proposals?status=bogus')).status).toBe(400);
    expect((await get('/v1/proposals?limit=0')).status).toBe(400);
    expect((await get(`/v1/proposals/${'ab'.repeat(32)}`)).status).toBe(404);

    const id = fromHex(p.id, 32)!;
    await until(async () => node.chain.dag.has(id));
    const t0 = BigInt(p.votingStarts);
    const c1 = token(id, TokenType.congress, t0 + 1n); // after the root; checkpointed once 2 s old
    const c2 = token(c1.hash, TokenType.congress, t0 + 2n);
    const c3 = token(c2.hash, TokenType.congress, t0 + 3n);
    const extra = mine(node.chain.dag, {
      prev: c3.hash,
      type: TokenType.congress,
      time: t0 + 4n,
      key: v.publicKey,
    });
    const cap = await fetch(`${url}/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: extra.bytes,
    });
    expect(((await cap.json()) as { error: { code: string } }).error.code).toBe('congress-cap');

    const vote = (m: { bytes: Uint8Array }, choice: Choice) =>
      txHex({ type: TxType.vote, token: m.bytes, signer: v.publicKey, proposal: id, choice });
    await until(async () => (await post(vote(c1, Choice.yes))).status === 202);
    expect((await post(vote(c2, Choice.yes))).status).toBe(202);
    expect((await post(vote(c3, Choice.yes))).status).toBe(202);
    const one = await until(async () => {
      const r = await get(`/v1/proposals/${p.id}`);
      return r.body.votes.length === 3 && r.body;
    });
    expect(one.tally).toEqual({ yes: 3, no: 0, abstain: 0, needed: 3 });
    expect(verified(one, proposalKey(id))).toBe(true);
    expect((await post(vote(c1, Choice.no))).code).toBe('already-voted');
    const veto = await post(txHex({ type: TxType.veto, signer: v.publicKey, proposal: id }));
    expect(veto.code).toBe('veto-not-upgrade');

    const tok = await get(`/v1/ledger/tokens/${toHex(c1.hash)}`);
    expect(tok.body.entry).toMatchObject({ use: 'voted', owner: toHex(v.publicKey), seq: 0 });

    const closed = await until(async () => {
      const r = await get(`/v1/proposals/${p.id}`);
      return r.body.status !== 'open' && r.body;
    });
    expect(closed.status).toBe('passed');
    const ps = (await get('/v1/params')).body;
    expect(ps.ledger.minFee).toBe('0');
    expect(verified(ps.ledger, PARAMS_KEY)).toBe(true);
    expect((await get('/v1/proposals?status=passed')).body.proposals).toHaveLength(1);
    expect((await get('/v1/proposals?status=open')).body.proposals).toHaveLength(0);

    const vetoState = await get('/v1/veto');
    expect(vetoState.body).toMatchObject({ key: toHex(v.publicKey), seq: 0, delegates: [] });
    expect(verified(vetoState.body, VETO_KEY)).toBe(true);
  }, 60_000);
});
