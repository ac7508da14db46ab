/**
 * The relay hub in workerd: the handshake, the order of checks on each frame (size, budget, decoding,
 * validity), deduplication, fan-out by topic, answers from the stores, and the per-connection state
 * surviving hibernation.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { fromHex, toHex } from '../../core/bytes.ts';
import { publicKeyOf, sign } from '../../core/crypto/ed25519.ts';
import { encodeTx, signTx, signVote, TxType } from '../../core/ledger/index.ts';
import type { Message } from '../../core/p2p/codec.ts';
import { MAX_FRAME } from '../../core/p2p/limits.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { MAX_U256 } from '../../core/token/pow.ts';
import { mine } from '../gen/chain.ts';
import { EDGE_VALIDATORS, edgeTestParams } from './fixtures.ts';
import { closeAll, hello, openRelay, settle } from './relay-client.ts';

const node = inject('nodeSide');
const chainId = fromHex(node.chainIds.edgeTest, 32)!;
const dag = new TokenDag(edgeTestParams());
let keyByte = 0x40;

function newBlock(target?: bigint) {
  const key = new Uint8Array(32).fill(++keyByte);
  return mine(dag, {
    prev: dag.genesisHash,
    type: 1,
    time: dag.params.genesisTime + 1n,
    key,
    ...(target ? { target } : {}),
  });
}

function vote(round: number, secret = EDGE_VALIDATORS[0]!.secret): Message {
  const v = { type: 'prevote' as const, height: 1, round, value: null, validator: 0 };
  return { type: 'ledgerVote', vote: signVote(chainId, v, 1n, secret, sign) };
}

function transfer(nonce: bigint, forge = false): Uint8Array {
  const secret = new Uint8Array(32).fill(0x33);
  const from = forge ? new Uint8Array(32).fill(0x34) : publicKeyOf(secret);
  const body = { type: TxType.transfer, from, to: new Uint8Array(32).fill(5), amount: 1n, fee: 1n, nonce };
  return encodeTx(signTx(chainId, body, secret));
}

afterEach(closeAll);

describe('relay hub: handshake', () => {
  it('sends its hello first, then its tips and ledger head once the node says hello', async () => {
    const c = await openRelay();
    const h = await c.next('hello');
    expect(toHex(h.chainId)).toBe(node.chainIds.edgeTest);
    expect(h.listenPort).toBe(0);
    c.send(hello(chainId));
    expect((await c.next('status')).type).toBe('status');
    expect((await c.next('ledgerStatus')).head).toBe(0);
    c.send({ type: 'getPeers' });
    expect((await c.next('peers')).addresses).toEqual([]);
  });

  it('closes a node of another chain (1008) and one that speaks before hello (1002)', async () => {
    const wrong = await openRelay();
    await wrong.next('hello');
    wrong.send(hello(new Uint8Array(32).fill(1)));
    expect(await wrong.close()).toEqual({ code: 1008, reason: expect.stringContaining('wrong-chain') });
    const early = await openRelay();
    early.send({ type: 'getPeers' });
    expect((await early.close()).code).toBe(1002);
    const oldVersion = await openRelay();
    oldVersion.send(hello(chainId, 9));
    expect((await oldVersion.close()).code).toBe(1008);
  });
});

describe('relay hub: bad frames', () => {
  it('closes oversized (1009), garbage (1007) and text (1003) frames while others are still served', async () => {
    const bystander = await openRelay(chainId);
    const big = await openRelay(chainId);
    big.send(new Uint8Array(MAX_FRAME + 1));
    expect((await big.close()).code).toBe(1009);
    const garbage = await openRelay(chainId);
    garbage.send(new Uint8Array([3, 1, 2, 3]));
    expect((await garbage.close()).code).toBe(1007);
    const unknown = await openRelay(chainId);
    unknown.send(new Uint8Array([200]));
    expect((await unknown.close()).code).toBe(1007);
    const text = await openRelay(chainId);
    text.send('hello');
    expect((await text.close()).code).toBe(1003);
    const from = bystander.got.length;
    bystander.send({ type: 'getPeers' });
    expect((await bystander.next('peers', from)).addresses).toEqual([]);
    expect(bystander.closed).toBeUndefined();
  });

  it('refuses a block that breaks a rule (1008) and stores nothing', async () => {
    const watcher = await openRelay(chainId);
    const sender = await openRelay(chainId);
    const bad = newBlock(MAX_U256); // easier than the validator maxTarget
    sender.send({ type: 'block', raw: bad.bytes });
    expect(await sender.close()).toEqual({ code: 1008, reason: expect.stringContaining('refused block') });
    await settle();
    expect(watcher.got.some((m) => m.type === 'block')).toBe(false);
    const c = await openRelay(chainId);
    c.send({ type: 'getBlocks', id: 7, hashes: [bad.hash] });
    expect((await c.next('blocks')).raws).toEqual([]);
  });

  it('drops a block from the future without closing its sender (a node would hold it, unblamed)', async () => {
    const watcher = await openRelay(chainId);
    const sender = await openRelay(chainId);
    const key = new Uint8Array(32).fill(++keyByte);
    const time = BigInt(Date.now() + 3_600_000) * 1_000_000n;
    const future = mine(dag, { prev: dag.genesisHash, type: 1, time, key });
    sender.send({ type: 'block', raw: future.bytes });
    const from = sender.got.length;
    sender.send({ type: 'getBlocks', id: 8, hashes: [future.hash] });
    expect((await sender.next('blocks', from)).raws).toEqual([]);
    expect(sender.closed).toBeUndefined();
    expect(watcher.got.some((m) => m.type === 'block')).toBe(false);
  });

  it('refuses votes and transactions with bad signatures (1008) and relays nothing of them', async () => {
    const watcher = await openRelay(chainId);
    const forger = await openRelay(chainId);
    forger.send(vote(50, new Uint8Array(32).fill(0x22)));
    expect(await forger.close()).toEqual({
      code: 1008,
      reason: expect.stringContaining('bad vote signature'),
    });
    const txForger = await openRelay(chainId);
    txForger.send({ type: 'ledgerTxs', txs: [transfer(0n, true)] });
    expect(await txForger.close()).toEqual({ code: 1008, reason: 'bad transaction signature' });
    // A veto delegation names no signer: the genesis veto key must have signed it.
    const vetoForger = await openRelay(chainId);
    const grant = { type: TxType.vetoDelegate, delegate: new Uint8Array(32).fill(9), seq: 0 } as const;
    vetoForger.send({
      type: 'ledgerTxs',
      txs: [encodeTx(signTx(chainId, grant, new Uint8Array(32).fill(0x35)))],
    });
    expect(await vetoForger.close()).toEqual({ code: 1008, reason: 'bad transaction signature' });
    await settle();
    expect(watcher.got.filter((m) => m.type === 'ledgerVote' || m.type === 'ledgerTxs')).toEqual([]);
  });
});

describe('relay hub: fan-out', () => {
  it('fans a new block out once to the tokens topic, stores it and serves it for sync', async () => {
    const tokens = await openRelay(chainId, '?topics=tokens');
    const consensusOnly = await openRelay(chainId, '?topics=consensus');
    const sender = await openRelay(chainId);
    const b = newBlock();
    sender.send({ type: 'block', raw: b.bytes });
    expect(toHex((await tokens.next('block')).raw)).toBe(toHex(b.bytes));
    sender.send({ type: 'block', raw: b.bytes });
    const late = await openRelay(chainId);
    late.send({ type: 'getTokens', id: 3, subchain: 'validator', after: 0, limit: 500, locator: [] });
    const answer = await late.next('tokens');
    expect(answer.start).toBe(1);
    expect(answer.raws.map(toHex)).toContain(toHex(b.bytes));
    await settle();
    expect(tokens.got.filter((m) => m.type === 'block')).toHaveLength(1);
    expect(consensusOnly.got.some((m) => m.type === 'block')).toBe(false);
    expect(sender.got.some((m) => m.type === 'block')).toBe(false);
  });

  it('fans a valid vote out once to the consensus topic, and fresh transactions to txs', async () => {
    const consensus = await openRelay(chainId, '?topics=consensus');
    const txs = await openRelay(chainId, '?topics=txs');
    const a = await openRelay(chainId);
    const b = await openRelay(chainId);
    const v = vote(1);
    a.send(v);
    b.send(v);
    expect((await consensus.next('ledgerVote')).vote.round).toBe(1);
    const tx = transfer(1n);
    a.send({ type: 'ledgerTxs', txs: [tx] });
    b.send({ type: 'ledgerTxs', txs: [tx, transfer(2n)] });
    await settle(300);
    expect(consensus.got.filter((m) => m.type === 'ledgerVote')).toHaveLength(1);
    const relayed = txs.got.flatMap((m) => (m.type === 'ledgerTxs' ? m.txs.map(toHex) : []));
    expect(relayed.sort()).toEqual([toHex(tx), toHex(transfer(2n))].sort());
    expect(txs.got.some((m) => m.type === 'ledgerVote')).toBe(false);
    expect(a.closed ?? b.closed).toBeUndefined();
  });

  it('sends a re-sent vote only to connections that joined since', async () => {
    const early = await openRelay(chainId, '?topics=consensus');
    const voter = await openRelay(chainId);
    const v = vote(2);
    voter.send(v);
    await early.next('ledgerVote');
    const late = await openRelay(chainId, '?topics=consensus');
    voter.send(v);
    expect((await late.next('ledgerVote')).vote.round).toBe(2);
    voter.send(v);
    await settle(300);
    expect(early.got.filter((m) => m.type === 'ledgerVote')).toHaveLength(1);
    expect(late.got.filter((m) => m.type === 'ledgerVote')).toHaveLength(1);
    expect(voter.got.some((m) => m.type === 'ledgerVote')).toBe(false);
  });

  it('refuses an unknown topic with 400', async () => {
    const { exports } = await import('cloudflare:workers');
    const res = await exports.default.fetch('http://edge/v1/relay?topics=tokens,mempool', {
      headers: { upgrade: 'websocket' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad-topics');
    const plain = await exports.default.fetch('http://edge/v1/relay');
    expect(plain.status).toBe(426);
  });
});
