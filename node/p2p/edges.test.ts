import { describe, expect, it } from 'vitest';
import { EDGE_RETRY_MAX_MS, EDGE_RETRY_MS, EdgeDialer, edgeUrlProblem } from './edges.ts';
import type { Network } from './network.ts';
import type { Peer } from './peer.ts';

describe('edge URLs', () => {
  it('accepts ws:// and wss:// URLs with a path', () => {
    expect(edgeUrlProblem('ws://127.0.0.1:8787/v1/relay')).toBeUndefined();
    expect(edgeUrlProblem('wss://edge.example.org/v1/relay?topics=tokens')).toBeUndefined();
  });

  it('names what is wrong with anything else', () => {
    expect(edgeUrlProblem('edge.example.org/v1/relay')).toBe('not a URL');
    expect(edgeUrlProblem('https://edge.example.org/v1/relay')).toBe('scheme https: is not ws: or wss:');
    expect(edgeUrlProblem('ws://127.0.0.1:8787')).toMatch(/^no path/);
    expect(edgeUrlProblem('ws://127.0.0.1:8787/')).toMatch(/^no path/);
    expect(edgeUrlProblem('ws://u:p@127.0.0.1/v1/relay')).toBe('credentials are not allowed');
    expect(edgeUrlProblem('ws://127.0.0.1/v1/relay#x')).toBe('a fragment is not allowed');
  });
});

describe('EdgeDialer', () => {
  it('redials with doubling backoff up to the cap, and from the start after a handshake', () => {
    const url = 'ws://127.0.0.1:1/v1/relay';
    const d = new EdgeDialer([url]);
    expect(d.due(0)).toEqual([url]);
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      d.dialed(url, now);
      d.failed(url);
      const next = now + EDGE_RETRY_MAX_MS + 1;
      const wait =
        Array.from({ length: next - now }, (_, k) => now + k).find((t) => d.due(t).length > 0)! - now;
      waits.push(wait);
      now += wait;
    }
    expect(waits.slice(0, 3)).toEqual([EDGE_RETRY_MS, EDGE_RETRY_MS * 2, EDGE_RETRY_MS * 4]);
    expect(Math.max(...waits)).toBe(EDGE_RETRY_MAX_MS);
    d.succeeded(url);
    d.dialed(url, now);
    expect(d.due(now + EDGE_RETRY_MS - 1)).toEqual([]);
    expect(d.due(now + EDGE_RETRY_MS)).toEqual([url]);
  });
});

describe('edges in peers answers', () => {
  it('never offers an edge URL, only peers listen addresses', async () => {
    const { addressesFor } = await import('./serve.ts');
    const peer = (address: string, edge = false) => ({ address, edge }) as unknown as Peer;
    const asking = peer('10.0.0.9:7700');
    const net = {
      ready: () => [peer('10.0.0.1:7700'), peer('ws://127.0.0.1:8787/v1/relay', true), asking],
      book: { all: () => ['10.0.0.2:7700'] },
    } as unknown as Network;
    expect(addressesFor(net, asking).sort()).toEqual(['10.0.0.1:7700', '10.0.0.2:7700']);
  });
});
