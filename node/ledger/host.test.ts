import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { ProtoError } from '../../core/errors.ts';
import { LedgerChain } from './chain.ts';
import { TestCluster } from './cluster.fixture.ts';

let cluster: TestCluster | undefined;
afterEach(() => {
  cluster?.close();
  cluster = undefined;
});

/** The committed block hashes of every node, by height. */
function hashes(c: TestCluster, upTo: number): string[][] {
  return c.nodes.map((n) => n.chain.rows(1, upTo).map((r) => toHex(r.hash)));
}

/** What replay must reproduce exactly: the core's variables and the votes it holds. */
function snapshot(c: TestCluster, i: number): string {
  const s = c.nodes[i]!.host.state;
  const votes: string[] = [];
  for (const [round, entry] of s.log) {
    for (const type of ['prevote', 'precommit'] as const) {
      for (const v of entry[type].byValidator)
        if (v) votes.push(`${round}/${type}/${v.validator}/${v.value ? toHex(v.value) : 'nil'}`);
    }
    for (const p of entry.proposals) votes.push(`${round}/proposal/${p.key}/${p.valid}`);
  }
  const locked = s.lockedValue ? toHex(s.lockedValue) : '-';
  const valid = s.validValue ? toHex(s.validValue) : '-';
  return [s.height, s.round, s.step, s.lockedRound, locked, s.validRound, valid, ...votes.sort()].join(' ');
}

/** Waits until node `i` is deciding a height and holds more than `votes` votes of it (or 2 s pass). */
async function midHeight(c: TestCluster, i: number, votes: number): Promise<void> {
  const end = Date.now() + 2000;
  for (;;) {
    const { host, chain } = c.nodes[i]!;
    const s = host.state;
    const held = [...s.log.values()].reduce((n, e) => n + e.prevote.count + e.precommit.count, 0);
    if ((s.decision === null && s.height === chain.height + 1 && held > votes) || Date.now() > end) return;
    await new Promise((r) => setImmediate(r));
  }
}

describe('consensus host loop', () => {
  it('four validators commit the same blocks, one interval apart', async () => {
    cluster = new TestCluster(4);
    await cluster.until(5, 20_000);
    const all = hashes(cluster, 5);
    for (const h of all) expect(h).toEqual(all[0]);
    expect(cluster.doubleSigned()).toEqual([]);
    const times = cluster.nodes[0]!.chain.rows(1, 5).map(
      (r) => LedgerChain.decode(r.block).block.header.time,
    );
    const interval = cluster.params.blockInterval;
    for (let h = 1; h < times.length; h++)
      expect(times[h]! - times[h - 1]!).toBeGreaterThanOrEqual((interval * 9n) / 10n);
  });

  it('a node killed at random moments replays its WAL to the exact consensus state, and never signs twice', async () => {
    cluster = new TestCluster(4);
    let replayed = 0;
    for (let crash = 0; crash < 8; crash++) {
      const victim = crash % 4;
      await midHeight(cluster, victim, cluster.rng.int(3));
      const { host, chain } = cluster.nodes[victim]!;
      const running = host.state.decision === null && host.state.height === chain.height + 1;
      const before = snapshot(cluster, victim);
      cluster.kill(victim);
      cluster.restart(victim);
      if (running) {
        // With nothing logged yet at its height, the node starts the height again from its timer.
        if (cluster.nodes[victim]!.host.state.height < 0) await new Promise((r) => setTimeout(r, 30));
        expect(snapshot(cluster, victim)).toBe(before);
        replayed++;
      }
    }
    const target = Math.max(...cluster.nodes.map((n) => n.chain.height)) + 3;
    await cluster.until(target, 20_000);
    const all = hashes(cluster, target);
    for (const h of all) expect(h).toEqual(all[0]);
    expect(cluster.doubleSigned()).toEqual([]);
    expect(cluster.evidence).toEqual([]);
    expect(replayed).toBeGreaterThan(0);
  });

  it('an error inside the loop stalls the ledger instead of the process, and clears at the next commit', async () => {
    cluster = new TestCluster(1);
    const { chain, host } = cluster.nodes[0]!;
    const real = chain.validators.bind(chain);
    chain.validators = () => {
      throw new ProtoError('bad-input', 'validators must be >= 1', 'penalize');
    };
    const end = Date.now() + 3000;
    while (host.fault === null && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(host.fault).toMatchObject({ where: 'start', code: 'bad-input', height: 1 });
    expect(chain.height).toBe(0);
    chain.validators = real;
    await cluster.until(2, 15_000);
    expect(host.fault).toBeNull();
  });
});
