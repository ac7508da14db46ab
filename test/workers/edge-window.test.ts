/**
 * The token store's window on Durable Object SQLite: only the blocks above the ledger checkpoints (and
 * a margin) stay in memory, while every read (ranges, pages, tokens by hash, locators) answers as a
 * full DAG would; a restart rebuilds the window from SQLite; blocks below the window are `known` or
 * `below-window`, never judged wrongly. Locators are answered from the first canonical block they
 * name, through the relay as a node's sync sends them.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/durable-sqlite';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { tokenJson } from '../../core/api/types.ts';
import { equalBytes, fromHex, toHex } from '../../core/bytes.ts';
import { createTables, saveTokens } from '../../core/store/queries.ts';
import { PROPOSAL, TokenDag, VALIDATOR } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { edgeStores } from '../../edge/stores/index.ts';
import { TokenWindow } from '../../edge/stores/token-window.ts';
import { mine } from '../gen/chain.ts';
import { randomChain } from '../gen/random-chain.ts';
import { edgeTestParams } from './fixtures.ts';
import { closeAll, openRelay } from './relay-client.ts';

const params = edgeTestParams();
const MARGIN = 6;
const NOW = params.genesisTime + 10n ** 18n;
const { blocks } = randomChain(params, { blocks: 400, seed: 0x3d, forkRate: 0.3 });

/** Feeds `blocks` to a window and a full reference DAG, checkpointing both every 10 blocks. */
function load(w: TokenWindow, ref: TokenDag, list: readonly Uint8Array[]): number[] {
  const held: number[] = [];
  list.forEach((raw, i) => {
    ref.add(raw, NOW);
    expect(w.addToken(raw, NOW).outcome).toBe('added');
    if (i % 10 !== 9) return;
    for (const [id, lag] of [
      [VALIDATOR, 6],
      [PROPOSAL, 3],
    ] as const) {
      const count = ref.tip(id).count - lag;
      if (count < 1) continue;
      const hash = ref.canonical(id, count - 1, 1)[0]!;
      const info = ref.info(hash)!;
      if (!equalBytes(ref.canonical(id, info.count - 1, 1)[0]!, hash)) continue; // a merged block: not a checkpoint
      ref.setCheckpoint(id, hash);
      expect(w.checkpoint(id, hash)).toBe(true);
    }
    held.push(w.window().held);
  });
  return held;
}

/** Every read of `w` equals the full DAG's. */
function sameReads(w: TokenWindow, ref: TokenDag): void {
  for (const id of [VALIDATOR, PROPOSAL]) {
    expect(toHex(w.dag.tip(id).hash)).toBe(toHex(ref.tip(id).hash));
    const n = ref.tip(id).count;
    const all = ref.canonical(id, 0, n).map((h) => toHex(blake3Hash(w.tokensByHash([h])[0]!)));
    expect(all).toEqual(ref.canonical(id, 0, n).map(toHex));
    expect(w.tokenRange(id, 0, n).map((r) => toHex(blake3Hash(r)))).toEqual(all);
    expect(w.tokenRange(id, 3, 7).map((r) => toHex(blake3Hash(r)))).toEqual(all.slice(3, 10));
    expect(w.page(id, 1, 5)!.page.tokens.map((t) => t.hash)).toEqual(all.slice(1, 6));
  }
  for (const raw of blocks) {
    const hash = blake3Hash(raw);
    expect(w.token(hash)).toEqual(tokenJson(ref.info(hash)!, raw));
  }
}

describe('token store window', () => {
  it('holds a bounded window, answers every read as the full DAG, and restarts from SQLite', async () => {
    const stub = env.TOKENS.getByName('window-case');
    await runInDurableObject(stub, (_, state) => {
      const db = drizzle(state.storage);
      const ref = new TokenDag(params);
      const w = new TokenWindow(db, params, NOW, MARGIN);
      const held = load(w, ref, blocks);
      const floors = w.window().floors;
      expect(floors[VALIDATOR]).toBeGreaterThan(MARGIN);
      // the window never grew with the chain: at the end it holds far fewer than the full DAG
      expect(ref.size).toBe(blocks.length + 1);
      expect(Math.max(...held.slice(held.length / 2))).toBeLessThan(ref.size / 3);
      sameReads(w, ref);

      const again = new TokenWindow(db, params, NOW, MARGIN);
      expect(again.window()).toEqual(w.window());
      sameReads(again, ref);

      // below the window: a stored block is known, a fork on a pruned block is below-window (blameless)
      expect(again.addToken(blocks[3]!, NOW)).toEqual({ outcome: 'known' });
      const old = ref.info(blake3Hash(blocks[5]!))!;
      const sub = old.subchain === VALIDATOR ? 1 : 2;
      const fork = mine(ref, {
        prev: old.hash,
        type: sub,
        time: old.time + 1n,
        key: new Uint8Array(32).fill(0xee),
      });
      expect(ref.add(fork.bytes, NOW).status).toBe('added');
      expect(again.addToken(fork.bytes, NOW)).toMatchObject({ outcome: 'refused', code: 'below-window' });
      expect(again.tokensByHash([fork.hash])).toEqual([]);
    });
  });

  it('indexes a store written before the index once, from genesis, then windows it', async () => {
    const stub = env.TOKENS.getByName('legacy-case');
    await runInDurableObject(stub, (_, state) => {
      const db = drizzle(state.storage);
      createTables(db);
      saveTokens(
        db,
        blocks.map((raw) => ({ hash: blake3Hash(raw), raw })),
      );
      const ref = new TokenDag(params);
      for (const raw of blocks) ref.add(raw, NOW);
      const w = new TokenWindow(db, params, NOW, MARGIN);
      expect(w.window().held).toBe(ref.size);
      const c = ref.canonical(VALIDATOR, ref.tip(VALIDATOR).count - 4, 1)[0]!;
      ref.setCheckpoint(VALIDATOR, c);
      expect(w.checkpoint(VALIDATOR, c)).toBe(true);
      expect(w.window().held).toBeLessThan(ref.size / 2);
      sameReads(w, ref);
      sameReads(new TokenWindow(db, params, NOW, MARGIN), ref);
    });
  });

  it('answers locators from their first canonical block, below the window too', async () => {
    const stub = env.TOKENS.getByName('locator-case');
    await runInDurableObject(stub, (_, state) => {
      const ref = new TokenDag(params);
      const w = new TokenWindow(drizzle(state.storage), params, NOW, MARGIN);
      load(w, ref, blocks);
      const n = ref.tip(VALIDATOR).count;
      const chain = ref.canonical(VALIDATOR, 0, n).filter((h, i) => ref.info(h)!.count === i + 1);
      const low = chain[2]!; // final, below the window
      const high = chain.at(-2)!; // held
      expect(ref.info(low)!.count).toBeLessThanOrEqual(w.dag.heldAfter(VALIDATOR));
      const base = ref.info(chain.at(-4)!)!;
      const fork = mine(ref, {
        prev: base.hash,
        type: 1,
        time: base.time + 1n,
        key: new Uint8Array(32).fill(0xef),
      });
      ref.add(fork.bytes, NOW);
      expect(w.addToken(fork.bytes, NOW)).toMatchObject({ outcome: 'added', tipChanged: false });
      const stale = fork.hash;
      expect(ref.info(stale)!.canonical).toBe(false);
      const unknown = new Uint8Array(32).fill(3);
      const from = (locator: Uint8Array[], after = 0) => w.tokensFrom(VALIDATOR, after, locator, 4);
      const at = (h: Uint8Array) => ref.info(h)!.count;
      expect(from([unknown, stale, low]).after).toBe(at(low));
      expect(from([unknown, stale, low]).raws.map((r) => toHex(blake3Hash(r)))).toEqual(
        ref.canonical(VALIDATOR, at(low), 4).map(toHex),
      );
      expect(from([high, low]).after).toBe(at(high));
      expect(from([unknown, stale]).after).toBe(0);
      expect(from([], 5).after).toBe(5);
      expect(w.tokensFrom(PROPOSAL, 0, [low], 4).after).toBe(0);
    });
  });
});

describe('getTokens with a locator through the relay', () => {
  afterEach(closeAll);

  it('answers after the first locator block on the edge’s chain, as a node does', async () => {
    const chainId = fromHex(inject('nodeSide').chainIds.edgeTest, 32)!;
    const stores = edgeStores(env);
    const ref = new TokenDag(params);
    for (const raw of blocks.slice(0, 80)) {
      ref.add(raw, NOW);
      expect((await stores.addToken(raw)).outcome).toBe('added');
    }
    const n = ref.tip(VALIDATOR).count;
    const chain = ref.canonical(VALIDATOR, 0, n).filter((h, i) => ref.info(h)!.count === i + 1);
    const mark = chain[Math.floor(chain.length / 2)]!;
    const c = await openRelay(chainId);
    const locator = [new Uint8Array(32).fill(1), mark, chain[0]!];
    c.send({ type: 'getTokens', id: 9, subchain: VALIDATOR, after: 0, limit: 3, locator });
    const answer = await c.next('tokens');
    const at = ref.info(mark)!.count;
    expect(answer.start).toBe(at + 1);
    expect(answer.raws.map((r) => toHex(blake3Hash(r)))).toEqual(ref.canonical(VALIDATOR, at, 3).map(toHex));
  });
});
