import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { chainId, type NetworkParams } from '../../core/token/params.ts';
import { bodyErrors } from '../../test/api-schema.ts';
import { type OneValidator, startOneValidator } from './one-validator.fixture.ts';

let url: string;
let params: NetworkParams;
let v: { publicKey: Uint8Array; secret: Uint8Array };
let fixture: OneValidator;
beforeAll(async () => {
  fixture = await startOneValidator('tx-route', 0x7e);
  ({ url, params, key: v } = fixture);
});
afterAll(() => fixture.stop());

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes
async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`);
  const body = await res.json();
  expect(bodyErrors('GET', path, res.status, body)).toEqual([]);
  return { status: res.status, body };
}

function transfer(nonce: bigint): Uint8Array {
  const body = {
    type: TxType.transfer,
    from: v.publicKey,
    to: new Uint8Array(32).fill(5),
    amount: 10n,
    fee: 1n,
    nonce,
  } as const;
  return encodeTx(signTx(chainId(params), body, v.secret));
}

describe('GET /v1/txs/{hash}', () => {
  it('finds a transaction pending, then committed at its height', async () => {
    const raw = transfer(0n);
    const posted = await fetch(`${url}/v1/txs`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: raw,
    });
    const { hash } = (await posted.json()) as { hash: string };
    const first = await get(`/v1/txs/${hash}`);
    expect(first.status).toBe(200);
    expect(['pending', 'committed']).toContain(first.body.status);
    expect(first.body.raw).toBe(toHex(raw));
    let seen = first.body;
    const end = Date.now() + 15_000;
    while (seen.status !== 'committed' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      seen = (await get(`/v1/txs/${hash}`)).body;
    }
    expect(seen.status).toBe('committed');
    const block = await get(`/v1/ledger/blocks/${seen.height}`);
    expect(block.body.hash).toBe(seen.blockHash);
    expect(block.body.txs[seen.index]).toEqual(seen.tx);
    expect(seen.tx).toMatchObject({ type: 'transfer', amount: '10', nonce: '0' });
  });

  it('answers 404 for an unknown hash and 400 for a malformed one', async () => {
    const unknown = await get(`/v1/txs/${'ab'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not-found');
    for (const bad of ['AB'.repeat(32), 'ab'.repeat(31), 'zz'.repeat(32)]) {
      const res = await get(`/v1/txs/${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad-hash');
    }
  });
});
