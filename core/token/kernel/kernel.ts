import { ProtoError } from '../../errors.ts';
import { BLOCK_LENGTH, MERGE_BLOCK_LENGTH, OFFSET } from '../block.ts';
import { blake3Hash, type Hasher } from '../hash.ts';
import { blockMeetsTarget } from '../pow.ts';
import { FLAG } from './blake3.ts';
import { CHUNK_LENGTH, MEMORY, WORDS_CAPACITY } from './layout.ts';

/** A compiled kernel: a WebAssembly.Module (typed opaquely: Node's type definitions lack the JS API). */
export type KernelModule = object;

/** The part of the WebAssembly JS API used here, present on Node, workerd and browsers. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => KernelModule;
  Instance: new (module: KernelModule) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

type Mine = (hi: number, lo: number, count: number, targetTop: number, words: number) => number;
interface KernelExports {
  memory: { buffer: ArrayBuffer };
  mine105: Mine;
  mine137: Mine;
  hash(length: number): void;
  chain(length: number, counterLow: number, counterHigh: number, start: number, end: number): void;
}

/** A block that meets its own target. */
export interface Found {
  time: bigint;
  block: Uint8Array;
  hash: Uint8Array;
}

/** One instance of the BLAKE3 kernel (kernel.wasm). Not shared between threads: each has its own. */
export interface Kernel {
  /** BLAKE3-256; inputs up to one chunk (1024 bytes) run in the kernel, longer ones in @noble/hashes. */
  hash: Hasher;
  /** Sets the block to mine: 105 or 137 bytes whose time field is ignored. */
  setTemplate(block: Uint8Array): void;
  /**
   * The first time in [start, start + count) at which the template meets its target, or undefined.
   * `start` and `count` are multiples of 4 and count > 0.
   */
  search(start: bigint, count: number): Found | undefined;
  /** Hash bytes 0..3 of the template at each time in [start, start + count) (tests and benchmarks). */
  words(start: bigint, count: number): Uint8Array;
}

/** Compiles kernel bytes. workerd forbids compiling at run time: there, import kernel.wasm as a module. */
export function compileKernel(bytes: Uint8Array): KernelModule {
  return new wasm.Module(bytes);
}

/** A fresh kernel instance of `module` (from compileKernel, or kernel.wasm imported by workerd). */
export function createKernel(module: KernelModule): Kernel {
  const exports = new wasm.Instance(module).exports as KernelExports;
  const memory = new Uint8Array(exports.memory.buffer);
  let block: Uint8Array | undefined;
  let mine: Mine = exports.mine105;
  let targetTop = 0;

  const load = (bytes: Uint8Array) => {
    memory.set(bytes, MEMORY.input);
    memory.fill(0, MEMORY.input + bytes.length, MEMORY.input + Math.max(64, (bytes.length + 63) & ~63));
  };
  const out = () => memory.slice(MEMORY.out, MEMORY.out + 32);
  const chain = chainValues(exports, load, out);
  const hash: Hasher = (bytes) => {
    if (bytes.length > CHUNK_LENGTH) return chain ? chain(bytes) : blake3Hash(bytes);
    load(bytes);
    exports.hash(bytes.length);
    return out();
  };
  const run = (start: bigint, count: number, words: number) => {
    if (!block) throw new ProtoError('bad-input', 'kernel has no template', 'penalize');
    if ((start & 3n) !== 0n || count % 4 !== 0 || count <= 0) {
      throw new ProtoError('bad-input', `kernel range ${start}+${count} is not in groups of 4`, 'penalize');
    }
    return mine(Number(start >> 32n), Number(start & 0xffffffffn), count, targetTop, words);
  };
  /** The template at `time`, if its full 256-bit hash meets the target. */
  const check = (template: Uint8Array, time: bigint): Found | undefined => {
    const candidate = template.slice();
    new DataView(candidate.buffer).setBigUint64(OFFSET.time, time);
    const digest = hash(candidate);
    return blockMeetsTarget(digest, candidate) ? { time, block: candidate, hash: digest } : undefined;
  };

  return {
    hash,
    setTemplate(template) {
      if (template.length !== BLOCK_LENGTH && template.length !== MERGE_BLOCK_LENGTH) {
        throw new ProtoError(
          'bad-length',
          `template is ${template.length} bytes, expected 105 or 137`,
          'penalize',
        );
      }
      block = template.slice();
      memory.fill(0, MEMORY.template, MEMORY.template + 192);
      memory.set(block, MEMORY.template);
      mine = block.length === BLOCK_LENGTH ? exports.mine105 : exports.mine137;
      targetTop = new DataView(block.buffer).getUint32(OFFSET.target);
    },
    search(start, count) {
      for (let from = 0; from < count; ) {
        const at = start + BigInt(from);
        const group = run(at, count - from, 0);
        if (group === count - from) return undefined;
        for (let lane = 0; lane < 4; lane++) {
          const found = check(block!, at + BigInt(group + lane));
          if (found) return found;
        }
        from += group + 4;
      }
      return undefined;
    },
    words(start, count) {
      if (count > WORDS_CAPACITY)
        throw new ProtoError('bad-input', `at most ${WORDS_CAPACITY} words`, 'penalize');
      run(start, count, 1);
      return memory.slice(MEMORY.words, MEMORY.words + 4 * count);
    },
  };
}

/**
 * BLAKE3-256 of an input longer than one chunk through the kernel's `chain` export (BLAKE3 §2.5-2.6):
 * each chunk's chaining value, merged into parents as soon as a subtree is complete (a stack, as the
 * reference implementation), the last chunk then merged down the stack with ROOT on the final parent.
 * Undefined for a kernel binary without `chain` (the caller falls back to @noble/hashes).
 * PERF: a ledger header checkpointing 100 congresses is ~6.5 KB, hashed several times a block;
 * @noble/hashes took ~165 µs for it, about 8 times the kernel (bench:governance).
 */
function chainValues(
  exports: KernelExports,
  load: (bytes: Uint8Array) => void,
  out: () => Uint8Array,
): Hasher | undefined {
  if (typeof exports.chain !== 'function') return undefined;
  const node = (bytes: Uint8Array, counter: number, start: number, end: number) => {
    load(bytes);
    exports.chain(bytes.length, counter >>> 0, Math.floor(counter / 2 ** 32), start, end);
    return out();
  };
  const parent = (left: Uint8Array, right: Uint8Array, end: number) => {
    const block = new Uint8Array(64);
    block.set(left);
    block.set(right, 32);
    return node(block, 0, FLAG.parent, end);
  };
  return (bytes) => {
    const chunks = Math.ceil(bytes.length / CHUNK_LENGTH);
    const stack: Uint8Array[] = [];
    for (let i = 0; i < chunks - 1; i++) {
      let cv = node(
        bytes.subarray(i * CHUNK_LENGTH, (i + 1) * CHUNK_LENGTH),
        i,
        FLAG.chunkStart,
        FLAG.chunkEnd,
      );
      for (let total = i + 1; (total & 1) === 0; total >>= 1) cv = parent(stack.pop()!, cv, 0);
      stack.push(cv);
    }
    const last = chunks - 1;
    let cv = node(bytes.subarray(last * CHUNK_LENGTH), last, FLAG.chunkStart, FLAG.chunkEnd);
    while (stack.length > 0) cv = parent(stack.pop()!, cv, stack.length === 0 ? FLAG.root : 0);
    return cv;
  };
}

/**
 * The kernel's single-hash path as a Hasher for block validation: scalar WebAssembly, about ten times
 * @noble/hashes on token blocks (`npm run bench:mine`), byte for byte the same (kernel tests).
 */
export function kernelHasher(module: KernelModule): Hasher {
  return createKernel(module).hash;
}
