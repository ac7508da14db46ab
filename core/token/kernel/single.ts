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
  const length = 0;
  const i32 = () => c.local('i32');
  const h = Array.from({ length: 8 }, i32);
  const v = Array.from({ length: 16 }, i32);
  const m = Array.from({ length: 16 }, i32);
  const [offset, rest] = [i32(), i32()];

  for (let k = 0; k < 8; k++) c.i32(IV[k]!).set(h[k]!);
  c.op(OP.loop, 0x40);
  c.get(length).get(offset).op(OP.i32Sub).set(rest);
  for (let k = 0; k < 16; k++)
    c.get(offset)
      .mem(OP.i32Load, 2, MEMORY.input + 4 * k)
      .set(m[k]!);
  for (let k = 0; k < 8; k++) c.get(h[k]!).set(v[k]!);
  for (const [k, word] of [...IV.slice(0, 4), 0, 0].entries()) c.i32(word).set(v[k + 8]!);
  // block length = min(rest, 64); flags = CHUNK_START on the first block, CHUNK_END | ROOT on the last
  c.i32(64).get(rest).get(rest).i32(64).op(OP.i32GtU, OP.select).set(v[14]!);
  c.get(offset)
    .op(OP.i32Eqz)
    .i32(0)
    .i32(FLAG.chunkEnd | FLAG.root);
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
