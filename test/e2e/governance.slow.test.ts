/**
 * Governance across real node processes (devnet preset, 60 s voting period): two validators, a
 * proposal token mined by one of them, proposals published with `proto propose`, congress tokens
 * mined by `proto mine --type congress` against both nodes at once (so the congress forks and
 * merges), votes with `proto vote`, vetoes with `proto veto`.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { TokenJson } from '../../core/api/types.ts';
import { toHex } from '../../core/bytes.ts';
import { newKeyFile } from '../../node/cli/keyfile.ts';
import { waitFor } from './cluster.ts';
import { forks, head, LedgerNode, ledgerNetwork } from './ledger-cluster.ts';

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'proto-governance-'));
const nodes: LedgerNode[] = [];
const miners: ChildProcess[] = [];
afterAll(async () => {
  for (const m of miners) m.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

const run = async (...args: string[]) =>
  (await promisify(execFile)(process.execPath, [MAIN, ...args])).stdout;

interface Proposal {
  id: string;
  status: string;
  token: string;
  votes: unknown[];
  tally: { yes: number };
}

let keys: string[] = [];
let minerKey = '';
let used = 0;

/**
 * A proposal token with one confirmation: a `proto mine --type proposal` process runs until two new
 * tokens are canonical and is stopped, so no later token pushes this one out of the K live ones.
 */
async function proposalToken(): Promise<string> {
  const args = ['mine', '--type', 'proposal', '--key', minerKey, '--url', nodes[0]!.url];
  const miner = spawn(process.execPath, [MAIN, ...args], { stdio: 'ignore' });
  miners.push(miner);
  let hash = '';
  try {
    await waitFor(
      async () => {
        const page = await nodes[0]!.get<{ tokens: TokenJson[] }>(
          `/v1/subchains/proposal/tokens?after=${used}&limit=2`,
        );
        hash = page.tokens.length === 2 ? page.tokens[0]!.hash : '';
        return hash !== '';
      },
      90_000,
      'a confirmed proposal token',
    );
  } finally {
    miner.kill('SIGKILL');
  }
  const tip = await nodes[0]!.get<{ count: number }>('/v1/subchains/proposal/tip');
  used = tip.count;
  return hash;
}

/** `proto propose` of a one-file directory; returns the id it prints. `late` adds arguments once the token is mined. */
async function propose(
  name: string,
  args: string[],
  late: () => Promise<string[]> = async () => [],
): Promise<string> {
  const content = join(dir, name);
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'README.md'), `# ${name}\n`);
  const token = await proposalToken();
  args.push(...(await late()));
  const out = await run(
    'propose',
    content,
    ...args,
    '--token',
    token,
    '--key',
    minerKey,
    '--url',
    nodes[0]!.url,
  );
  const id = /proposal id ([0-9a-f]{64})/.exec(out)?.[1];
  if (!id) throw new Error(`propose printed no id: ${out}`);
  return id;
}

/** Congress miners against both nodes; they exit once the congress is full or closed. */
function mineCongress(id: string): void {
  for (const n of nodes.slice(0, 2)) {
    const args = ['mine', '--type', 'congress', '--proposal', id, '--key', minerKey, '--url', n.url];
    miners.push(spawn(process.execPath, [MAIN, ...args], { stdio: 'ignore' }));
  }
}

interface HeadJson {
  header: { checkpoints: { congress: { root: string; tip: string }[] } } | null;
}

/**
 * Votes `choice` with every token of the congress of `id` once the ledger checkpointed it full (its
 * tip at count Q or more): then no fork can replace those tokens.
 */
async function voteAll(id: string, choice: string): Promise<number> {
  let tip: TokenJson | undefined;
  await waitFor(
    async () => {
      const h = await nodes[0]!.get<HeadJson>('/v1/ledger/head');
      const c = h.header?.checkpoints.congress.find((x) => x.root === id);
      tip = c && c.tip !== id ? await nodes[0]!.get<TokenJson>(`/v1/tokens/${c.tip}`) : undefined;
      return tip !== undefined && tip.count >= 5;
    },
    60_000,
    'a full congress checkpointed',
  );
  const page = await nodes[0]!.get<{ tokens: TokenJson[] }>(`/v1/subchains/congress:${id}/tokens?limit=10`);
  const tokens = page.tokens.filter((t) => t.count <= tip!.count);
  await Promise.all(
    tokens.map((t) =>
      run('vote', id, choice, '--token', t.hash, '--key', minerKey, '--url', nodes[0]!.url, '--wait', '40'),
    ),
  );
  return tokens.length;
}

const proposal = (n: LedgerNode, id: string) => n.get<Proposal>(`/v1/proposals/${id}`);

async function closed(id: string): Promise<Proposal> {
  await waitFor(async () => (await proposal(nodes[0]!, id)).status !== 'open', 120_000, `the tally of ${id}`);
  return proposal(nodes[0]!, id);
}

describe('governance', () => {
  it('a parameter proposal lowering minFee passes and every node applies it', async () => {
    keys = ledgerNetwork(dir, 2, 100_000);
    minerKey = join(dir, 'miner.json');
    newKeyFile(minerKey);
    nodes.push(await LedgerNode.start(dir, { name: 'v0', validatorKey: keys[0]! }));
    nodes.push(await LedgerNode.start(dir, { name: 'v1', validatorKey: keys[1]!, peers: [nodes[0]!.p2p] }));
    const id = await propose('fee', ['--kind', 'parameter', '--title', 'Lower the fee', '--set', 'minFee=0']);
    mineCongress(id);
    const voted = await voteAll(id, 'yes');
    expect(voted).toBeGreaterThanOrEqual(5);
    const p = await closed(id);
    expect(p.status).toBe('passed');
    expect(p.tally.yes).toBe(voted);
    for (const n of nodes) {
      await waitFor(
        async () => (await n.get<{ ledger: { minFee: string } }>('/v1/params')).ledger.minFee === '0',
        10_000,
        `minFee 0 at ${n.name}`,
      );
    }
    const congress = await nodes[1]!.get<{ tokens: TokenJson[] }>(
      `/v1/subchains/congress:${id}/tokens?limit=10`,
    );
    const merges = congress.tokens.filter((t) => (t as unknown as { merge: boolean }).merge).length;
    console.log(`congress of ${id.slice(0, 16)}: ${congress.tokens.length} tokens, ${merges} merge(s)`);
    expect(await forks(nodes)).toEqual([]);
  }, 300_000);

  it('an upgrade vetoed by the delegate has no effect; one that passes halts every node at its height', async () => {
    const delegateKey = join(dir, 'delegate.json');
    const delegate = toHex(newKeyFile(delegateKey).publicKey);
    await run('veto-delegate', delegate, '--key', keys[0]!, '--url', nodes[0]!.url);
    const vetoedId = await propose('v', [
      '--kind',
      'upgrade',
      '--title',
      'Vetoed',
      '--upgrade',
      'never',
      '--height',
      '100000',
    ]);
    let activation = 0;
    const passId = await propose(
      'p',
      ['--kind', 'upgrade', '--title', 'Passes', '--upgrade', 'proto-v2'],
      async () => {
        activation = (await head(nodes[0]!)).height + 75; // above the tally, about 62 blocks after publication
        return ['--height', String(activation)];
      },
    );
    await waitFor(
      async () =>
        (await nodes[0]!.get<{ delegates: { key: string; active: boolean }[] }>('/v1/veto')).delegates.some(
          (d) => d.key === delegate && d.active,
        ),
      20_000,
      'the delegate',
    );
    await run('veto', vetoedId, '--key', delegateKey, '--url', nodes[0]!.url);
    mineCongress(passId);
    await voteAll(passId, 'yes');
    expect((await closed(vetoedId)).status).toBe('vetoed');
    expect((await closed(passId)).status).toBe('passed');

    await waitFor(() => nodes.every((n) => n.exitCode !== null), 120_000, 'every node to halt');
    for (const n of nodes) {
      expect(n.exitCode).toBe(3);
      expect(n.log.some((l) => l.includes(`halted at height ${activation}: upgrade "proto-v2"`))).toBe(true);
      expect(n.log.some((l) => l.includes('upgrade never'))).toBe(false);
    }
    for (const n of nodes) (n.args as string[]).push('--supports-upgrade', 'proto-v2');
    await Promise.all(nodes.map((n) => n.spawn()));
    await waitFor(
      async () => (await head(nodes[0]!)).height > activation + 2,
      60_000,
      'blocks past the activation height',
    );
    expect(await forks(nodes)).toEqual([]);
  }, 400_000);

  it('a validator SIGKILLed while a congress is mined restarts and rejoins with the congress intact', async () => {
    const id = await propose('k', ['--kind', 'text', '--title', 'Survive a crash']);
    mineCongress(id);
    const v1 = nodes[1]!;
    await waitFor(
      async () =>
        (await v1.get<{ tokens: TokenJson[] }>(`/v1/subchains/congress:${id}/tokens?limit=10`)).tokens
          .length >= 2,
      60_000,
      'congress tokens at v1',
    );
    await v1.stop('SIGKILL');
    await v1.spawn();
    const tips = async () =>
      Promise.all(nodes.map((n) => n.get<TokenJson>(`/v1/subchains/congress:${id}/tip`).then((t) => t.hash)));
    await voteAll(id, 'abstain');
    await waitFor(
      async () => new Set(await tips()).size === 1,
      30_000,
      'the same congress tip on both nodes',
    );
    const p0 = await closed(id);
    await waitFor(async () => (await proposal(v1, id)).status === p0.status, 30_000, 'v1 to tally too');
    expect(p0.status).toBe('rejected');
    expect((await proposal(v1, id)).votes).toEqual(p0.votes);
    expect(await forks(nodes)).toEqual([]);
  }, 300_000);
});
