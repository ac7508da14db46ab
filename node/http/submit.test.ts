import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { MAX_HELD_PER_ORIGIN } from '../../core/token/future.ts';
import { MAX_U256 } from '../../core/token/pow.ts';
import { easyParams, mine, requiredTarget } from '../../test/gen/chain.ts';
import { Chain, nowNs } from '../chain.ts';
import { createApp } from './app.ts';

const S = 1_000_000_000n;
const now = nowNs();
const params = easyParams(now - 3600n * S); // root target MAX_U256 >> 1: the easiest target is wrong
const chains: Chain[] = [];
afterEach(() => {
  for (const c of chains.splice(0)) c.close();
});

function setup() {
  const chain = Chain.open({ params, path: ':memory:', chainId: 'test' });
  chains.push(chain);
  const source = new TokenDag(params);
  const first = mine(source, { prev: source.genesisHash, type: 1, time: now - 60n * S }).bytes;
  source.add(first, now);
  chain.submit([first]);
  const app = createApp({
    chain,
    status: () => ({
      peers: { count: 0, list: [] },
      mining: { enabled: false, type: null, threads: 0, hashRate: 0, found: 0 },
      sync: { syncing: false, orphans: 0 },
    }),
  });
  const post = async (raw: Uint8Array) => {
    const res = await app.request('/v1/tokens', {
      method: 'POST',
      body: toHex(raw),
      headers: { 'content-type': 'text/plain' },
    });
    return { status: res.status, body: (await res.json()) as { status?: string; error?: { code: string } } };
  };
  return { chain, source, post };
}

/** A block an hour ahead on the source's validator tip, with key `i` and the given target. */
function ahead(source: TokenDag, i: number, target?: bigint): Uint8Array {
  const key = new Uint8Array(32).fill(100);
  new DataView(key.buffer).setUint32(0, i);
  const prev = source.tip('validator').hash;
  return mine(source, { prev, type: 1, time: now + 3600n * S, key, ...(target ? { target } : {}) }).bytes;
}

describe('POST /v1/tokens with blocks from the future', () => {
  it('refuses a cheap block an hour ahead whose target does not follow its parent (400, not 202 held)', async () => {
    const { chain, source, post } = setup();
    expect(requiredTarget(source, source.tip('validator').hash, 1)).not.toBe(MAX_U256);
    const cheap = await post(ahead(source, 0, MAX_U256));
    expect(cheap.status).toBe(400);
    expect(cheap.body.error?.code).toBe('wrong-target');
    expect(chain.dag.heldFuture).toBe(0);
    const good = await post(ahead(source, 1));
    expect([good.status, good.body.status]).toEqual([202, 'held']);
    expect(chain.dag.heldFuture).toBe(1);
  });

  it(`holds at most ${MAX_HELD_PER_ORIGIN} future blocks from the API, then answers 400 future-full`, async () => {
    const { chain, source, post } = setup();
    for (let i = 0; i < MAX_HELD_PER_ORIGIN; i++) expect((await post(ahead(source, i))).status).toBe(202);
    const over = await post(ahead(source, MAX_HELD_PER_ORIGIN));
    expect([over.status, over.body.error?.code]).toEqual([400, 'future-full']);
    expect(chain.dag.heldFuture).toBe(MAX_HELD_PER_ORIGIN);
    const fromPeer = chain.submit([ahead(source, MAX_HELD_PER_ORIGIN + 1)], { origin: 'peer-1' });
    expect(fromPeer.outcomes[0]!.status).toBe('held');
  });
});
