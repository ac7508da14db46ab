import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeTxBatch, MAX_TX_BATCH_BODY } from '../../core/api/tx-batch.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import { sign } from '../../core/crypto/ed25519.ts';
import { decodeProof, encodeTx, TxType, txSignBytes, verifyAccountProof } from '../../core/ledger/index.ts';
import { chainId, type NetworkParams } from '../../core/token/params.ts';
import { bodyErrors } from '../../test/api-schema.ts';
import { seededRng } from '../../test/seed.ts';
import { type OneValidator, startOneValidator } from './one-validator.fixture.ts';

const keys = seededRng(0x1ed9e8);
let url: string;
let params: NetworkParams;
let v: { publicKey: Uint8Array; secret: Uint8Array };
let fixture: OneValidator;
beforeAll(async () => {
  fixture = await startOneValidator('ledger-http', 0x1ed9e7);
  ({ url, params, key: v } = fixture);
  await until(async () => (await get('/v1/ledger/head')).body.height >= 2);
});
afterAll(() => fixture.stop());

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes
async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`);
  const body = await res.json();
  expect(bodyErrors('GET', path, res.status, body)).toEqual([]);
  return { status: res.status, body };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function transfer(to: Uint8Array, amount: bigint, nonce: bigint): string {
  const body = { type: TxType.transfer, from: v.publicKey, to, amount, fee: 1n, nonce } as const;
  return toHex(encodeTx({ ...body, signature: sign(txSignBytes(chainId(params), body), v.secret) }));
}

const post = (body: string, type = 'application/json') =>
  fetch(`${url}/v1/txs`, { method: 'POST', headers: { 'content-type': type }, body });

describe('ledger HTTP routes', () => {
  it('serve the head and committed blocks with their commits', async () => {
    const { body: h } = await get('/v1/ledger/head');
    expect(h.header.height).toBe(h.height);
    const { status, body: b } = await get('/v1/ledger/blocks/1');
    expect(status).toBe(200);
    expect(b.header.height).toBe(1);
    expect(b.commit.blockHash).toBe(b.hash);
    expect(b.commit.signatures).toHaveLength(1);
    for (const bad of ['0', 'abc', '01', '-1'])
      expect((await get(`/v1/ledger/blocks/${bad}`)).status).toBe(400);
    expect((await get('/v1/ledger/blocks/999999')).status).toBe(404);
  });

  it('answer accounts with a proof against the head state root, present or absent', async () => {
    const stranger = keys.keyPair().publicKey;
    for (const key of [v.publicKey, stranger]) {
      const { body: a } = await get(`/v1/accounts/${toHex(key)}`);
      const account =
        a.balance === '0' && a.nonce === '0'
          ? undefined
          : { balance: BigInt(a.balance), nonce: BigInt(a.nonce) };
      const proof = decodeProof(fromHex(a.proof)!);
      expect(verifyAccountProof(fromHex(a.stateRoot)!, key, account, proof)).toBe(true);
      expect(verifyAccountProof(fromHex(a.stateRoot)!, key, { balance: 1n, nonce: 9n }, proof)).toBe(false);
    }
    expect((await get('/v1/accounts/zz')).status).toBe(400);
  });

  it('list the validator queue', async () => {
    const { body } = await get('/v1/validators');
    expect(body.validators).toEqual([toHex(v.publicKey)]);
    expect(body.queue[0].uses).toBeLessThan(1000);
    expect(body.pending).toEqual([]);
  });

  it('admit transactions to the mempool and commit them; refuse malformed ones', async () => {
    const to = keys.keyPair().publicKey;
    const { body: a } = await get(`/v1/accounts/${toHex(v.publicKey)}`);
    const tx = transfer(to, 777n, BigInt(a.nonce));
    const res = await post(JSON.stringify({ tx }));
    expect(res.status).toBe(202);
    await until(async () => (await get(`/v1/accounts/${toHex(to)}`)).body.balance === '777');
    expect((await post(JSON.stringify({ tx }))).status).toBe(400); // its nonce is spent now
    expect((await post('{"tx":"00"}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await post('ab', 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ tx: 'aa'.repeat(5000) }))).status).toBe(413);
  });

  it('admit a batch of transactions with one result each, in order; refuse a batch that does not decode', async () => {
    const { body: a } = await get(`/v1/accounts/${toHex(v.publicKey)}`);
    const x = keys.keyPair().publicKey;
    const y = keys.keyPair().publicKey;
    const ahead = transfer(x, 5n, BigInt(a.nonce) + 1n);
    const good = transfer(x, 11n, BigInt(a.nonce));
    const far = transfer(y, 12n, BigInt(a.nonce) + 65n);
    const batch = encodeTxBatch([fromHex(ahead)!, fromHex(good)!, fromHex(far)!, new Uint8Array([0xff])]);
    const postBatch = (body: Uint8Array, type = 'application/octet-stream') =>
      fetch(`${url}/v1/txs/batch`, { method: 'POST', headers: { 'content-type': type }, body });
    const res = await postBatch(batch);
    expect(res.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: the JSON answer
    const { results } = (await res.json()) as any;
    expect(results).toHaveLength(4);
    expect(results[0]).toMatchObject({ status: 'pending' });
    expect(results[1]).toMatchObject({ status: 'pending' });
    expect(results[2].error.code).toBe('bad-nonce');
    expect(results[3].error.code).toMatch(/^bad-/);
    await until(async () => (await get(`/v1/accounts/${toHex(x)}`)).body.balance === '16');
    expect((await get(`/v1/accounts/${toHex(y)}`)).body.balance).toBe('0');
    const refused = await postBatch(batch.subarray(0, batch.length - 1));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('bad-body');
    expect((await postBatch(batch, 'application/json')).status).toBe(415);
    expect((await postBatch(new Uint8Array(MAX_TX_BATCH_BODY + 1))).status).toBe(413);
  });

  it('announce new blocks on the websocket', async () => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ledger/subscribe`);
    const message = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(d.toString()));
      ws.once('error', reject);
    });
    ws.close();
    const m = JSON.parse(message);
    expect(m.type).toBe('block');
    expect(m.height).toBeGreaterThan(0);
    expect((await get(`/v1/ledger/blocks/${m.height}`)).body.hash).toBe(m.hash);
  });
});
