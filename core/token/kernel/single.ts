import { emitRounds, FLAG, IV, scalarLanes } from './blake3.ts';
import { MEMORY } from './layout.ts';
import { Code, OP } from './wasm.ts';

/**
 * `hash(length)`: BLAKE3-256 of the `length` bytes (at most one 1024-byte chunk) at MEMORY.input,
 * zero-padded by the caller to a multiple of 64, written as 32 bytes to MEMORY.out. One chunk is
 * also the root, so the last block carries CHUNK_END | ROOT; an empty input is one empty block.
 */
export function emitHash(): Code {
  const c = new Code(['i32'], []);
  const length = 0;
  const i32 = () => c.local('i32');
  const h = Array.from({ length: 8 }, i32);
  const v = Array.from({ length: 16 }, i32);
  const m = Array.from({ length: 16 }, i32);
  const [offset, rest] = [i32(), i32()];

  IV.forEach((word, k) => c.i32(word).set(h[k]!));
  c.op(OP.loop, 0x40);
  c.get(length).get(offset).op(OP.i32Sub).set(rest);
  m.forEach((word, k) => c.get(offset).mem(OP.i32Load, 2, MEMORY.input + 4 * k).set(word));
  [...h, ...IV.slice(0, 4)].forEach((word, k) =>
    k < 8 ? c.get(word).set(v[k]!) : c.i32(word).set(v[k]!),
  );
  c.i32(0).set(v[12]!).i32(0).set(v[13]!);
  c.i32(64).get(rest).get(rest).i32(64).op(OP.i32GtU, OP.select).set(v[14]!);
  c.get(offset).op(OP.i32Eqz).i32(0).i32(FLAG.chunkEnd | FLAG.root);
  c.get(rest).i32(64).op(OP.i32GtU, OP.select, OP.i32Or).set(v[15]!);
  emitRounds(c, scalarLanes, v, m);
  h.forEach((word, k) => c.get(v[k]!).get(v[k + 8]!).op(OP.i32Xor).set(word));
  c.get(offset).i32(64).op(OP.i32Add).set(offset);
  c.get(rest).i32(64).op(OP.i32GtU, OP.brIf, 0, OP.end);
  h.forEach((word, k) => c.i32(0).get(word).mem(OP.i32Store, 2, MEMORY.out + 4 * k));
  return c;
}
