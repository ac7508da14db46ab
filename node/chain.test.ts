import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../core/bytes.ts';
import { TokenDag } from '../core/token/dag.ts';
import { easyParams, extend, nextBlock } from '../test/e2e/chain-fixtures.ts';
import { Chain, nowNs } from './chain.ts';

const S = 1_000_000_000n;
const now = nowNs();
const params = easyParams(now);
const dir = mkdtempSync(join(tmpdir(), 'proto-chain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Chain', () => {
  it('keeps orphans until their parent arrives, then stores both', () => {
    const path = join(dir, 'orphans.db');
    const chain = Chain.open({ params, path: path, chainId: 'test' });
    const [a, b, c] = extend(new TokenDag(params), 'validator', 3, now);
    const first = chain.submit([c!, b!], { origin: 'peer-1' });
    expect(first.outcomes.map((o) => o.status)).toEqual(['orphan', 'orphan']);
    expect(first.accepted).toHaveLength(0);
    const second = chain.submit([a!]);
    expect(second.accepted.map((x) => x.raw)).toEqual([a, b, c]);
    expect(chain.orphans.size).toBe(0);
    chain.close();
    const reopened = Chain.open({ params, path: path, chainId: 'test' });
    expect(reopened.dag.tip('validator').count).toBe(3);
    expect(reopened.raw(reopened.dag.tip('validator').hash)).toEqual(c);
    reopened.close();
  });

  it('holds blocks from the future and adds them when due', () => {
    const chain = Chain.open({ params, path: ':memory:', chainId: 'test' });
    const early = nextBlock(chain.dag, 'validator', { time: now + 60n * S });
    expect(chain.submit([early], { origin: 'peer-1' }).outcomes[0]!.status).toBe('held');
    expect(chain.retryFuture(now + 30n * S).accepted).toHaveLength(0);
    const later = chain.retryFuture(now + 50n * S);
    expect(later.accepted.map((x) => toHex(x.raw))).toEqual([toHex(early)]);
    expect(chain.raw(later.accepted[0]!.hash)).toEqual(early);
    chain.close();
  });

  it('reports a released orphan that breaks a rule against the peer that sent it', () => {
    const chain = Chain.open({ params, path: ':memory:', chainId: 'test' });
    const source = new TokenDag(params);
    const [a] = extend(source, 'validator', 1, now);
    const bad = nextBlock(source, 'validator');
    bad[72] = 0xfe; // wrong target, still meets proof of work
    expect(chain.submit([bad], { origin: 'peer-2' }).outcomes[0]!.status).toBe('orphan');
    const result = chain.submit([a!]);
    expect(result.faults.map((f) => [f.origin, f.error.code])).toEqual([['peer-2', 'wrong-target']]);
    expect(chain.dag.tip('validator').count).toBe(1);
    chain.close();
  });

  it('announces accepted blocks only after storing them', () => {
    const path = join(dir, 'announce.db');
    const chain = Chain.open({ params, path: path, chainId: 'test' });
    const seen: boolean[] = [];
    chain.onAccepted((accepted) => seen.push(...accepted.map((x) => chain.raw(x.hash) !== undefined)));
    chain.submit(extend(new TokenDag(params), 'validator', 2, now));
    expect(seen).toEqual([true, true]);
    chain.close();
  });
});
