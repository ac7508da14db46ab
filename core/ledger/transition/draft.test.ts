import { describe, expect, it } from 'vitest';
import { easyParams } from '../../../test/gen/chain.ts';
import { toHex } from '../../bytes.ts';
import { Writer } from '../../codec.ts';
import type { Checkpoints } from '../codec/header.ts';
import { congressTipOf } from './checkpoints.ts';
import { Draft } from './draft.ts';
import { resolveEnv } from './env.ts';
import { keyPair, TestLedger } from './ledger.fixture.ts';

const KEY = new Uint8Array([8, 1, 2, 3]);
const encode = (n: bigint) => new Writer().u64(n).bytes();
let decodes = 0;
const decode = (bytes: Uint8Array) => {
  decodes++;
  return { n: new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0) };
};

function draftOf(t: TestLedger): Draft {
  return new Draft(t.state, resolveEnv(t.env));
}

function ledger(): TestLedger {
  const p = easyParams();
  const validators = [1, 2].map(keyPair);
  p.validators = validators.map((v) => ({ key: v.key, uses: 100 }));
  return new TestLedger(
    p,
    validators.map((v) => v.secret),
  );
}

/** The root after writing `value` under KEY with setEntry, on a fresh draft of `t`'s state. */
function rootWithEntry(t: TestLedger, value: Uint8Array): string {
  const d = draftOf(t);
  d.setEntry(KEY, value);
  return toHex(d.finish(t.state).root);
}

describe('Draft records', () => {
  it('decodes an entry once a block and returns the same object after', () => {
    const t = ledger();
    const d = draftOf(t);
    d.setEntry(KEY, encode(5n));
    decodes = 0;
    const a = d.record(KEY, decode);
    const b = d.record(KEY, decode);
    expect(a).toEqual({ n: 5n });
    expect(b).toBe(a);
    expect(decodes).toBe(1);
    expect(d.record(new Uint8Array([8, 9]), decode)).toBeUndefined();
  });

  it('encodes a written record once, in finish, to the root setEntry gives', () => {
    const t = ledger();
    const d = draftOf(t);
    let encodes = 0;
    const counted = (v: { n: bigint }) => {
      encodes++;
      return encode(v.n);
    };
    d.setRecord(KEY, { n: 1n }, counted);
    d.setRecord(KEY, { n: 2n }, counted);
    d.setRecord(KEY, { n: 3n }, counted);
    expect(d.record(KEY, decode)).toEqual({ n: 3n });
    expect(encodes).toBe(0);
    const root = toHex(d.finish(t.state).root);
    expect(encodes).toBe(1);
    expect(root).toBe(rootWithEntry(t, encode(3n)));
    expect(root).not.toBe(rootWithEntry(t, encode(2n)));
  });

  it('keeps entry, setEntry and records consistent: the last write wins', () => {
    const t = ledger();
    const d = draftOf(t);
    d.setRecord(KEY, { n: 4n }, (v) => encode(v.n));
    expect(toHex(d.entry(KEY)!)).toBe(toHex(encode(4n)));
    d.setEntry(KEY, encode(6n));
    expect(d.record(KEY, decode)).toEqual({ n: 6n });
    expect(toHex(d.finish(t.state).root)).toBe(rootWithEntry(t, encode(6n)));
    const e = draftOf(t);
    e.setEntry(KEY, encode(6n));
    e.setRecord(KEY, { n: 7n }, (v) => encode(v.n));
    expect(toHex(e.finish(t.state).root)).toBe(rootWithEntry(t, encode(7n)));
  });

  it('a record only read is not written', () => {
    const t = ledger();
    const d = draftOf(t);
    expect(d.record(KEY, decode)).toBeUndefined();
    const untouched = draftOf(t);
    expect(toHex(d.finish(t.state).root)).toBe(toHex(untouched.finish(t.state).root));
  });
});

describe('congressTipOf', () => {
  const root = (b: number) => new Uint8Array(32).fill(b);
  const tip = (b: number) => new Uint8Array(32).fill(b + 100);
  const roots = [3, 7, 8, 20, 41, 42, 99, 200];
  const c: Checkpoints = {
    validator: new Uint8Array(32),
    proposal: new Uint8Array(32),
    congress: roots.map((b) => ({ root: root(b), tip: tip(b) })),
  };

  it('finds every root of a sorted congress list, and nothing for others', () => {
    for (const b of roots) expect(toHex(congressTipOf(c, root(b))!)).toBe(toHex(tip(b)));
    for (const b of [0, 4, 9, 43, 201, 255]) expect(congressTipOf(c, root(b))).toBeUndefined();
    expect(congressTipOf({ ...c, congress: [] }, root(3))).toBeUndefined();
  });
});
