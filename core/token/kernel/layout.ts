/** Where the kernel's exported memory holds its inputs and outputs (byte offsets). */
export const MEMORY = {
  /** Block template for mining: 192 bytes (three 64-byte message blocks), zero past the block's end. */
  template: 0,
  /** Single hash output: 32 bytes. */
  out: 256,
  /** Single hash input: up to one chunk (1024 bytes), zero up to the next multiple of 64. */
  input: 1024,
  /** Hash words stored by `mine` in words mode: 4 bytes per candidate time, up to WORDS_CAPACITY. */
  words: 65536,
} as const;

/** Kernel memory size in 64 KiB pages. */
export const PAGES = 2;
/** Most candidate times per `mine` call in words mode. */
export const WORDS_CAPACITY = 16384;

/** The longest input hashed in one kernel call: one BLAKE3 chunk. */
export const CHUNK_LENGTH = 1024;
