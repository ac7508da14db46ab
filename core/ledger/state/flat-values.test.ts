import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StateWrite } from './flat-values.ts';
import { FLAT_LAYERS, FLAT_READS, FlatValues } from './flat-values.ts';

const key = (k: number) => new Uint8Array([0x01, k]);
const value = (v: number) => new Uint8Array([v, v + 1]);

/** A chain of states with a model of each state's values, for reads through the flat cache. */
function model(blocks: [number, number | null][][]) {
  const states: { flat: FlatValues; values: Map<number, number> }[] = [
    { flat: new FlatValues(), values: new Map() },
  ];
  for (const block of blocks) {
    const prev = states.at(-1)!;
    const values = new Map(prev.values);
    const writes: StateWrite[] = block.map(([k, v]) => {
      if (v === null) values.delete(k);
      else values.set(k, v);
      return { stateKey: key(k), value: v === null ? undefined : value(v) };
    });
    states.push({ flat: prev.flat.child(writes), values });
  }
  return states;
}

describe('FlatValues', () => {
  it('answers every read of every state of a chain as the tree would', () => {
    const write = fc.tuple(fc.integer({ min: 0, max: 15 }), fc.option(fc.integer({ min: 0, max: 200 })));
    fc.assert(
      fc.property(fc.array(fc.array(write, { maxLength: 6 }), { maxLength: 12 }), (blocks) => {
        const states = model(blocks);
        // Newest first and oldest first, so reads cached at one state meet reads of another.
        for (const s of [...states.slice().reverse(), ...states]) {
          for (let k = 0; k < 16; k++) {
            const walk = () => (s.values.has(k) ? value(s.values.get(k)!) : undefined);
            const expected = s.values.has(k) ? value(s.values.get(k)!) : undefined;
            expect(s.flat.get(key(k), walk)).toEqual(expected);
          }
        }
      }),
    );
  });

  it('reads a key the state or a close ancestor wrote without walking the tree', () => {
    const s0 = new FlatValues().child([{ stateKey: key(1), value: value(7) }]);
    let s = s0;
    for (let i = 1; i < FLAT_LAYERS; i++) s = s.child([{ stateKey: key(2), value: value(i) }]);
    const fail = () => {
      throw new Error('walked the tree');
    };
    expect(s.get(key(1), fail)).toEqual(value(7));
    expect(s.get(key(2), fail)).toEqual(value(FLAT_LAYERS - 1));
    // One more layer and the first write is out of reach: the tree answers.
    const deeper = s.child([]);
    expect(deeper.get(key(1), () => value(9))).toEqual(value(9));
  });

  it('keeps what one candidate read and wrote from its siblings', () => {
    const parent = new FlatValues();
    const a = parent.child([{ stateKey: key(1), value: value(1) }]);
    const b = parent.child([]);
    expect(a.get(key(2), () => value(2))).toEqual(value(2));
    expect(b.get(key(1), () => undefined)).toBeUndefined();
    expect(b.get(key(2), () => value(3))).toEqual(value(3));
    expect(a.get(key(1), () => undefined)).toEqual(value(1));
  });

  it('remembers absent keys, and stops remembering reads at FLAT_READS', () => {
    const s = new FlatValues();
    let walks = 0;
    const walk = () => {
      walks++;
      return undefined;
    };
    s.get(key(0), walk);
    s.get(key(0), walk);
    expect(walks).toBe(1);
    for (let i = 0; i < FLAT_READS + 10; i++) s.get(new Uint8Array([i >> 16, (i >> 8) & 255, i & 255]), walk);
    walks = 0;
    const last = FLAT_READS + 9;
    s.get(new Uint8Array([last >> 16, (last >> 8) & 255, last & 255]), walk);
    expect(walks).toBe(1);
  });
});
