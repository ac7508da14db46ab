import { describe, expect, it } from 'vitest';
import { mine } from '../../test/gen/chain.ts';
import { VectorBuilder } from '../../test/vectors/token/builder.ts';
import { toHex } from '../bytes.ts';
import { isProtoError, type ProtoErrorCode } from '../errors.ts';
import { congressId } from './dag.ts';

const V = 1;
const C = 3;

function codeOf(run: () => unknown): ProtoErrorCode | 'ok' {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (isProtoError(e)) return e.code;
    throw e;
  }
}

describe('confirmations', () => {
  it('count(tip) - count(token) for canonical tokens, undefined off the best chain', () => {
    const b = new VectorBuilder('confirmations');
    const v1 = b.add({ prev: b.genesis, type: V });
    const [p, q] = b.order(b.add({ prev: v1, type: V }), b.add({ prev: v1, type: V }));
    const m = b.add({ prev: p, other: q, type: V });
    const tip = b.add({ prev: m, type: V });
    const stale = b.add({ prev: v1, type: V });
    expect(b.dag.tip('validator').count).toBe(5);
    expect([v1, p, q, m, tip].map((h) => b.info(h).confirmations)).toEqual([4, 3, 3, 1, 0]);
    expect(b.info(stale).canonical).toBe(false);
    expect(b.info(stale).confirmations).toBeUndefined();
    expect(b.info(b.genesis).confirmations).toBeUndefined();
    expect(b.dag.confirmationsAt(v1, m)).toBe(3);
    expect(b.dag.confirmationsAt(stale, stale)).toBe(0);
    expect(b.dag.confirmationsAt(stale, tip)).toBeUndefined();
    expect(b.dag.confirmationsAt(b.genesis, tip)).toBeUndefined();
  });
});

describe('add outcomes', () => {
  it('says what became of each block: added, known, orphan with its missing parent, future, refused', () => {
    const miner = new VectorBuilder('outcomes');
    const v1 = miner.mine({ prev: miner.genesis, type: V });
    miner.dag.addOrThrow(v1.bytes, miner.now);
    const v2 = miner.mine({ prev: v1.hash, type: V });
    const late = miner.mine({ prev: v1.hash, type: V, time: miner.now + 16_000_000_000n });
    const b = new VectorBuilder('outcomes');
    const orphan = b.dag.add(v2.bytes, b.now);
    expect(orphan).toEqual({ status: 'orphan', hash: v2.hash, missing: v1.hash });
    expect(b.dag.has(v2.hash)).toBe(false);
    const added = b.dag.add(v1.bytes, b.now);
    expect(added.status === 'added' && toHex(added.added.hash)).toBe(toHex(v1.hash));
    expect(b.dag.add(v1.bytes, b.now)).toEqual({ status: 'known', hash: v1.hash });
    expect(b.dag.add(late.bytes, b.now)).toEqual({
      status: 'future',
      hash: late.hash,
      time: late.block.time,
      now: b.now,
    });
    const bad = v2.bytes.slice(0, 100);
    const refused = b.dag.add(bad, b.now);
    expect(refused.status === 'refused' && refused.error.code).toBe('bad-length');
    expect(codeOf(() => b.dag.addOrThrow(v1.bytes, b.now))).toBe('duplicate');
    expect(codeOf(() => b.dag.addOrThrow(late.bytes, b.now))).toBe('from-future');
  });
});

describe('congress subchains', () => {
  it('accepts blocks while count(prev) < Q; a final merge reaches Q + 1, then nothing more', () => {
    const b = new VectorBuilder('congress');
    const root = b.root(0x11, 3);
    const id = congressId(root);
    expect(b.dag.template(id)!.target).toBe(b.params.validator.rootTarget);
    const c1 = b.add({ prev: root, type: C });
    const [p, q] = b.order(b.add({ prev: c1, type: C }), b.add({ prev: c1, type: C }));
    const full = b.add({ prev: p, other: q, type: C });
    expect(b.dag.tip(id).count).toBe(4);
    expect(b.dag.template(id)).toBeUndefined();
    expect(codeOf(() => b.dag.addOrThrow(b.mine({ prev: full, type: C }).bytes, b.now))).toBe('congress-cap');
    const c3 = b.add({ prev: p, type: C });
    expect(b.info(c3).count).toBe(3);
    expect(codeOf(() => b.dag.addOrThrow(b.mine({ prev: c3, type: C }).bytes, b.now))).toBe('congress-cap');
    expect(b.dag.subchains()).toEqual(['validator', 'proposal', id]);
    expect(codeOf(() => b.root(0x11, 3))).toBe('duplicate');
  });

  it('bestTipOf names the best tip of the subchain a root opens, nothing for other hashes', () => {
    const b = new VectorBuilder('best-tip');
    const [one, two] = [b.root(0x31, 5), b.root(0x32, 5)];
    const c1 = b.add({ prev: one, type: C });
    const c2 = b.add({ prev: c1, type: C });
    expect(toHex(b.dag.bestTipOf(one)!)).toBe(toHex(c2));
    expect(toHex(b.dag.bestTipOf(one)!)).toBe(toHex(b.dag.tip(congressId(one)).hash));
    expect(toHex(b.dag.bestTipOf(two)!)).toBe(toHex(two)); // no block yet: the root itself
    expect(b.dag.bestTipOf(c1)).toBeUndefined(); // a block, not a root
    expect(b.dag.bestTipOf(new Uint8Array(32).fill(9))).toBeUndefined();
    expect(b.dag.bestTipOf(b.genesis)).toBeUndefined(); // the genesis roots two subchains
  });

  it('rejects blocks of a closed congress and offers no template for it', () => {
    const b = new VectorBuilder('closed');
    const root = b.root(0x22, 5);
    const c1 = b.add({ prev: root, type: C });
    b.dag.closeSubchain(congressId(root));
    expect(b.dag.template(congressId(root))).toBeUndefined();
    expect(codeOf(() => b.dag.addOrThrow(b.mine({ prev: c1, type: C }).bytes, b.now))).toBe(
      'unknown-subchain',
    );
    expect(codeOf(() => b.dag.addOrThrow(b.mine({ prev: root, type: C }).bytes, b.now))).toBe(
      'unknown-subchain',
    );
    expect(codeOf(() => b.dag.tip('congress:00'))).toBe('unknown-subchain');
  });
});

describe('template', () => {
  it('offers a merge of a competing leaf, and the block it describes is valid', () => {
    const b = new VectorBuilder('template');
    const v1 = b.add({ prev: b.genesis, type: V });
    const first = b.dag.template('validator')!;
    expect(first.other).toBeUndefined();
    expect(toHex(first.prev)).toBe(toHex(v1));
    expect(first.minTime).toBe(b.time(v1) + 1n);
    const [p, q] = b.order(b.add({ prev: v1, type: V }), b.add({ prev: v1, type: V, dt: 5_000_000_000n }));
    const t = b.dag.template('validator')!;
    expect([toHex(t.prev), toHex(t.other!)]).toEqual([toHex(p), toHex(q)]);
    expect(t.minTime).toBe((b.time(p) > b.time(q) ? b.time(p) : b.time(q)) + 1n);
    const m = mine(b.dag, { prev: t.prev, other: t.other!, type: t.type, time: t.minTime });
    expect(m.block.target).toBe(t.target);
    const added = b.dag.addOrThrow(m.bytes, b.now);
    expect(added.tipChanged).toBe(true);
    expect(b.dag.tip('validator').count).toBe(4);
    expect(b.dag.template('validator')!.other).toBeUndefined();
  });

  it('does not offer a leaf too deep to merge', () => {
    const b = new VectorBuilder('template-deep');
    const v1 = b.add({ prev: b.genesis, type: V });
    b.add({ prev: v1, type: V, dt: 3_000_000_000n });
    let at = v1;
    for (let i = 0; i < 3; i++) at = b.add({ prev: at, type: V });
    expect(b.dag.template('validator')!.other).toBeUndefined();
  });
});
