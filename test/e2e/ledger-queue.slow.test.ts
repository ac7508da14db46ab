import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { TokenJson } from '../../core/api/types.ts';
import { toHex } from '../../core/bytes.ts';
import { newKeyFile, readKeyFile } from '../../node/cli/keyfile.ts';
import { testRng } from '../seed.ts';
import { waitFor } from './cluster.ts';
import { forks, head, LedgerNode, ledgerNetwork } from './ledger-cluster.ts';

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'proto-ledger-queue-'));
const nodes: LedgerNode[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

interface Validators {
  validators: string[];
  queue: { key: string; uses: number; until: number | null }[];
}

describe('ledger: the validator queue', () => {
  it('seats a validator that mined and announced a token, while the genesis validators drain by uses', async () => {
    const USES = 8;
    const keys = ledgerNetwork(dir, 4, USES);
    const genesis = keys.map((k) => toHex(readKeyFile(k).publicKey));
    nodes.push(await LedgerNode.start(dir, { name: 'v0', validatorKey: keys[0]! }));
    for (let i = 1; i < 4; i++)
      nodes.push(
        await LedgerNode.start(dir, { name: `v${i}`, validatorKey: keys[i]!, peers: [nodes[0]!.p2p] }),
      );
    const minerKey = join(dir, 'miner.json');
    newKeyFile(minerKey, testRng('e2e').bytes(32));
    const newKey = join(dir, 'validator-new.json');
    const joining = toHex(newKeyFile(newKey, testRng('e2e').bytes(32)).publicKey);
    const miner = await LedgerNode.start(dir, {
      name: 'miner',
      validatorKey: newKey,
      peers: [nodes[0]!.p2p],
      extra: ['--mine', 'validator', '--key', minerKey, '--threads', '1', '--announce', 'off'],
    });
    nodes.push(miner);

    // The first mined token, once a second one confirms it.
    let token = '';
    await waitFor(
      async () => {
        const page = await miner.get<{ tokens: TokenJson[] }>(
          '/v1/subchains/validator/tokens?after=0&limit=2',
        );
        token = page.tokens.length === 2 ? page.tokens[0]!.hash : '';
        return token !== '';
      },
      40_000,
      'two mined validator tokens',
    );
    await promisify(execFile)(process.execPath, [
      MAIN,
      ...['announce', '--token', token, '--owner-key', minerKey, '--validator-key', newKey],
      ...['--url', miner.url, '--wait', '40'],
    ]);

    const validators = () => nodes[0]!.get<Validators>('/v1/validators');
    await waitFor(
      async () => (await validators()).validators.includes(joining),
      30_000,
      'the new validator seated',
    );
    const seated = await validators();
    for (const m of seated.queue.filter((m) => genesis.includes(m.key))) expect(m.uses).toBeLessThan(USES);

    await waitFor(
      async () => (await validators()).validators.every((k) => k === joining),
      60_000,
      'the genesis validators to drain',
    );
    const drained = (await head(nodes[0]!)).height;
    await waitFor(
      async () => (await head(nodes[0]!)).height >= drained + 3,
      20_000,
      'the new validator alone',
    );
    expect(miner.log.some((l) => l.includes('ledger: signed precommit'))).toBe(true);
    expect(await forks(nodes)).toEqual([]);
  });
});
