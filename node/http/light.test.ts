import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { decodeLightBlock } from '../../core/client/light-block.ts';
import { ProtoClient } from '../../core/client/proto-client.ts';
import { isProtoError } from '../../core/errors.ts';
import { blockHash, supplyAt } from '../../core/ledger/index.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { genesisToJson, type NetworkParams } from '../../core/token/params.ts';
import { type OneValidator, startOneValidator } from './one-validator.fixture.ts';

let url: string;
let params: NetworkParams;
let v: { publicKey: Uint8Array; secret: Uint8Array };
let fixture: OneValidator;
beforeAll(async () => {
  fixture = await startOneValidator('light-http', 0x119);
  ({ url, params, key: v } = fixture);
  for (let i = 0; i < 200; i++) {
    const head = (await (await fetch(`${url}/v1/ledger/head`)).json()) as { height: number };
    if (head.height >= 3) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no blocks');
});
afterAll(() => fixture.stop());

describe('light-client routes', () => {
  it('serves one binary light block per committed height, and 400/404 otherwise', async () => {
    const res = await fetch(`${url}/v1/ledger/light/2`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const b = decodeLightBlock(new Uint8Array(await res.arrayBuffer()));
    expect(b.header.height).toBe(2);
    expect(b.commit.blockHash).toEqual(blockHash(b.header, blake3Hash));
    expect(b.validators.map(toHex)).toEqual([toHex(v.publicKey)]);
    for (const bad of ['0', 'x', '01', '-1'])
      expect((await fetch(`${url}/v1/ledger/light/${bad}`)).status).toBe(400);
    expect((await fetch(`${url}/v1/ledger/light/999999`)).status).toBe(404);
    expect((await fetch(`${url}/v1/validators?height=999999`)).status).toBe(404);
    expect((await fetch(`${url}/v1/validators?height=abc`)).status).toBe(400);
  });

  it('puts the supply after the block in every block answer', async () => {
    const head = (await (await fetch(`${url}/v1/ledger/head`)).json()) as { height: number; supply: string };
    const block = (await (await fetch(`${url}/v1/ledger/blocks/${head.height}`)).json()) as {
      supply: string;
    };
    expect(block.supply).toBe(head.supply);
    const two = (await (await fetch(`${url}/v1/ledger/blocks/2`)).json()) as { supply: string };
    expect(two.supply).toBe(supplyAt(5_000_000n, 2).toString());
  });

  it('ProtoClient returns verified head, account, token entry and validators', async () => {
    const client = new ProtoClient(url, { genesis: genesisToJson(params) });
    const head = await client.head();
    expect(head.height).toBeGreaterThanOrEqual(3);
    expect(head.value.supply).toBe(5_000_000n);
    const account = await client.account(v.publicKey);
    expect(account.value.balance).toBeGreaterThan(0n);
    const absent = await client.account(new Uint8Array(32).fill(9));
    expect(absent.value).toEqual({ balance: 0n, nonce: 0n });
    expect((await client.token(new Uint8Array(32).fill(3))).value).toBeUndefined();
    const list = await client.validators(2);
    expect(list.value.map(toHex)).toEqual([toHex(v.publicKey)]);
    const queue = await client.validators();
    expect(queue.value.next.map(toHex)).toEqual([toHex(v.publicKey)]);
    expect(queue.value.queue).toHaveLength(1);
  });

  it('ProtoClient starting from a trusted (height, hash) refuses another hash', async () => {
    const b = decodeLightBlock(new Uint8Array(await (await fetch(`${url}/v1/ledger/light/2`)).arrayBuffer()));
    const hash = blockHash(b.header, blake3Hash);
    const ok = new ProtoClient(url, { genesis: genesisToJson(params), trust: { height: 2, hash } });
    expect((await ok.account(v.publicKey)).height).toBeGreaterThanOrEqual(2);
    const wrong = hash.slice();
    wrong[0]! ^= 1;
    const bad = new ProtoClient(url, { genesis: genesisToJson(params), trust: { height: 2, hash: wrong } });
    await expect(bad.account(v.publicKey)).rejects.toSatisfy((e) => isProtoError(e, 'bad-header'));
  });

  it('ProtoClient catches a served balance that differs from the proven one', async () => {
    const lying = async (u: string, init?: { headers?: Record<string, string> }) => {
      const res = await fetch(u, init);
      if (!u.includes('/v1/accounts/')) return res;
      const body = (await res.json()) as { balance: string };
      return new Response(JSON.stringify({ ...body, balance: `${BigInt(body.balance) + 1n}` }));
    };
    const client = new ProtoClient(url, { genesis: genesisToJson(params), fetch: lying });
    await expect(client.account(v.publicKey)).rejects.toSatisfy((e) => isProtoError(e, 'value-mismatch'));
  });
});
