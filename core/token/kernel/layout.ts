/** Where the kernel's exported memory holds its inputs, outputs and working data (byte offsets). */
export const MEMORY = {
  /** Block template for mining: 192 bytes (three 64-byte message blocks), zero past the block's end. */
  template: 0,
  /** Single hash output: 32 bytes. */
  out: 256,
  /** Constants from the module's data segment: see CONSTANTS. */
  constants: 512,
  /** Single hash input: up to one chunk (1024 bytes), zero up to the next multiple of 64. */
  input: 1024,
  /** The template's 48 message words, each splatted to four lanes (768 bytes). */
  splats: 2048,
  /** Round-1 state shared by every candidate time of a `mine` call: 16 vectors. */
  state: 2816,
  /** Hash words stored by `mine` in words mode: 4 bytes per candidate time, up to WORDS_CAPACITY. */
  words: 65536,
} as const;

/** Addresses of the 16-byte constants: IV words splatted (8), shuffle masks, lane offsets 0..3. */
export const CONSTANTS = {
  iv: MEMORY.constants,
  rotr8: MEMORY.constants + 128,
  rotr16: MEMORY.constants + 144,
  bswap: MEMORY.constants + 160,
  lanes: MEMORY.constants + 176,
} as const;

/** Kernel memory size in 64 KiB pages. */
export const PAGES = 2;
/** Most candidate times per `mine` call in words mode. */
export const WORDS_CAPACITY = 16384;
/** The longest input hashed in one kernel call: one BLAKE3 chunk. */
export const CHUNK_LENGTH = 1024;
