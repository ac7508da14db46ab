import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { toHex } from '../../core/bytes.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import { MAX_FRAME } from '../../core/p2p/limits.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { nowNs } from '../../node/chain.ts';
import { easyParams, helloFrame, nextBlock } from './chain-fixtures.ts';
import { makeNetwork, NodeProcess, removeNetwork, waitFor } from './cluster.ts';

const S = 1_000_000_000n;
const params = easyParams(nowNs());
const network = makeNetwork(params);
let node: NodeProcess | undefined;
afterAll(async () => {
  await node?.stop('SIGKILL');
  removeNetwork(network);
});

const hello = (id: number) => helloFrame(params, id);

/** Opens a connection, sends `frames`, and reports whether the node closed it within `ms`. */
async function attack(
  url: string,
  frames: (Uint8Array | string)[],
  ms = 3000,
): Promise<{ closed: boolean; ws: WebSocket }> {
  const ws = new WebSocket(url);
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  const closed = new Promise<boolean>((r) => {
    ws.once('close', () => r(true));
    setTimeout(() => r(false), ms);
  });
  for (const f of frames) ws.send(f);
  return { closed: await closed, ws };
}

const status404 = async (hash: Uint8Array) =>
  (await fetch(`${node!.url}/v1/tokens/${toHex(hash)}`)).status === 404;

describe('a node attacked by a peer', () => {
  it('drops peers sending garbage, oversized frames or invalid blocks, keeps running and stores nothing from them', async () => {
    node = await NodeProcess.start(network, { name: 'victim' });
    const url = `ws://${node.p2p}`;
    const dag = new TokenDag(params);
    const wrongTarget = nextBlock(dag, 'validator');
    wrongTarget[72] = 0xfe; // MAX_U256 - 1: meets proof of work, breaks the target rule
    const badKind = nextBlock(dag, 'validator');
    badKind[32] = 0x81; // merge flag on a 105-byte block

    expect((await attack(url, [Uint8Array.of(0xde, 0xad, 0xbe, 0xef)])).closed).toBe(true);
    expect((await attack(url, [new Uint8Array(MAX_FRAME + 1)])).closed).toBe(true);
    expect((await attack(url, [hello(1), Uint8Array.of(3, 1, 2, 3)])).closed).toBe(true);
    expect((await attack(url, [hello(2), encodeMessage({ type: 'block', raw: wrongTarget })])).closed).toBe(
      true,
    );
    expect((await attack(url, [hello(3), encodeMessage({ type: 'block', raw: badKind })])).closed).toBe(true);
    expect((await attack(url, [hello(2)])).closed).toBe(true); // still banned

    const status = await node.status();
    expect(status.tips.validator!.count).toBe(0);
    expect(await status404(blake3Hash(wrongTarget))).toBe(true);
    expect(await status404(blake3Hash(badKind))).toBe(true);
  });

  it('keeps a peer that sends a block from the future, and adds the block when it is due', async () => {
    const dag = new TokenDag(params);
    const early = nextBlock(dag, 'validator', { time: nowNs() + 20n * S });
    const { closed, ws } = await attack(
      `ws://${node!.p2p}`,
      [hello(9), encodeMessage({ type: 'block', raw: early })],
      2000,
    );
    expect(closed).toBe(false);
    expect(await status404(blake3Hash(early))).toBe(true);
    await waitFor(async () => !(await status404(blake3Hash(early))), 20_000, 'the early block to be added');
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
