import { emitRounds, FLAG, IV, scalarLanes } from './blake3.ts';
import { MEMORY } from './layout.ts';
import { OP } from './opcodes.ts';
import { Code } from './wasm.ts';

/**
 * `hash(length)`: BLAKE3-256 of the `length` bytes (at most one 1024-byte chunk) at MEMORY.input,
 * zero-padded by the caller to a multiple of 64, written as 32 bytes to MEMORY.out. One chunk is
 * also the root, so the last block carries CHUNK_END | ROOT; an empty input is one empty block.
 */
export function emitHash(): Code {
  const c = new Code(['i32'], []);
  return emitChain(c, {
    length: 0,
    counter: (code) => code.i32(0).i32(0),
    start: (code) => code.i32(FLAG.chunkStart),
    end: (code) => code.i32(FLAG.chunkEnd | FLAG.root),
  });
}

/**
 * `chain(length, counterLow, counterHigh, startFlags, endFlags)`: the chaining value of the `length`
 * bytes (1..1024, zero-padded by the caller to a multiple of 64) at MEMORY.input, compressed block by
 * block from the IV with the block counter `counterHigh‖counterLow`, `startFlags` on the first block
 * and `endFlags` on the last, written as 32 bytes to MEMORY.out. The caller builds BLAKE3's tree of a
 * longer input with it: chunk i is (i, CHUNK_START, CHUNK_END), a parent node the 64 bytes of its
 * children's values with (0, PARENT, 0), or (0, PARENT, ROOT) at the root.
 */
export function emitChainValue(): Code {
  const c = new Code(['i32', 'i32', 'i32', 'i32', 'i32'], []);
  return emitChain(c, {
    length: 0,
    counter: (code) => code.get(1).get(2),
    start: (code) => code.get(3),
    end: (code) => code.get(4),
  });
}

/** Where `emitChain` takes its length (a local) and pushes counter words, start and end flags from. */
interface ChainInputs {
  length: number;
  counter(c: Code): void;
  start(c: Code): void;
  end(c: Code): void;
}

function emitChain(c: Code, input: ChainInputs): Code {
  const i32 = () => c.local('i32');
  const h = Array.from({ length: 8 }, i32);
  const v = Array.from({ length: 16 }, i32);
  const m = Array.from({ length: 16 }, i32);
  const [offset, rest, counterLow, counterHigh] = [i32(), i32(), i32(), i32()];

  input.counter(c);
  c.set(counterHigh).set(counterLow);
  for (let k = 0; k < 8; k++) c.i32(IV[k]!).set(h[k]!);
  c.op(OP.loop, 0x40);
  c.get(input.length).get(offset).op(OP.i32Sub).set(rest);
  for (let k = 0; k < 16; k++)
    c.get(offset)
      .mem(OP.i32Load, 2, MEMORY.input + 4 * k)
      .set(m[k]!);
  for (let k = 0; k < 8; k++) c.get(h[k]!).set(v[k]!);
  for (let k = 0; k < 4; k++) c.i32(IV[k]!).set(v[k + 8]!);
  c.get(counterLow).set(v[12]!).get(counterHigh).set(v[13]!);
  // block length = min(rest, 64); flags = start on the first block, end on the last
  c.i32(64).get(rest).get(rest).i32(64).op(OP.i32GtU, OP.select).set(v[14]!);
  input.start(c);
  c.i32(0).get(offset).op(OP.i32Eqz, OP.select);
  c.i32(0);
  input.end(c);
  c.get(rest).i32(64).op(OP.i32GtU, OP.select, OP.i32Or).set(v[15]!);
  const message = m.map((word) => (code: Code) => code.get(word));
  emitRounds(c, scalarLanes, v, message);
  for (let k = 0; k < 8; k++)
    c.get(v[k]!)
      .get(v[k + 8]!)
      .op(OP.i32Xor)
      .set(h[k]!);
  c.get(offset).i32(64).op(OP.i32Add).set(offset);
  c.get(rest).i32(64).op(OP.i32GtU, OP.brIf, 0, OP.end);
  for (let k = 0; k < 8; k++)
    c.i32(0)
      .get(h[k]!)
      .mem(OP.i32Store, 2, MEMORY.out + 4 * k);
  return c;
}
