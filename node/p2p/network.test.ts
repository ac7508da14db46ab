import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { toHex } from '../../core/bytes.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import { MAX_FRAME } from '../../core/p2p/limits.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { easyParams, extend, helloFrame, nextBlock } from '../../test/e2e/chain-fixtures.ts';
import { nowNs } from '../chain.ts';
import { type RunningNode, startNode } from '../service.ts';

const now = nowNs();
const params = easyParams(now, 10_000n);
const dir = mkdtempSync(join(tmpdir(), 'proto-p2p-'));
const nodes: RunningNode[] = [];
afterAll(async () => {
  for (const n of nodes) await n.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function node(name: string, peers: RunningNode[] = []): Promise<RunningNode> {
  const n = await startNode({
    params,
    dataDir: join(dir, name),
    host: '127.0.0.1',
    p2pPort: 0,
    httpPort: 0,
    peers: peers.map((p) => `127.0.0.1:${p.p2pPort}`),
    log: () => {},
  });
  nodes.push(n);
  return n;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tipOf = (n: RunningNode) => toHex(n.chain.dag.tip('validator').hash);

describe('p2p network', () => {
  it('syncs a long chain from several peers and gossips new blocks', async () => {
    const source = new TokenDag(params);
    const blocks = extend(source, 'validator', 1800, now);
    const a = await node('a');
    const c = await node('c');
    a.chain.submit(blocks, { bulk: true });
    c.chain.submit(blocks, { bulk: true });
    const b = await node('b', [a, c]);
    await until(() => tipOf(b) === tipOf(a));
    expect(b.chain.dag.tip('validator').count).toBe(1800);
    const next = nextBlock(a.chain.dag, 'validator');
    a.chain.submit([next]);
    await until(() => tipOf(b) === tipOf(a) && tipOf(c) === tipOf(a));
    expect(b.chain.raw(b.chain.dag.tip('validator').hash)).toEqual(next);
  });

  it('drops peers that send garbage, oversized frames or invalid blocks, and stores nothing from them', async () => {
    const a = await node('victim');
    const url = `ws://127.0.0.1:${a.p2pPort}`;
    const hello = (id: number) => helloFrame(params, id);
    const bad = nextBlock(a.chain.dag, 'validator');
    bad[72] = 0xfe; // wrong target, yet meets proof of work
    const attacks: (Uint8Array | string)[][] = [
      [Uint8Array.of(0xff, 1, 2, 3)],
      [new Uint8Array(MAX_FRAME + 1)],
      [hello(1), new Uint8Array(MAX_FRAME + 1)],
      [hello(2), 'text frame'],
      [hello(3), encodeMessage({ type: 'block', raw: bad })],
      [hello(3)], // banned
    ];
    for (const frames of attacks) {
      const ws = new WebSocket(url);
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise((r) => ws.once('close', r));
      for (const f of frames) ws.send(f);
      await closed;
    }
    expect(a.chain.dag.size).toBe(1);
    expect(a.chain.dag.has(blake3Hash(bad))).toBe(false);
    expect(a.chain.raw(blake3Hash(bad))).toBeUndefined();
    expect(a.network.ready()).toHaveLength(0);
    const good = nextBlock(a.chain.dag, 'validator');
    expect(a.chain.submit([good]).outcomes[0]!.status).toBe('added');
  });
});
