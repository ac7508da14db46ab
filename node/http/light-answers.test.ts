/**
 * The light client's checks of the answers the explorer shows (ProtoClient.verify*), against a
 * running node: each real answer verifies against the header it names, and each with one field
 * changed is refused with the code naming what failed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { ProtoClient } from '../../core/client/proto-client.ts';
import { isProtoError, type ProtoErrorCode } from '../../core/errors.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { chainId, genesisToJson } from '../../core/token/params.ts';
import { type OneValidator, startOneValidator } from './one-validator.fixture.ts';

let fixture: OneValidator;
let client: ProtoClient;
let txHash: string;
// biome-ignore lint/suspicious/noExplicitAny: answers are changed field by field below
type Json = any;
const get = async (path: string): Promise<Json> => (await fetch(`${fixture.url}${path}`)).json();

beforeAll(async () => {
  fixture = await startOneValidator('light-answers', 0x21a);
  client = new ProtoClient(fixture.url, { genesis: genesisToJson(fixture.params) });
  const { key, params } = fixture;
  const body = {
    type: TxType.transfer,
    from: key.publicKey,
    to: new Uint8Array(32).fill(4),
    amount: 777n,
    fee: 1n,
    nonce: 0n,
  } as const;
  const tx = signTx(chainId(params), body, key.secret);
  const res = await fetch(`${fixture.url}/v1/txs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tx: toHex(encodeTx(tx)) }),
  });
  txHash = ((await res.json()) as { hash: string }).hash;
  for (let i = 0; i < 200; i++) {
    if ((await get(`/v1/txs/${txHash}`)).status === 'committed') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the transfer did not commit');
});
afterAll(() => fixture.stop());

async function refused(p: Promise<unknown>, code: ProtoErrorCode): Promise<void> {
  await expect(p).rejects.toSatisfy((e) => isProtoError(e, code));
}

describe('answers the explorer shows, verified', () => {
  it('head: height, hash, time, header and supply', async () => {
    const head = await get('/v1/ledger/head');
    expect((await client.verifyHead(head)).height).toBe(head.height);
    await refused(client.verifyHead({ ...head, supply: '1' }), 'value-mismatch');
    await refused(client.verifyHead({ ...head, time: '1' }), 'value-mismatch');
    const header = { ...head.header, proposer: '00'.repeat(32) };
    await refused(client.verifyHead({ ...head, header }), 'value-mismatch');
  });

  it('a block with its transaction and commits, and the transaction by hash', async () => {
    const tx = await get(`/v1/txs/${txHash}`);
    const block = await get(`/v1/ledger/blocks/${tx.height}`);
    expect((await client.verifyBlock(block)).height).toBe(tx.height);
    expect((await client.verifyTx(tx, block)).height).toBe(tx.height);
    const txs = [{ ...block.txs[0], amount: '778' }];
    await refused(client.verifyBlock({ ...block, txs }), 'value-mismatch');
    await refused(client.verifyBlock({ ...block, supply: '0' }), 'value-mismatch');
    const sig = block.commit.signatures[0];
    const forged = { ...sig, signature: sig.signature.replace(/^./, sig.signature[0] === 'a' ? 'b' : 'a') };
    const rawCommit = block.rawCommit.replace(sig.signature, forged.signature);
    await refused(client.verifyBlock({ ...block, rawCommit }), 'bad-signature');
    const raw = `${block.raw.slice(0, -2)}${block.raw.endsWith('00') ? '01' : '00'}`;
    await expect(client.verifyBlock({ ...block, raw })).rejects.toSatisfy((e) => isProtoError(e));
    await refused(client.verifyTx({ ...tx, tx: { ...tx.tx, to: '00'.repeat(32) } }, block), 'value-mismatch');
    await refused(client.verifyTx({ ...tx, index: 1 }, block), 'value-mismatch');
  });

  it('an account, the validator queue and the veto', async () => {
    const account = await get(`/v1/accounts/${'04'.repeat(32)}`);
    expect(account.balance).toBe('777');
    expect((await client.verifyAccount(account)).value.balance).toBe(777n);
    await refused(client.verifyAccount({ ...account, balance: '778' }), 'value-mismatch');
    const v = await get('/v1/validators');
    expect((await client.verifyValidators(v)).value.queue).toHaveLength(1);
    const queue = [{ ...v.queue[0], uses: v.queue[0].uses + 1 }];
    await refused(client.verifyValidators({ ...v, queue }), 'value-mismatch');
    const veto = await get('/v1/veto');
    expect((await client.verifyVeto(veto)).value.delegates).toEqual([]);
    await refused(client.verifyVeto({ ...veto, key: '00'.repeat(32) }), 'value-mismatch');
    const page = await get('/v1/proposals');
    expect((await client.verifyProposals(page)).value).toEqual([]);
  });
});
