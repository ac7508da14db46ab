import { describe, expect, it } from 'vitest';
import { easyParams, mine, rng } from '../../test/gen/chain.ts';
import { randomChain } from '../../test/gen/random-chain.ts';
import { toHex } from '../bytes.ts';
import { isProtoError } from '../errors.ts';
import { type BaseBlock, type DagBase, windowFloor } from './base.ts';
import { PROPOSAL, TokenDag, VALIDATOR } from './dag.ts';
import { blake3Hash } from './hash.ts';

const params = easyParams();
const MARGIN = 12;

/** The base a store would hold for `dag` with each subchain's checkpoint at canonical position `at`. */
function baseOf(dag: TokenDag, blocks: Uint8Array[], at: Record<string, number>): DagBase {
  const subchains = Object.entries(at).map(([id, pos]) => {
    const checkpoint = dag.canonical(id, pos - 1, 1)[0]!;
    dag.setCheckpoint(id, checkpoint);
    const floor = windowFloor(dag.info(checkpoint)!.height, MARGIN);
    let anchor = dag.info(checkpoint)!;
    while (anchor.height > floor) anchor = dag.info(anchor.prev!)!;
    return { id, floor, anchor: anchor.hash, checkpoint };
  });
  const floors = new Map(subchains.map((s) => [s.id, s.floor]));
  const held: BaseBlock[] = [];
  for (const raw of blocks) {
    const info = dag.info(blake3Hash(raw))!;
    if (info.height < (floors.get(info.subchain) ?? 0)) continue;
    held.push({ hash: info.hash, raw, aw: info.aw, count: info.count, height: info.height });
  }
  return { subchains, blocks: held };
}

function view(dag: TokenDag, id: string) {
  const tip = dag.tip(id);
  const from = dag.heldAfter(id);
  return {
    tip: toHex(tip.hash),
    count: tip.count,
    aw: tip.aw,
    canon: dag.canonical(id, from, 10_000).map(toHex),
  };
}

describe('TokenDag from a checkpointed base', () => {
  const { blocks, dag: full } = randomChain(params, { blocks: 500, seed: 77, forkRate: 0.3 });
  const at = { [VALIDATOR]: full.tip(VALIDATOR).count - 20, [PROPOSAL]: full.tip(PROPOSAL).count - 8 };
  const base = baseOf(full, blocks, at);
  const dag = TokenDag.fromBase(params, base);

  it('holds only the window and keeps the full dag’s fork choice above the anchor', () => {
    expect(dag.size).toBe(base.blocks.length + 1);
    expect(dag.size).toBeLessThan(full.size / 3);
    for (const id of [VALIDATOR, PROPOSAL]) {
      const v = view(dag, id);
      expect(dag.heldAfter(id)).toBeGreaterThan(0);
      expect(v.tip).toBe(toHex(full.tip(id).hash));
      expect(v.canon).toEqual(full.canonical(id, dag.heldAfter(id), 10_000).map(toHex));
    }
  });

  it('describes held blocks as the full dag does, parents of the lowest ones included', () => {
    for (const b of base.blocks) expect(dag.info(b.hash)).toEqual(full.info(b.hash));
    const below = blocks.map((r) => blake3Hash(r)).find((h) => !dag.has(h))!;
    expect(dag.info(below)).toBeUndefined();
  });

  it('is deterministic', () => {
    const again = TokenDag.fromBase(params, base);
    for (const id of [VALIDATOR, PROPOSAL]) expect(view(again, id)).toEqual(view(dag, id));
  });

  it('refuses positions below the window rather than answering wrongly', () => {
    let caught: unknown;
    try {
      dag.canonical(VALIDATOR, 0, 5);
    } catch (x) {
      caught = x;
    }
    expect(isProtoError(caught, 'below-window')).toBe(true);
  });

  it('judges new blocks above the checkpoint as the full dag does, and a fork below it as below-window', () => {
    const rand = rng(5);
    for (let i = 0; i < 80; i++) {
      const sub = rand() < 0.7 ? VALIDATOR : PROPOSAL;
      const t = full.template(sub)!;
      const m = mine(full, {
        prev: t.prev,
        other: t.other,
        type: t.type,
        time: t.minTime + 1000n,
        key: new Uint8Array(32).fill(i),
      });
      const a = full.add(m.bytes, m.block.time);
      const b = dag.add(m.bytes, m.block.time);
      expect(b.status).toBe(a.status);
    }
    for (const id of [VALIDATOR, PROPOSAL]) expect(view(dag, id).tip).toBe(toHex(full.tip(id).hash));
    // a block on the anchor's parent: valid for the full dag, never canonical, not judged by the window
    const low = dag.info(base.subchains[0]!.anchor)!;
    const fork = mine(full, { prev: low.hash, type: 1, time: low.time + 1n });
    expect(full.add(fork.bytes, fork.block.time).status).toBe('added');
    const o = dag.add(fork.bytes, fork.block.time);
    expect(o.status === 'refused' && o.error.code).toBe('below-window');
    expect(o.status === 'refused' && o.error.action).toBe('ignore');
    expect(view(dag, VALIDATOR).tip).toBe(toHex(full.tip(VALIDATOR).hash));
  });

  it('refuses a base whose anchor is not held at its floor', () => {
    const bad = { ...base, subchains: [{ ...base.subchains[0]!, floor: base.subchains[0]!.floor + 1 }] };
    expect(() => TokenDag.fromBase(params, bad)).toThrow(/anchor/);
  });
});
