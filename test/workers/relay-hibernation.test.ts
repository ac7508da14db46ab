/**
 * The relay hub's per-connection state across hibernation, and its frame budget. In a file of its own:
 * eviction waits for the hub's other work to drain, which the busier suite (relay.test.ts) would add.
 */
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { fromHex, toHex } from '../../core/bytes.ts';
import { publicKeyOf } from '../../core/crypto/ed25519.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import { FRAME_BURST } from '../../edge/relay/session.ts';
import { openRelay } from './relay-client.ts';

const node = inject('nodeSide');
const chainId = fromHex(node.chainIds.edgeTest, 32)!;
const hub = () => env.RELAY.getByName(node.chainIds.edgeTest);

function transfer(nonce: bigint): Uint8Array {
  const secret = new Uint8Array(32).fill(0x35);
  const body = {
    type: TxType.transfer,
    from: publicKeyOf(secret),
    to: new Uint8Array(32).fill(5),
    amount: 1n,
    fee: 1n,
    nonce,
  };
  return encodeTx(signTx(chainId, body, secret));
}

describe('relay hub: budget and hibernation', () => {
  const budgets = () =>
    runInDurableObject(hub(), (_, state) =>
      state.getWebSockets().map((w) => (w.deserializeAttachment() as { budget: number }).budget),
    );

  it('keeps the session of a connection (handshake, frame budget) across hibernation', async () => {
    const c = await openRelay(chainId);
    const frame = encodeMessage({ type: 'getPeers' });
    const spend = FRAME_BURST - 20;
    for (let i = 0; i < spend; i++) c.send(frame);
    await c.next('peers', 3 + spend - 1, 20_000);
    const before = Math.min(...(await budgets()));
    expect(before).toBeLessThan(FRAME_BURST - 100);
    await evictDurableObject(hub());
    expect(await runInDurableObject(hub(), (instance) => instance.seen.size)).toBe(0);
    const from = c.got.length;
    c.send(frame);
    expect((await c.next('peers', from)).type).toBe('peers'); // still ready: no second hello
    // A session lost in hibernation would restart from a full bucket (FRAME_BURST - 1 after one frame).
    expect(Math.min(...(await budgets()))).toBeLessThan(FRAME_BURST - 100);
    expect(c.closed).toBeUndefined();
  });

  it('fans out after hibernation from sessions read back lazily, once per socket', async () => {
    const subs = [await openRelay(chainId, '?topics=txs'), await openRelay(chainId, '?topics=txs')];
    const publisher = await openRelay(chainId);
    await evictDurableObject(hub());
    expect(await runInDurableObject(hub(), (instance) => instance.cachedSessions())).toBe(0);
    const tx = transfer(7n);
    publisher.send({ type: 'ledgerTxs', txs: [tx] });
    for (const s of subs) expect((await s.next('ledgerTxs')).txs.map(toHex)).toEqual([toHex(tx)]);
    const [cached, live] = await runInDurableObject(hub(), (instance, state) => [
      instance.cachedSessions(),
      state.getWebSockets().length,
    ]);
    expect(cached).toBe(live); // every live socket read once (the fan-out's topic holds all of them)
    expect(publisher.got.some((m) => m.type === 'ledgerTxs')).toBe(false); // never back to its sender
  });

  it('closes a flooding connection with 1008 while a steady one is served', async () => {
    const steady = await openRelay(chainId);
    const flood = await openRelay(chainId);
    const frame = encodeMessage({ type: 'getPeers' });
    for (let i = 0; i < 3000 && !flood.closed; i++) flood.send(frame);
    expect(await flood.close(30_000)).toEqual({
      code: 1008,
      reason: expect.stringContaining('rate-limited'),
    });
    const from = steady.got.length;
    steady.send(frame);
    expect((await steady.next('peers', from)).addresses).toEqual([]);
  });
});
