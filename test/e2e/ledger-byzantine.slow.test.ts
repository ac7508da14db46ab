/**
 * A byzantine validator process: started with the test-only PROTO_TEST_FAULTY_PROPOSER, it proposes,
 * whenever it is the proposer, a block that breaks one more rule (node/ledger/faulty-proposer.ts). The
 * three honest validators must refuse each with that rule's code, never vote for one, and keep
 * committing. A miner moves the token checkpoints, so that one can go backwards. An oversized block
 * cannot be sent at all (it exceeds the p2p frame); node/ledger/byzantine.test.ts covers it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newKeyFile } from '../../node/cli/keyfile.ts';
import { FAULTS, REFUSAL } from '../../node/ledger/faulty-proposer.ts';
import { testRng } from '../seed.ts';
import { waitFor } from './cluster.ts';
import { forks, head, LedgerNode, ledgerNetwork } from './ledger-cluster.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-ledger-byzantine-'));
const nodes: LedgerNode[] = [];
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

const SENT = FAULTS.filter((f) => f !== 'oversized');
const CRAFTED = /TEST faulty proposer: (\S+) as ([0-9a-f]{16})/;
const SIGNED_VOTE = /ledger: signed (prevote|precommit) \S+ ([0-9a-f]{16}) sig/;

describe('ledger: a byzantine proposer process', () => {
  it('has every invalid block refused with its own code, none voted for by an honest node, and the chain goes on', async () => {
    const keys = ledgerNetwork(dir, 4);
    const honest: LedgerNode[] = [];
    for (let i = 0; i < 3; i++) {
      const peers = i === 0 ? [] : [honest[0]!.p2p];
      honest.push(await LedgerNode.start(dir, { name: `v${i}`, validatorKey: keys[i]!, peers }));
      nodes.push(honest[i]!);
    }
    const env = { PROTO_TEST_FAULTY_PROPOSER: SENT.join(',') };
    const byzantine = await LedgerNode.start(dir, {
      name: 'v3',
      validatorKey: keys[3]!,
      peers: [honest[0]!.p2p],
      env,
    });
    nodes.push(byzantine);
    const minerKey = join(dir, 'miner.json');
    newKeyFile(minerKey, testRng('e2e').bytes(32));
    const miner = await LedgerNode.start(dir, {
      name: 'miner',
      peers: [honest[0]!.p2p],
      extra: ['--mine', 'validator', '--key', minerKey, '--threads', '1'],
    });
    nodes.push(miner);

    const refused = (code: string) => honest.every((n) => n.log.some((l) => l.includes(`refused: ${code} `)));
    await waitFor(async () => SENT.every((f) => refused(REFUSAL[f])), 200_000, 'every fault refused');
    expect(byzantine.log.some((l) => l.includes('WARNING test only'))).toBe(true);

    const crafted = new Set(byzantine.log.flatMap((l) => CRAFTED.exec(l)?.[2] ?? []));
    expect(crafted.size).toBeGreaterThanOrEqual(SENT.length);
    for (const n of honest) {
      const voted = n.log.flatMap((l) => SIGNED_VOTE.exec(l)?.[2] ?? []);
      expect(voted.filter((v) => crafted.has(v))).toEqual([]);
    }
    const start = (await head(honest[0]!)).height;
    await waitFor(async () => (await head(honest[1]!)).height >= start + 3, 30_000, 'the chain to go on');
    expect(await forks(honest)).toEqual([]);
  }, 300_000);
});
