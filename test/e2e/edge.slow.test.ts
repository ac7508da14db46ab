/**
 * Nodes that reach each other only through a local edge (wrangler dev, workerd): two validators of a
 * two-validator ledger (so every ledger block needs both, and their votes cross the edge), one of them
 * mining validator tokens, no --peer anywhere. A fresh node given only --edge syncs both chains from
 * the edge; a validator killed with SIGKILL and restarted reconnects and the ledger goes on, and so it
 * does when the edge itself restarts. Restarted with UPSTREAM, the edge serves the explorer's state
 * reads, each of which the light client then verifies over the edge alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StatusJson } from '../../core/api/types.ts';
import { fromHex } from '../../core/bytes.ts';
import { ProtoClient } from '../../core/client/proto-client.ts';
import { newKeyFile } from '../../node/cli/keyfile.ts';
import { testRng } from '../seed.ts';
import { startEdge } from './edge-process.ts';
import { head, LedgerNode, ledgerNetwork } from './ledger-cluster.ts';
import { waitFor } from './proto-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-edge-e2e-'));
const nodes: LedgerNode[] = [];
let edge: Awaited<ReturnType<typeof startEdge>>;

const tips = async (n: LedgerNode) => (await n.get<StatusJson>('/v1/status')).tips;
const validatorTip = async (n: LedgerNode) => (await tips(n)).validator;
const peerAddresses = async (n: LedgerNode) =>
  (await n.get<StatusJson>('/v1/status')).peers.list.map((p) => p.address);

async function setUp(): Promise<void> {
  const keys = ledgerNetwork(dir, 2);
  edge = await startEdge(join(dir, 'genesis.json'));
  const miner = join(dir, 'miner.json');
  newKeyFile(miner, testRng('edge-e2e').bytes(32));
  const viaEdge = ['--edge', edge.relay];
  const mine = ['--mine', 'validator', '--key', miner, '--announce', 'off'];
  nodes.push(
    await LedgerNode.start(dir, { name: 'v0', validatorKey: keys[0]!, extra: [...viaEdge, ...mine] }),
  );
  nodes.push(await LedgerNode.start(dir, { name: 'v1', validatorKey: keys[1]!, extra: viaEdge }));
}

afterEach((ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const n of nodes)
    console.error(
      `--- ${n.name}\n${n.log
        .filter((l) => !l.includes('mined'))
        .slice(-25)
        .join('\n')}`,
    );
  console.error(`--- edge\n${edge?.log.slice(-40).join('\n')}`);
});

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  await edge?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('nodes gossiping only through the edge', () => {
  it('commit ledger blocks together and share the token chain', async () => {
    await setUp();
    const [v0, v1] = nodes as [LedgerNode, LedgerNode];
    await waitFor(
      async () => (await head(v1)).height >= 3 && (await head(v0)).height >= 3,
      40_000,
      'ledger height 3',
    );
    await waitFor(
      async () => ((await validatorTip(v1))?.count ?? 0) >= 2,
      30_000,
      'v1 to receive mined tokens',
    );
    expect(await peerAddresses(v0)).toEqual([edge.relay]);
    expect(await peerAddresses(v1)).toEqual([edge.relay]);
  });

  it('lets a fresh node given only --edge reach the same token tips and ledger head', async () => {
    const fresh = await LedgerNode.start(dir, { name: 'fresh', extra: ['--edge', edge.relay] });
    nodes.push(fresh);
    const v0 = nodes[0]!;
    await waitFor(
      async () => {
        const [a, b] = [await tips(v0), await tips(fresh)];
        const [ha, hb] = [await head(v0), await head(fresh)];
        return JSON.stringify(a) === JSON.stringify(b) && ha.height === hb.height && ha.hash === hb.hash;
      },
      40_000,
      'the fresh node to match v0',
    );
    expect((await head(fresh)).height).toBeGreaterThanOrEqual(3);
  });

  it('reconnects a validator killed with SIGKILL, and the two-validator ledger goes on', async () => {
    const v1 = nodes[1]!;
    await v1.stop('SIGKILL');
    const before = (await head(nodes[0]!)).height;
    await v1.spawn();
    await waitFor(
      async () => (await peerAddresses(v1)).includes(edge.relay),
      20_000,
      'v1 to reconnect to the edge',
    );
    await waitFor(async () => (await head(nodes[0]!)).height >= before + 2, 30_000, 'the ledger to go on');
    await waitFor(async () => (await head(v1)).height >= before + 2, 20_000, 'v1 to follow');
  });

  it('reconnects both validators when the edge restarts, and the ledger goes on', async () => {
    const [v0, v1] = nodes as [LedgerNode, LedgerNode];
    await edge.stop(true);
    const before = (await head(v0)).height;
    const vars = { UPSTREAM: v0.url }; // for the state reads below
    edge = await startEdge(join(dir, 'genesis.json'), { state: edge.state, port: edge.port, vars });
    await waitFor(
      async () =>
        (await peerAddresses(v0)).includes(edge.relay) && (await peerAddresses(v1)).includes(edge.relay),
      30_000,
      'both validators to reconnect to the restarted edge',
    );
    await waitFor(async () => (await head(v1)).height >= before + 2, 30_000, 'the ledger to go on');
  });

  it('serves the state reads from UPSTREAM, verified, and the light client over the edge checks them', async () => {
    const genesis = JSON.parse(readFileSync(join(dir, 'genesis.json'), 'utf8'));
    const client = new ProtoClient(edge.url, { genesis });
    const v0 = nodes[0]!;
    const { queue } = await v0.get<{ queue: { owner: string; token: string }[] }>('/v1/validators');
    const read = async (path: string) => {
      let res: Response | undefined;
      await waitFor(
        async () => {
          res = await fetch(`${edge.url}${path}`, { headers: { 'cache-control': 'no-cache' } });
          return res.status !== 503; // the edge behind the node's answer: asked again
        },
        20_000,
        `the edge to answer ${path}`,
      );
      expect({ path, status: res!.status }).toEqual({ path, status: 200 });
      expect(res!.headers.get('cache-control')).toMatch(/stale-while-revalidate/);
      return res!.json();
    };
    await client.verifyValidators(await read('/v1/validators'));
    await client.verifyVeto(await read('/v1/veto'));
    await client.verifyProposals(await read('/v1/proposals?status=open'));
    await client.verifyAccount(await read(`/v1/accounts/${queue[0]!.owner}`));
    await client.verifyToken(
      await read(`/v1/ledger/tokens/${queue[0]!.token}`),
      fromHex(queue[0]!.token, 32)!,
    );
  });
});
