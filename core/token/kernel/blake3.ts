import { OP, SIMD } from './opcodes.ts';
import { type Code, uleb, type ValType } from './wasm.ts';

/** BLAKE3 constants (BLAKE3 spec §2.1-2.2). */
export const IV = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
] as const;
export const FLAG = { chunkStart: 1, chunkEnd: 2, parent: 4, root: 8 } as const;
const PERMUTATION = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];

/** The state words each of the 8 G calls of a round mixes: 4 columns, then 4 diagonals. */
const G_WORDS = [
  [0, 4, 8, 12],
  [1, 5, 9, 13],
  [2, 6, 10, 14],
  [3, 7, 11, 15],
  [0, 5, 10, 15],
  [1, 6, 11, 12],
  [2, 7, 8, 13],
  [3, 4, 9, 14],
] as const;

/** How 32-bit words (one, or four lanes of a v128) are added, xored and rotated on the wasm stack. */
export interface Lanes {
  type: ValType;
  add(c: Code): void;
  xor(c: Code): void;
  rotr(c: Code, bits: number): void;
}

/** One word per value: native i32 rotate. */
export const scalarLanes: Lanes = {
  type: 'i32',
  add: (c) => c.op(OP.i32Add),
  xor: (c) => c.op(OP.i32Xor),
  rotr: (c, bits) => c.i32(bits).op(OP.i32Rotr),
};

/** Shuffle masks for the kernel's constant area: each 32-bit lane rotated right by 8 or 16 bits, or byte-swapped. */
export const MASKS = {
  rotr8: Array.from({ length: 16 }, (_, i) => (i & ~3) | ((i + 1) & 3)),
  rotr16: Array.from({ length: 16 }, (_, i) => (i & ~3) | ((i + 2) & 3)),
  bswap: Array.from({ length: 16 }, (_, i) => (i & ~3) | (3 - (i & 3))),
};

/**
 * Four lanes of i32x4. A rotation by whole bytes is one pshufb with its mask loaded from memory (a
 * v128.const would be rebuilt at every use); by 12 or 7 bits it is two shifts and an or through a scratch
 * local of `code`.
 */
export function simdLanes(code: Code, masks: { rotr8: number; rotr16: number }): Lanes {
  const scratch = code.local('v128');
  return {
    type: 'v128',
    add: (c) => c.simd(SIMD.i32x4Add),
    xor: (c) => c.simd(SIMD.v128Xor),
    rotr: (c, bits) => {
      if (bits === 8 || bits === 16) {
        c.i32(0).simd(SIMD.v128Load, 4, ...uleb(bits === 8 ? masks.rotr8 : masks.rotr16));
        c.simd(SIMD.relaxedSwizzle);
      } else {
        c.tee(scratch).i32(bits).simd(SIMD.i32x4ShrU);
        c.get(scratch)
          .i32(32 - bits)
          .simd(SIMD.i32x4Shl)
          .simd(SIMD.v128Or);
      }
    },
  };
}

/** Pushes one message word (or four lanes of it). */
export type Word = (c: Code) => void;
/** A block's 16 message words; `undefined` marks a word known to be zero, whose additions are left out. */
export type Message = (Word | undefined)[];

/**
 * The first `steps` of the 8 steps of G on the state locals `v` (BLAKE3 spec §2.2). A full G has 8;
 * stopping early serves a last round whose only needed outputs are words 0 and 8.
 */
function emitG(
  c: Code,
  lanes: Lanes,
  v: number[],
  g: number,
  x: Word | undefined,
  y: Word | undefined,
  steps: number,
) {
  const [a, b, cc, d] = G_WORDS[g]!.map((i) => v[i]!) as [number, number, number, number];
  const add = (to: number, from: number, m?: Word) => {
    c.get(to).get(from);
    lanes.add(c);
    if (m) {
      m(c);
      lanes.add(c);
    }
    c.set(to);
  };
  const mix = (to: number, from: number, bits: number) => {
    c.get(to).get(from);
    lanes.xor(c);
    lanes.rotr(c, bits);
    c.set(to);
  };
  const ops = [
    () => add(a, b, x),
    () => mix(d, a, 16),
    () => add(cc, d),
    () => mix(b, cc, 12),
    () => add(a, b, y),
    () => mix(d, a, 8),
    () => add(cc, d),
    () => mix(b, cc, 7),
  ];
  for (const op of ops.slice(0, steps)) op();
}

/** All 8 G calls of a round with 8 steps each. */
export const FULL_ROUND: [number, number][] = G_WORDS.map((_, g) => [g, 8]);
/** The last round when only output word 0 (v0 ^ v8) is needed: all columns, then G4 to v0 and G6 to v8. */
const WORD0_ROUND: [number, number][] = [
  [0, 8],
  [1, 8],
  [2, 8],
  [3, 8],
  [4, 5],
  [6, 7],
];

/** One round: the listed G calls as [index, steps], with message words in this round's order. */
export function emitRound(c: Code, lanes: Lanes, v: number[], m: Message, calls: [number, number][]) {
  for (const [g, steps] of calls) emitG(c, lanes, v, g, m[2 * g], m[2 * g + 1], steps);
}

/**
 * The 7 rounds of the compression function on state locals `v` (already initialised). `firstRound`
 * limits round 1 to calls whose inputs were not precomputed; `word0Only` trims the last round.
 */
export function emitRounds(
  c: Code,
  lanes: Lanes,
  v: number[],
  message: Message,
  options: { firstRound?: [number, number][]; word0Only?: boolean } = {},
) {
  let m = message;
  for (let r = 0; r < 7; r++) {
    const calls = r === 0 && options.firstRound ? options.firstRound : FULL_ROUND;
    emitRound(c, lanes, v, m, r === 6 && options.word0Only ? WORD0_ROUND : calls);
    m = PERMUTATION.map((i) => m[i]);
  }
}
