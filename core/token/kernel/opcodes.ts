/** The WebAssembly opcodes the kernel emits (core spec, binary format §5.4; SIMD and relaxed SIMD). */

/** Scalar opcodes (WebAssembly core spec, binary format §5.4). */
export const OP = {
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  brIf: 0x0d,
  return: 0x0f,
  select: 0x1b,
  i32Load: 0x28,
  i32Load8u: 0x2d,
  i32Store: 0x36,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i32Rotl: 0x77,
  i32Rotr: 0x78,
} as const;

/** SIMD opcodes, each written after the 0xfd prefix. */
export const SIMD = {
  v128Load: 0x00,
  v128Const: 0x0c,
  v128Store: 0x0b,
  i32x4Splat: 0x11,
  i32x4LeU: 0x3e,
  v128Or: 0x50,
  v128Xor: 0x51,
  anyTrue: 0x53,
  i32x4Shl: 0xab,
  i32x4ShrU: 0xad,
  i32x4Add: 0xae,
  /** Relaxed SIMD: pshufb on x86; the kernel's indices are all below 16, where it is deterministic. */
  relaxedSwizzle: 0x100,
} as const;
