import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TX_BATCH } from '../../core/p2p/limits.ts';
import type { Peer } from '../p2p/peer.ts';
import { TX_RELAY_DELAY_MS, TX_RELAY_MAX_WAITING, TxRelay } from './tx-relay.ts';

/** A peer that records the transactions of every message sent to it. */
function fakePeer(): Peer & { got: number[][] } {
  const got: number[][] = [];
  const send = (m: { type: string; txs?: Uint8Array[] }) => got.push((m.txs ?? []).map((t) => t[0]!));
  return { got, send } as unknown as Peer & { got: number[][] };
}

const tx = (n: number) => new Uint8Array([n, 0xaa]);

let peers: ReturnType<typeof fakePeer>[];
let relay: TxRelay;
beforeEach(() => {
  vi.useFakeTimers();
  peers = [fakePeer(), fakePeer(), fakePeer()];
  relay = new TxRelay({ ready: () => peers });
});
afterEach(() => {
  relay.stop();
  vi.useRealTimers();
});

describe('transaction relay', () => {
  it('sends what arrived within the delay as one message per peer, after the delay', () => {
    relay.add('a', tx(1));
    relay.add('b', tx(2));
    vi.advanceTimersByTime(TX_RELAY_DELAY_MS - 1);
    expect(peers.map((p) => p.got)).toEqual([[], [], []]);
    vi.advanceTimersByTime(1);
    expect(peers.map((p) => p.got)).toEqual([[[1, 2]], [[1, 2]], [[1, 2]]]);
    vi.advanceTimersByTime(10 * TX_RELAY_DELAY_MS);
    expect(peers[0]!.got).toHaveLength(1);
  });

  it('does not send a transaction back to the peers it came from', () => {
    relay.add('a', tx(1), peers[0]);
    relay.add('b', tx(2));
    relay.heldBy('a', peers[1]!);
    relay.heldBy('unknown', peers[2]!);
    relay.flush();
    expect(peers.map((p) => p.got)).toEqual([[[2]], [[2]], [[1, 2]]]);
  });

  it('splits a flush into messages of at most MAX_TX_BATCH and flushes at once when many wait', () => {
    for (let i = 0; i < TX_RELAY_MAX_WAITING; i++) relay.add(`t${i}`, tx(i % 256));
    const sizes = peers[0]!.got.map((m) => m.length);
    expect(sizes.every((n) => n <= MAX_TX_BATCH)).toBe(true);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(TX_RELAY_MAX_WAITING);
  });

  it('drops what waits when stopped', () => {
    relay.add('a', tx(1));
    relay.stop();
    vi.advanceTimersByTime(2 * TX_RELAY_DELAY_MS);
    expect(peers[0]!.got).toEqual([]);
  });
});
