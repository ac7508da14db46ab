import { describe, expect, it } from 'vitest';
import { MAX_BANS, P2P_VERSION } from '../../core/p2p/limits.ts';
import { BanList } from './bans.ts';
import { judgeHello, keepsNewConnection } from './handshake.ts';
import type { Peer } from './peer.ts';

const ours = { chainId: new Uint8Array(32).fill(1), nodeId: new Uint8Array(32).fill(2) };
const hello = (o: Partial<{ version: number; chainId: Uint8Array; nodeId: Uint8Array }>) => ({
  type: 'hello' as const,
  version: P2P_VERSION,
  chainId: ours.chainId,
  nodeId: new Uint8Array(32).fill(3),
  listenPort: 0,
  ...o,
});

describe('handshake', () => {
  it('refuses other versions, other chains and banned nodes, and recognises itself', () => {
    const none = () => false;
    expect(judgeHello(hello({}), ours, none)).toBe('ok');
    expect(judgeHello(hello({ version: P2P_VERSION + 1 }), ours, none)).toHaveProperty('refuse');
    expect(judgeHello(hello({ chainId: new Uint8Array(32) }), ours, none)).toHaveProperty('refuse');
    expect(judgeHello(hello({ nodeId: ours.nodeId }), ours, none)).toBe('self');
    expect(judgeHello(hello({}), ours, () => true)).toEqual({ refuse: 'banned' });
  });

  it('has both ends of a double connection keep the same one', () => {
    const conn = (inbound: boolean, id: string) => ({ inbound, id }) as Peer;
    // a (id "aa") dialled b (id "bb") and b dialled a: the one a dialled survives on both sides.
    const atA = keepsNewConnection('aa', conn(true, 'bb'), conn(false, 'bb')); // new: inbound from b
    const atB = keepsNewConnection('bb', conn(false, 'aa'), conn(true, 'aa')); // new: outbound to a
    expect([atA, atB]).toEqual([false, false]);
    expect(keepsNewConnection('aa', conn(false, 'bb'), conn(true, 'bb'))).toBe(true);
    expect(keepsNewConnection('aa', conn(false, 'bb'), conn(false, 'bb'))).toBe(false);
  });
});

describe('BanList', () => {
  it('expires bans and stays bounded', () => {
    const bans = new BanList();
    bans.ban('x', 1000, 0);
    expect(bans.banned('x', 999)).toBe(true);
    expect(bans.banned('x', 1000)).toBe(false);
    for (let i = 0; i < MAX_BANS + 10; i++) bans.ban(`k${i}`, 1000 + i, 0);
    expect(bans.banned('k0', 1)).toBe(false);
    expect(bans.banned(`k${MAX_BANS + 9}`, 1)).toBe(true);
  });
});
