import { emitRound, emitRounds, FLAG, FULL_ROUND, IV, MASKS, type Message, simdLanes } from './blake3.ts';
import { CONSTANTS, MEMORY } from './layout.ts';
import { OP, SIMD } from './opcodes.ts';
import { Code, type DataSegment, uleb } from './wasm.ts';

/** Round-1 G calls that read the time words m8..m10 (G4, G5); the other six are precomputed per call. */
const TIME_CALLS: [number, number][] = [
  [4, 8],
  [5, 8],
];
const FIXED_CALLS = FULL_ROUND.filter(([g]) => g !== 4 && g !== 5);

/** The constants area (CONSTANTS): IV words in four lanes each, shuffle masks, lane offsets 0..3. */
export function constantData(): DataSegment {
  const splat = (w: number) =>
    [0, 0, 0, 0].flatMap(() => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24]);
  const lanes = [0, 1, 2, 3].flatMap((lane) => [lane, 0, 0, 0]);
  return {
    offset: MEMORY.constants,
    bytes: [...IV.flatMap(splat), ...MASKS.rotr8, ...MASKS.rotr16, ...MASKS.bswap, ...lanes],
  };
}

const load = (c: Code, address: number) => c.i32(0).simd(SIMD.v128Load, 4, ...uleb(address));
const templateWord = (c: Code, offset: number) => c.i32(0).mem(OP.i32Load, 2, MEMORY.template + offset);
const store = (c: Code, address: number) => c.simd(SIMD.v128Store, 4, ...uleb(address));

/**
 * `mine(timeHi, timeLo, count, targetTop, words) -> i32` for blocks of `length` (105 or 137) bytes
 * whose template sits at MEMORY.template. Hashes the `count` candidate times timeHi:timeLo + k, four
 * per iteration in the lanes of i32x4 (timeLo and count multiples of 4, count > 0), and returns the
 * offset k of the first group of four in which some hash's first big-endian word is <= targetTop, or
 * `count` when none is. The caller finishes the 256-bit comparison for that group. With `words` set
 * it never stops early and instead stores hash bytes 0..3 of time k at MEMORY.words + 4k (tests).
 *
 * The time (bytes 33..40) lies in message words 8..10 of the first block: round 1's columns and its
 * diagonals G6, G7 read none of them, so they run once per call; later blocks never change, and their
 * words known to be zero padding are left out. The last round computes only output word 0.
 *
 * PERF: message words, shared state and shuffle masks are loaded from memory where used. As v128
 * constants and locals they were rebuilt or spilled at every use: 10 MH/s per core instead of 16.5.
 */
export function emitMine(length: 105 | 137): Code {
  const c = new Code(['i32', 'i32', 'i32', 'i32', 'i32'], ['i32']);
  const [hi, lo, count, targetTop, words] = [0, 1, 2, 3, 4];
  const lanes = simdLanes(c, CONSTANTS);
  const i32 = () => c.local('i32');
  const vec = () => c.local('v128');
  const [i, kind, m10base] = [i32(), i32(), i32()];
  const [target, m8, m9, m10] = [vec(), vec(), vec(), vec()];
  const v = Array.from({ length: 16 }, vec);
  const blocks = length === 105 ? [16, 11] : [16, 16, 3];
  const messages: Message[] = blocks.map((used, b) =>
    Array.from({ length: 16 }, (_, w) => (w < used ? (code: Code) => load(code, splatAt(b, w)) : undefined)),
  );
  for (const [k, local] of [m8, m9, m10].entries()) messages[0]![8 + k] = (code: Code) => code.get(local);

  emitPrologue(c, { targetTop, kind, m10base, target }, blocks.length);
  initState(c, v, 64, FLAG.chunkStart);
  emitRound(c, lanes, v, messages[0]!, FIXED_CALLS);
  for (const [k, local] of v.entries()) store(c.i32(0).get(local), MEMORY.state + 16 * k);

  c.op(OP.loop, 0x40);
  emitTimeWords(c, { hi, lo, kind, m10base }, [m8, m9, m10]);
  for (const [k, local] of v.entries()) load(c, MEMORY.state + 16 * k).set(local);
  emitRounds(c, lanes, v, messages[0]!, { firstRound: TIME_CALLS });
  messages.slice(1).forEach((m, b) => {
    const last = b === messages.length - 2;
    chain(c, v, last ? length - 64 * (b + 1) : 64, last ? FLAG.chunkEnd | FLAG.root : 0);
    emitRounds(c, lanes, v, m, { word0Only: last });
  });
  c.get(words).op(OP.if, 0x40).get(i).i32(2).op(OP.i32Shl).get(v[0]!).get(v[8]!).simd(SIMD.v128Xor);
  store(c, MEMORY.words).op(OP.else);
  emitTest(c, v, target);
  c.op(OP.if, 0x40).get(i).op(OP.return, OP.end, OP.end);
  c.get(lo).i32(4).op(OP.i32Add).tee(lo).op(OP.i32Eqz).get(hi).op(OP.i32Add).set(hi);
  c.get(i).i32(4).op(OP.i32Add).tee(i).get(count).op(OP.i32LtU).op(OP.brIf, 0, OP.end);
  return c.get(count);
}

/** Splats the template's message words to memory; loads the kind byte, word 10's target bytes, target. */
function emitPrologue(
  c: Code,
  at: { targetTop: number; kind: number; m10base: number; target: number },
  blocks: number,
) {
  for (let w = 0; w < 16 * blocks; w++)
    store(templateWord(c.i32(0), 4 * w).simd(SIMD.i32x4Splat), splatAt(0, w));
  c.i32(0)
    .mem(OP.i32Load8u, 0, MEMORY.template + 32)
    .set(at.kind);
  templateWord(c, 40).i32(0xffffff00).op(OP.i32And).set(at.m10base);
  c.get(at.targetTop).simd(SIMD.i32x4Splat).set(at.target);
}

/** Address of message word `w` of block `b`, splatted. */
const splatAt = (b: number, w: number) => MEMORY.splats + 16 * (16 * b + w);

/** State words 8..15 for compressing one block: IV, counter 0, block length, flags. */
function initTail(c: Code, v: number[], blockLength: number, flags: number) {
  for (let k = 0; k < 4; k++) load(c, CONSTANTS.iv + 16 * k).set(v[k + 8]!);
  for (const [k, word] of [0, 0, blockLength, flags].entries()) c.splatConst(word).set(v[k + 12]!);
}

/** State for a chunk's first block: the IV as chaining value. */
function initState(c: Code, v: number[], blockLength: number, flags: number) {
  for (let k = 0; k < 8; k++) load(c, CONSTANTS.iv + 16 * k).set(v[k]!);
  initTail(c, v, blockLength, flags);
}

/** Next block's state from the output of the previous one: chaining value v[k] ^ v[k + 8]. */
function chain(c: Code, v: number[], blockLength: number, flags: number) {
  for (let k = 0; k < 8; k++) {
    c.get(v[k]!)
      .get(v[k + 8]!)
      .simd(SIMD.v128Xor)
      .set(v[k]!);
  }
  initTail(c, v, blockLength, flags);
}

/** Little-endian byte swap of the i32 on the stack. */
function bswap(c: Code, scratch: number) {
  c.tee(scratch).i32(0x00ff00ff).op(OP.i32And).i32(8).op(OP.i32Rotr);
  c.get(scratch).i32(0xff00ff00).op(OP.i32And).i32(8).op(OP.i32Rotl).op(OP.i32Or);
}

/**
 * Message words 8..10 for times hi:lo + 0..3. Bytes 32..43 are kind, time (8 bytes, big-endian) and
 * target[0..2], so m8 = kind | bswap(hi) << 8, m9 = (hi & 0xff) | bswap(lo) << 8 and
 * m10 = target bytes | (lo & 0xff) + lane; lo is a multiple of 4, so the lanes only set its low bits.
 */
function emitTimeWords(c: Code, at: { hi: number; lo: number; kind: number; m10base: number }, m: number[]) {
  const scratch = c.local('i32');
  c.get(at.kind).get(at.hi);
  bswap(c, scratch);
  c.i32(8).op(OP.i32Shl, OP.i32Or).simd(SIMD.i32x4Splat).set(m[0]!);
  c.get(at.hi).i32(0xff).op(OP.i32And).get(at.lo);
  bswap(c, scratch);
  c.i32(8).op(OP.i32Shl, OP.i32Or).simd(SIMD.i32x4Splat).set(m[1]!);
  c.get(at.m10base).get(at.lo).i32(0xff).op(OP.i32And, OP.i32Or).simd(SIMD.i32x4Splat);
  load(c, CONSTANTS.lanes).simd(SIMD.v128Or).set(m[2]!);
}

/** True on the stack when some lane's first big-endian hash word, bswap(v0 ^ v8), is <= the target's. */
function emitTest(c: Code, v: number[], target: number) {
  c.get(v[0]!).get(v[8]!).simd(SIMD.v128Xor);
  load(c, CONSTANTS.bswap).simd(SIMD.relaxedSwizzle);
  c.get(target).simd(SIMD.i32x4LeU).simd(SIMD.anyTrue);
}
