import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { congressId } from '../core/token/dag.ts';
import { easyParams, mine } from '../test/gen/chain.ts';
import { Chain, nowNs } from './chain.ts';

const S = 1_000_000_000n;
const now = nowNs();
const params = easyParams(now - 100n * S);
const dir = mkdtempSync(join(tmpdir(), 'proto-chain-congress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const id = new Uint8Array(32).fill(0xab);
const root = { id, t0: now - 50n * S, rootTarget: params.congress.maxTarget, size: 5 };

describe('Chain: congress subchains across a restart', () => {
  it('defers stored congress blocks until the ledger reopens their proposal, then replays them', () => {
    const path = join(dir, 'congress.db');
    const chain = Chain.open({ params, path, chainId: 'test' });
    chain.openCongress(root);
    const a = mine(chain.dag, { prev: id, type: 3, time: root.t0 + 1n });
    expect(chain.submit([a.bytes]).outcomes[0]!.status).toBe('added');
    const b = mine(chain.dag, { prev: a.hash, type: 3, time: root.t0 + 2n });
    expect(chain.submit([b.bytes]).outcomes[0]!.status).toBe('added');
    chain.close();

    const reopened = Chain.open({ params, path, chainId: 'test' });
    expect(reopened.dag.has(a.hash)).toBe(false);
    reopened.openCongress(root);
    expect(reopened.dag.tip(congressId(id)).hash).toEqual(b.hash);
    expect(reopened.dag.tip(congressId(id)).count).toBe(2);
    expect(reopened.dropDeferred()).toBe(0);
    reopened.close();

    const closed = Chain.open({ params, path, chainId: 'test' });
    expect(closed.dropDeferred()).toBe(2); // a proposal closed before the head: its blocks are forgotten
    closed.close();
  });

  it('keeps a congress block that arrives before its root as an orphan and adds it when the root opens', () => {
    const chain = Chain.open({ params, path: ':memory:', chainId: 'test' });
    const other = Chain.open({ params, path: ':memory:', chainId: 'test' });
    other.openCongress(root);
    const a = mine(other.dag, { prev: id, type: 3, time: root.t0 + 1n });
    expect(chain.submit([a.bytes], { origin: 'peer' }).outcomes[0]!.status).toBe('orphan');
    const opened = chain.openCongress(root);
    expect(opened.accepted.map((x) => x.hash)).toEqual([a.hash]);
    expect(chain.dag.has(a.hash)).toBe(true);
    chain.close();
    other.close();
  });
});
